package io.owm.billing.chat;

import io.owm.billing.chat.ChargedMessages.Tokens;
import io.owm.billing.ledger.Ledger;
import io.owm.billing.ledger.LedgerEntry;
import io.owm.billing.ledger.LedgerReason;
import io.owm.billing.pricing.Price;
import io.owm.billing.pricing.PriceBook;
import io.owm.billing.user.Account;
import io.owm.billing.user.UserAccounts;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.chat.ChatCompleted;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Charges a reply: the cost at the model's current price for the tokens not charged before, minus the inlet
 * hold it settles. A blocked user's outlet is charged too: the chat was admitted before the block.
 */
@Component
class OutletHandler {

    private final UserAccounts accounts;
    private final Ledger ledger;
    private final Holds holds;
    private final ChargedMessages chargedMessages;
    private final PriceBook prices;
    private final Clock clock;

    OutletHandler(UserAccounts accounts, Ledger ledger, Holds holds, ChargedMessages chargedMessages,
            PriceBook prices, Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.holds = holds;
        this.chargedMessages = chargedMessages;
        this.prices = prices;
        this.clock = clock;
    }

    Mono<ChatCharged> charge(ChatCompleted outlet, List<BillingEvent> facts) {
        Instant at = clock.instant();
        return accounts.lockOrRegister(outlet.user(), at, outlet.requestKey(), facts)
                .flatMap(account -> chargedMessages.find(account.id(), outlet.chat())
                        .map(charged -> charge(outlet, account, charged, false, at))
                        .defaultIfEmpty(Mono.defer(() -> charge(outlet, account, Tokens.NONE, true, at)))
                        .flatMap(charge -> charge));
    }

    private Mono<ChatCharged> charge(ChatCompleted outlet, Account account, Tokens alreadyCharged, boolean first,
            Instant at) {
        Tokens reported = new Tokens(outlet.inputTokens(), outlet.outputTokens());
        Tokens charged = reported.newSince(alreadyCharged);
        Price price = prices.priceOf(outlet.model());
        BigDecimal cost = price.cost(charged.input(), charged.output(), first);
        String cause = outlet.requestKey();
        return holds.settle(account.id(), outlet.model(), outlet.chat(), cause, at)
                .defaultIfEmpty(BigDecimal.ZERO)
                .flatMap(hold -> settleHold(account, hold, cause, at)
                        .flatMap(balance -> cost.signum() == 0 ? Mono.just(balance)
                                : ledger.append(LedgerEntry.system(account.id(), cost.negate(), LedgerReason.CHARGE,
                                cause), at))
                        .flatMap(balance -> chargedMessages.record(account.id(), outlet.chat(),
                                        reported.max(alreadyCharged))
                                .thenReturn(new ChatCharged(UUID.randomUUID(), at, account.id(), outlet.eventId(),
                                        cause, account.name(), outlet.model(), charged.input(), charged.output(),
                                        outlet.tokensEstimated(), cost, hold, balance, price.input(), price.output(),
                                        price.perMessage()))));
    }

    private Mono<BigDecimal> settleHold(Account account, BigDecimal hold, String cause, Instant at) {
        if (hold.signum() == 0) {
            return Mono.just(account.balance());
        }
        return ledger.append(LedgerEntry.system(account.id(), hold, LedgerReason.HOLD_SETTLEMENT, cause), at);
    }
}
