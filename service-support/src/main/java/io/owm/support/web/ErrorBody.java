package io.owm.support.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** The error shape of the API contract, in its field order: {@code success}, {@code error}, {@code error_type}. */
public final class ErrorBody {

    private ErrorBody() {
    }

    public static Map<String, Object> of(String errorType, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message);
        body.put("error_type", errorType);
        return body;
    }

    public static Map<String, Object> of(ApiException e) {
        Map<String, Object> body = of(e.errorType(), e.getMessage());
        if (e.parameter() != null) {
            body.put("parameter", e.parameter());
        }
        return body;
    }
}
