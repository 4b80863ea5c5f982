package io.owm.support.web;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served as asked, in every service: the status, the contract's {@code error_type} and,
 * for a bad field or parameter, its name. {@link ApiErrorAdvice} renders it as
 * {@code {"success": false, "error": "...", "error_type": "..."[, "parameter": "..."]}}.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String errorType;
    private final String parameter;

    public ApiException(HttpStatus status, String errorType, String message) {
        this(status, errorType, message, null);
    }

    public ApiException(HttpStatus status, String errorType, String message, String parameter) {
        super(message);
        this.status = status;
        this.errorType = errorType;
        this.parameter = parameter;
    }

    public static ApiException invalid(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    /** A field or parameter that is missing or outside its bounds, named in the answer. */
    public static ApiException invalidParameter(String parameter, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", message, parameter);
    }

    public HttpStatus status() {
        return status;
    }

    public String errorType() {
        return errorType;
    }

    /** The field or parameter at fault, or null. */
    public String parameter() {
        return parameter;
    }
}
