package io.owm.analytics;

import io.owm.contracts.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics analyticsTopics(@Value("${owm.analytics.topic-partitions}") int partitions) {
        return Topics.declare(partitions, Topics.BILLING_EVENTS, Topics.MODEL_TESTS);
    }
}
