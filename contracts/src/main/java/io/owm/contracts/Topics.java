package io.owm.contracts;

import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.contracts.catalog.ModelTested;
import io.owm.contracts.catalog.UserGroups;
import io.owm.contracts.chat.ChatEvent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.core.KafkaAdmin;

/** The topic catalogue: every topic the system uses, who keys it how, and what flows through it. */
public final class Topics {

    /**
     * Written by the gateway only: inlets and outlets. Kept a week: billing's stored replies outlive it
     * ({@code OWM_REPLY_RETENTION}, at least 8 days), so no redelivery can find its reply gone.
     */
    public static final Topic CHAT_EVENTS = new Topic("chat-events", "user id", ChatEvent.class, false,
            Duration.ofDays(7));

    /**
     * Written by billing only: registrations, inlet and outlet answers, admin changes. Kept for good: the analytics
     * read model is rebuilt from it, and a rebuild restores only what it still holds.
     */
    public static final Topic BILLING_EVENTS = new Topic("billing-events", "user id", BillingEvent.class, false,
            Topic.FOREVER);

    /**
     * Written by billing only: each answer again, to the partition its gateway instance named in the request's
     * {@code kafka_replyPartition} header, so that a gateway reads the answers to its own requests and not
     * everyone's; admin changes (blocks, unblocks, balance changes) go to every partition, so that every gateway
     * hears of them. Not a fact stream: nothing else reads it, and a gateway starts at its end, so a day is plenty.
     */
    public static final Topic BILLING_REPLIES = new Topic("billing-replies", "user id", BillingEvent.class, false,
            Duration.ofDays(1));

    /** Written by the catalog only: the price in force per model; a tombstone deletes a model's price. */
    public static final Topic MODEL_PRICES = new Topic("model-prices", "model id", ModelPriced.class, true,
            Topic.FOREVER);

    /** Written by the catalog only: connectivity test results. Kept for good, as the read model's source. */
    public static final Topic MODEL_TESTS = new Topic("model-tests", "model id", ModelTested.class, false,
            Topic.FOREVER);

    /**
     * Written by the catalog only: each user's OpenWebUI groups, when they change. Compacted: the latest list per
     * user is all that matters, and billing's replica is rebuilt from it.
     */
    public static final Topic USER_GROUPS = new Topic("user-groups", "user id", UserGroups.class, true,
            Topic.FOREVER);

    public static final List<Topic> ALL = List.of(CHAT_EVENTS, BILLING_EVENTS, BILLING_REPLIES, MODEL_PRICES,
            MODEL_TESTS, USER_GROUPS);

    /**
     * The topics a service reads or writes, for Kafka's admin client: whichever service starts first creates
     * them, and creating an existing topic changes nothing. One replica: the broker's default replication
     * applies in a cluster.
     */
    public static KafkaAdmin.NewTopics declare(int partitions, Topic... topics) {
        return new KafkaAdmin.NewTopics(Arrays.stream(topics)
                .map(topic -> topic.declare(partitions))
                .toArray(NewTopic[]::new));
    }

    private Topics() {
    }
}
