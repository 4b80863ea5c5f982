package io.owm.billing.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.billing.chat.ContinuePricing.ChargedCall;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatUser;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A "continue" as OpenWebUI sends it: the same message id, the whole reply so far, and on it the usage of the last
 * model call only, or, when that call reported none, the first call's usage unchanged.
 */
class ContinuePricingTests {

    private static final MessageCharge FIRST_CALL = new MessageCharge(1000, 300, "usage-a", 300L);

    @Test
    void theFirstOutletOfAMessageIsChargedAsSent() {
        ChargedCall call = ContinuePricing.callOf(outlet(1000, 300, false, "usage-a", 300L), null);

        assertThat(call).isEqualTo(new ChargedCall(1000, 300, false, true));
    }

    @Test
    void aContinueWithItsOwnUsageIsChargedThatUsageAsItStands() {
        // The continuation read the prompt and the first part again (1300) and wrote 200 more.
        ChargedCall call = ContinuePricing.callOf(outlet(1300, 200, false, "usage-b", 500L), FIRST_CALL);

        assertThat(call).isEqualTo(new ChargedCall(1300, 200, false, true));
    }

    @Test
    void aContinueThatStillCarriesTheFirstUsageIsCountedNotChargedTwice() {
        // No usage of its own: the first call's usage is still on the message, the reply grew by 200 tokens.
        ChargedCall call = ContinuePricing.callOf(outlet(1000, 300, false, "usage-a", 500L), FIRST_CALL);

        assertThat(call).isEqualTo(new ChargedCall(1300, 200, true, true));
    }

    @Test
    void aContinueWithoutAnyUsageIsCountedFromTheReplysGrowth() {
        MessageCharge counted = new MessageCharge(800, 300, null, 300L);

        ChargedCall call = ContinuePricing.callOf(outlet(800, 450, true, null, 450L), counted);

        assertThat(call).isEqualTo(new ChargedCall(1100, 150, true, true));
    }

    @Test
    void aReplyReplacedByTheContinuationIsChargedWhole() {
        // Without streaming, OpenWebUI keeps only the continuation's text: shorter than the reply charged before.
        ChargedCall call = ContinuePricing.callOf(outlet(1000, 300, false, "usage-a", 120L), FIRST_CALL);

        assertThat(call).isEqualTo(new ChargedCall(1300, 120, true, true));
    }

    @Test
    void anOutletThatAddsNeitherTextNorUsageCostsNothing() {
        ChargedCall call = ContinuePricing.callOf(outlet(1000, 300, false, "usage-a", 300L), FIRST_CALL);

        assertThat(call.output()).isZero();
        assertThat(call.newModelCall()).isFalse();
        assertThat(ContinuePricing.after(outlet(1000, 300, false, "usage-a", 300L), FIRST_CALL, call))
                .isEqualTo(FIRST_CALL);
    }

    @Test
    void whatIsKeptAfterAContinueIsItsOwnCallSoTheNextContinueBuildsOnIt() {
        ChatCompleted second = outlet(1000, 300, false, "usage-a", 500L);
        ChargedCall secondCall = ContinuePricing.callOf(second, FIRST_CALL);
        MessageCharge afterSecond = ContinuePricing.after(second, FIRST_CALL, secondCall);
        ChargedCall third = ContinuePricing.callOf(outlet(1000, 300, false, "usage-a", 600L), afterSecond);

        assertThat(afterSecond).isEqualTo(new MessageCharge(1300, 200, "usage-a", 500L));
        assertThat(third).isEqualTo(new ChargedCall(1500, 100, true, true));
    }

    @Test
    void chargesRecordedBeforeReplyTokensWereKeptAreRunningTotals() {
        MessageCharge legacy = new MessageCharge(1000, 300, null, null);

        ChargedCall call = ContinuePricing.callOf(outlet(1000, 500, false, "usage-b", 500L), legacy);

        assertThat(call).isEqualTo(new ChargedCall(0, 200, false, false));
    }

    private static ChatCompleted outlet(long input, long output, boolean estimated, String usage, Long replyTokens) {
        return new ChatCompleted(UUID.randomUUID(), Instant.now(), "k-" + UUID.randomUUID(),
                new ChatUser("anna", null, null, null), "gpt-4o", new ChatRef("c1", "m1", null), input, output,
                estimated, usage, replyTokens);
    }
}
