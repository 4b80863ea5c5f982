package io.owm.billing.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.billing.BillingProperties;
import io.owm.billing.ledger.LedgerReason;
import io.owm.billing.ledger.PlannedEntry;
import io.owm.billing.pricing.InletCosts;
import io.owm.billing.pricing.PriceBook;
import io.owm.billing.user.Account;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.contracts.chat.ChatUser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The billing rules within one batch, where several events of one user meet before anything is written: a hold
 * taken and settled in the same batch, a reply and its "continue", a request repeated inside the batch, an inlet
 * replayed after a block.
 */
class ChatBatchTests {

    private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");
    private static final ChatUser ANNA = new ChatUser("anna", "anna@example.com", "Anna", "user");
    private static final PriceBook PRICES = new PriceBook(new BillingProperties(BigDecimal.TEN, BigDecimal.ZERO, "0",
            new BigDecimal("60"), new BigDecimal("60"), new BigDecimal("-1"), new BigDecimal("1000000"), 1, 1, null,
            Duration.ofDays(14), Duration.ofSeconds(5)));
    private static final BillingRules RULES = new BillingRules(BigDecimal.TEN, PRICES,
            new InletCosts("gpt-4o:0.5,llama3:0.01"));

    @Test
    void aNewUserIsRegisteredOnceAndTheHoldTakenByTheInletIsSettledByTheOutletOfTheSameBatch() {
        ChatBatch batch = batch(new Account("anna", "Anna", BigDecimal.ZERO, false, true), List.of());
        ChatRef chat = new ChatRef("c1", "m1", null);

        List<BillingEvent> inletFacts = batch.apply(inlet(chat, "in:1"));
        List<BillingEvent> outletFacts = batch.apply(outlet(chat, "out:1", 1000, 1000));

        assertThat(inletFacts).hasSize(2).first().isInstanceOf(UserRegistered.class);
        assertThat(((ChatAdmitted) inletFacts.get(1)).balance()).isEqualByComparingTo("9.5");
        ChatCharged charged = (ChatCharged) outletFacts.get(0);
        assertThat(outletFacts).hasSize(1);
        assertThat(charged.settledHold()).isEqualByComparingTo("0.5");
        assertThat(charged.newBalance()).isEqualByComparingTo("9.88");
        assertThat(batch.entries()).extracting(PlannedEntry::reason).containsExactly(LedgerReason.REGISTRATION,
                LedgerReason.INLET_HOLD, LedgerReason.HOLD_SETTLEMENT, LedgerReason.CHARGE);
        assertThat(batch.entries()).extracting(PlannedEntry::balanceAfter).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("10"), new BigDecimal("9.5"), new BigDecimal("10"),
                        new BigDecimal("9.88"));
        assertThat(batch.balances()).containsOnlyKeys("anna");
        assertThat(batch.balances().get("anna")).isEqualByComparingTo("9.88");
        assertThat(batch.takenHolds()).singleElement().satisfies(hold -> {
            assertThat(hold.isNew()).isTrue();
            assertThat(hold.settledBy()).isEqualTo("out:1");
        });
        assertThat(batch.settledStoredHolds()).isEmpty();
    }

    @Test
    void aContinueInTheSameBatchIsChargedForItsOwnModelCall() {
        ChatBatch batch = batch(new Account("anna", "Anna", BigDecimal.TEN, false, false), List.of());
        ChatRef chat = new ChatRef("c1", "m1", null);

        batch.apply(outlet(chat, "out:1", 1000, 1000));
        // The continuation read the first call's 2000 tokens and wrote 500; OpenWebUI put its own usage on the message.
        ChatCharged continued = (ChatCharged) batch.apply(outlet(chat, "out:2", 2000, 500)).get(0);

        assertThat(continued.inputTokens()).isEqualTo(2000);
        assertThat(continued.outputTokens()).isEqualTo(500);
        assertThat(continued.newBalance()).isEqualByComparingTo("9.73");
        assertThat(batch.chargedMessages()).containsEntry(new MessageKey("anna", "c1", "m1"),
                new MessageCharge(2000, 500, "usage:2000/500", 500L));
    }

    @Test
    void aRepeatedInletAfterABlockIsRefusedWithoutASecondHold() {
        Account anna = new Account("anna", "Anna", BigDecimal.TEN, true, false);
        ChatAdmitted first = new ChatAdmitted(UUID.randomUUID(), AT, "anna", UUID.randomUUID(), "in:1", "gpt-4o", false,
                new BigDecimal("9.5"), new BigDecimal("0.5"), false);
        ChatBatch batch = new ChatBatch(AT, RULES,
                new BatchState(Map.of("anna", anna), Map.of("in:1", first), Map.of(), List.of()));

        ChatAdmitted replayed = (ChatAdmitted) batch.apply(inlet(new ChatRef("c1", "m1", null), "in:1")).get(0);

        assertThat(replayed.blocked()).isTrue();
        assertThat(replayed.balance()).isEqualByComparingTo("10");
        assertThat(batch.entries()).isEmpty();
        assertThat(batch.takenHolds()).isEmpty();
        assertThat(batch.newReplies()).isEmpty();
    }

    @Test
    void aHoldThatWouldLeaveNothingIsNotTakenAndTheInletIsRefused() {
        ChatBatch batch = batch(new Account("anna", "Anna", new BigDecimal("0.5"), false, false), List.of());

        ChatAdmitted refused = (ChatAdmitted) batch.apply(inlet(new ChatRef("c1", "m1", null), "in:1")).get(0);

        assertThat(refused.refused()).isTrue();
        assertThat(refused.holdAmount()).isEqualByComparingTo("0");
        assertThat(refused.balance()).isEqualByComparingTo("0.5");
        assertThat(batch.entries()).isEmpty();
        assertThat(batch.takenHolds()).isEmpty();
    }

    @Test
    void anInletArrivingAfterItsOutletTakesNoHoldThatNothingWouldSettle() {
        ChatBatch batch = batch(new Account("anna", "Anna", BigDecimal.TEN, false, false), List.of());
        ChatRef chat = new ChatRef("c1", "m1", null);

        batch.apply(outlet(chat, "out:1", 1000, 1000));
        ChatAdmitted late = (ChatAdmitted) batch.apply(inlet(chat, "in:1")).get(0);

        assertThat(late.holdAmount()).isEqualByComparingTo("0");
        assertThat(batch.takenHolds()).isEmpty();
    }

    @Test
    void aRequestRepeatedInsideTheBatchIsAnsweredWithTheFirstReplyAndChargedOnce() {
        ChatBatch batch = batch(new Account("anna", "Anna", BigDecimal.TEN, false, false), List.of());
        ChatCompleted first = outlet(ChatRef.NONE, "out:1", 1000, 1000);
        ChatCompleted retry = outlet(ChatRef.NONE, "out:1", 1000, 1000);

        ChatCharged original = (ChatCharged) batch.apply(first).get(0);
        ChatCharged repeated = (ChatCharged) batch.apply(retry).get(0);

        assertThat(repeated.eventId()).isEqualTo(original.eventId());
        assertThat(repeated.correlationId()).isEqualTo(retry.eventId());
        assertThat(batch.entries()).hasSize(1);
        assertThat(batch.newReplies()).hasSize(1);
    }

    @Test
    void anOutletWithoutIdsSettlesTheOldestOpenHoldOfItsModelAndLeavesOthersOpen() {
        OpenHold older = new OpenHold(1L, "anna", "gpt-4o", "c0", "m0", new BigDecimal("0.5"), "in:0");
        OpenHold newer = new OpenHold(2L, "anna", "gpt-4o", "c9", "m9", new BigDecimal("0.5"), "in:9");
        OpenHold otherModel = new OpenHold(3L, "anna", "llama3", null, null, new BigDecimal("0.01"), "in:x");
        ChatBatch batch = batch(new Account("anna", "Anna", BigDecimal.TEN, false, false),
                List.of(older, newer, otherModel));

        ChatCharged charged = (ChatCharged) batch.apply(outlet(ChatRef.NONE, "out:1", 1000, 1000)).get(0);

        assertThat(charged.settledHold()).isEqualByComparingTo("0.5");
        assertThat(batch.settledStoredHolds()).containsExactly(older);
        assertThat(newer.isOpen()).isTrue();
        assertThat(otherModel.isOpen()).isTrue();
    }

    @Test
    void aBlockedUserGetsNoHoldButTheirOutletIsCharged() {
        ChatBatch batch = batch(new Account("anna", "Anna", BigDecimal.TEN, true, false), List.of());

        ChatAdmitted admitted = (ChatAdmitted) batch.apply(inlet(ChatRef.NONE, "in:1")).get(0);
        ChatCharged charged = (ChatCharged) batch.apply(outlet(ChatRef.NONE, "out:1", 1000, 1000)).get(0);

        assertThat(admitted.blocked()).isTrue();
        assertThat(admitted.holdAmount()).isEqualByComparingTo("0");
        assertThat(charged.newBalance()).isEqualByComparingTo("9.88");
    }

    @Test
    void aBackgroundTaskIsAdmittedWithoutAHold() {
        ChatBatch batch = batch(new Account("anna", "Anna", BigDecimal.TEN, false, false), List.of());
        ChatStarted title = new ChatStarted(UUID.randomUUID(), AT, "in:title", ANNA, "gpt-4o", ChatRef.NONE,
                "title_generation");

        ChatAdmitted admitted = (ChatAdmitted) batch.apply(title).get(0);

        assertThat(admitted.holdAmount()).isEqualByComparingTo("0");
        assertThat(admitted.balance()).isEqualByComparingTo("10");
        assertThat(batch.entries()).isEmpty();
        assertThat(batch.takenHolds()).isEmpty();
    }

    private static ChatBatch batch(Account account, List<OpenHold> openHolds) {
        return new ChatBatch(AT, RULES, new BatchState(Map.of(account.id(), account), Map.of(), Map.of(), openHolds));
    }

    private static ChatStarted inlet(ChatRef chat, String requestKey) {
        return new ChatStarted(UUID.randomUUID(), AT, requestKey, ANNA, "gpt-4o", chat, null);
    }

    private static ChatCompleted outlet(ChatRef chat, String requestKey, long in, long out) {
        return new ChatCompleted(UUID.randomUUID(), AT, requestKey, ANNA, "gpt-4o", chat, in, out, false,
                "usage:" + in + "/" + out, out);
    }
}
