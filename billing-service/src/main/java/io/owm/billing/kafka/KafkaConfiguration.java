package io.owm.billing.kafka;

import io.owm.billing.BillingProperties;
import io.owm.contracts.Topics;
import io.owm.support.kafka.ConsumedTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Topics billing reads and writes, with a dead-letter topic for each one it reads; what happens to a record that
 * fails is the shared consumer failure policy (service-support).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics billingTopics(BillingProperties properties) {
        return Topics.declare(properties.topicPartitions(), Topics.CHAT_EVENTS, Topics.BILLING_EVENTS,
                Topics.BILLING_REPLIES, Topics.MODEL_PRICES, Topics.USER_GROUPS);
    }

    @Bean
    ConsumedTopics consumedTopics(BillingProperties properties) {
        return ConsumedTopics.of(properties.topicPartitions(), Topics.CHAT_EVENTS.name(), Topics.MODEL_PRICES.name(),
                Topics.USER_GROUPS.name());
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
}
