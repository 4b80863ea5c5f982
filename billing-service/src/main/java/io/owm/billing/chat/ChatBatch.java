package io.owm.billing.chat;

import io.owm.billing.chat.ContinuePricing.ChargedCall;
import io.owm.billing.ledger.LedgerReason;
import io.owm.billing.ledger.PlannedEntry;
import io.owm.billing.plan.Allowances;
import io.owm.billing.plan.Plan;
import io.owm.billing.pricing.InletCosts;
import io.owm.billing.pricing.Price;
import io.owm.billing.pricing.PriceBook;
import io.owm.billing.user.Account;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.ChatReply;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatEvent;
import io.owm.contracts.chat.ChatStarted;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The billing rules applied to one batch of chat events, in memory, in order. It starts from what the batch's
 * transaction read under the users' row locks and collects what that transaction must write; it does no I/O, so
 * a batch costs a handful of statements instead of several per event.
 *
 * <p>Rules: a request key seen before changes nothing; a repeated outlet is answered with its stored reply, a
 * repeated inlet with the user's state now (blocked or not, balance) and the first answer's hold. An inlet
 * registers an unknown user (the initial balance as a ledger entry). The first event of a user's period under a
 * plan grants the period's allowance ({@link Allowances}). An inlet takes the {@code COST_ON_INLET} hold unless
 * the user is blocked or has no money, or the inlet is a background task (no outlet would settle its hold); a hold
 * that would leave nothing is not taken, and the inlet is refused; so is an inlet over a limit of the user's plan.
 * An outlet is charged at the model's price for its own model call ({@link ContinuePricing}: a "continue" of a
 * message charged before pays for the new call only), and settles the hold of its message (else the oldest open
 * hold of the user on the same model): the hold comes back, the cost goes out. A blocked user's outlet is charged
 * too: the chat was admitted before the block.
 */
final class ChatBatch {

    /** The actor of allowance grants, in the ledger and in {@code BalanceAdjusted}. */
    static final String ALLOWANCE_ACTOR = "plans";

    private final Instant at;
    private final BigDecimal initBalance;
    private final PriceBook prices;
    private final InletCosts inletCosts;
    private final BigDecimal lowBalanceThreshold;
    private final Map<String, ChatReply> replies;
    private final Map<String, Account> accounts;
    private final Map<MessageKey, MessageCharge> chargedMessages;
    private final List<OpenHold> openHolds;
    private final Allowances allowances;

    private final List<PlannedEntry> entries = new ArrayList<>();
    private final Map<String, BigDecimal> balances = new LinkedHashMap<>();
    private final List<OpenHold> takenHolds = new ArrayList<>();
    private final Map<MessageKey, MessageCharge> chargedNow = new HashMap<>();
    private final Map<MessageKey, MessageTotal> messageTotals = new HashMap<>();
    private final List<ChatReply> newReplies = new ArrayList<>();

    ChatBatch(Instant at, BillingRules rules, BatchState state) {
        this.at = at;
        this.initBalance = rules.initBalance();
        this.prices = rules.prices();
        this.inletCosts = rules.inletCosts();
        this.lowBalanceThreshold = rules.lowBalanceThreshold();
        this.replies = new HashMap<>(state.storedReplies());
        this.accounts = new HashMap<>(state.accounts());
        this.chargedMessages = new HashMap<>(state.chargedMessages());
        this.openHolds = new ArrayList<>(state.openHolds());
        this.allowances = new Allowances(state.plans(), state.userGroups(), state.grants(), state.usage());
    }

    /** Applies one event and answers the facts to publish for it, its reply last. */
    List<BillingEvent> apply(ChatEvent event) {
        ChatReply earlier = replies.get(event.requestKey());
        if (earlier instanceof ChatAdmitted admitted) {
            return List.of(readmitted(admitted, (ChatStarted) event));
        }
        if (earlier != null) {
            return List.of(addressedTo(earlier, event));
        }
        List<BillingEvent> facts = new ArrayList<>(2);
        Account account = registerOnFirstSight(accounts.get(event.user().id()), event, facts);
        Plan plan = allowances.planOf(account.id(), account.plan(), event.user().role() != null ? event.user().role()
                : account.role());
        BigDecimal threshold = plan != null && plan.lowBalanceThreshold() != null ? plan.lowBalanceThreshold()
                : lowBalanceThreshold;
        account = grantAllowance(account, plan, event, threshold, facts);
        ChatReply reply = event instanceof ChatStarted inlet
                ? admit(inlet, account, plan).underPlan(planName(plan), threshold)
                : charge((ChatCompleted) event, account, plan).underPlan(planName(plan), threshold);
        replies.put(event.requestKey(), reply);
        newReplies.add(reply);
        facts.add(reply);
        return facts;
    }

