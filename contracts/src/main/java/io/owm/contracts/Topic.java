package io.owm.contracts;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * One entry of the topic catalogue.
 *
 * @param name      kebab-case name of the fact stream
 * @param key       what the record key is; it decides ordering (one partition sees one key in order)
 * @param valueType the sealed event family or record the values belong to
 * @param compacted whether only the latest value per key matters (log compaction)
 * @param retention how long Kafka keeps its records, set on the topic when it is created ({@link #FOREVER} for
 *                  the fact streams a read model is rebuilt from)
 */
public record Topic(String name, String key, Class<?> valueType, boolean compacted, Duration retention) {

    /** Kafka's {@code retention.ms=-1}: never deleted for age. */
    public static final Duration FOREVER = Duration.ofMillis(-1);

    /** Where records go that failed after bounded retries, so that poison input never blocks a partition. */
    public String deadLetter() {
        return name + "-dlt";
    }

    /**
     * The declaration a service hands to Kafka's admin client; creating an existing topic changes nothing. The
     * replication factor is left to the broker's {@code default.replication.factor}: a cluster of three keeps three
     * copies of every charge, a single development broker one.
     */
    public NewTopic declare(int partitions) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(partitions)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        if (compacted) {
            builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return builder.build();
    }
}
