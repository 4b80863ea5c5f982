package io.owm.billing.chat;

import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.ChatReply;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatEvent;
import io.owm.contracts.chat.ChatStarted;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies chat events in one database transaction per batch, each at most once per request key, and answers the
 * facts to publish. A request seen before changes nothing and is answered with its stored reply, addressed to
 * the new request.
 */
@Component
public class ChatEventProcessor {

    private final ProcessedRequests processed;
    private final InletHandler inlets;
    private final OutletHandler outlets;
    private final TransactionalOperator transaction;

    ChatEventProcessor(ProcessedRequests processed, InletHandler inlets, OutletHandler outlets,
            TransactionalOperator transaction) {
        this.processed = processed;
        this.inlets = inlets;
        this.outlets = outlets;
        this.transaction = transaction;
    }

    public Mono<List<BillingEvent>> applyAll(List<ChatEvent> events) {
        return Flux.fromIterable(events)
                .concatMap(this::apply)
                .concatMapIterable(facts -> facts)
                .collectList()
                .as(transaction::transactional);
    }

    private Mono<List<BillingEvent>> apply(ChatEvent event) {
        return processed.find(event.requestKey())
                .map(stored -> List.<BillingEvent>of(addressedTo(stored, event)))
                .switchIfEmpty(Mono.defer(() -> applyFirstTime(event)));
    }

    private Mono<List<BillingEvent>> applyFirstTime(ChatEvent event) {
        List<BillingEvent> facts = new ArrayList<>();
        Mono<? extends ChatReply> reply = event instanceof ChatStarted inlet
                ? inlets.admit(inlet, facts)
                : outlets.charge((ChatCompleted) event, facts);
        return reply.flatMap(r -> processed.remember(r).then(Mono.fromCallable(() -> {
            facts.add(r);
            return facts;
        })));
    }

    private static ChatReply addressedTo(ChatReply stored, ChatEvent event) {
        if (stored.correlationId().equals(event.eventId())) {
            return stored;
        }
        return stored instanceof ChatAdmitted admitted
                ? admitted.answering(event.eventId())
                : ((ChatCharged) stored).answering(event.eventId());
    }
}
