package io.owm.catalog.pricing;

import io.owm.catalog.web.CatalogApiException;
import org.springframework.http.HttpStatus;

/** A price request that cannot be read at all: answered 400 as a whole. */
class PriceRequestException extends CatalogApiException {

    PriceRequestException(String message) {
        super(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }
}
