package io.owm.gateway.web;

import org.springframework.http.HttpStatus;

/**
 * A function API request that cannot be served; carries the status, the contract's {@code error_type} and, for a
 * bad field, the field's name ({@code parameter}).
 */
public class FunctionApiException extends RuntimeException {

    private final HttpStatus status;
    private final String errorType;
    private final String parameter;

    public FunctionApiException(HttpStatus status, String errorType, String message) {
        this(status, errorType, message, null);
    }

    private FunctionApiException(HttpStatus status, String errorType, String message, String parameter) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.parameter = parameter;
    }

    public static FunctionApiException invalid(String message) {
        return new FunctionApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    /** A field that is missing or outside its bounds. */
    public static FunctionApiException invalidField(String parameter, String message) {
        return new FunctionApiException(HttpStatus.BAD_REQUEST, "invalid_request", message, parameter);
    }

    public HttpStatus status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    /** The field at fault, or null. */
    public String parameter() {
        return parameter;
    }
}
