package io.owm.analytics.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/** Parses the panel API's query parameters; every refusal names the parameter and what it takes. */
public final class Params {

    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private Params() {
    }

    /**
     * A range bound: an ISO-8601 time with offset ({@code 2026-01-31T12:00:00Z}) or a date ({@code 2026-01-31},
     * UTC). A date as an end bound includes the whole day, as the original's date pickers mean it.
     */
    public static Instant time(String parameter, String value, boolean endBound) {
        if (value == null || value.isBlank()) {
            return endBound ? LATEST : EARLIEST;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endBound ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, parameter + " must be an ISO-8601 time with offset, such as"
                    + " 2026-01-31T00:00:00Z, or a date such as 2026-01-31; got '" + abbreviate(text) + "'");
        }
    }

    public static int integer(String parameter, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal below
        }
        throw new BadParameterException(parameter,
                parameter + " must be a whole number from " + min + " to " + max + "; got '" + abbreviate(value) + "'");
    }

    /** A comma list such as {@code users=ann,bob}; blanks are dropped. */
    public static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    public static void requireOrdered(Instant from, Instant to, String fromName, String toName) {
        if (from.isAfter(to)) {
            throw new BadParameterException(fromName, fromName + " must not be after " + toName);
        }
    }

    /** Echoes at most a short prefix of what the caller sent, so an error never reflects a large payload. */
    public static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
