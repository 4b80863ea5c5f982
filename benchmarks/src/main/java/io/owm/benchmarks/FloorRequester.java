package io.owm.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The gateway's side: sends a request, as the gateway sends a chat event (acknowledged by the broker, idempotent, no
 * linger), and waits for both the acknowledgement and the reply, which a consumer thread of its own reads and hands
 * over, as the gateway's reply listener does.
 */
final class FloorRequester implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final String requests;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> replies;
    private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Thread listener;

    private FloorRequester(String bootstrapServers, String requests, String replyTopic) {
        this.requests = requests;
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        replies = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        TopicPartition partition = new TopicPartition(replyTopic, 0);
        replies.assign(List.of(partition));
        replies.seekToEnd(List.of(partition));
        replies.position(partition);
        listener = new Thread(this::listen, "floor-replies");
        listener.start();
    }

    static FloorRequester start(String bootstrapServers, String requests, String replies) {
        return new FloorRequester(bootstrapServers, requests, replies);
    }

    /** One request, answered: the send acknowledged and the reply read. */
    void request(String userId) throws Exception {
        UUID id = UUID.randomUUID();
        CompletableFuture<Void> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        try {
            producer.send(new ProducerRecord<>(requests, userId, FloorResponder.bytes(id)))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            waiting.remove(id);
        }
    }

    private void listen() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : replies.poll(Duration.ofSeconds(1))) {
                    CompletableFuture<Void> call = waiting.remove(FloorResponder.uuid(record.value()));
                    if (call != null) {
                        call.complete(null);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() ends the loop.
        } finally {
            replies.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        replies.wakeup();
        listener.join(5_000);
        producer.close(Duration.ofSeconds(5));
    }
}
