package io.owm.billing.chat;

import io.owm.contracts.chat.ChatCompleted;

/**
 * Which tokens an outlet is charged for. A repeat of the same outlet never gets here (its request key answers it);
 * a second outlet of the same message is a "continue": OpenWebUI calls the model again with the reply so far and
 * sends the message, same id, with the longer text. The usage on that message is the last call's own, not a
 * running total (OpenWebUI replaces it), and when the continuation reported no usage the first call's usage is
 * still there, unchanged. So:
 * <ul>
 * <li>first outlet of a message: the tokens as sent (reported usage, else counted by the gateway);</li>
 * <li>a continue with usage that differs from the one charged before: that usage, as it stands;</li>
 * <li>a continue without new usage: counted. Input is what the model read again (the last call's input and
 * output), output the reply's growth. A reply that shrank was replaced by the continuation (OpenWebUI without
 * streaming), so all of it is new; one that neither grew nor shrank brings no new call and costs nothing.</li>
 * </ul>
 * Charges recorded before {@code replyTokens} was kept hold running totals; the rule of that time (what exceeds
 * them) still applies to them. Pure: decided in memory, tested on its own.
 */
final class ContinuePricing {

    private ContinuePricing() {
    }

    /** The call to charge for this outlet, given what was charged for its message before (null: nothing). */
    static ChargedCall callOf(ChatCompleted outlet, MessageCharge before) {
        if (before == null) {
            return new ChargedCall(outlet.inputTokens(), outlet.outputTokens(), outlet.tokensEstimated(), true);
        }
        if (outlet.replyTokens() == null || before.replyTokens() == null) {
            return new ChargedCall(Math.max(0, outlet.inputTokens() - before.input()),
                    Math.max(0, outlet.outputTokens() - before.output()), outlet.tokensEstimated(), false);
        }
        if (outlet.usageDigest() != null && !outlet.usageDigest().equals(before.usageDigest())) {
            return new ChargedCall(outlet.inputTokens(), outlet.outputTokens(), false, true);
        }
        long grown = outlet.replyTokens() - before.replyTokens();
        if (grown == 0) {
            return new ChargedCall(0, 0, true, false);
        }
        long output = grown > 0 ? grown : outlet.replyTokens();
        return new ChargedCall(before.input() + before.output(), output, true, true);
    }

    /** What billing keeps of the message after charging {@code call} for {@code outlet}. */
    static MessageCharge after(ChatCompleted outlet, MessageCharge before, ChargedCall call) {
        if (before != null && (outlet.replyTokens() == null || before.replyTokens() == null)) {
            return new MessageCharge(Math.max(before.input(), outlet.inputTokens()),
                    Math.max(before.output(), outlet.outputTokens()), outlet.usageDigest(), null);
        }
        if (before != null && !call.newModelCall()) {
            return before;
        }
        String usage = outlet.usageDigest() != null ? outlet.usageDigest() : before == null ? null : before.usageDigest();
        return new MessageCharge(call.input(), call.output(), usage, outlet.replyTokens());
    }

    /**
     * One model call to charge.
     *
     * @param estimated    counted rather than reported by the model
     * @param newModelCall a call of its own (per-message pricing charges it); false for what only extends a
     *                     call charged before
     */
    record ChargedCall(long input, long output, boolean estimated, boolean newModelCall) {
    }
}
