package io.owm.analytics.users;

import io.owm.analytics.usage.UsageSlices;
import io.owm.analytics.web.BadParameterException;
import io.owm.analytics.web.Params;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Per-user analytics from the read model: who spends most, and one user's spend over time. These live here and
 * not in Prometheus because a label per user would make the metrics grow with the user base.
 */
@RestController
class UserSpendController {

    private static final Set<String> BUCKETS = Set.of("hour", "day", "week", "month");

    private static final String TOP = "WITH " + UsageSlices.CTE + """
            SELECT user_id, (array_agg(nickname ORDER BY last_use DESC))[1] AS nickname,
                sum(calls)::bigint AS calls, sum(input_tokens + output_tokens)::bigint AS tokens, sum(cost) AS cost
            FROM slices GROUP BY user_id ORDER BY cost DESC, user_id LIMIT :limit
            """;

    /* Hourly rollups nest in every bucket (UTC), so bucketing a rollup by its first use is exact. */
    private static final String SPEND = "WITH " + UsageSlices.CTE + """
            SELECT date_trunc(:bucket, first_use AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS bucket_start,
                (array_agg(nickname ORDER BY last_use DESC))[1] AS nickname,
                sum(calls)::bigint AS calls, sum(input_tokens + output_tokens)::bigint AS tokens, sum(cost) AS cost
            FROM slices WHERE user_id = :userId GROUP BY 1 ORDER BY 1
            """;

    private final DatabaseClient db;

    UserSpendController(DatabaseClient db) {
        this.db = db;
    }

    record TopUser(String user_id, String nickname, long total_count, long total_tokens, BigDecimal total_cost) {
    }

    record TopUsers(List<TopUser> users) {
    }

    record SpendPoint(OffsetDateTime time, long total_count, long total_tokens, BigDecimal total_cost) {
    }

    record UserSpend(String user_id, String nickname, String bucket, List<SpendPoint> points, BigDecimal total_cost) {
    }

    @GetMapping("/api/v1/panel/users/top")
    Mono<TopUsers> top(@RequestParam(required = false) String startTime,
            @RequestParam(required = false) String endTime, @RequestParam(required = false) String limit) {
        int size = Params.integer("limit", limit, 10, 1, 100);
        return slices(startTime, endTime).bind(db.sql(TOP))
                .bind("limit", size)
                .map(row -> new TopUser(row.get("user_id", String.class), row.get("nickname", String.class),
                        row.get("calls", Long.class), row.get("tokens", Long.class),
                        row.get("cost", BigDecimal.class).stripTrailingZeros()))
                .all().collectList().map(TopUsers::new);
    }

    @GetMapping("/api/v1/panel/users/{userId}/spend")
    Mono<UserSpend> spend(@PathVariable String userId, @RequestParam(required = false) String bucket,
            @RequestParam(required = false) String startTime, @RequestParam(required = false) String endTime) {
        String unit = bucket == null || bucket.isBlank() ? "day" : bucket.trim();
        if (!BUCKETS.contains(unit)) {
            throw new BadParameterException("bucket",
                    "bucket must be one of day, hour, month, week; got '" + Params.abbreviate(unit) + "'");
        }
        return slices(startTime, endTime).bind(db.sql(SPEND))
                .bind("bucket", unit)
                .bind("userId", userId)
                .map(row -> new Object[] {row.get("nickname", String.class), new SpendPoint(
                        row.get("bucket_start", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                        row.get("calls", Long.class), row.get("tokens", Long.class),
                        row.get("cost", BigDecimal.class).stripTrailingZeros())})
                .all().collectList()
                .map(rows -> {
                    List<SpendPoint> points = rows.stream().map(r -> (SpendPoint) r[1]).toList();
                    String nickname = rows.isEmpty() ? null : (String) rows.get(rows.size() - 1)[0];
                    BigDecimal total = points.stream().map(SpendPoint::total_cost)
                            .reduce(BigDecimal.ZERO, BigDecimal::add).stripTrailingZeros();
                    return new UserSpend(userId, nickname, unit, points, total);
                });
    }

    private static UsageSlices slices(String startTime, String endTime) {
        Instant from = Params.time("startTime", startTime, false);
        Instant to = Params.time("endTime", endTime, true);
        Params.requireOrdered(from, to, "startTime", "endTime");
        return new UsageSlices(from, to);
    }
}
