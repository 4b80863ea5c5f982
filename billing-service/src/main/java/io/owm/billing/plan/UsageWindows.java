package io.owm.billing.plan;

import io.owm.billing.support.CombinedRead;
import io.owm.billing.support.CombinedWrite;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

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
    private final JsonMapper json;

    UsageWindows(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** These users' windows that began at or after {@code since}. */
    public Mono<Map<Key, Usage>> find(Collection<String> users, Instant since) {
        CombinedRead read = new CombinedRead();
        CombinedRead.Part<Map<Key, Usage>> windows = find(read, users, since);
        return read.execute(db, json).map(found -> found.of(windows));
    }

    /** Adds to {@code read} these users' windows, as {@link #find(Collection, Instant)} answers them. */
    public CombinedRead.Part<Map<Key, Usage>> find(CombinedRead read, Collection<String> users, Instant since) {
        return read.add("""
                        SELECT user_id, window_key, window_start, messages, spend::text AS spend FROM usage_windows
                        WHERE user_id = ANY(CAST(:users AS text[])) AND window_start >= :since
                        """,
                Map.of("users", users.toArray(String[]::new), "since", since),
                rows -> rows.stream().collect(Collectors.toMap(
                        row -> new Key(row.string("user_id"), row.string("window_key")),
                        row -> new Usage(row.instant("window_start"), row.intValue("messages"),
                                row.decimal("spend")))));
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
