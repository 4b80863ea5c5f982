package io.owm.billing.kafka;

import io.owm.contracts.chat.ChatEvent;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Where each request of a batch wants its answer: the partition of {@code billing-replies} its gateway instance
 * reads, from the request's {@code kafka_replyPartition} header (a 4-byte int, as Spring's request/reply template
 * writes it). A request without one (a gateway from before this header) gets its answer on
 * {@code billing-events} only, where such a gateway reads it.
 */
public final class ReplyAddresses {

    public static final ReplyAddresses NONE = new ReplyAddresses(Map.of());

    private final Map<UUID, Integer> partitions;

    private ReplyAddresses(Map<UUID, Integer> partitions) {
        this.partitions = partitions;
    }

    public static ReplyAddresses of(List<ConsumerRecord<String, Object>> records) {
        Map<UUID, Integer> partitions = new HashMap<>();
        for (ConsumerRecord<String, Object> record : records) {
            Header header = record.headers().lastHeader(KafkaHeaders.REPLY_PARTITION);
            if (header != null && header.value() != null && header.value().length == 4
                    && record.value() instanceof ChatEvent event) {
                partitions.put(event.eventId(), ByteBuffer.wrap(header.value()).getInt());
            }
        }
        return new ReplyAddresses(partitions);
    }

    Optional<Integer> partitionFor(UUID requestEventId) {
        return Optional.ofNullable(partitions.get(requestEventId));
    }
}
