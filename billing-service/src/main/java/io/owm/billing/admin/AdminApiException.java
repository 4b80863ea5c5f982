package io.owm.billing.admin;

import org.springframework.http.HttpStatus;

/** An admin request that cannot be done as asked; rendered in the API's error shape by {@link AdminErrors}. */
class AdminApiException extends RuntimeException {

    private final HttpStatus status;
    private final String errorType;

    private AdminApiException(HttpStatus status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    static AdminApiException badRequest(String message) {
        return new AdminApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    static AdminApiException outOfRange(String message) {
        return new AdminApiException(HttpStatus.BAD_REQUEST, "balance_out_of_range", message);
    }

    static AdminApiException unknownUser(String userId) {
        return new AdminApiException(HttpStatus.NOT_FOUND, "user_not_found", "No user with id " + userId);
    }

    static AdminApiException idempotencyKeyReused(String key) {
        return new AdminApiException(HttpStatus.CONFLICT, "idempotency_key_reused",
                "Idempotency-Key " + key + " was already used for a different change");
    }

    HttpStatus status() {
        return status;
    }

    String errorType() {
        return errorType;
    }
}
