package io.owm.faults;

import io.owm.contracts.Topics;
import io.owm.contracts.chat.ChatCompleted;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatStarted;
import io.owm.contracts.chat.ChatUser;
import io.owm.contracts.serde.EventSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes to {@code chat-events} what the gateway never would, or would only after a failure: the same event twice
 * (a producer retry), the same request under a new event id (a gateway retry after a lost answer), replies in
 * reverse order with old timestamps (a slow producer), and poison (bytes that are not JSON, impossible values,
 * unknown or missing type names).
 */
final class KafkaInjector implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, Object> events;
    private final KafkaProducer<String, byte[]> raw;

    KafkaInjector(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> config = new HashMap<>(EventSerde.producerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        events = new KafkaProducer<>(config);
        raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /**
     * Duplicates and disorder for {@code count} new requests of users with the prefix; answers the requests, each of
     * which must be charged exactly once however many copies were written.
     */
    List<SentOutlet> duplicatesAndDisorder(String userPrefix, int count) {
        List<SentOutlet> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String user = userPrefix + "kafka-" + i;
            SentOutlet later = new SentOutlet(user, "kafka-chat-" + i, "msg-2", 301, 40, true);
            SentOutlet earlier = new SentOutlet(user, "kafka-chat-" + i, "msg-1", 300, 40, true);
            ChatCompleted second = completed(later, Instant.now());
            // The second reply first; the first an hour "late", written twice as a retrying producer would.
            send(second);
            ChatCompleted first = completed(earlier, Instant.now().minus(Duration.ofHours(1)));
            send(first);
            send(first);
            // The gateway's retry of the second reply: the same request key under a new event id.
            send(new ChatCompleted(UUID.randomUUID(), Instant.now(), second.requestKey(), second.user(),
                    second.model(), second.chat(), second.inputTokens(), second.outputTokens(), false,
                    second.usageDigest(), second.replyTokens()));
            requests.add(later);
            requests.add(earlier);
        }
        events.flush();
        return requests;
    }

    /**
     * An outlet written straight to Kafka under the given request key. With the key of a request already charged it
     * is a replay and must change nothing; with a new key and message it is a new request.
     */
    void publish(SentOutlet outlet, String requestKey) {
        send(new ChatCompleted(UUID.randomUUID(), Instant.now(), requestKey,
                new ChatUser(outlet.user, null, "Fault " + outlet.user, "user"), "fault-model",
                new ChatRef(outlet.chatId, outlet.messageId, null), outlet.inputTokens, outlet.outputTokens, false,
                outlet.usageDigest(), outlet.outputTokens));
        events.flush();
    }

    /**
     * An inlet of {@code user} at {@code at}, written as a producer that retries writes it: twice with the same
     * event id, then once more under a new event id with the same request key (a gateway retrying a lost answer).
     */
    void inletWithRetries(String user, Instant at, String requestKey) {
        ChatStarted inlet = new ChatStarted(UUID.randomUUID(), at, requestKey,
                new ChatUser(user, null, "Fault " + user, "user"), "fault-model",
                new ChatRef("plan-chat-" + requestKey.hashCode(), "m", null), null);
        events.send(new ProducerRecord<>(Topics.CHAT_EVENTS.name(), user, inlet));
        events.send(new ProducerRecord<>(Topics.CHAT_EVENTS.name(), user, inlet));
        events.send(new ProducerRecord<>(Topics.CHAT_EVENTS.name(), user, new ChatStarted(UUID.randomUUID(), at,
                requestKey, inlet.user(), inlet.model(), inlet.chat(), null)));
        events.flush();
    }

    /** Four records billing must set aside in the dead-letter topic without stopping: answers how many were sent. */
    int poison(String userId) {
        String valid = """
                {"eventId":"%s","occurredAt":"%s","requestKey":"poison:%s","user":{"id":"%s"},"model":"fault-model",
                 "chat":{"chatId":"p","messageId":"p"},"inputTokens":-5,"outputTokens":10,"tokensEstimated":false}"""
                .formatted(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), userId);
        List<ProducerRecord<String, byte[]>> records = List.of(
                typed(userId, "this is not JSON {".getBytes(StandardCharsets.UTF_8), ChatCompleted.TYPE),
                typed(userId, valid.getBytes(StandardCharsets.UTF_8), ChatCompleted.TYPE),
                typed(userId, valid.replace("-5", "5").getBytes(StandardCharsets.UTF_8), "NoSuchEvent"),
                new ProducerRecord<>(Topics.CHAT_EVENTS.name(), userId,
                        valid.replace("-5", "5").getBytes(StandardCharsets.UTF_8)));
        records.forEach(raw::send);
        raw.flush();
        return records.size();
    }

    /** Records in {@code chat-events-dlt}, counted from the partitions' end offsets. */
    long deadLetters() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAT_EVENTS.name() + "-dlt").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
        }
    }

    private static ChatCompleted completed(SentOutlet outlet, Instant at) {
        return new ChatCompleted(UUID.randomUUID(), at, "fault-kafka:" + outlet.user + ":" + outlet.messageId,
                new ChatUser(outlet.user, null, "Fault " + outlet.user, "user"), "fault-model",
                new ChatRef(outlet.chatId, outlet.messageId, null), outlet.inputTokens, outlet.outputTokens, false,
                outlet.usageDigest(), outlet.outputTokens);
    }

    private void send(ChatCompleted event) {
        events.send(new ProducerRecord<>(Topics.CHAT_EVENTS.name(), event.user().id(), event));
    }

    private static ProducerRecord<String, byte[]> typed(String key, byte[] value, String type) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.CHAT_EVENTS.name(), key, value);
        record.headers().add(EventSerde.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Override
    public void close() {
        events.close();
        raw.close();
    }
}
