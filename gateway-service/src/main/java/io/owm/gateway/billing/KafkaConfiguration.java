package io.owm.gateway.billing;

import io.owm.contracts.Topics;
import io.owm.gateway.GatewayProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway writes {@code chat-events} and reads {@code billing-events}; whichever service starts first creates them. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic chatEventsTopic(GatewayProperties properties) {
        return Topics.CHAT_EVENTS.declare(properties.topicPartitions(), 1);
    }

    @Bean
    NewTopic billingEventsTopic(GatewayProperties properties) {
        return Topics.BILLING_EVENTS.declare(properties.topicPartitions(), 1);
    }
}
