package io.owm.analytics.usage;

import io.owm.analytics.usage.UsageSummary.ModelUsage;
import io.owm.analytics.usage.UsageSummary.Stats;
import io.owm.analytics.usage.UsageSummary.TimeRange;
import io.owm.analytics.usage.UsageSummary.UserUsage;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The usage panel of the admin API: spend and calls per model and per user over a time range. */
@RestController
class UsagePanelController {

    private static final String RANGE = " WHERE use_time >= :from AND use_time < :to ";

    private final DatabaseClient db;

    UsagePanelController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/v1/panel/usage")
    Mono<UsageSummary> usage(@RequestParam(required = false) String startTime,
            @RequestParam(required = false) String endTime) {
        OffsetDateTime from = time("startTime", startTime, OffsetDateTime.parse("1970-01-01T00:00:00Z"));
        OffsetDateTime to = time("endTime", endTime, OffsetDateTime.parse("9999-01-01T00:00:00Z"));
        var models = db.sql("SELECT model_name, count(*) AS calls, sum(cost) AS cost FROM usage_records" + RANGE
                        + "GROUP BY model_name ORDER BY cost DESC")
                .bind("from", from).bind("to", to)
                .map(row -> new ModelUsage(row.get("model_name", String.class), row.get("calls", Long.class),
                        row.get("cost", BigDecimal.class).stripTrailingZeros()))
                .all().collectList();
        var users = db.sql("SELECT max(nickname) AS nickname, count(*) AS calls, sum(cost) AS cost FROM usage_records"
                        + RANGE + "GROUP BY user_id ORDER BY cost DESC")
                .bind("from", from).bind("to", to)
                .map(row -> new UserUsage(row.get("nickname", String.class), row.get("calls", Long.class),
                        row.get("cost", BigDecimal.class).stripTrailingZeros()))
                .all().collectList();
        var totals = db.sql("SELECT min(use_time) AS min_time, max(use_time) AS max_time, count(*) AS calls,"
                        + " COALESCE(sum(input_tokens + output_tokens), 0) AS tokens FROM usage_records" + RANGE)
                .bind("from", from).bind("to", to)
                .map(row -> new Object[] {
                        new TimeRange(row.get("min_time", OffsetDateTime.class), row.get("max_time", OffsetDateTime.class)),
                        new Stats(row.get("tokens", Long.class), row.get("calls", Long.class))})
                .one();
        return Mono.zip(models, users, totals).map(t -> new UsageSummary(t.getT1(), t.getT2(),
                (TimeRange) t.getT3()[0], (Stats) t.getT3()[1]));
    }

    private static OffsetDateTime time(String parameter, String value, OffsetDateTime fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    parameter + " must be an ISO-8601 time with offset, such as 2026-01-31T00:00:00Z");
        }
    }
}
