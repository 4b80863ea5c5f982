package io.owm.billing.plan;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A calendar period in a plan's time zone. Periods start at local midnight (a week on Monday, a month on its first
 * day), so a boundary follows the zone's offset on that day, daylight saving time included; where midnight does
 * not exist on a transition day, the period starts at the first instant of that day.
 */
public enum Period {

    HOUR, DAY, WEEK, MONTH;

    /** The name used in the API and in the database. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Period of(String id) {
        for (Period period : values()) {
            if (period.id().equals(id)) {
                return period;
            }
        }
        throw new IllegalArgumentException(id);
    }

    /**
     * The key of the period {@code at} falls in: {@code 2026-12-02T10}, {@code 2026-12-02}, {@code 2026-W49},
     * {@code 2026-12}.
     */
    public String keyOf(Instant at, ZoneId zone) {
        return keyOfStart(startOf(at, zone).toLocalDateTime());
    }

    /** When the period {@code at} falls in began. */
    public ZonedDateTime startOf(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return switch (this) {
            case HOUR -> local.withMinute(0).withSecond(0).withNano(0);
            case DAY -> local.toLocalDate().atStartOfDay(zone);
            case WEEK -> local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(zone);
            case MONTH -> local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
        };
    }

    /** When the period {@code at} falls in ends and the next begins. */
    public ZonedDateTime nextStart(Instant at, ZoneId zone) {
        ZonedDateTime start = startOf(at, zone);
        return switch (this) {
            case HOUR -> start.plusHours(1);
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(zone);
            case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(zone);
            case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(zone);
        };
    }

    /** The start of the period a key names, in {@code zone}; refuses a key that is not one of this period's. */
    public ZonedDateTime startOfKey(String key, ZoneId zone) {
        try {
            ZonedDateTime start = switch (this) {
                case HOUR -> LocalDateTime.parse(key + ":00").atZone(zone);
                case DAY -> LocalDate.parse(key).atStartOfDay(zone);
                case WEEK -> LocalDate.of(Integer.parseInt(key.substring(0, 4)), 1, 4)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Long.parseLong(key.substring(6)))
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
                case MONTH -> YearMonth.parse(key).atDay(1).atStartOfDay(zone);
            };
            if (!keyOf(start.toInstant(), zone).equals(key)) {
                throw new IllegalArgumentException(key);
            }
            return start;
        } catch (DateTimeException | IndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException(key, e);
        }
    }

    private String keyOfStart(LocalDateTime start) {
        return switch (this) {
            case HOUR -> start.toLocalDate() + "T%02d".formatted(start.getHour());
            case DAY -> start.toLocalDate().toString();
            case WEEK -> "%d-W%02d".formatted(start.get(IsoFields.WEEK_BASED_YEAR),
                    start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(start).toString();
        };
    }
}
