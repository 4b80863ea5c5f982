package io.owm.analytics.usage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Usage over a time range, read from the hourly rollups for every whole hour inside it and from the usage rows
 * only for the partial hours at its edges: the answer is exact for any range, and a panel over months reads a few
 * rows per hour instead of every chat.
 *
 * <p>{@link #CTE} defines {@code slices(model_name, user_id, nickname, calls, input_tokens, output_tokens, cost,
 * first_use, last_use)}; bind it with {@link #bind}.
 */
public record UsageSlices(Instant from, Instant to) {

    public static final String CTE = """
            slices AS (
                SELECT model_name, user_id, nickname, calls, input_tokens, output_tokens, cost, first_use, last_use
                FROM usage_hourly WHERE hour >= :hourFrom AND hour < :hourTo
                UNION ALL
                SELECT model_name, user_id, nickname, 1, input_tokens, output_tokens, cost, use_time, use_time
                FROM usage_records
                WHERE use_time >= :from AND use_time < :to AND (use_time < :hourFrom OR use_time >= :hourTo)
            )
            """;

    public GenericExecuteSpec bind(GenericExecuteSpec spec) {
        Instant hourFrom = from.truncatedTo(ChronoUnit.HOURS);
        if (hourFrom.isBefore(from)) {
            hourFrom = hourFrom.plus(1, ChronoUnit.HOURS);
        }
        Instant hourTo = to.truncatedTo(ChronoUnit.HOURS);
        if (hourTo.isBefore(hourFrom)) {
            // The range lies inside one hour: no whole hour, the rows alone answer.
            hourTo = hourFrom;
        }
        return spec.bind("from", from).bind("to", to).bind("hourFrom", hourFrom).bind("hourTo", hourTo);
    }
}
