package io.owm.billing.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.owm.billing.BillingProperties;
import io.owm.billing.chat.PoisonEventException;
import io.owm.contracts.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/** Topics billing reads and writes, and what happens to a record that fails. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** A failure of the event itself gets this many retries before the dead-letter topic. */
    private static final FixedBackOff FEW_RETRIES = new FixedBackOff(200, 2);

    @Bean
    KafkaAdmin.NewTopics billingTopics(BillingProperties properties) {
        return Topics.declare(properties.topicPartitions(), Topics.CHAT_EVENTS, Topics.BILLING_EVENTS,
                Topics.BILLING_REPLIES, Topics.MODEL_PRICES);
    }

    @Bean
    NewTopic chatEventsDeadLetterTopic(BillingProperties properties) {
        return Topics.CHAT_EVENTS.declareDeadLetter(properties.topicPartitions());
    }

    /**
     * Offsets are committed without waiting for the broker's answer, so a consumer polls its next batch one round
     * trip sooner. Safe because the offset is not what makes a charge exactly-once: a batch redelivered after a
     * lost commit finds its request keys stored and only republishes the stored replies.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncOffsetCommits() {
        return container -> container.getContainerProperties().setSyncCommits(false);
    }

    /**
     * Poison records (undecodable, impossible values) go to {@code <topic>-dlt} at once; other failures of a
     * record after a few retries; an outage of the database or the broker is retried until it is over.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, Object> events, KafkaProperties kafkaProperties,
            MeterRegistry meters) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawTemplate(kafkaProperties));
        templates.put(Object.class, events);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, failure) -> new TopicPartition(record.topic() + "-dlt", record.partition()));
        // Registered up front so the series exists at zero: an alert on its increase needs a baseline.
        Counter deadLetters = Counter.builder("owm.kafka.dead.letters")
                .description("Records sent to a dead-letter topic after they could not be applied")
                .tag("topic", Topics.CHAT_EVENTS.name())
                .register(meters);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            recoverer.accept(record, failure);
            deadLetters.increment();
        }, FEW_RETRIES);
        handler.addNotRetryableExceptions(PoisonEventException.class, DeserializationException.class);
        handler.setBackOffFunction((record, failure) -> Failures.isTransient(failure) ? untilRecovered() : null);
        return handler;
    }

    private static BackOff untilRecovered() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        return backOff;
    }

    /** Dead letters of undecodable records keep their original bytes. */
    private static KafkaTemplate<String, byte[]> rawTemplate(KafkaProperties kafkaProperties) {
        Map<String, Object> config = kafkaProperties.buildProducerProperties();
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }
}
