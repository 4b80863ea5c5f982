package io.owm.gateway.backup;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Reads one field of one backup record and, when it is wrong, notes the problem with its location instead of
 * stopping: the admin gets every problem of a file at once. A field that is wrong answers null (or zero).
 */
final class BackupFields {

    /** The database keeps money with 12 decimals and prices with 6; more would be rounded without a word. */
    static final int MONEY_DECIMALS = 12;
    static final int PRICE_DECIMALS = 6;
    private static final BigDecimal LARGEST = new BigDecimal("1000000000000");

    private final JsonNode record;
    private final String location;
    private final BackupProblems problems;

    BackupFields(JsonNode record, String location, BackupProblems problems) {
        this.record = record;
        this.location = location;
        this.problems = problems;
        if (!record.isObject()) {
            problems.add(location, "must be an object");
        }
    }

    String requiredText(String field) {
        String text = optionalText(field);
        if (text == null || text.isBlank()) {
            problems.add(at(field), "is required");
            return null;
        }
        return text;
    }

    String optionalText(String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber()) {
            // The original app's ids are numbers in some tables and strings in others; both identify a row.
            return node.asString();
        }
        problems.add(at(field), "must be a string");
        return null;
    }

    BigDecimal money(String field, boolean negativeAllowed, int decimals) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            problems.add(at(field), "is required");
            return null;
        }
        BigDecimal value = node.isNumber() ? node.decimalValue() : numericText(node);
        if (value == null) {
            problems.add(at(field), "must be a number, not " + abbreviate(node.toString()));
            return null;
        }
        if (!negativeAllowed && value.signum() < 0) {
            problems.add(at(field), "must not be negative");
        } else if (value.abs().compareTo(LARGEST) >= 0) {
            problems.add(at(field), "is beyond any sane amount: " + value.toPlainString());
        } else if (value.stripTrailingZeros().scale() > decimals) {
            problems.add(at(field), "has more than " + decimals + " decimals");
        } else {
            return value;
        }
        return null;
    }

    long count(String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 0) {
            problems.add(at(field), "must be a whole number of 0 or more");
            return 0;
        }
        return node.longValue();
    }

    boolean bool(String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            problems.add(at(field), "must be true or false");
            return false;
        }
        return node.booleanValue();
    }

    /** ISO-8601 with an offset, or PostgreSQL's text form without one (read as UTC, as the original stores it). */
    OffsetDateTime time(String field, boolean required) {
        String text = optionalText(field);
        if (text == null) {
            if (required) {
                problems.add(at(field), "is required");
            }
            return null;
        }
        String iso = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                problems.add(at(field), "is not a date and time: " + abbreviate(text));
                return null;
            }
        }
    }

    String at(String field) {
        return location + "." + field;
    }

    /** Some exports write numbers as text ("12.50"): accepted when the text is a plain number. */
    private static BigDecimal numericText(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        try {
            return new BigDecimal(node.stringValue().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
