package io.owm.billing.plan;

import io.owm.contracts.catalog.UserGroups;
import io.owm.support.kafka.BatchRecords;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Keeps {@code user_groups} up to date from the catalog's {@code user-groups} topic. One consumer group for all
 * billing instances: they share the table, so each record needs storing once. A group change reaches a user's
 * plan with the user's next chat event.
 */
@Component
class UserGroupsListener {

    private final GroupMemberships memberships;

    UserGroupsListener(GroupMemberships memberships) {
        this.memberships = memberships;
    }

    @KafkaListener(id = "billing-user-groups", topics = "#{T(io.owm.contracts.Topics).USER_GROUPS.name()}",
            batch = "true", concurrency = "1", properties = "auto.offset.reset=earliest")
    void onUserGroups(List<ConsumerRecord<String, Object>> records) {
        BatchRecords.applyUpToPoison(records, decodable -> Flux.fromIterable(decodable)
                .map(ConsumerRecord::value)
                .ofType(UserGroups.class)
                .concatMap(memberships::store)
                .blockLast());
    }
}
