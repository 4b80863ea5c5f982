package io.owm.billing.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.billing.BillingServiceTest;
import io.owm.contracts.Topics;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.PoisonChecks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A price billing cannot decode goes to model-prices-dlt; the prices after it still reach the replica. */
class PoisonPricesIT extends BillingServiceTest {

    @Test
    void anUndecodablePriceIsDeadLetteredAndTheNextIsStored() {
        KafkaProbe.Collector deadLetters = kafka.collect(Topics.MODEL_PRICES.deadLetter());
        String model = "after-poison-" + UUID.randomUUID();
        String key = PoisonChecks.sendUndecodable(kafka, Topics.MODEL_PRICES.name(), ModelPriced.TYPE);
        kafka.send(Topics.MODEL_PRICES.name(), model, new ModelPriced(UUID.randomUUID(), Instant.now(), model,
                new BigDecimal("1"), new BigDecimal("2"), new BigDecimal("-1")));

        PoisonChecks.awaitDeadLetter(deadLetters, key, WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(db.sql(
                        "SELECT count(*) AS n FROM model_price_history WHERE model_id = :m").bind("m", model)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L));
    }
}
