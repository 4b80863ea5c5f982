package io.owm.gateway.chat;

import io.owm.contracts.Money;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.gateway.GatewayProperties;
import io.owm.gateway.GatewayProperties.InletWithoutAnswer;
import io.owm.gateway.billing.BillingReplies;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The answers of the API contract. Money fields are always numbers (the original function formats them with
 * {@code :.4f}), also in a {@code pending} answer given while billing is away.
 */
@Component
class FunctionAnswers {

    private static final BigDecimal BLOCKED = BigDecimal.ONE.negate();

    private final BillingReplies replies;
    private final InletWithoutAnswer inletWithoutAnswer;

    FunctionAnswers(BillingReplies replies, GatewayProperties properties) {
        this.replies = replies;
        this.inletWithoutAnswer = properties.inletWithoutAnswer();
    }

    /**
     * The function refuses a chat at {@code balance <= 0}, so a refusal billing decided (the inlet cost does not fit
     * in the balance) is answered with a balance of 0: what the user may spend on this chat.
     */
    Map<String, Object> admitted(ChatAdmitted admitted) {
        Map<String, Object> answer = success();
        if (!admitted.blocked() && admitted.refusal() != null) {
            // A plan's limit: balance 0 makes every function version refuse; the message says which limit and
            // when it renews.
            answer.put("balance", BigDecimal.ZERO);
            answer.put("message", admitted.refusal());
            answer.put("limit_reached", true);
            if (admitted.renewsAt() != null) {
                answer.put("renews_at", admitted.renewsAt().toString());
            }
            return answer;
        }
        if (!admitted.blocked() && admitted.refused()) {
            answer.put("balance", BigDecimal.ZERO);
            answer.put("message", "Insufficient balance: this model's inlet cost does not fit in the balance of "
                    + Money.plain(admitted.balance()).toPlainString());
            return answer;
        }
        answer.put("balance", admitted.blocked() ? BLOCKED : Money.plain(admitted.balance()));
        if (admitted.holdAmount().signum() > 0) {
            answer.put("inlet_cost", Money.plain(admitted.holdAmount()));
        }
        answer.put("message", admitted.blocked() ? "User is blocked" : "Request successful");
        return answer;
    }

    Map<String, Object> charged(ChatCharged charged) {
        Map<String, Object> answer = success();
        answer.put("inputTokens", charged.inputTokens());
        answer.put("outputTokens", charged.outputTokens());
        answer.put("totalCost", Money.plain(charged.cost()));
        answer.put("newBalance", Money.plain(charged.newBalance()));
        if (charged.lowBalance()) {
            // The user's threshold (its plan's, else LOW_BALANCE_THRESHOLD): the function warns under the reply.
            answer.put("low_balance", true);
            answer.put("low_balance_threshold", Money.plain(charged.lowBalanceThreshold()));
        }
        answer.put("message", "Request successful");
        return answer;
    }

    /**
     * Billing did not answer in time: admit on the last known balance, or refuse, as configured. A user this
     * gateway has heard is blocked is refused either way.
     */
    Map<String, Object> inletPending(String userId) {
        Map<String, Object> answer = success();
        if (replies.knownBlocked(userId)) {
            answer.put("balance", BLOCKED);
            answer.put("pending", true);
            answer.put("message", "User is blocked");
            return answer;
        }
        BigDecimal balance = inletWithoutAnswer == InletWithoutAnswer.ADMIT
                ? replies.lastKnownBalance(userId).orElse(BigDecimal.ZERO)
                : BigDecimal.ZERO;
        answer.put("balance", Money.plain(balance));
        answer.put("pending", true);
        answer.put("message", inletWithoutAnswer == InletWithoutAnswer.ADMIT
                ? "Billing is slow to answer; admitted on the last known balance"
                : "Billing is not answering; please try again shortly");
        return answer;
    }

    /** The outlet is durable in Kafka and will be charged when billing is back; the cost is not known yet. */
    Map<String, Object> outletPending(String userId, OutletUsage tokens) {
        Map<String, Object> answer = success();
        answer.put("inputTokens", tokens.input());
        answer.put("outputTokens", tokens.output());
        answer.put("totalCost", BigDecimal.ZERO);
        answer.put("newBalance", Money.plain(replies.lastKnownBalance(userId).orElse(BigDecimal.ZERO)));
        answer.put("pending", true);
        answer.put("message", "Usage recorded; the charge will be applied shortly");
        return answer;
    }

    private static Map<String, Object> success() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", true);
        return answer;
    }
}
