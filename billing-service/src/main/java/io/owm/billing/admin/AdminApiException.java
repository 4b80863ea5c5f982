package io.owm.billing.admin;

import io.owm.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** An admin request that cannot be done as asked; rendered in the API's error shape like every service's. */
class AdminApiException extends ApiException {

    private AdminApiException(HttpStatus status, String errorType, String message) {
        super(status, errorType, message);
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
}
