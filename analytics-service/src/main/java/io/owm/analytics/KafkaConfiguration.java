package io.owm.analytics;

import io.owm.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topic analytics reads; whichever service starts first creates it. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic billingEventsTopic(@Value("${owm.analytics.topic-partitions}") int partitions) {
        return Topics.BILLING_EVENTS.declare(partitions, 1);
    }
}
