package io.owm.gateway.web;

import io.owm.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** A function API request that cannot be served; rendered in the contract's error shape by the shared advice. */
public class FunctionApiException extends ApiException {

    public FunctionApiException(HttpStatus status, String errorType, String message) {
        super(status, errorType, message);
    }

    private FunctionApiException(String parameter, String message) {
        super(HttpStatus.BAD_REQUEST, "invalid_request", message, parameter);
    }

    public static FunctionApiException invalid(String message) {
        return new FunctionApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    /** A field that is missing or outside its bounds. */
    public static FunctionApiException invalidField(String parameter, String message) {
        return new FunctionApiException(parameter, message);
    }
}
