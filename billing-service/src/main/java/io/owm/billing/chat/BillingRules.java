package io.owm.billing.chat;

import io.owm.billing.BillingProperties;
import io.owm.billing.pricing.InletCosts;
import io.owm.billing.pricing.PriceBook;
import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The settings the billing rules apply: the initial balance, the prices, the inlet holds. */
@Component
class BillingRules {

    private final BigDecimal initBalance;
    private final PriceBook prices;
    private final InletCosts inletCosts;

    @Autowired
    BillingRules(BillingProperties properties, PriceBook prices, InletCosts inletCosts) {
        this(properties.initBalance(), prices, inletCosts);
    }

    BillingRules(BigDecimal initBalance, PriceBook prices, InletCosts inletCosts) {
        this.initBalance = initBalance;
        this.prices = prices;
        this.inletCosts = inletCosts;
    }

    BigDecimal initBalance() {
        return initBalance;
    }

    PriceBook prices() {
        return prices;
    }

    InletCosts inletCosts() {
        return inletCosts;
    }
}
