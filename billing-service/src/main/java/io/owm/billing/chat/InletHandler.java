package io.owm.billing.chat;

import io.owm.billing.ledger.Ledger;
import io.owm.billing.ledger.LedgerEntry;
import io.owm.billing.ledger.LedgerReason;
import io.owm.billing.pricing.InletCosts;
import io.owm.billing.user.Account;
import io.owm.billing.user.UserAccounts;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.chat.ChatStarted;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Admits a chat: registers the user on first sight and takes the inlet hold. A blocked user or one without
 * money gets no hold; the function refuses the chat from the balance it is answered.
 */
@Component
class InletHandler {

    private final UserAccounts accounts;
    private final Ledger ledger;
    private final Holds holds;
    private final InletCosts inletCosts;
    private final Clock clock;

    InletHandler(UserAccounts accounts, Ledger ledger, Holds holds, InletCosts inletCosts, Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.holds = holds;
        this.inletCosts = inletCosts;
        this.clock = clock;
    }

    Mono<ChatAdmitted> admit(ChatStarted inlet, List<BillingEvent> facts) {
        Instant at = clock.instant();
        return accounts.lockOrRegister(inlet.user(), at, inlet.requestKey(), facts)
                .flatMap(account -> hold(inlet, account, at));
    }

    private Mono<ChatAdmitted> hold(ChatStarted inlet, Account account, Instant at) {
        BigDecimal hold = inletCosts.holdFor(inlet.model());
        if (account.blocked() || hold.signum() == 0 || account.balance().signum() <= 0) {
            return Mono.just(admitted(inlet, account, account.balance(), BigDecimal.ZERO, at));
        }
        LedgerEntry entry = LedgerEntry.system(account.id(), hold.negate(), LedgerReason.INLET_HOLD,
                inlet.requestKey());
        return ledger.append(entry, at)
                .flatMap(balance -> holds.take(account.id(), inlet.model(), inlet.chat(), hold, inlet.requestKey(), at)
                        .thenReturn(admitted(inlet, account, balance, hold, at)));
    }

    private static ChatAdmitted admitted(ChatStarted inlet, Account account, BigDecimal balance, BigDecimal hold,
            Instant at) {
        return new ChatAdmitted(UUID.randomUUID(), at, account.id(), inlet.eventId(), inlet.requestKey(),
                inlet.model(), account.blocked(), balance, hold);
    }
}
