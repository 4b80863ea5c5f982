package io.owm.billing.chat;

import io.owm.billing.kafka.BillingEventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
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
 * <p>Batches whose answers are in are acknowledged to the container together, at most once per commit interval (as
 * the other listeners' timed commits): a commit request per batch cost the broker more CPU per outlet
 * (docs/decisions.md, "Billing applies its next batch while the broker acknowledges the last"). A last batch
 * with none behind it is settled and acknowledged when the container reports it idle, and every batch before
 * another consumer takes the partitions.
 *
 * <p>Everything here runs on the consumer's own thread (the next batch, the idle event, the rebalance callbacks), so
 * a consumer's state is never shared between threads.
 */
@Component
class RepliesInFlight implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(RepliesInFlight.class);

    private final Map<Consumer<?, ?>, Unsettled> consumers = new ConcurrentHashMap<>();
    private final long commitIntervalNanos;

    @Autowired
    RepliesInFlight(KafkaProperties kafka) {
        this(Optional.ofNullable(kafka.getListener().getAckTime()).orElse(Duration.ZERO));
    }

    RepliesInFlight(Duration commitInterval) {
        this.commitIntervalNanos = commitInterval.toNanos();
    }

    /** Remembers a batch whose answers were handed to the producer; {@code ack} commits it once they are in. */
    void sent(Consumer<?, ?> consumer, List<? extends ConsumerRecord<?, ?>> records, Acknowledgment ack,
            CompletableFuture<?> sends) {
        Unsettled unsettled = consumers.computeIfAbsent(consumer, c -> new Unsettled());
        if (unsettled.sending != null) {
            throw new IllegalStateException("A batch was sent before the one before it was settled");
        }
        unsettled.sending = new Sending(firstOffsets(records, Map.of()), ack, sends);
    }

    /**
     * Waits for the answers of the consumer's last batch. True when there was none or the broker has them all, and
     * {@code next} may go on; false when any failed: the consumer is then set back to that batch and to
     * {@code next}, which must not go on.
     */
    boolean settle(Consumer<?, ?> consumer, List<? extends ConsumerRecord<?, ?>> next) {
        return settle(consumer, next, false);
    }

    /** No batch came for a while: the last one is settled and committed now rather than when the next arrives. */
    @EventListener
    void onIdle(ListenerContainerIdleEvent idle) {
        Consumer<?, ?> consumer = idle.getConsumer();
        if (consumer != null && consumers.containsKey(consumer)) {
            settle(consumer, List.of(), true);
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        settle(consumer, List.of(), true);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // Another consumer owns them now: it starts from the last committed offset, before these batches.
        consumers.remove(consumer);
    }

    private boolean settle(Consumer<?, ?> consumer, List<? extends ConsumerRecord<?, ?>> next, boolean commitNow) {
        Unsettled unsettled = consumers.get(consumer);
        if (unsettled == null) {
            return true;
        }
        Sending last = unsettled.sending;
        unsettled.sending = null;
        boolean delivered = last == null || delivered(last);
        if (delivered && last != null) {
            unsettled.delivered.add(last.ack());
        }
        if (!delivered || commitNow || System.nanoTime() - unsettled.lastAcknowledged >= commitIntervalNanos) {
            unsettled.acknowledgeDelivered();
        }
        if (!delivered) {
            rewind(consumer, firstOffsets(next, last.firstOffsets()));
        }
        return delivered;
    }

    private static boolean delivered(Sending sending) {
        try {
            sending.sends().get(BillingEventPublisher.SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while waiting for the broker to acknowledge a chat-events batch's answers", e);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Answers of a chat-events batch were not acknowledged by the broker", e);
        }
        return false;
    }

    private static void rewind(Consumer<?, ?> consumer, Map<TopicPartition, Long> from) {
        log.warn("Reading chat events again from {}", from);
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

    /** A consumer's batch whose answers may still be on their way, and those whose answers are in. */
    private static final class Unsettled {

        private Sending sending;
        private final List<Acknowledgment> delivered = new ArrayList<>();
        private long lastAcknowledged = System.nanoTime();

        void acknowledgeDelivered() {
            delivered.forEach(Acknowledgment::acknowledge);
            delivered.clear();
            lastAcknowledged = System.nanoTime();
        }
    }

    private record Sending(Map<TopicPartition, Long> firstOffsets, Acknowledgment ack, CompletableFuture<?> sends) {
    }
}
