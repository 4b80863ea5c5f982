package io.owm.billing.chat;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * The last batch of each chat-events consumer whose answers are still on their way to the broker. The consumer
 * applies its next batch while the broker acknowledges them, and a batch's offsets are committed only once the
 * broker has every answer it sent. If any answer failed, the consumer seeks back to that batch and to the one after
 * it (whose answers are not sent): both come again, and their stored replies are republished, never charged twice.
 *
 * <p>Everything here that seeks runs on the consumer's own thread: the next batch, the container's idle event (so a
 * last batch is settled when no other follows) and the revocation of partitions (so their offsets are committed
 * before another consumer takes them). The acknowledgement itself comes from the producer's thread, which the
 * container queues for its next commit.
 */
@Component
class RepliesInFlight implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(RepliesInFlight.class);

    /** As long as the producer may take to give up on a record (its delivery timeout). */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<Consumer<?, ?>, Sending> sending = new ConcurrentHashMap<>();

    /** Remembers a batch whose answers were handed to the producer; {@code ack} runs once the broker has them all. */
    void sent(Consumer<?, ?> consumer, List<? extends ConsumerRecord<?, ?>> records, Acknowledgment ack,
            CompletableFuture<?> sends) {
        CompletableFuture<Void> acknowledged = sends.thenRun(ack::acknowledge);
        Sending previous = sending.put(consumer, new Sending(firstOffsets(records, Map.of()), acknowledged));
        if (previous != null) {
            throw new IllegalStateException("A batch was sent before the one before it was settled");
        }
    }

    /**
     * Waits for the answers of the consumer's last batch. True when there was none or the broker has them all, and
     * {@code next} may go on; false when any failed: the consumer is then set back to that batch and to
     * {@code next}, which must not go on.
     */
    boolean settle(Consumer<?, ?> consumer, List<? extends ConsumerRecord<?, ?>> next) {
        Sending last = sending.remove(consumer);
        if (last == null) {
            return true;
        }
        try {
            last.acknowledged().get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rewind(consumer, firstOffsets(next, last.firstOffsets()), e);
        } catch (ExecutionException | TimeoutException e) {
            rewind(consumer, firstOffsets(next, last.firstOffsets()), e);
        }
        return false;
    }

    /** No batch came for a while: the last one is settled now rather than when the next arrives. */
    @EventListener
    void onIdle(ListenerContainerIdleEvent idle) {
        Consumer<?, ?> consumer = idle.getConsumer();
        if (consumer != null && sending.containsKey(consumer)) {
            settle(consumer, List.of());
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        settle(consumer, List.of());
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Another consumer owns them now: it starts from the last committed offset, before this batch.
        sending.remove(consumer);
    }

    private static void rewind(Consumer<?, ?> consumer, Map<TopicPartition, Long> from, Exception failure) {
        log.warn("Answers of a chat-events batch were not acknowledged by the broker; reading from {} again",
                from, failure);
        Set<TopicPartition> assigned = consumer.assignment();
        from.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    /** The first offset of each partition in {@code records}, or the earlier one already in {@code earlier}. */
    private static Map<TopicPartition, Long> firstOffsets(List<? extends ConsumerRecord<?, ?>> records,
            Map<TopicPartition, Long> earlier) {
        Map<TopicPartition, Long> first = new HashMap<>(earlier);
        for (ConsumerRecord<?, ?> record : records) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return first;
    }

    private record Sending(Map<TopicPartition, Long> firstOffsets, CompletableFuture<Void> acknowledged) {
    }
}
