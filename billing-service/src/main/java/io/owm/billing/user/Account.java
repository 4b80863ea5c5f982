package io.owm.billing.user;

import java.math.BigDecimal;

/**
 * A user's billing state as read under the row lock.
 *
 * @param registeredNow the user was unknown and has just been inserted, with a balance of zero: the caller grants
 *                      the initial balance as a ledger entry
 */
public record Account(String id, String name, BigDecimal balance, boolean blocked, boolean registeredNow) {
}
