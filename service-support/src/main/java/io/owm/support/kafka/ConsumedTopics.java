package io.owm.support.kafka;

import java.util.List;

/**
 * The topics a service consumes. Each gets its dead-letter topic ({@code <name>-dlt}, with as many partitions, so
 * that a dead letter keeps its partition number) and its dead-letter counter at zero from the start.
 */
public record ConsumedTopics(int partitions, List<String> names) {

    public static ConsumedTopics of(int partitions, String... names) {
        return new ConsumedTopics(partitions, List.of(names));
    }
}
