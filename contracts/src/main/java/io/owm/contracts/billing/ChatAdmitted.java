package io.owm.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The answer to an inlet.
 *
 * @param blocked  the user is blocked (deleted); the gateway answers {@code balance: -1}
 * @param balance  the balance after the hold was taken
 * @param holdAmount the amount held for this chat ({@code COST_ON_INLET}); zero when none was taken
 * @param refused  the chat may not start although the user is not blocked: the hold it needs would leave the
 *                 balance at or below zero (none was taken), or a limit of the user's plan is reached
 * @param refusal  for a limit: what to tell the user, the limit and when it renews; null otherwise
 * @param renewsAt for a limit: when it renews; null otherwise
 * @param lowBalanceThreshold the balance below which the user is warned (the plan's, else {@code
 *                 LOW_BALANCE_THRESHOLD}); null for none
 * @param plan     the plan the user was on; null for none
 * @param refusalReason why a chat was refused: {@code balance} (the balance or the hold it needs),
 *                 {@code spend_cap} or {@code message_limit}; null when it was not refused (a block is
 *                 {@code blocked})
 */
public record ChatAdmitted(
        UUID eventId,
        Instant occurredAt,
        String userId,
        UUID correlationId,
        String requestKey,
        String model,
        boolean blocked,
        BigDecimal balance,
        BigDecimal holdAmount,
        Boolean refused,
        String refusal,
        Instant renewsAt,
        BigDecimal lowBalanceThreshold,
        String plan,
        String refusalReason) implements ChatReply {

    public static final String TYPE = "ChatAdmitted";

    /** Records written before {@code refused} existed carry none: they were not refusals. */
    public ChatAdmitted {
        refused = Boolean.TRUE.equals(refused);
    }

    /** An answer that no plan's limit decided. */
    public ChatAdmitted(UUID eventId, Instant occurredAt, String userId, UUID correlationId, String requestKey,
            String model, boolean blocked, BigDecimal balance, BigDecimal holdAmount, Boolean refused) {
        this(eventId, occurredAt, userId, correlationId, requestKey, model, blocked, balance, holdAmount, refused,
                null, null, null, null, Boolean.TRUE.equals(refused) ? "balance" : null);
    }

    /** The answer to a user on this plan (null: none), warned below this threshold (null: never). */
    public ChatAdmitted underPlan(String planName, BigDecimal threshold) {
        return new ChatAdmitted(eventId, occurredAt, userId, correlationId, requestKey, model, blocked, balance,
                holdAmount, refused, refusal, renewsAt, threshold, planName, refusalReason);
    }

    public ChatAdmitted answering(UUID otherCorrelationId) {
        return new ChatAdmitted(eventId, occurredAt, userId, otherCorrelationId, requestKey, model, blocked, balance,
                holdAmount, refused, refusal, renewsAt, lowBalanceThreshold, plan, refusalReason);
    }
}
