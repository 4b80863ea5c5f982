package io.owm.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.billing.chat.ChatEventProcessor;
import io.owm.billing.support.BatchDatabase;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A batch's look-ups must read only once its locks are held, or a batch waiting for another instance's lock (a
 * partition handed over mid-batch) would read what was there before that instance committed, and charge the same
 * request a second time.
 */
class LookupsAfterLocksIT extends BillingServiceTest {

    @Autowired
    ChatEventProcessor processor;

    @Autowired
    BatchDatabase batchDatabase;

    @Test
    void aBatchThatWaitedForTheLockAnswersWhatTheHolderCommittedInsteadOfChargingAgain() throws Exception {
        String user = newUser();
        processor.applyAll(List.of(ChatEvents.inlet(user, "m", ChatRef.NONE)));
        ChatCompleted outlet = ChatEvents.outlet(user, "m", ChatRef.NONE, "out:" + UUID.randomUUID(), 1000, 1000);

        // The first instance: holds the user's row until the second one's batch waits for it, then charges the
        // outlet in the same transaction and commits.
        CompletableFuture<List<BillingEvent>> first = CompletableFuture.supplyAsync(
                () -> batchDatabase.inTransaction(() -> {
                    batchDatabase.jdbc().queryForList("SELECT id FROM users WHERE id = :id FOR UPDATE",
                            Map.of("id", user));
                    awaitBatchWaitingForALock();
                    return processor.applyAll(List.of(outlet));
                }));
        await().atMost(WAIT).until(this::rowLockedByAnotherSession);

        List<BillingEvent> second = processor.applyAll(List.of(outlet));

        ChatCharged charged = (ChatCharged) first.get(WAIT.toSeconds(), TimeUnit.SECONDS).get(0);
        assertThat(second).singleElement().isInstanceOfSatisfying(ChatCharged.class,
                answer -> assertThat(answer.eventId()).isEqualTo(charged.eventId()));
        assertThat(ledgerReasons(user)).containsExactly("REGISTRATION", "CHARGE");
        assertThat(balanceOf(user)).isEqualByComparingTo("9.88");
    }

    private boolean rowLockedByAnotherSession() {
        return count("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state = 'idle in transaction' AND query LIKE '%FOR UPDATE%'") > 0;
    }

    private void awaitBatchWaitingForALock() {
        await().atMost(WAIT).until(() -> count("SELECT count(*) AS n FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO users%'")
                > 0);
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get("n", Long.class)).one().block();
    }
}
