package io.owm.billing.chat;

import io.owm.billing.plan.AllowanceGrants;
import io.owm.billing.plan.GroupMemberships;
import io.owm.billing.plan.Plans;
import io.owm.billing.plan.UsageWindows;
import io.owm.billing.support.BatchDatabase;
import io.owm.billing.support.CombinedRead;
import io.owm.billing.user.UserAccounts;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a batch needs inside its transaction: the users are locked first; everything read after that (stored
 * replies, charged messages, open holds, the users' groups, grants and limit windows) cannot change under the
 * batch, since only a holder of those locks changes it.
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
    private final BatchDatabase db;
    private final JsonMapper json;

    BatchReads(UserAccounts accounts, ProcessedRequests processed, ChargedMessages chargedMessages, Holds holds,
            Plans plans, GroupMemberships groups, AllowanceGrants grants, UsageWindows usage, BatchDatabase db,
            JsonMapper json) {
        this.accounts = accounts;
        this.processed = processed;
        this.chargedMessages = chargedMessages;
        this.holds = holds;
        this.plans = plans;
        this.groups = groups;
        this.grants = grants;
        this.usage = usage;
        this.db = db;
        this.json = json;
    }

    /** Called in the batch's transaction. */
    BatchState read(List<ChatEvent> events, Instant at) {
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
        Set<String> users = new LinkedHashSet<>();
        events.forEach(event -> users.add(event.user().id()));
        // Grants and limit windows matter from the earliest period an event of the batch can fall in: a month
        // before its oldest event.
        Instant since = events.stream().map(ChatEvent::occurredAt).min(Instant::compareTo).orElse(at)
                .minus(RECENT_PERIODS);

        CombinedRead lookUps = new CombinedRead();
        var planBook = plans.book(lookUps);
        var storedReplies = processed.find(lookUps, events.stream().map(ChatEvent::requestKey).toList());
        var charged = chargedMessages.find(lookUps, allMessages);
        var openHolds = holds.openFor(lookUps, outletUsers, outletMessages, events.size());
        var userGroups = groups.find(lookUps, users);
        var recentGrants = grants.find(lookUps, users, since);
        var recentUsage = usage.find(lookUps, users, since);

        // The locks first, then the look-ups, one statement after the other on the transaction's connection: the
        // look-ups' statement starts once the locks are granted, so its one snapshot sees what the locks' previous
        // holder committed (LookupsAfterLocksIT); folded into the lock statement it would not (docs/decisions.md).
        // The look-ups, the plans among them, are one statement: one round trip (docs/decisions.md, "The batch's
        // look-ups are one statement").
        var locked = accounts.lockOrRegister(events.stream().map(ChatEvent::user).toList(), at);
        CombinedRead.Results looked = lookUps.execute(db.jdbc(), json);
        return new BatchState(locked, looked.of(storedReplies), looked.of(charged), looked.of(openHolds),
                looked.of(planBook), looked.of(userGroups), looked.of(recentGrants), looked.of(recentUsage));
    }
}
