package io.owm.benchmarks;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Billing's side: polls the requests, charges each (when given a transaction) on the polling thread, sends the
 * replies and waits for their acknowledgement before it polls again, as billing's batch does.
 */
final class FloorResponder implements AutoCloseable {

    private final String replyTopic;
    private final ChargeTransaction charges;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private volatile Exception failure;

    private FloorResponder(String bootstrapServers, String requests, String replyTopic, ChargeTransaction charges) {
        this.replyTopic = replyTopic;
        this.charges = charges;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        TopicPartition partition = new TopicPartition(requests, 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition);
        thread = new Thread(this::respond, "floor-responder");
        thread.start();
    }

    static FloorResponder start(String bootstrapServers, String requests, String replies, ChargeTransaction charges) {
        return new FloorResponder(bootstrapServers, requests, replies, charges);
    }

    private void respond() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> request : consumer.poll(Duration.ofSeconds(1))) {
                    if (charges != null) {
                        charges.charge(uuid(request.value()), request.key());
                    }
                    sends.add(producer.send(new ProducerRecord<>(replyTopic, request.key(), request.value())));
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get();
                }
            }
        } catch (WakeupException stopping) {
            // close() ends the loop.
        } catch (Exception e) {
            failure = e;
        } finally {
            consumer.close();
        }
    }

    static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    static UUID uuid(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    @Override
    public void close() throws Exception {
        consumer.wakeup();
        thread.join(5_000);
        producer.close(Duration.ofSeconds(5));
        if (failure != null) {
            throw new IllegalStateException("The responder failed", failure);
        }
    }
}
