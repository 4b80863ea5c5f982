package io.owm.analytics.web;

import io.owm.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** A query parameter the panel API cannot take; the message says what it accepts, the answer names it. */
public class BadParameterException extends ApiException {

    public BadParameterException(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid_request", message, parameter);
    }
}
