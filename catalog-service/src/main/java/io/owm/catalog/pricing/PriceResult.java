package io.owm.catalog.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.owm.catalog.model.ModelView;

/** The outcome for one model of a price batch or a derived-price sync: the model as stored, or why not. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PriceResult(String id, boolean success, ModelView data, String error) {

    static PriceResult applied(ModelView model) {
        return new PriceResult(model.id(), true, model, null);
    }

    static PriceResult failed(String id, String error) {
        return new PriceResult(id, false, null, error);
    }
}
