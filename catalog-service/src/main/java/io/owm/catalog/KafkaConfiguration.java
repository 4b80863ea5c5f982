package io.owm.catalog;

import io.owm.contracts.Topics;
import io.owm.support.kafka.ConsumedTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics catalogTopics(CatalogProperties properties) {
        return Topics.declare(properties.topicPartitions(), Topics.CHAT_EVENTS, Topics.MODEL_PRICES,
                Topics.MODEL_TESTS, Topics.USER_GROUPS);
    }

    @Bean
    ConsumedTopics consumedTopics(CatalogProperties properties) {
        return ConsumedTopics.of(properties.topicPartitions(), Topics.CHAT_EVENTS.name());
    }
}
