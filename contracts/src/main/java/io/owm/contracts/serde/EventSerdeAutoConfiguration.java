package io.owm.contracts.serde;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/** Gives every service's Kafka producers and consumers the shared event serde, so no service configures it. */
@AutoConfiguration
@ConditionalOnClass(DefaultKafkaProducerFactoryCustomizer.class)
public class EventSerdeAutoConfiguration {

    @Bean
    DefaultKafkaProducerFactoryCustomizer eventSerdeProducerCustomizer() {
        return factory -> factory.updateConfigs(EventSerde.producerProperties());
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer eventSerdeConsumerCustomizer() {
        return factory -> factory.updateConfigs(EventSerde.consumerProperties());
    }
}
