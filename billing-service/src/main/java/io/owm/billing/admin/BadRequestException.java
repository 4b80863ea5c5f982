package io.owm.billing.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request parameter that is wrong; the message names it. */
class BadRequestException extends ResponseStatusException {

    BadRequestException(String reason) {
        super(HttpStatus.BAD_REQUEST, reason);
    }
}