    private static String planName(Plan plan) {
        return plan == null ? null : plan.name();
    }

    private Account registerOnFirstSight(Account account, ChatEvent event, List<BillingEvent> facts) {
        if (account == null) {
            throw new IllegalStateException("User " + event.user().id() + " was not locked for this batch");
        }
        if (!account.registeredNow()) {
            return account;
        }
        Account known = move(account, initBalance, LedgerReason.REGISTRATION, event.requestKey()).registered();
        accounts.put(known.id(), known);
        facts.add(new UserRegistered(UUID.randomUUID(), at, known.id(), event.user().email(), event.user().name(),
                event.user().role(), initBalance));
        return known;
    }

    /**
     * The first event of a user's period under a plan grants the period's allowance (once: a period granted, or
     * older than one granted, is not granted again). Blocked users are given nothing.
     */
    private Account grantAllowance(Account account, Plan plan, ChatEvent event, BigDecimal threshold,
            List<BillingEvent> facts) {
        if (account.blocked()) {
            return account;
        }
        Optional<Allowances.Grant> due = allowances.grantDue(account.id(), plan, event.occurredAt(),
                account.balance());
        if (due.isEmpty() || due.get().amount().signum() == 0) {
            return account;
        }
        Allowances.Grant grant = due.get();
        Account granted = move(account, grant.amount(), LedgerReason.ALLOWANCE, grant.cause());
        facts.add(new BalanceAdjusted(UUID.randomUUID(), at, account.id(), grant.amount(), granted.balance(),
                LedgerReason.ALLOWANCE.name(), "allowance " + grant.cause(), ALLOWANCE_ACTOR, threshold, plan.name()));
        return granted;
    }

    private ChatAdmitted admit(ChatStarted inlet, Account account, Plan plan) {
        BigDecimal hold = inletCosts.holdFor(inlet.model());
        if (inlet.task() != null || account.blocked() || account.balance().signum() <= 0
                || alreadyCharged(account.id(), inlet)) {
            return admitted(inlet, account, BigDecimal.ZERO);
        }
        if (hold.signum() > 0 && account.balance().compareTo(hold) <= 0) {
            // The function refuses such a chat, so no outlet would ever settle the hold: take none.
            return new ChatAdmitted(UUID.randomUUID(), at, account.id(), inlet.eventId(), inlet.requestKey(),
                    inlet.model(), false, account.balance(), BigDecimal.ZERO, true);
        }
        Optional<Allowances.Refusal> overLimit = allowances.admit(account.id(), plan, inlet.occurredAt());
        if (overLimit.isPresent()) {
            return new ChatAdmitted(UUID.randomUUID(), at, account.id(), inlet.eventId(), inlet.requestKey(),
                    inlet.model(), false, account.balance(), BigDecimal.ZERO, true, overLimit.get().message(),
                    overLimit.get().renewsAt(), null, null, overLimit.get().reason());
        }
        if (hold.signum() == 0) {
            return admitted(inlet, account, BigDecimal.ZERO);
        }
        Account held = move(account, hold.negate(), LedgerReason.INLET_HOLD, inlet.requestKey());
        OpenHold taken = new OpenHold(null, account.id(), inlet.model(), inlet.chat().chatId(),
                inlet.chat().messageId(), hold, inlet.requestKey());
        takenHolds.add(taken);
        openHolds.add(taken);
        return admitted(inlet, held, hold);
    }

    /** The inlet's reply was charged before the inlet arrived: no outlet is left to settle a hold. */
    private boolean alreadyCharged(String userId, ChatStarted inlet) {
        MessageKey message = MessageKey.of(userId, inlet.chat());
        return message != null && chargedMessages.containsKey(message);
    }

    private ChatAdmitted admitted(ChatStarted inlet, Account account, BigDecimal hold) {
        return new ChatAdmitted(UUID.randomUUID(), at, account.id(), inlet.eventId(), inlet.requestKey(),
                inlet.model(), account.blocked(), account.balance(), hold, false);
    }

