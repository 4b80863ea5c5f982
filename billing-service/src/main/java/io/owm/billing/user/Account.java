package io.owm.billing.user;

import java.math.BigDecimal;

/** A user's billing state as read under the row lock. */
public record Account(String id, String name, BigDecimal balance, boolean blocked) {
}
