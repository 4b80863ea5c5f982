package io.owm.billing.chat;

import io.owm.billing.ledger.Ledger;
import io.owm.billing.plan.AllowanceGrants;
import io.owm.billing.plan.UsageWindows;
import io.owm.billing.support.BatchDatabase;
import io.owm.billing.support.CombinedWrite;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Everything a batch changes, in one statement with a part per table ({@link CombinedWrite}): all of it belongs to
 * the users the batch locked first.
 */
@Component
class BatchWrites {

    private final Ledger ledger;
    private final Holds holds;
    private final ChargedMessages chargedMessages;
    private final ProcessedRequests processed;
    private final AllowanceGrants grants;
    private final UsageWindows usage;
    private final BatchDatabase db;

    BatchWrites(Ledger ledger, Holds holds, ChargedMessages chargedMessages, ProcessedRequests processed,
            AllowanceGrants grants, UsageWindows usage, BatchDatabase db) {
        this.ledger = ledger;
        this.holds = holds;
        this.chargedMessages = chargedMessages;
        this.processed = processed;
        this.grants = grants;
        this.usage = usage;
        this.db = db;
    }

    /** Called in the batch's transaction. */
    void write(ChatBatch batch, Instant at) {
        CombinedWrite write = new CombinedWrite();
        ledger.appendAll(write, batch.entries(), batch.balances(), at);
        holds.insert(write, batch.takenHolds(), at);
        holds.settle(write, batch.settledStoredHolds(), at);
        chargedMessages.record(write, batch.chargedMessages(), batch.messageTotals(), at);
        processed.remember(write, batch.newReplies(), at);
        grants.record(write, batch.allowances().newGrants(), at);
        usage.record(write, batch.allowances().changedUsage());
        write.execute(db.jdbc());
    }
}
