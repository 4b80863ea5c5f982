package io.owm.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The gateway's side: sends a request, as the gateway sends a chat event (acknowledged by the broker, idempotent, no
 * linger), and waits for both the acknowledgement and the reply, which a consumer thread of its own reads and hands
 * over, as the gateway's reply listener does.
 */
final class FloorRequester implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final String requests;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> replies;
    private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Thread listener;

    private FloorRequester(String bootstrapServers, String requests, String replyTopic) {
        this.requests = requests;
        producer = FloorClients.producer(bootstrapServers);
        replies = FloorClients.consumerAtEnd(bootstrapServers, replyTopic);
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
            producer.send(new ProducerRecord<>(requests, userId, FloorClients.bytes(id)))
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            waiting.remove(id);
        }
    }

    private void listen() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : replies.poll(Duration.ofSeconds(1))) {
                    CompletableFuture<Void> call = waiting.remove(FloorClients.uuid(record.value()));
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
