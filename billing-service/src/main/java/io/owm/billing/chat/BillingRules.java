package io.owm.billing.chat;

import io.owm.billing.pricing.InletCosts;
import io.owm.billing.pricing.PriceBook;
import java.math.BigDecimal;

/**
 * The settings the billing rules apply: the initial balance, the prices, the inlet holds, the low-balance warning.
 *
 * @param initBalance         balance granted to a user seen for the first time ({@code INIT_BALANCE})
 * @param lowBalanceThreshold the balance below which a user on no plan with a threshold is warned; null for none
 */
public record BillingRules(BigDecimal initBalance, PriceBook prices, InletCosts inletCosts,
        BigDecimal lowBalanceThreshold) {

    public BillingRules(BigDecimal initBalance, PriceBook prices, InletCosts inletCosts) {
        this(initBalance, prices, inletCosts, null);
    }
}
