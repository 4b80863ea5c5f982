package io.owm.billing.user;

import java.math.BigDecimal;

/**
 * A user's billing state as read under the row lock.
 *
 * @param registeredNow the user was unknown and has just been inserted, with a balance of zero: the caller grants
 *                      the initial balance as a ledger entry
 * @param role          the OpenWebUI role last seen
 * @param plan          the user's own plan, which comes before its role's and the default; null for none
 */
public record Account(String id, String name, BigDecimal balance, boolean blocked, boolean registeredNow, String role,
        String plan) {

    /** A user on no plan of its own, role unknown. */
    public Account(String id, String name, BigDecimal balance, boolean blocked, boolean registeredNow) {
        this(id, name, balance, blocked, registeredNow, null, null);
    }

    public Account withBalance(BigDecimal newBalance) {
        return new Account(id, name, newBalance, blocked, registeredNow, role, plan);
    }

    /** The same user once its registration is recorded. */
    public Account registered() {
        return new Account(id, name, balance, blocked, false, role, plan);
    }
}
