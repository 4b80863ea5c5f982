package io.owm.catalog.web;

import io.owm.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** A request the catalog cannot do as asked; rendered in the API's error shape like every service's. */
public class CatalogApiException extends ApiException {

    public CatalogApiException(HttpStatus status, String errorType, String message) {
        super(status, errorType, message);
    }

    public static CatalogApiException badRequest(String message) {
        return new CatalogApiException(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    public static CatalogApiException unknownModel(String modelId) {
        return new CatalogApiException(HttpStatus.NOT_FOUND, "model_not_found", "No model with id " + modelId);
    }
}
