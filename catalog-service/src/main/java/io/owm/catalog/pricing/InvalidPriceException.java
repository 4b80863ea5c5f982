package io.owm.catalog.pricing;

/** One entry of a price batch that cannot be applied; the batch's other entries still are. */
class InvalidPriceException extends RuntimeException {

    InvalidPriceException(String message) {
        super(message);
    }
}
