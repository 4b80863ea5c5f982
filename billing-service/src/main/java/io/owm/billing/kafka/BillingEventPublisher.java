package io.owm.billing.kafka;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.billing.ChatReply;
import io.owm.contracts.billing.UserBlocked;
import io.owm.contracts.billing.UserUnblocked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes committed facts to {@code billing-events}, keyed by user id, and returns only once Kafka has them.
 * Answers also go to the {@code billing-replies} partition their gateway instance reads, and admin changes (blocks,
 * unblocks, balance changes: rare) to every partition of it, so that a gateway reads its own traffic's answers and
 * every admin change, not the whole stream.
 */
@Component
public class BillingEventPublisher implements DisposableBean {

    /** How long a batch waits for its sends: the producer's delivery timeout, after which a send fails anyway. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, Object> kafka;
    private final ExecutorService flusher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "billing-events-flush");
        thread.setDaemon(true);
        return thread;
    });

    BillingEventPublisher(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    /** Facts with no request waiting for them (the outbox's admin changes). */
    public void publishAll(List<? extends BillingEvent> events) {
        publishAll(events, ReplyAddresses.NONE);
    }

    public void publishAll(List<? extends BillingEvent> events, ReplyAddresses replyTo) {
        publishAll(events, replyTo, TracedBatch.NONE);
    }

    public void publishAll(List<? extends BillingEvent> events, ReplyAddresses replyTo, TracedBatch traces) {
        CompletableFuture<Void> sent = sendEach(events, replyTo, traces);
        // Sends the whole list now, in as few produce requests as the broker count allows: the producer lingers
        // (linger.ms) so that a batch's records leave together, not the first one alone and the rest behind it.
        // Waits no longer than waiting for the sends would: a record the broker never takes fails after the
        // producer's delivery timeout.
        kafka.flush();
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while publishing billing events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("Billing events were not published", e);
        }
    }

    /**
     * Sends like {@link #publishAll} but returns at once: the future completes when the broker has every record,
     * or fails with the first that it refused or that timed out. The flush that ends the linger runs on a thread
     * of its own, since a producer's flush also waits for the broker's answers.
     */
    public CompletableFuture<Void> send(List<? extends BillingEvent> events, ReplyAddresses replyTo,
            TracedBatch traces) {
        CompletableFuture<Void> sent = sendEach(events, replyTo, traces);
        flusher.execute(kafka::flush);
        return sent;
    }

    private CompletableFuture<Void> sendEach(List<? extends BillingEvent> events, ReplyAddresses replyTo,
            TracedBatch traces) {
        List<CompletableFuture<?>> sent = new ArrayList<>(events.size() * 2);
        int replyPartitions = kafka.partitionsFor(Topics.BILLING_REPLIES.name()).size();
        for (BillingEvent event : events) {
            if (event instanceof ChatReply reply) {
                traces.forRequest(reply.correlationId(), () -> {
                    sent.add(kafka.send(Topics.BILLING_EVENTS.name(), event.userId(), event));
                    // A partition that does not exist would make the send wait and fail until the partition
                    // stalls; such an answer is on billing-events only, and its caller is answered pending.
                    replyTo.partitionFor(reply.correlationId())
                            .filter(partition -> partition >= 0 && partition < replyPartitions)
                            .ifPresent(partition -> sent.add(
                                    kafka.send(Topics.BILLING_REPLIES.name(), partition, event.userId(), event)));
                });
            } else {
                sent.add(kafka.send(Topics.BILLING_EVENTS.name(), event.userId(), event));
                if (event instanceof UserBlocked || event instanceof UserUnblocked
                        || event instanceof BalanceAdjusted) {
                    for (int partition = 0; partition < replyPartitions; partition++) {
                        sent.add(kafka.send(Topics.BILLING_REPLIES.name(), partition, event.userId(), event));
                    }
                }
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    @Override
    public void destroy() {
        flusher.shutdown();
    }
}
