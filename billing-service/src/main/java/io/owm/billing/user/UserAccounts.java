package io.owm.billing.user;

import io.owm.billing.BillingProperties;
import io.owm.billing.ledger.Ledger;
import io.owm.billing.ledger.LedgerEntry;
import io.owm.billing.ledger.LedgerReason;
import io.owm.billing.support.Binder;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.UserRegistered;
import io.owm.contracts.chat.ChatUser;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Users as billing sees them: registered on first sight with {@code INIT_BALANCE} (as a ledger entry), and
 * locked for the rest of the transaction whenever a chat event touches them.
 */
@Component
public class UserAccounts {

    /*
     * One round trip registers an unknown user, refreshes the profile of a known one and takes the row lock
     * (ON CONFLICT DO UPDATE locks the row like SELECT FOR UPDATE). xmax = 0 only on a freshly inserted row.
     */
    private static final String UPSERT_AND_LOCK = """
            INSERT INTO users (id, email, name, role, balance, created_at, updated_at)
            VALUES (:id, :email, :name, :role, 0, :at, :at)
            ON CONFLICT (id) DO UPDATE SET
                email = COALESCE(EXCLUDED.email, users.email),
                name = COALESCE(EXCLUDED.name, users.name),
                role = COALESCE(EXCLUDED.role, users.role)
            RETURNING (xmax = 0) AS inserted, name, balance, blocked
            """;

    private final DatabaseClient db;
    private final Ledger ledger;
    private final BigDecimal initBalance;

    UserAccounts(DatabaseClient db, Ledger ledger, BillingProperties properties) {
        this.db = db;
        this.ledger = ledger;
        this.initBalance = properties.initBalance();
    }

    /**
     * Locks the user's row, registering the user first when unknown. A registration adds its
     * {@link UserRegistered} fact to {@code facts}.
     */
    public Mono<Account> lockOrRegister(ChatUser user, Instant at, String cause, List<BillingEvent> facts) {
        return Binder.of(db.sql(UPSERT_AND_LOCK))
                .bind("id", user.id())
                .bindNullable("email", user.email(), String.class)
                .bindNullable("name", user.name(), String.class)
                .bindNullable("role", user.role(), String.class)
                .bind("at", at)
                .spec()
                .map(row -> new Locked(Boolean.TRUE.equals(row.get("inserted", Boolean.class)),
                        new Account(user.id(), row.get("name", String.class), row.get("balance", BigDecimal.class),
                                Boolean.TRUE.equals(row.get("blocked", Boolean.class)))))
                .one()
                .flatMap(locked -> locked.inserted ? register(user, locked.account, at, cause, facts)
                        : Mono.just(locked.account));
    }

    private Mono<Account> register(ChatUser user, Account account, Instant at, String cause, List<BillingEvent> facts) {
        return ledger.append(LedgerEntry.system(user.id(), initBalance, LedgerReason.REGISTRATION, cause), at)
                .map(balance -> {
                    facts.add(new UserRegistered(UUID.randomUUID(), at, user.id(), user.email(), user.name(),
                            user.role(), initBalance));
                    return new Account(account.id(), account.name(), balance, false);
                });
    }

    private record Locked(boolean inserted, Account account) {
    }
}
