package io.owm.billing.chat;

import io.owm.billing.kafka.BatchTracing;
import io.owm.billing.kafka.BillingEventPublisher;
import io.owm.billing.kafka.ReplyAddresses;
import io.owm.billing.kafka.TracedBatch;
import io.owm.contracts.chat.ChatEvent;
import io.owm.support.kafka.Failures;
import io.owm.support.kafka.PoisonRecordException;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code chat-events} a poll at a time. The order of steps is what makes a charge exactly-once:
 * database commit (with the request key), then publish the replies, then (when this method returns) the offset
 * commit. A crash anywhere redelivers the batch; the request keys turn the redelivery into republishing the
 * stored replies.
 */
@Component
class ChatEventsListener {

    private final ChatEventProcessor processor;
    private final BillingEventPublisher publisher;
    private final BatchTracing tracing;

    ChatEventsListener(ChatEventProcessor processor, BillingEventPublisher publisher, BatchTracing tracing) {
        this.processor = processor;
        this.publisher = publisher;
        this.tracing = tracing;
    }

    @KafkaListener(id = "billing-chat-events",
            topics = "#{T(io.owm.contracts.Topics).CHAT_EVENTS.name()}", idIsGroup = false, batch = "true")
    void onChatEvents(List<ConsumerRecord<String, Object>> records) {
        try (TracedBatch traces = tracing.start("billing chat-events batch", records);
                var inBatch = traces.inScope()) {
            try {
                apply(records, traces);
            } catch (RuntimeException failure) {
                traces.failed(failure);
                throw failure;
            }
        }
    }

    private void apply(List<ConsumerRecord<String, Object>> records, TracedBatch traces) {
        int poison = firstPoison(records);
        List<ChatEvent> valid = records.subList(0, poison < 0 ? records.size() : poison).stream()
                .map(record -> (ChatEvent) record.value())
                .toList();
        applyAndPublish(valid, ReplyAddresses.of(records), traces);
        if (poison >= 0) {
            String problem = ChatEventValidation.problemWith(records.get(poison).value()).orElseThrow();
            throw new BatchListenerFailedException("Poison chat event", new PoisonRecordException(problem), poison);
        }
    }

    private void applyAndPublish(List<ChatEvent> events, ReplyAddresses replyTo, TracedBatch traces) {
        if (events.isEmpty()) {
            return;
        }
        try {
            publisher.publishAll(processor.applyAll(events), replyTo, traces);
        } catch (RuntimeException batchFailure) {
            if (events.size() == 1 || Failures.isTransient(batchFailure)) {
                throw new BatchListenerFailedException("Chat events not applied", batchFailure, 0);
            }
            applyOneByOne(events, replyTo, traces);
        }
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

    private static int firstPoison(List<ConsumerRecord<String, Object>> records) {
        for (int i = 0; i < records.size(); i++) {
            Optional<String> problem = ChatEventValidation.problemWith(records.get(i).value());
            if (problem.isPresent()) {
                return i;
            }
        }
        return -1;
    }
}
