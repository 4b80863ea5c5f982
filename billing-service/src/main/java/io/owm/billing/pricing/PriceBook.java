package io.owm.billing.pricing;

import io.owm.billing.BillingProperties;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.stereotype.Component;

/**
 * The prices billing charges with: per model, every price the catalog published with the time it took effect,
 * else the {@code DEFAULT_MODEL_*} prices. Filled by {@link PriceReplica}.
 */
@Component
public class PriceBook {

    private final Price defaultPrice;
    private final Map<String, NavigableMap<Instant, Price>> history = new ConcurrentHashMap<>();

    public PriceBook(BillingProperties properties) {
        this.defaultPrice = new Price(properties.defaultInputPrice(), properties.defaultOutputPrice(),
                properties.defaultPerMessagePrice());
    }

    /** The model's price in force at {@code at}: the latest that took effect at or before it. */
    public Price priceAt(String model, Instant at) {
        NavigableMap<Instant, Price> prices = history.get(model);
        if (prices == null) {
            return defaultPrice;
        }
        Map.Entry<Instant, Price> inForce = prices.floorEntry(at);
        return inForce == null ? defaultPrice : inForce.getValue();
    }

    void record(String model, Instant effectiveAt, Price price) {
        history.computeIfAbsent(model, m -> new ConcurrentSkipListMap<>()).put(effectiveAt, price);
    }
}
