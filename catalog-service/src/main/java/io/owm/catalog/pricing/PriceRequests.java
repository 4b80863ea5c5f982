package io.owm.catalog.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a price batch, {@code [{id, input_price, output_price, per_msg_price}]} or {@code {updates: [...]}}, with
 * decimals kept exact. Each entry is checked on its own: a bad entry becomes a failed result naming the problem,
 * the others are applied.
 */
final class PriceRequests {

    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Prices are stored with 6 decimals; more would be rounded without a word. */
    private static final int MAX_DECIMALS = 6;
    private static final BigDecimal OFF = BigDecimal.ONE.negate();

    private PriceRequests() {
    }

    /** The entries of the body; a body that is not a list of entries at all is a {@link PriceRequestException}. */
    static List<JsonNode> entries(String body) {
        JsonNode root;
        try {
            root = EXACT.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw new PriceRequestException("The body is not valid JSON");
        }
        JsonNode list = root != null && root.isObject() ? root.path("updates") : root;
        if (list == null || !list.isArray()) {
            throw new PriceRequestException("The body must be a list of prices or {\"updates\": [...]}");
        }
        List<JsonNode> entries = new ArrayList<>();
        list.forEach(entries::add);
        return entries;
    }

    /** The {@code modelId} of a {@code {"modelId": "..."}} body. */
    static String modelIdOf(String body) {
        JsonNode root;
        try {
            root = EXACT.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw new PriceRequestException("The body is not valid JSON");
        }
        JsonNode id = root == null ? null : root.path("modelId");
        if (id == null || !id.isString() || id.stringValue().isBlank()) {
            throw new PriceRequestException("modelId is required");
        }
        return id.stringValue();
    }

    /** The entry's model id, or null when it has none (the entry fails with "id is required"). */
    static String idOf(JsonNode entry) {
        JsonNode id = entry.path("id");
        return id.isString() && !id.stringValue().isBlank() ? id.stringValue() : null;
    }

    /** Checks one entry against the limits; throws {@link InvalidPriceException} naming the first problem. */
    static PriceUpdate parse(JsonNode entry, BigDecimal maxPrice) {
        String id = idOf(entry);
        if (id == null) {
            throw new InvalidPriceException("id is required");
        }
        BigDecimal input = price(entry, "input_price", maxPrice);
        BigDecimal output = price(entry, "output_price", maxPrice);
        BigDecimal perMessage = perMessagePrice(entry, maxPrice);
        if (input == null && output == null && perMessage == null) {
            throw new InvalidPriceException("no price given: send input_price, output_price or per_msg_price");
        }
        return new PriceUpdate(id, input, output, perMessage);
    }

    private static BigDecimal price(JsonNode entry, String field, BigDecimal maxPrice) {
        BigDecimal value = number(entry, field);
        if (value != null && value.signum() < 0) {
            throw new InvalidPriceException(field + " must not be negative");
        }
        return checked(value, field, maxPrice);
    }

    private static BigDecimal perMessagePrice(JsonNode entry, BigDecimal maxPrice) {
        BigDecimal value = number(entry, "per_msg_price");
        if (value != null && value.signum() < 0) {
            return OFF;
        }
        return checked(value, "per_msg_price", maxPrice);
    }

    private static BigDecimal checked(BigDecimal value, String field, BigDecimal maxPrice) {
        if (value == null) {
            return null;
        }
        if (value.compareTo(maxPrice) > 0) {
            throw new InvalidPriceException(field + " must be at most " + maxPrice.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new InvalidPriceException(field + " may have at most " + MAX_DECIMALS + " decimals");
        }
        return value;
    }

    private static BigDecimal number(JsonNode entry, String field) {
        JsonNode node = entry.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new InvalidPriceException(field + " must be a number, not " + node);
        }
        return node.decimalValue();
    }
}
