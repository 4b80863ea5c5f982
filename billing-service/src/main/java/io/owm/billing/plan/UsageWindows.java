package io.owm.billing.plan;

import io.owm.billing.support.CombinedWrite;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** What users used per limit window ({@code usage_windows}): read and written by batches, under the users' locks. */
@Component
public class UsageWindows {

    /** A user's window: {@code day:2026-12-02@Asia/Shanghai}. */
    public record Key(String userId, String window) {

        static Key of(String userId, Period period, Instant at, ZoneId zone) {
            return new Key(userId, period.id() + ":" + period.keyOf(at, zone) + "@" + zone.getId());
        }
    }

    /** Chats started and money spent in a window that began at {@code start}. */
    public record Usage(Instant start, int messages, BigDecimal spend) {

        static Usage none(Period period, Instant at, ZoneId zone) {
            return new Usage(period.startOf(at, zone).toInstant(), 0, BigDecimal.ZERO);
        }

        Usage plusMessage() {
            return new Usage(start, messages + 1, spend);
        }

        Usage plusSpend(BigDecimal cost) {
            return new Usage(start, messages, spend.add(cost));
        }
    }

    private final DatabaseClient db;

    UsageWindows(DatabaseClient db) {
        this.db = db;
    }

    /** These users' windows that began at or after {@code since}. */
    public Mono<Map<Key, Usage>> find(Collection<String> users, Instant since) {
        return db.sql("""
                        SELECT user_id, window_key, window_start, messages, spend FROM usage_windows
                        WHERE user_id = ANY(:users) AND window_start >= :since
                        """)
                .bind("users", users.toArray(String[]::new))
                .bind("since", since)
                .map(row -> Map.entry(
                        new Key(row.get("user_id", String.class), row.get("window_key", String.class)),
                        new Usage(row.get("window_start", Instant.class), row.get("messages", Integer.class),
                                row.get("spend", BigDecimal.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Writes the batch's windows as they are now (the batch read them under the same locks). */
    public void record(CombinedWrite write, Map<Key, Usage> changed) {
        if (changed.isEmpty()) {
            return;
        }
        write.add("""
                INSERT INTO usage_windows (user_id, window_key, window_start, messages, spend)
                SELECT * FROM unnest(CAST(:usageUsers AS text[]), CAST(:usageKeys AS text[]),
                                     CAST(:usageStarts AS timestamptz[]), CAST(:usageMessages AS int[]),
                                     CAST(:usageSpend AS numeric[]))
                ON CONFLICT (user_id, window_key) DO UPDATE
                    SET messages = EXCLUDED.messages, spend = EXCLUDED.spend
                """, Map.of(
                "usageUsers", changed.keySet().stream().map(Key::userId).toArray(String[]::new),
                "usageKeys", changed.keySet().stream().map(Key::window).toArray(String[]::new),
                "usageStarts", changed.values().stream().map(Usage::start).toArray(Instant[]::new),
                "usageMessages", changed.values().stream().map(Usage::messages).toArray(Integer[]::new),
                "usageSpend", changed.values().stream().map(Usage::spend).toArray(BigDecimal[]::new)));
    }
}
