package io.owm.billing.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A row of a {@link CombinedRead} part, a JSON object with a field per column; SQL NULL reads as {@code null}. */
public final class JsonRow {

    private final JsonNode fields;

    JsonRow(JsonNode fields) {
        this.fields = fields;
    }

    public String string(String column) {
        JsonNode value = value(column);
        return value == null ? null : value.stringValue();
    }

    public Long longValue(String column) {
        JsonNode value = value(column);
        return value == null ? null : value.longValue();
    }

    public Integer intValue(String column) {
        JsonNode value = value(column);
        return value == null ? null : value.intValue();
    }

    /** A {@code numeric} the part selected as text, exactly (scale included). */
    public BigDecimal decimal(String column) {
        String text = string(column);
        return text == null ? null : new BigDecimal(text);
    }

    /** A {@code timestamptz}, which PostgreSQL writes as ISO 8601 with the session's offset. */
    public Instant instant(String column) {
        String text = string(column);
        return text == null ? null : OffsetDateTime.parse(text).toInstant();
    }

    public List<String> strings(String column) {
        JsonNode value = value(column);
        return value == null ? null : value.values().stream().map(JsonNode::stringValue).toList();
    }

    private JsonNode value(String column) {
        JsonNode value = fields.get(column);
        if (value == null) {
            throw new IllegalArgumentException("No column " + column);
        }
        return value.isNull() ? null : value;
    }
}
