package io.owm.analytics.records;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One charged chat, in the original app's record shape. */
record UsageRecord(String user_id, String nickname, OffsetDateTime use_time, String model_name, long input_tokens,
        long output_tokens, BigDecimal cost, BigDecimal balance_after) {
}
