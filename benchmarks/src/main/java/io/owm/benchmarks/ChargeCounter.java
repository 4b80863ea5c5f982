package io.owm.benchmarks;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.serde.EventSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts {@code ChatCharged} facts on {@code billing-events} by their type header, without decoding them, and
 * notes when the first and the latest arrived (broker append time, so the counter's own lag does not count).
 */
final class ChargeCounter implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AtomicLong charges = new AtomicLong();
    private final AtomicLong firstMillis = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastMillis = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    ChargeCounter(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(Topics.BILLING_EVENTS.name()));
        thread = new Thread(this::poll, "charge-counter");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        while (running.get()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Header type = record.headers().lastHeader(EventSerde.TYPE_HEADER);
                if (type != null && ChatCharged.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                    charges.incrementAndGet();
                    firstMillis.accumulateAndGet(record.timestamp(), Math::min);
                    lastMillis.accumulateAndGet(record.timestamp(), Math::max);
                }
            }
        }
        consumer.close();
    }

    long charges() {
        return charges.get();
    }

    /** Milliseconds from the first charge published to the latest. */
    long spanMillis() {
        return Math.max(1, lastMillis.get() - firstMillis.get());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
