package io.owm.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * One failure policy for every consumer of every service: poison records (undecodable, impossible values) go to
 * {@code <topic>-dlt} at once, other failures of a record after a few retries, and an outage of the database or the
 * broker is retried with back-off for as long as it lasts. {@code owm_kafka_dead_letters_total} counts them by the
 * record's topic; its series exist at zero for every dead-letter topic the service declares, so that an alert on
 * their increase has a baseline. A service names the topics it consumes ({@link ConsumedTopics}); their dead-letter
 * topics are declared here.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(DefaultErrorHandler.class)
public class ConsumerFailurePolicy {

    /** A failure of the record itself gets this many retries before the dead-letter topic. */
    private static final FixedBackOff FEW_RETRIES = new FixedBackOff(200, 2);

    @Bean
    @ConditionalOnBean(ConsumedTopics.class)
    KafkaAdmin.NewTopics deadLetterTopics(ConsumedTopics consumed) {
        return new KafkaAdmin.NewTopics(consumed.names().stream()
                .map(name -> TopicBuilder.name(name + "-dlt").partitions(consumed.partitions()).build())
                .toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    @ConditionalOnBean(KafkaTemplate.class)
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, Object> events, KafkaProperties kafkaProperties,
            ObjectProvider<MeterRegistry> meters, ObjectProvider<ConsumedTopics> consumed) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, rawTemplate(kafkaProperties));
        templates.put(Object.class, events);
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
                (record, failure) -> new TopicPartition(record.topic() + "-dlt", record.partition()));
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            consumed.orderedStream().flatMap(topics -> topics.names().stream())
                    .forEach(topic -> deadLetters(registry, topic));
        }
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            recoverer.accept(record, failure);
            if (registry != null) {
                deadLetters(registry, record.topic()).increment();
            }
        }, FEW_RETRIES);
        handler.addNotRetryableExceptions(PoisonRecordException.class, DeserializationException.class);
        handler.setBackOffFunction((record, failure) -> Failures.isTransient(failure) ? untilRecovered() : null);
        return handler;
    }

    private static Counter deadLetters(MeterRegistry registry, String topic) {
        return Counter.builder("owm.kafka.dead.letters")
                .description("Records sent to a dead-letter topic after they could not be applied")
                .tag("topic", topic)
                .register(registry);
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
