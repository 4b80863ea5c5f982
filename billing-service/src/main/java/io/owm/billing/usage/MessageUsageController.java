package io.owm.billing.usage;

import io.owm.contracts.Money;
import io.owm.support.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What the usage button under a reply shows (functions/usage_button.py, through the gateway's
 * {@code POST /api/v1/usage}): the message's charged tokens and cost, the user's balance, and what the user spent
 * today and this month in the time zone the function names. A read of the user's own figures: the gateway checked
 * the function key, and answers only about the user id OpenWebUI passed.
 */
@RestController
class MessageUsageController {

    private final DatabaseClient db;
    private final Clock clock;

    MessageUsageController(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @GetMapping("/internal/usage")
    Mono<Map<String, Object>> usage(@RequestParam String user, @RequestParam(required = false) String chat,
            @RequestParam(required = false) String message, @RequestParam(defaultValue = "UTC") String timezone) {
        ZoneId zone = zone(timezone);
        ZonedDateTime now = clock.instant().atZone(zone);
        Instant today = now.truncatedTo(ChronoUnit.DAYS).toInstant();
        Instant month = now.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
        Mono<BigDecimal> balance = db.sql("SELECT balance FROM users WHERE id = :id").bind("id", user)
                .map(row -> row.get("balance", BigDecimal.class)).one();
        Mono<Map<String, BigDecimal>> spent = db.sql("""
                        SELECT COALESCE(-SUM(amount) FILTER (WHERE created_at >= :today), 0) AS today,
                               COALESCE(-SUM(amount), 0) AS month
                        FROM ledger_entries WHERE user_id = :id AND reason = 'CHARGE' AND created_at >= :month
                        """)
                .bind("id", user).bind("today", today).bind("month", month)
                .map(row -> Map.of("today", row.get("today", BigDecimal.class),
                        "month", row.get("month", BigDecimal.class)))
                .one();
        Mono<Map<String, Object>> charged = chat == null || message == null ? Mono.just(Map.of())
                : db.sql("""
                                SELECT charged_input, charged_output, charged_cost FROM charged_messages
                                WHERE user_id = :id AND chat_id = :chat AND message_id = :message
                                """)
                        .bind("id", user).bind("chat", chat).bind("message", message)
                        .map(row -> Map.<String, Object>of("inputTokens", row.get("charged_input", Long.class),
                                "outputTokens", row.get("charged_output", Long.class),
                                "cost", Money.plain(row.get("charged_cost", BigDecimal.class))))
                        .one()
                        .defaultIfEmpty(Map.of());
        return balance
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.NOT_FOUND, "user_not_found",
                        "No user with id " + user + ": it has not chatted through this monitor yet")))
                .zipWith(Mono.zip(spent, charged))
                .map(found -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("found", !found.getT2().getT2().isEmpty());
                    answer.putAll(found.getT2().getT2());
                    answer.put("balance", Money.plain(found.getT1()));
                    answer.put("spentToday", Money.plain(found.getT2().getT1().get("today")));
                    answer.put("spentThisMonth", Money.plain(found.getT2().getT1().get("month")));
                    answer.put("timezone", zone.getId());
                    return answer;
                });
    }

    private static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request", "timezone must be an IANA time zone"
                    + " such as Asia/Shanghai", "timezone");
        }
    }
}
