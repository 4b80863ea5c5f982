package io.owm.analytics.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BalanceCrossingTests {

    private static final BigDecimal ONE = BigDecimal.ONE;

    @Test
    void aChargeThatSettlesAHoldCountsFromTheBalanceBeforeBoth() {
        // Before 1.1; the hold of 0.5 comes back and 0.8 goes out: 0.8 after, a crossing.
        assertThat(BalanceCrossing.of(charged("0.8", "0.5", "0.8"), ONE)).hasValueSatisfying(crossing -> {
            assertThat(crossing.before()).isEqualByComparingTo("1.1");
            assertThat(crossing.after()).isEqualByComparingTo("0.8");
        });
        // Before 0.9 already: no crossing.
        assertThat(BalanceCrossing.of(charged("0.6", "0.5", "0.8"), ONE)).isEmpty();
        // Exactly at the threshold after: not below it.
        assertThat(BalanceCrossing.of(charged("0.5", "0", "1"), ONE)).isEmpty();
    }

    @Test
    void holdsAndAdminChangesCrossTooButRefusalsAndBlockedUsersDoNot() {
        assertThat(BalanceCrossing.of(admitted("0.9", "0.2", false, false), ONE)).isPresent();
        assertThat(BalanceCrossing.of(admitted("0.9", "0.2", false, true), ONE)).isEmpty();
        assertThat(BalanceCrossing.of(admitted("-1", "0", true, false), ONE)).isEmpty();
        assertThat(BalanceCrossing.of(new BalanceAdjusted(UUID.randomUUID(), Instant.now(), "u", new BigDecimal("-5"),
                new BigDecimal("0.5"), "ADJUSTMENT", null, "admin"), ONE)).isPresent();
        assertThat(BalanceCrossing.of(new BalanceAdjusted(UUID.randomUUID(), Instant.now(), "u", new BigDecimal("5"),
                new BigDecimal("0.5"), "ADJUSTMENT", null, "admin"), ONE)).isEmpty();
    }

    @Test
    void theThresholdAFactCarriesWinsOverAnalyticsOwnAndNoneAtAllAlertsNothing() {
        // The user's plan warns below 5: a charge from 6 to 4 crosses it, though analytics' own threshold is 1.
        ChatCharged planWarnsBelowFive = charged("2", "0", "4").underPlan("basic", new BigDecimal("5"));
        assertThat(BalanceCrossing.of(planWarnsBelowFive, ONE)).hasValueSatisfying(crossing ->
                assertThat(crossing.threshold()).isEqualByComparingTo("5"));
        assertThat(BalanceCrossing.of(charged("0.8", "0.5", "0.8"), BigDecimal.ZERO)).isEmpty();
        assertThat(BalanceCrossing.of(charged("0.8", "0.5", "0.8"), null)).isEmpty();
        assertThat(BalanceCrossing.of(charged("0.8", "0.5", "0.8"), ONE)).hasValueSatisfying(crossing ->
                assertThat(crossing.threshold()).isEqualByComparingTo("1"));
    }

    private static ChatCharged charged(String cost, String settledHold, String newBalance) {
        return new ChatCharged(UUID.randomUUID(), Instant.now(), "u", UUID.randomUUID(), "k", "Ann", "m", 1, 1, false,
                new BigDecimal(cost), new BigDecimal(settledHold), new BigDecimal(newBalance), BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE.negate());
    }

    private static ChatAdmitted admitted(String balance, String hold, boolean blocked, boolean refused) {
        return new ChatAdmitted(UUID.randomUUID(), Instant.now(), "u", UUID.randomUUID(), "k", "m", blocked,
                new BigDecimal(balance), new BigDecimal(hold), refused);
    }
}
