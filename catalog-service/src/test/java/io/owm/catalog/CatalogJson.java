package io.owm.catalog;

import java.util.stream.StreamSupport;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the catalog's answers with decimals kept exact. */
final class CatalogJson {

    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private CatalogJson() {
    }

    static JsonNode read(String body) {
        return EXACT.readTree(body);
    }

    /** The model with this id in a models list; fails when it is not there. */
    static JsonNode model(JsonNode list, String id) {
        return StreamSupport.stream(list.spliterator(), false)
                .filter(model -> id.equals(model.path("id").stringValue()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No model " + id + " in " + list));
    }
}
