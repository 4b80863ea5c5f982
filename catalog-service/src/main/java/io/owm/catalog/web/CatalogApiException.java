package io.owm.catalog.web;

import org.springframework.http.HttpStatus;

/** A request the catalog cannot do as asked; rendered by {@link CatalogErrors} in the API's error shape. */
public class CatalogApiException extends RuntimeException {

    private final HttpStatus status;
    private final String errorType;

    public CatalogApiException(HttpStatus status, String errorType, String message) {
        super(message);
        this.status = status;
        this.errorType = errorType;
    }

    public static CatalogApiException badRequest(String message) {
        return new CatalogApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    public static CatalogApiException unknownModel(String modelId) {
        return new CatalogApiException(HttpStatus.NOT_FOUND, "model_not_found", "No model with id " + modelId);
    }

    HttpStatus status() {
        return status;
    }

    String errorType() {
        return errorType;
    }
}
