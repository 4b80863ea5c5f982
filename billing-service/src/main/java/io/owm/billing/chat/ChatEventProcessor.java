package io.owm.billing.chat;

import io.owm.billing.support.BatchDatabase;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.chat.ChatEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of chat events in one database transaction and answers the facts to publish: read under the
 * users' locks ({@link BatchReads}), apply the rules in memory ({@link ChatBatch}), write it all as one statement
 * ({@link BatchWrites}). It runs on the calling thread, the consumer's ({@link BatchDatabase}).
 */
@Component
public class ChatEventProcessor {

    private final BatchReads reads;
    private final BatchWrites writes;
    private final BillingRules rules;
    private final BatchDatabase database;
    private final Clock clock;

    ChatEventProcessor(BatchReads reads, BatchWrites writes, BillingRules rules, BatchDatabase database,
            Clock clock) {
        this.reads = reads;
        this.writes = writes;
        this.rules = rules;
        this.database = database;
        this.clock = clock;
    }

    public List<BillingEvent> applyAll(List<ChatEvent> events) {
        Instant at = clock.instant();
        return database.inTransaction(() -> {
            ChatBatch batch = new ChatBatch(at, rules, reads.read(events, at));
            List<BillingEvent> facts = new ArrayList<>();
            events.forEach(event -> facts.addAll(batch.apply(event)));
            writes.write(batch, at);
            return facts;
        });
    }
}
