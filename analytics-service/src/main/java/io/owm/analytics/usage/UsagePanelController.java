package io.owm.analytics.usage;

import io.owm.analytics.usage.UsageSummary.ModelUsage;
import io.owm.analytics.usage.UsageSummary.PlanUsage;
import io.owm.analytics.usage.UsageSummary.Stats;
import io.owm.analytics.usage.UsageSummary.TimeRange;
import io.owm.analytics.usage.UsageSummary.UserUsage;
import io.owm.analytics.web.Params;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The usage panel of the admin API: spend and calls per model, per user and per plan over a time range. */
@RestController
class UsagePanelController {

    /* One pass over the slices gives the per-model rows, the per-user rows and the totals. */
    private static final String SUMMARY = "WITH " + UsageSlices.CTE + """
            SELECT GROUPING(model_name) AS by_user, GROUPING(user_id) AS by_model, model_name, user_id,
                (array_agg(nickname ORDER BY last_use DESC))[1] AS nickname,
                COALESCE(sum(calls), 0)::bigint AS calls,
                COALESCE(sum(input_tokens + output_tokens), 0)::bigint AS tokens,
                COALESCE(sum(cost), 0) AS cost, min(first_use) AS min_time, max(last_use) AS max_time
            FROM slices
            GROUP BY GROUPING SETS ((model_name), (user_id), ())
            """;

    /* Spend per plan from the rows: the plan is not part of the hourly rollups' key. */
    private static final String PLANS = """
            SELECT plan, count(*) AS calls, COALESCE(sum(cost), 0) AS cost FROM usage_records
            WHERE use_time >= :from AND use_time < :to
            GROUP BY plan
            """;

    private final DatabaseClient db;

    UsagePanelController(DatabaseClient db) {
        this.db = db;
    }

    @GetMapping("/api/v1/panel/usage")
    Mono<UsageSummary> usage(@RequestParam(required = false) String startTime,
            @RequestParam(required = false) String endTime) {
        Instant from = Params.time("startTime", startTime, false);
        Instant to = Params.time("endTime", endTime, true);
        Params.requireOrdered(from, to, "startTime", "endTime");
        Mono<List<PlanUsage>> plans = db.sql(PLANS).bind("from", from).bind("to", to)
                .map(row -> new PlanUsage(row.get("plan", String.class), row.get("calls", Long.class),
                        money(row.get("cost", BigDecimal.class))))
                .all()
                .sort(Comparator.comparing(PlanUsage::total_cost).reversed()
                        .thenComparing(PlanUsage::plan, Comparator.nullsLast(Comparator.naturalOrder())))
                .collectList();
        return new UsageSlices(from, to).bind(db.sql(SUMMARY))
                .map(UsagePanelController::row)
                .all()
                .collectList()
                .zipWith(plans, UsagePanelController::summary);
    }

    private static Object[] row(Readable row) {
        return new Object[] {row.get("by_user", Integer.class), row.get("by_model", Integer.class),
                row.get("model_name", String.class), row.get("nickname", String.class), row.get("calls", Long.class),
                row.get("tokens", Long.class), money(row.get("cost", BigDecimal.class)),
                row.get("min_time", OffsetDateTime.class), row.get("max_time", OffsetDateTime.class),
                row.get("user_id", String.class)};
    }

    private static UsageSummary summary(List<Object[]> rows, List<PlanUsage> plans) {
        List<ModelUsage> models = new ArrayList<>();
        List<UserUsage> users = new ArrayList<>();
        TimeRange range = new TimeRange(null, null);
        Stats stats = new Stats(0, 0);
        for (Object[] r : rows) {
            boolean byUser = (Integer) r[0] == 1;
            boolean byModel = (Integer) r[1] == 1;
            if (byUser && byModel) {
                range = new TimeRange(utc((OffsetDateTime) r[7]), utc((OffsetDateTime) r[8]));
                stats = new Stats((Long) r[5], (Long) r[4]);
            } else if (byModel) {
                models.add(new ModelUsage((String) r[2], (Long) r[4], (BigDecimal) r[6]));
            } else {
                users.add(new UserUsage((String) r[9], (String) r[3], (Long) r[4], (BigDecimal) r[6]));
            }
        }
        models.sort(Comparator.comparing(ModelUsage::total_cost).reversed().thenComparing(ModelUsage::model_name));
        users.sort(Comparator.comparing(UserUsage::total_cost).reversed()
                .thenComparing(UserUsage::nickname, Comparator.nullsLast(Comparator.naturalOrder())));
        return new UsageSummary(models, users, plans, range, stats);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    static BigDecimal money(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
