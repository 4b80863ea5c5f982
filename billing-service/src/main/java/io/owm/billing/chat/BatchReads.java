package io.owm.billing.chat;

import io.owm.billing.plan.AllowanceGrants;
import io.owm.billing.plan.Allowances;
import io.owm.billing.plan.GroupMemberships;
import io.owm.billing.plan.PlanBook;
import io.owm.billing.plan.Plans;
import io.owm.billing.plan.UsageWindows;
import io.owm.billing.user.UserAccounts;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads what a batch needs inside its transaction: the users are locked first; everything read after that (stored
 * replies, charged messages, open holds) cannot change under the batch, since only a holder of those locks
 * changes it.
 */
@Component
class BatchReads {

    /** Longer than any plan's period or limit window (a month). */
    private static final Duration RECENT_PERIODS = Duration.ofDays(32);

    private final UserAccounts accounts;
    private final ProcessedRequests processed;
    private final ChargedMessages chargedMessages;
    private final Holds holds;
    private final Plans plans;
    private final GroupMemberships groups;
    private final AllowanceGrants grants;
    private final UsageWindows usage;

    BatchReads(UserAccounts accounts, ProcessedRequests processed, ChargedMessages chargedMessages, Holds holds,
            Plans plans, GroupMemberships groups, AllowanceGrants grants, UsageWindows usage) {
        this.accounts = accounts;
        this.processed = processed;
        this.chargedMessages = chargedMessages;
        this.holds = holds;
        this.plans = plans;
        this.groups = groups;
        this.grants = grants;
        this.usage = usage;
    }

    Mono<BatchState> read(List<ChatEvent> events, Instant at) {
        List<ChatCompleted> outlets = events.stream()
                .filter(ChatCompleted.class::isInstance).map(ChatCompleted.class::cast).toList();
        Set<MessageKey> outletMessages = new LinkedHashSet<>();
        outlets.forEach(outlet -> outletMessages.add(MessageKey.of(outlet.user().id(), outlet.chat())));
        outletMessages.remove(null);
        // An inlet that arrives after its own outlet (out of order, or replayed) must find the message charged.
        Set<MessageKey> allMessages = new LinkedHashSet<>(outletMessages);
        events.forEach(event -> allMessages.add(MessageKey.of(event.user().id(), event.chat())));
        allMessages.remove(null);
        Set<String> outletUsers = new LinkedHashSet<>();
        outlets.forEach(outlet -> outletUsers.add(outlet.user().id()));

        // The locks first, then the look-ups, on the transaction's connection in this order (zip subscribes in
        // argument order). PostgreSQL runs a connection's statements one after the other, each with a snapshot
        // taken when it starts, so the look-ups read after the locks are granted and see what the previous holder
        // committed (LookupsAfterLocksIT). Folded into one statement with the locks they would not
        // (docs/decisions.md). Were a look-up ever to run first, the stored reply's primary key would still refuse
        // a second charge of the same request. The driver (r2dbc-postgresql 1.1) sends a statement with parameters
        // only once the one before it is answered, so each look-up is a round trip of its own (docs/decisions.md,
        // "The batch's look-ups are a round trip each"), except the plans, two statements without parameters that
        // go out together with the stored replies' look-up. What only plans need is read only when a plan exists.
        // Grants and limit windows matter from the earliest period an event of the batch can fall in: a month
        // before its oldest event.
        Set<String> users = new LinkedHashSet<>();
        events.forEach(event -> users.add(event.user().id()));
        Instant since = events.stream().map(ChatEvent::occurredAt).min(Instant::compareTo).orElse(at)
                .minus(RECENT_PERIODS);
        return Mono.zip(accounts.lockOrRegister(events.stream().map(ChatEvent::user).toList(), at),
                        plans.book(),
                        processed.find(events.stream().map(ChatEvent::requestKey).toList()),
                        chargedMessages.find(allMessages),
                        holds.openFor(outletUsers, outletMessages, events.size()))
                .flatMap(found -> planState(found.getT2(), users, since).map(planState -> new BatchState(
                        found.getT1(), found.getT3(), found.getT4(), found.getT5(), found.getT2(),
                        planState.groups(), planState.grants(), planState.usage())));
    }

    /**
     * The users' groups, grants and limit windows, which only a plan gives meaning to: while no plan exists none
     * of them can change a batch's outcome, and not reading them saves a round trip each.
     */
    private Mono<PlanState> planState(PlanBook book, Set<String> users, Instant since) {
        if (book.plans().isEmpty()) {
            return Mono.just(PlanState.NONE);
        }
        return Mono.zip(groups.find(users), grants.find(users, since), usage.find(users, since))
                .map(found -> new PlanState(found.getT1(), found.getT2(), found.getT3()));
    }

    private record PlanState(Map<String, List<String>> groups, List<Allowances.Grant> grants,
            Map<UsageWindows.Key, UsageWindows.Usage> usage) {

        static final PlanState NONE = new PlanState(Map.of(), List.of(), Map.of());
    }
}
