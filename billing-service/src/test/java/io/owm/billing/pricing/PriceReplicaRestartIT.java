package io.owm.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.billing.BillingProperties;
import io.owm.billing.BillingServiceTest;
import io.owm.contracts.Topics;
import io.owm.contracts.catalog.ModelPriced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Restarts in either order: a billing instance that starts after a price change knows it from its own replica
 * (the compacted topic may no longer hold it, or the catalog may be down), and a price the catalog republishes
 * at its start changes nothing in the history.
 */
class PriceReplicaRestartIT extends BillingServiceTest {

    @Autowired
    BillingProperties properties;

    @Autowired
    PriceBook running;

    @Test
    void aRestartedBillingInstanceKnowsEveryPriceFromItsReplicaBeforeItChargesAnything() {
        String model = "restart-" + UUID.randomUUID();
        Instant effective = Instant.parse("2026-11-01T12:00:00Z");
        publish(new ModelPriced(UUID.randomUUID(), effective, model, new BigDecimal("4"), new BigDecimal("8"),
                new BigDecimal("-1")));
        awaitStored(model, 1);

        // What a new billing process does at start, before its chat listener runs: load the replica.
        PriceBook restarted = new PriceBook(properties);
        new PriceReplica(db, restarted).start();

        assertThat(restarted.priceAt(model, effective.plusSeconds(1)).input()).isEqualByComparingTo("4");
        assertThat(restarted.priceAt(model, effective.minusSeconds(1)).input())
                .isEqualByComparingTo(properties.defaultInputPrice());
    }

    @Test
    void aPriceRepublishedByARestartedCatalogChangesNothing() {
        String model = "republished-" + UUID.randomUUID();
        Instant effective = Instant.parse("2026-11-02T08:00:00Z");
        publish(new ModelPriced(UUID.randomUUID(), effective, model, new BigDecimal("1"), new BigDecimal("1"),
                new BigDecimal("0.05")));
        awaitStored(model, 1);

        // The catalog's start-up republish: a new event id, the same price and the same time it took effect.
        publish(new ModelPriced(UUID.randomUUID(), effective, model, new BigDecimal("1"), new BigDecimal("1"),
                new BigDecimal("0.05")));
        String marker = "marker-" + UUID.randomUUID();
        publish(new ModelPriced(UUID.randomUUID(), effective, marker, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE));
        awaitStored(marker, 1);

        assertThat(stored(model)).isEqualTo(1);
        assertThat(running.priceAt(model, effective.plusSeconds(60)).perMessage()).isEqualByComparingTo("0.05");
    }

    private static void publish(ModelPriced priced) {
        kafka.send(Topics.MODEL_PRICES.name(), priced.modelId(), priced);
    }

    private void awaitStored(String model, long rows) {
        await().atMost(WAIT).until(() -> stored(model) == rows);
    }

    private long stored(String model) {
        return db.sql("SELECT count(*) AS n FROM model_price_history WHERE model_id = :m").bind("m", model)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
