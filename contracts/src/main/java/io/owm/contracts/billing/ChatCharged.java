package io.owm.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer to an outlet: what was charged, with the prices used, so the read models never need to look them up.
 *
 * @param inputTokens  tokens charged for input (for a "continue", only the new ones)
 * @param outputTokens tokens charged for output (for a "continue", only the new ones)
 * @param cost         the full cost of this reply; the balance moved by {@code cost - settledHold}
 * @param settledHold  the inlet hold this charge settled, zero when there was none
 * @param inputPrice   USD per million input tokens used
 * @param outputPrice  USD per million output tokens used
 * @param perMessagePrice USD per message used; negative when token pricing applied
 * @param lowBalanceThreshold the balance below which the user is warned (the plan's, else {@code
 *                     LOW_BALANCE_THRESHOLD}); null for none
 * @param plan         the plan the user was on; null for none
 */
public record ChatCharged(
        UUID eventId,
        Instant occurredAt,
        String userId,
        UUID correlationId,
        String requestKey,
        String nickname,
        String model,
        long inputTokens,
        long outputTokens,
        boolean tokensEstimated,
        BigDecimal cost,
        BigDecimal settledHold,
        BigDecimal newBalance,
        BigDecimal inputPrice,
        BigDecimal outputPrice,
        BigDecimal perMessagePrice,
        BigDecimal lowBalanceThreshold,
        String plan) implements ChatReply {

    public static final String TYPE = "ChatCharged";

    /** A charge of a user without a low-balance threshold. */
    public ChatCharged(UUID eventId, Instant occurredAt, String userId, UUID correlationId, String requestKey,
            String nickname, String model, long inputTokens, long outputTokens, boolean tokensEstimated,
            BigDecimal cost, BigDecimal settledHold, BigDecimal newBalance, BigDecimal inputPrice,
            BigDecimal outputPrice, BigDecimal perMessagePrice) {
        this(eventId, occurredAt, userId, correlationId, requestKey, nickname, model, inputTokens, outputTokens,
                tokensEstimated, cost, settledHold, newBalance, inputPrice, outputPrice, perMessagePrice, null, null);
    }

    /** Below the user's low-balance threshold after this charge. */
    public boolean lowBalance() {
        return lowBalanceThreshold != null && newBalance.compareTo(lowBalanceThreshold) < 0;
    }

    /** The charge of a user on this plan (null: none), warned below this threshold (null: never). */
    public ChatCharged underPlan(String planName, BigDecimal threshold) {
        return new ChatCharged(eventId, occurredAt, userId, correlationId, requestKey, nickname, model, inputTokens,
                outputTokens, tokensEstimated, cost, settledHold, newBalance, inputPrice, outputPrice,
                perMessagePrice, threshold, planName);
    }

    public ChatCharged answering(UUID otherCorrelationId) {
        return new ChatCharged(eventId, occurredAt, userId, otherCorrelationId, requestKey, nickname, model,
                inputTokens, outputTokens, tokensEstimated, cost, settledHold, newBalance, inputPrice, outputPrice,
                perMessagePrice, lowBalanceThreshold, plan);
    }
}
