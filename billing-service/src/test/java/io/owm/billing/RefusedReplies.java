package io.owm.billing;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatReply;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Makes the broker refuse billing's first {@code billing-events} record answering a chosen request: the record is
 * swapped for one larger than the broker takes (but not the test's producer, whose limit is raised), so the send
 * fails once the broker has answered, as it would for any record the broker does not take. Installed in every
 * billing test's producer; does nothing until a test names a request.
 */
public class RefusedReplies implements ProducerInterceptor<String, Object> {

    private static final Set<UUID> REFUSE_ONCE = ConcurrentHashMap.newKeySet();
    private static final String TOO_LARGE = "x".repeat(2 * 1024 * 1024);

    static void refuseOnce(UUID requestEventId) {
        REFUSE_ONCE.add(requestEventId);
    }

    @Override
    public ProducerRecord<String, Object> onSend(ProducerRecord<String, Object> record) {
        if (record.topic().equals(Topics.BILLING_EVENTS.name()) && record.value() instanceof ChatReply reply
                && REFUSE_ONCE.remove(reply.correlationId())) {
            return new ProducerRecord<>(record.topic(), record.partition(), record.key(), TOO_LARGE,
                    record.headers());
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