    /**
     * A repeat of an inlet (same chat and message id: a retry, or a caller replaying ids) is answered with the
     * user's state now, so a block or an empty balance since the first answer refuses it. The hold of the first
     * answer stands; no second one is taken.
     */
    private ChatAdmitted readmitted(ChatAdmitted first, ChatStarted inlet) {
        Account account = accounts.get(inlet.user().id());
        // The same id each time this very event is applied again (a redelivery), so consumers that dedupe on the
        // event id count it once.
        UUID eventId = UUID.nameUUIDFromBytes(("readmitted:" + inlet.eventId()).getBytes(StandardCharsets.UTF_8));
        return new ChatAdmitted(eventId, at, account.id(), inlet.eventId(), inlet.requestKey(),
                inlet.model(), account.blocked(), account.balance(), first.holdAmount(), first.refused(),
                first.refusal(), first.renewsAt(), first.lowBalanceThreshold(), first.plan(), first.refusalReason());
    }

    private ChatCharged charge(ChatCompleted outlet, Account account, Plan plan) {
        MessageKey message = MessageKey.of(account.id(), outlet.chat());
        MessageCharge before = message == null ? null : chargedMessages.get(message);
        ChargedCall call = ContinuePricing.callOf(outlet, before);
        Price price = prices.priceAt(outlet.model(), outlet.occurredAt());
        BigDecimal cost = price.cost(call.input(), call.output(), call.newModelCall());

        BigDecimal hold = settleHold(account.id(), outlet);
        Account after = account;
        if (hold.signum() != 0) {
            after = move(after, hold, LedgerReason.HOLD_SETTLEMENT, outlet.requestKey());
        }
        if (cost.signum() != 0) {
            after = move(after, cost.negate(), LedgerReason.CHARGE, outlet.requestKey());
            allowances.spent(account.id(), plan, outlet.occurredAt(), cost);
        }
        if (message != null) {
            MessageCharge now = ContinuePricing.after(outlet, before, call);
            chargedMessages.put(message, now);
            messageTotals.merge(message, new MessageTotal(call.input(), call.output(), cost), MessageTotal::plus);
            chargedNow.put(message, now);
        }
        return new ChatCharged(UUID.randomUUID(), at, account.id(), outlet.eventId(), outlet.requestKey(),
                account.name(), outlet.model(), call.input(), call.output(), call.estimated(), cost, hold,
                after.balance(), price.input(), price.output(), price.perMessage());
    }

    /** The hold of the outlet's own message first, else the user's oldest open hold on the same model. */
    private BigDecimal settleHold(String userId, ChatCompleted outlet) {
        OpenHold match = null;
        for (OpenHold hold : openHolds) {
            if (!hold.isOpen() || !hold.userId().equals(userId)) {
                continue;
            }
            if (hold.isFor(outlet.chat().chatId(), outlet.chat().messageId())) {
                match = hold;
                break;
            }
            if (match == null && hold.model().equals(outlet.model())) {
                match = hold;
            }
        }
        if (match == null) {
            return BigDecimal.ZERO;
        }
        match.settleBy(outlet.requestKey());
        return match.amount();
    }

    private Account move(Account account, BigDecimal amount, LedgerReason reason, String cause) {
        BigDecimal balance = account.balance().add(amount);
        entries.add(new PlannedEntry(account.id(), amount, balance, reason, cause));
        balances.put(account.id(), balance);
        Account moved = account.withBalance(balance);
        accounts.put(moved.id(), moved);
        return moved;
    }

    private static ChatReply addressedTo(ChatReply stored, ChatEvent event) {
        if (stored.correlationId().equals(event.eventId())) {
            return stored;
        }
        return stored instanceof ChatAdmitted admitted
                ? admitted.answering(event.eventId())
                : ((ChatCharged) stored).answering(event.eventId());
    }

    List<PlannedEntry> entries() {
        return entries;
    }

    /** Grants and limit windows the batch changed. */
    Allowances allowances() {
        return allowances;
    }

    /** Each touched user's balance after the batch. */
    Map<String, BigDecimal> balances() {
        return balances;
    }

    /** Holds the batch's inlets took, settled or not. */
    List<OpenHold> takenHolds() {
        return takenHolds;
    }

    /** Holds read from the database that the batch's outlets settled. */
    List<OpenHold> settledStoredHolds() {
        return openHolds.stream().filter(hold -> !hold.isNew() && !hold.isOpen()).toList();
    }

    /** What is kept of the messages this batch charged. */
    Map<MessageKey, MessageCharge> chargedMessages() {
        return chargedNow;
    }

    /** What the batch charged each message, to add to the message's totals. */
    Map<MessageKey, MessageTotal> messageTotals() {
        return messageTotals;
    }

    /** The replies to remember, so that a repeat of their requests is answered without changing anything. */
    List<ChatReply> newReplies() {
        return newReplies;
    }
}
