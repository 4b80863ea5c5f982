package io.owm.billing;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Billing settings; the original app's environment variables map onto them in {@code application.yml}.
 *
 * @param initBalance            balance granted to a user seen for the first time ({@code INIT_BALANCE})
 * @param lowBalanceThreshold    below this balance users are warned ({@code LOW_BALANCE_THRESHOLD}, 0 for never),
 *                               unless their plan has a threshold of its own
 * @param costOnInlet            hold taken at inlet: a number for every model, or {@code model:cost,...}
 *                               ({@code COST_ON_INLET})
 * @param defaultInputPrice      USD per million input tokens for models without a price
 *                               ({@code DEFAULT_MODEL_INPUT_PRICE})
 * @param defaultOutputPrice     USD per million output tokens ({@code DEFAULT_MODEL_OUTPUT_PRICE})
 * @param defaultPerMessagePrice USD per message, negative for token pricing ({@code DEFAULT_MODEL_PER_MSG_PRICE})
 * @param maxBalance             the highest balance an admin may set; protects against typos such as 1e12
 * @param topicPartitions        partitions of the topics billing creates; they bound how many instances share work
 * @param consumers              consumers of chat events in this instance ({@code OWM_BILLING_CONSUMERS}, default 1);
 *                               read by the listener container through {@code spring.kafka.listener.concurrency}
 * @param instanceId             a stable name of this instance ({@code OWM_INSTANCE_ID}), unique among the running
 *                               ones: its consumers are then static group members, and a restart under the same
 *                               name takes its partitions back at once; empty for dynamic membership
 * @param replyRetention         how long the reply to a chat request is kept for its repeats ({@code OWM_REPLY_RETENTION},
 *                               default 14 days): longer than Kafka keeps {@code chat-events} plus the longest billing
 *                               may stay behind, since a repeat after that would be charged again
 * @param outboxSweep            how often admin facts left in the outbox (Kafka away, a crash after the commit)
 *                               are published again
 */
@Validated
@ConfigurationProperties("owm.billing")
public record BillingProperties(
        @NotNull @PositiveOrZero BigDecimal initBalance,
        @NotNull @PositiveOrZero BigDecimal lowBalanceThreshold,
        @NotNull String costOnInlet,
        @NotNull @PositiveOrZero BigDecimal defaultInputPrice,
        @NotNull @PositiveOrZero BigDecimal defaultOutputPrice,
        @NotNull BigDecimal defaultPerMessagePrice,
        @NotNull BigDecimal maxBalance,
        int topicPartitions,
        @Positive int consumers,
        String instanceId,
        @NotNull @DurationMin(days = 8) Duration replyRetention,
        @NotNull @DurationMin(millis = 100) Duration outboxSweep) {
}
