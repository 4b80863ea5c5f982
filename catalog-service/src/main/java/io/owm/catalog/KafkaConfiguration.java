package io.owm.catalog;

import io.owm.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The topics the catalog reads and writes; whichever service starts first creates them. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    NewTopic chatEventsTopic(CatalogProperties properties) {
        return Topics.CHAT_EVENTS.declare(properties.topicPartitions(), 1);
    }

    @Bean
    NewTopic modelPricesTopic(CatalogProperties properties) {
        return Topics.MODEL_PRICES.declare(properties.topicPartitions(), 1);
    }

    @Bean
    NewTopic modelTestsTopic(CatalogProperties properties) {
        return Topics.MODEL_TESTS.declare(properties.topicPartitions(), 1);
    }
}
