package io.owm.gateway.web;

import org.springframework.http.HttpStatus;

/** A function API request that cannot be served; carries the status and the contract's {@code error_type}. */
public class FunctionApiException extends RuntimeException {

    private final HttpStatus status;
    private final String errorType;

    public FunctionApiException(HttpStatus status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    public static FunctionApiException invalid(String message) {
        return new FunctionApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    public HttpStatus status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }
}
