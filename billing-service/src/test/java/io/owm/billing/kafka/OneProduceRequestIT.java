package io.owm.billing.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.billing.BillingServiceTest;
import io.owm.contracts.billing.UserBlocked;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * A batch's facts leave billing in one produce request, not the first record alone and the rest behind it, and
 * without waiting for the producer's linger: the publisher ends it with a flush.
 */
class OneProduceRequestIT extends BillingServiceTest {

    @Autowired
    KafkaTemplate<String, Object> serviceTemplate;

    private ProducerFactory<String, Object> ownProducer;

    @Test
    void aBatchOfFactsIsOneProduceRequestThatDoesNotWaitForTheLinger() {
        // A linger far longer than the test: a record that left before the flush, or a flush that did not end the
        // linger, would show (the service's own linger is shorter, so a slow append could pass it here).
        KafkaTemplate<String, Object> template = ownTemplate(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000));
        BillingEventPublisher publisher = new BillingEventPublisher(template);
        // The producer's id and both topics' metadata first, so that the batch below needs no other request.
        publisher.publishAll(List.of(blocked()));

        double before = requestsSent(template);
        long started = System.nanoTime();
        // Every block goes to billing-events and to each of the three reply partitions: 48 records.
        publisher.publishAll(IntStream.range(0, 12).mapToObj(i -> blocked()).toList());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(requestsSent(template) - before).isEqualTo(1.0);
    }

    @Test
    void aBatchSentWithoutWaitingIsOneProduceRequestThatDoesNotWaitForTheLingerEither() throws Exception {
        KafkaTemplate<String, Object> template = ownTemplate(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000));
        BillingEventPublisher publisher = new BillingEventPublisher(template);
        publisher.publishAll(List.of(blocked()));

        double before = requestsSent(template);
        publisher.send(IntStream.range(0, 12).mapToObj(i -> blocked()).toList(), ReplyAddresses.NONE,
                TracedBatch.NONE).get(10, TimeUnit.SECONDS);

        assertThat(requestsSent(template) - before).isEqualTo(1.0);
        publisher.destroy();
    }

    @Test
    void theServiceLingers() {
        // With no linger the first record of a list leaves alone and the rest behind it (four requests for the list
        // above instead of one).
        Object linger = serviceTemplate.getProducerFactory().getConfigurationProperties()
                .get(ProducerConfig.LINGER_MS_CONFIG);
        assertThat(linger).as("billing's linger.ms").isNotNull();
        assertThat(Integer.parseInt(linger.toString())).as("billing's linger.ms").isPositive();
    }

    /** A producer of the test's own with the service's settings, so that no other sender shares its requests. */
    private KafkaTemplate<String, Object> ownTemplate(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "one-produce-request-it");
        ownProducer = ((DefaultKafkaProducerFactory<String, Object>) serviceTemplate.getProducerFactory())
                .copyWithConfigurationOverride(settings);
        return new KafkaTemplate<>(ownProducer);
    }

    @AfterEach
    void closeProducer() {
        if (ownProducer != null) {
            ownProducer.reset();
        }
    }

    private static UserBlocked blocked() {
        return new UserBlocked(UUID.randomUUID(), Instant.now(), "u-" + UUID.randomUUID(), "one-produce-request-it");
    }

    private static double requestsSent(KafkaTemplate<String, Object> template) {
        return template.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals("producer-metrics")
                        && metric.getKey().name().equals("request-total"))
                .mapToDouble(metric -> (Double) metric.getValue().metricValue())
                .findFirst().orElseThrow();
    }
}
