package io.owm.billing.pricing;

import io.owm.billing.BillingProperties;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The hold taken at inlet, from {@code COST_ON_INLET}: {@code 0.1} holds that much for every model,
 * {@code gpt-4:0.32,gpt-3.5:0.01} holds per model and nothing for others. Model ids may contain colons
 * ({@code llama3:8b:0.01}), so the cost is what follows the last one.
 */
@Component
public class InletCosts {

    private final BigDecimal everyModel;
    private final Map<String, BigDecimal> perModel;

    @Autowired
    InletCosts(BillingProperties properties) {
        this(properties.costOnInlet());
    }

    public InletCosts(String setting) {
        String value = setting == null ? "" : setting.trim();
        if (value.isEmpty() || !value.contains(":")) {
            this.everyModel = value.isEmpty() ? BigDecimal.ZERO : amount(value, value);
            this.perModel = Map.of();
            return;
        }
        this.everyModel = BigDecimal.ZERO;
        this.perModel = new HashMap<>();
        for (String entry : value.split(",")) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0) {
                throw invalid(entry.trim(), "expected model:cost");
            }
            perModel.put(entry.substring(0, colon).trim(), amount(entry.substring(colon + 1).trim(), entry.trim()));
        }
    }

    public BigDecimal holdFor(String model) {
        return perModel.getOrDefault(model, everyModel);
    }

    private static BigDecimal amount(String text, String entry) {
        try {
            BigDecimal amount = new BigDecimal(text);
            if (amount.signum() < 0) {
                throw invalid(entry, "a hold cannot be negative");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw invalid(entry, "'" + text + "' is not a number");
        }
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("COST_ON_INLET entry '" + entry + "' is invalid: " + why
                + " (use a number such as 0.1, or model:cost pairs such as gpt-4:0.32,gpt-3.5:0.01)");
    }
}
