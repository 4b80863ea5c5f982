package io.owm.billing.kafka;

import io.owm.billing.BillingProperties;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Billing's consumers are static members of their group when the instance has a stable name
 * ({@code OWM_INSTANCE_ID}: compose's container, the devstack's process): an instance restarted under the same
 * name takes its partitions back at once, instead of waiting for the group to give up on the killed process.
 * Without a name (Kubernetes Deployments, whose replaced pods get new names) the consumers are dynamic members.
 * Two live processes must never share a name: the newer one fences the older out of the group.
 */
@Component
class StaticMembership implements DefaultKafkaConsumerFactoryCustomizer {

    private final String instanceId;

    StaticMembership(BillingProperties properties) {
        this.instanceId = properties.instanceId();
    }

    @Override
    public void customize(DefaultKafkaConsumerFactory<?, ?> factory) {
        if (instanceId != null && !instanceId.isBlank()) {
            factory.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId.trim()));
        }
    }
}
