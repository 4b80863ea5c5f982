package io.owm.analytics.usage;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** The original app's usage panel shape. */
record UsageSummary(List<ModelUsage> models, List<UserUsage> users, TimeRange timeRange, Stats stats) {

    record ModelUsage(String model_name, long total_count, BigDecimal total_cost) {
    }

    record UserUsage(String nickname, long total_count, BigDecimal total_cost) {
    }

    record TimeRange(OffsetDateTime minTime, OffsetDateTime maxTime) {
    }

    record Stats(long totalTokens, long totalCalls) {
    }
}
