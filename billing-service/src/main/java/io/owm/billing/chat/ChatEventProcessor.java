package io.owm.billing.chat;

import io.owm.billing.BillingProperties;
import io.owm.billing.ledger.Ledger;
import io.owm.billing.pricing.InletCosts;
import io.owm.billing.pricing.PriceBook;
import io.owm.billing.support.CombinedWrite;
import io.owm.billing.user.UserAccounts;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Applies a batch of chat events in one database transaction and answers the facts to publish. The users are
 * locked first; everything read after that (stored replies, charged messages, open holds) cannot change under
 * the batch, since only a holder of those locks changes it. {@link ChatBatch} applies the rules in memory; the
 * writes follow as one statement with a part per table ({@link CombinedWrite}).
 */
@Component
public class ChatEventProcessor {

    private final UserAccounts accounts;
    private final ProcessedRequests processed;
    private final ChargedMessages chargedMessages;
    private final Holds holds;
    private final Ledger ledger;
    private final PriceBook prices;
    private final InletCosts inletCosts;
    private final BigDecimal initBalance;
    private final TransactionalOperator transaction;
    private final DatabaseClient db;
    private final Clock clock;

    ChatEventProcessor(UserAccounts accounts, ProcessedRequests processed, ChargedMessages chargedMessages, Holds holds,
            Ledger ledger, PriceBook prices, InletCosts inletCosts, BillingProperties properties,
            TransactionalOperator transaction, DatabaseClient db, Clock clock) {
        this.accounts = accounts;
        this.processed = processed;
        this.chargedMessages = chargedMessages;
        this.holds = holds;
        this.ledger = ledger;
        this.prices = prices;
        this.inletCosts = inletCosts;
        this.initBalance = properties.initBalance();
        this.transaction = transaction;
        this.db = db;
        this.clock = clock;
    }

    public Mono<List<BillingEvent>> applyAll(List<ChatEvent> events) {
        Instant at = clock.instant();
        List<ChatCompleted> outlets = events.stream()
                .filter(ChatCompleted.class::isInstance).map(ChatCompleted.class::cast).toList();
        Set<MessageKey> messages = new LinkedHashSet<>();
        outlets.forEach(outlet -> messages.add(MessageKey.of(outlet.user().id(), outlet.chat())));
        messages.remove(null);
        // An inlet that arrives after its own outlet (out of order, or replayed) must find the message charged.
        Set<MessageKey> chargedLookups = new LinkedHashSet<>(messages);
        events.forEach(event -> chargedLookups.add(MessageKey.of(event.user().id(), event.chat())));
        chargedLookups.remove(null);
        Set<String> outletUsers = new LinkedHashSet<>();
        outlets.forEach(outlet -> outletUsers.add(outlet.user().id()));

        // The locks and the three look-ups go out on the transaction's connection together, in this order (zip
        // subscribes in argument order, the driver pipelines them): one round trip for the four. PostgreSQL runs a
        // connection's statements one after the other, each with a snapshot taken when it starts, so the look-ups
        // read after the locks are granted and see what the previous holder committed (LookupsAfterLocksIT).
        // Folded into one statement with the locks they would not (docs/decisions.md). Were a look-up ever to run
        // first, the stored reply's primary key would still refuse a second charge of the same request.
        return Mono.zip(accounts.lockOrRegister(events.stream().map(ChatEvent::user).toList(), at),
                        processed.find(events.stream().map(ChatEvent::requestKey).toList()),
                        chargedMessages.find(chargedLookups), holds.openFor(outletUsers, messages, events.size()))
                .map(found -> new ChatBatch(at, initBalance, prices, inletCosts, found.getT2(), found.getT1(),
                        found.getT3(), found.getT4()))
                .flatMap(batch -> {
                    List<BillingEvent> facts = new ArrayList<>();
                    events.forEach(event -> facts.addAll(batch.apply(event)));
                    return write(batch, at).thenReturn(facts);
                })
                .as(transaction::transactional);
    }

    /** Everything the batch changes, in one statement: all of it belongs to the users the batch locked first. */
    private Mono<Void> write(ChatBatch batch, Instant at) {
        CombinedWrite write = new CombinedWrite();
        ledger.appendAll(write, batch.entries(), batch.balances(), at);
        holds.insert(write, batch.takenHolds(), at);
        holds.settle(write, batch.settledStoredHolds(), at);
        chargedMessages.record(write, batch.chargedMessages());
        processed.remember(write, batch.newReplies(), at);
        return write.execute(db);
    }
}
