package io.owm.analytics;

import io.owm.contracts.Topics;
import io.owm.support.kafka.ConsumedTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics analyticsTopics(AnalyticsProperties properties) {
        return Topics.declare(properties.topicPartitions(), Topics.BILLING_EVENTS, Topics.MODEL_TESTS);
    }

    @Bean
    ConsumedTopics consumedTopics(AnalyticsProperties properties) {
        return ConsumedTopics.of(properties.topicPartitions(), Topics.BILLING_EVENTS.name(), Topics.MODEL_TESTS.name());
    }
}
