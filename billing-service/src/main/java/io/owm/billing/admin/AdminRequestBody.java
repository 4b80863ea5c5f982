package io.owm.billing.admin;

import java.math.BigDecimal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON admin request body, read with decimals kept exact: a balance of {@code 0.1} must not become the binary
 * double nearest to it. Fields are checked for their JSON type, as the original checks {@code typeof}.
 */
final class AdminRequestBody {

    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** The database keeps 12 decimals; more would be rounded silently. */
    private static final int MAX_DECIMALS = 12;

    private final JsonNode root;

    private AdminRequestBody(JsonNode root) {
        this.root = root;
    }

    static AdminRequestBody parse(String body) {
        if (body == null || body.isBlank()) {
            throw AdminApiException.badRequest("A JSON body is required");
        }
        try {
            JsonNode root = EXACT.readTree(body);
            if (!root.isObject()) {
                throw AdminApiException.badRequest("The body must be a JSON object");
            }
            return new AdminRequestBody(root);
        } catch (JacksonException e) {
            throw AdminApiException.badRequest("The body is not valid JSON");
        }
    }

    BigDecimal number(String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isNumber()) {
            throw AdminApiException.badRequest(field + " must be a number");
        }
        BigDecimal value = node.decimalValue();
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw AdminApiException.badRequest(field + " may have at most " + MAX_DECIMALS + " decimals");
        }
        return value;
    }

    boolean bool(String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isBoolean()) {
            throw AdminApiException.badRequest(field + " must be true or false");
        }
        return node.booleanValue();
    }

    String optionalText(String field, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw AdminApiException.badRequest(field + " must be a string");
        }
        String text = node.stringValue().strip();
        if (text.length() > maxLength) {
            throw AdminApiException.badRequest(field + " may have at most " + maxLength + " characters");
        }
        return text.isEmpty() ? null : text;
    }
}
