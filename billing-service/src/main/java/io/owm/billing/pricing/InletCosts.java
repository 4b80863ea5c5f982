package io.owm.billing.pricing;

import io.owm.billing.BillingProperties;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The hold taken at inlet, from {@code COST_ON_INLET}: {@code 0.1} holds that much for every model,
 * {@code gpt-4:0.32,gpt-3.5:0.01} holds per model and nothing for others, and {@code default:0.05} in the list
 * holds that much for every model not listed, as in the original app. Model ids may contain colons
 * ({@code llama3:8b:0.01}), so the cost is what follows the last one. An entry that cannot be read is left out
 * with a warning naming it, as the original did, so a setting that worked there still starts here.
 */
@Component
public class InletCosts {

    private static final Logger log = LoggerFactory.getLogger(InletCosts.class);
    private static final String DEFAULT_ENTRY = "default";

    private final BigDecimal everyModel;
    private final Map<String, BigDecimal> perModel;

    @Autowired
    InletCosts(BillingProperties properties) {
        this(properties.costOnInlet());
    }

    public InletCosts(String setting) {
        String value = setting == null ? "" : setting.trim();
        Map<String, BigDecimal> listed = new HashMap<>();
        BigDecimal others = BigDecimal.ZERO;
        if (!value.isEmpty() && !value.contains(":")) {
            others = amount(value, value).orElse(BigDecimal.ZERO);
        } else if (!value.isEmpty()) {
            for (String raw : value.split(",")) {
                String entry = raw.trim();
                int colon = entry.lastIndexOf(':');
                if (colon <= 0) {
                    ignore(entry, "expected model:cost");
                    continue;
                }
                String model = entry.substring(0, colon).trim();
                Optional<BigDecimal> cost = amount(entry.substring(colon + 1).trim(), entry);
                if (cost.isPresent() && model.equals(DEFAULT_ENTRY)) {
                    others = cost.get();
                } else {
                    cost.ifPresent(amount -> listed.put(model, amount));
                }
            }
        }
        this.everyModel = others;
        this.perModel = Map.copyOf(listed);
    }

    public BigDecimal holdFor(String model) {
        return perModel.getOrDefault(model, everyModel);
    }

    private static Optional<BigDecimal> amount(String text, String entry) {
        try {
            BigDecimal amount = new BigDecimal(text);
            if (amount.signum() < 0) {
                ignore(entry, "a hold cannot be negative");
                return Optional.empty();
            }
            return Optional.of(amount);
        } catch (NumberFormatException e) {
            ignore(entry, "'" + text + "' is not a number");
            return Optional.empty();
        }
    }

    private static void ignore(String entry, String why) {
        log.warn("COST_ON_INLET entry '{}' is left out: {} (use a number such as 0.1, or model:cost pairs such as"
                + " gpt-4:0.32,default:0.05)", entry, why);
    }
}
