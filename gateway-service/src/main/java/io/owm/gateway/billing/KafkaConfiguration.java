package io.owm.gateway.billing;

import io.owm.contracts.Topics;
import io.owm.support.kafka.ConsumedTopics;
import io.owm.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics gatewayTopics(GatewayProperties properties) {
        return Topics.declare(properties.topicPartitions(), Topics.CHAT_EVENTS, Topics.BILLING_EVENTS,
                Topics.BILLING_REPLIES);
    }

    @Bean
    ConsumedTopics consumedTopics(GatewayProperties properties) {
        return ConsumedTopics.of(properties.topicPartitions(), Topics.BILLING_REPLIES.name());
    }
}
