package io.owm.billing.chat;

import io.owm.billing.kafka.BatchTracing;
import io.owm.billing.kafka.BillingEventPublisher;
import io.owm.billing.kafka.ReplyAddresses;
import io.owm.billing.kafka.TracedBatch;
import io.owm.contracts.billing.BillingEvent;
import io.owm.contracts.chat.ChatEvent;
import io.owm.support.kafka.Failures;
import io.owm.support.kafka.PoisonRecordException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code chat-events} a poll at a time. The order of steps is what makes a charge exactly-once: database
 * commit (with the request key), then publish the replies, then, once the broker has every reply, the offset commit.
 * A crash anywhere redelivers the batch; the request keys turn the redelivery into republishing the stored replies.
 *
 * <p>While the broker acknowledges a batch's replies, the next batch is already applied: its replies are sent only
 * once the last batch's are acknowledged, or, if any of those failed, both batches are read again
 * ({@link RepliesInFlight}). A batch that fails or holds a poison event first settles the last one, then runs as
 * it always did, waiting for its own replies, since the error handler commits offsets of its own.
 */
@Component
class ChatEventsListener {

    private final ChatEventProcessor processor;
    private final BillingEventPublisher publisher;
    private final RepliesInFlight inFlight;
    private final BatchTracing tracing;

    ChatEventsListener(ChatEventProcessor processor, BillingEventPublisher publisher, RepliesInFlight inFlight,
            BatchTracing tracing) {
        this.processor = processor;
        this.publisher = publisher;
        this.inFlight = inFlight;
        this.tracing = tracing;
    }

    @KafkaListener(id = "billing-chat-events", topics = "#{T(io.owm.contracts.Topics).CHAT_EVENTS.name()}",
            idIsGroup = false, batch = "true", containerPostProcessor = "chatEventsContainer")
    void onChatEvents(List<ConsumerRecord<String, Object>> records, Acknowledgment ack, Consumer<?, ?> consumer) {
        try (TracedBatch traces = tracing.start("billing chat-events batch", records);
                var inBatch = traces.inScope()) {
            try {
                apply(new Batch(records, ack, consumer), traces);
            } catch (RuntimeException failure) {
                traces.failed(failure);
                throw failure;
            }
        }
    }

    private void apply(Batch batch, TracedBatch traces) {
        int poison = firstPoison(batch.records());
        List<ChatEvent> valid = batch.records().subList(0, poison < 0 ? batch.records().size() : poison).stream()
                .map(record -> (ChatEvent) record.value())
                .toList();
        ReplyAddresses replyTo = ReplyAddresses.of(batch.records());
        if (poison < 0) {
            applyWhileTheLastIsAcknowledged(valid, batch, replyTo, traces);
            return;
        }
        if (settleTheLast(batch)) {
            applyAndPublish(valid, replyTo, traces);
            String problem = ChatEventValidation.problemWith(batch.records().get(poison).value()).orElseThrow();
            throw new BatchListenerFailedException("Poison chat event", new PoisonRecordException(problem), poison);
        }
    }

    private void applyWhileTheLastIsAcknowledged(List<ChatEvent> events, Batch batch, ReplyAddresses replyTo,
            TracedBatch traces) {
        List<BillingEvent> facts;
        try {
            facts = processor.applyAll(events);
        } catch (RuntimeException batchFailure) {
            if (settleTheLast(batch)) {
                applyAfter(batchFailure, events, replyTo, traces);
                batch.ack().acknowledge();
            }
            return;
        }
        if (!settleTheLast(batch)) {
            return;
        }
        CompletableFuture<Void> sends;
        try {
            sends = publisher.send(facts, replyTo, traces);
        } catch (RuntimeException sendFailure) {
            applyAfter(sendFailure, events, replyTo, traces);
            batch.ack().acknowledge();
            return;
        }
        inFlight.sent(batch.consumer(), batch.records(), batch.ack(), sends);
    }

    private void applyAndPublish(List<ChatEvent> events, ReplyAddresses replyTo, TracedBatch traces) {
        if (events.isEmpty()) {
            return;
        }
        try {
            publisher.publishAll(processor.applyAll(events), replyTo, traces);
        } catch (RuntimeException batchFailure) {
            applyAfter(batchFailure, events, replyTo, traces);
        }
    }

    /** The batch failed: an outage is retried whole; any other failure is narrowed down to the one event. */
    private void applyAfter(RuntimeException batchFailure, List<ChatEvent> events, ReplyAddresses replyTo,
            TracedBatch traces) {
        if (events.size() == 1 || Failures.isTransient(batchFailure)) {
            throw new BatchListenerFailedException("Chat events not applied", batchFailure, 0);
        }
        applyOneByOne(events, replyTo, traces);
    }

    /** A batch failed for a reason that is not the infrastructure: find the one event that causes it. */
    private void applyOneByOne(List<ChatEvent> events, ReplyAddresses replyTo, TracedBatch traces) {
        for (int i = 0; i < events.size(); i++) {
            try {
                publisher.publishAll(processor.applyAll(List.of(events.get(i))), replyTo, traces);
            } catch (RuntimeException failure) {
                throw new BatchListenerFailedException("Chat event not applied", failure, i);
            }
        }
    }

    /** Waits for the last batch's replies; false when they failed and this batch is to be read again. */
    private boolean settleTheLast(Batch batch) {
        return inFlight.settle(batch.consumer(), batch.records());
    }

    private static int firstPoison(List<ConsumerRecord<String, Object>> records) {
        for (int i = 0; i < records.size(); i++) {
            Optional<String> problem = ChatEventValidation.problemWith(records.get(i).value());
            if (problem.isPresent()) {
                return i;
            }
        }
        return -1;
    }

    /** One poll's records, with what commits them and the consumer that read them. */
    private record Batch(List<ConsumerRecord<String, Object>> records, Acknowledgment ack, Consumer<?, ?> consumer) {
    }
}
