package io.owm.billing.chat;

import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.chat.ChatEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies a batch of chat events in one database transaction and answers the facts to publish: read under the
 * users' locks ({@link BatchReads}), apply the rules in memory ({@link ChatBatch}), write it all as one statement
 * ({@link BatchWrites}).
 */
@Component
public class ChatEventProcessor {

    private final BatchReads reads;
    private final BatchWrites writes;
    private final BillingRules rules;
    private final TransactionalOperator transaction;
    private final Clock clock;

    ChatEventProcessor(BatchReads reads, BatchWrites writes, BillingRules rules, TransactionalOperator transaction,
            Clock clock) {
        this.reads = reads;
        this.writes = writes;
        this.rules = rules;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Mono<List<BillingEvent>> applyAll(List<ChatEvent> events) {
        Instant at = clock.instant();
        return reads.read(events, at)
                .flatMap(state -> {
                    ChatBatch batch = new ChatBatch(at, rules, state);
                    List<BillingEvent> facts = new ArrayList<>();
                    events.forEach(event -> facts.addAll(batch.apply(event)));
                    return writes.write(batch, at).thenReturn(facts);
                })
                .as(transaction::transactional);
    }
}
