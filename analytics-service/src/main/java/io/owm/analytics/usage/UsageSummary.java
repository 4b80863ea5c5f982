package io.owm.analytics.usage;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The original app's usage panel shape, with the user's id beside its nickname (two users may share a name) and
 * the spend per plan (docs/allowances.md; {@code plan} null for users on none).
 */
record UsageSummary(List<ModelUsage> models, List<UserUsage> users, List<PlanUsage> plans, TimeRange timeRange,
        Stats stats) {

    record ModelUsage(String model_name, long total_count, BigDecimal total_cost) {
    }

    record UserUsage(String user_id, String nickname, long total_count, BigDecimal total_cost) {
    }

    record PlanUsage(String plan, long total_count, BigDecimal total_cost) {
    }

    record TimeRange(OffsetDateTime minTime, OffsetDateTime maxTime) {
    }

    record Stats(long totalTokens, long totalCalls) {
    }
}
