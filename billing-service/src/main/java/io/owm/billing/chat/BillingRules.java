package io.owm.billing.chat;

import io.owm.billing.pricing.InletCosts;
import io.owm.billing.pricing.PriceBook;
import java.math.BigDecimal;

/**
 * The settings the billing rules apply: the initial balance, the prices, the inlet holds.
 *
 * @param initBalance balance granted to a user seen for the first time ({@code INIT_BALANCE})
 */
public record BillingRules(BigDecimal initBalance, PriceBook prices, InletCosts inletCosts) {
}
