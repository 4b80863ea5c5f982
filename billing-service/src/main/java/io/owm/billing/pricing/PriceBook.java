package io.owm.billing.pricing;

import io.owm.billing.BillingProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The prices billing charges with: the latest price per model from the catalog's {@code model-prices} topic,
 * else the {@code DEFAULT_MODEL_*} prices.
 */
@Component
public class PriceBook {

    private final Price defaultPrice;
    private final Map<String, Price> prices = new ConcurrentHashMap<>();

    PriceBook(BillingProperties properties) {
        this.defaultPrice = new Price(properties.defaultInputPrice(), properties.defaultOutputPrice(),
                properties.defaultPerMessagePrice());
    }

    public Price priceOf(String model) {
        return prices.getOrDefault(model, defaultPrice);
    }

    public void put(String model, Price price) {
        prices.put(model, price);
    }

    public void remove(String model) {
        prices.remove(model);
    }
}
