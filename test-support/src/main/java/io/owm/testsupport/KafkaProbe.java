package io.owm.testsupport;

import io.owm.contracts.serde.EventSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * What a test needs from the broker beside the service under test: send events (well-formed or poison) as
 * another service would, and collect what lands on a topic.
 */
public final class KafkaProbe implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, Object> producer;
    private final KafkaProducer<String, byte[]> rawProducer;

    public KafkaProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> config = new HashMap<>(EventSerde.producerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.producer = new KafkaProducer<>(config);
        this.rawProducer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    public static KafkaProbe onTestBroker() {
        return new KafkaProbe(TestInfrastructure.get().bootstrapServers());
    }

    /** Sends an event record with its logical type header, and waits until the broker has it. */
    public void send(String topic, String key, Object event) {
        await(producer.send(new ProducerRecord<>(topic, key, event)));
    }

    /** Sends an event record with extra headers (a reply address, say). */
    public void send(String topic, String key, Object event, Map<String, byte[]> headers) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, event);
        headers.forEach((name, value) -> record.headers().add(name, value));
        await(producer.send(record));
    }

    /** Sends an event record to one partition, as billing answers a gateway instance on its reply partition. */
    public void send(String topic, int partition, String key, Object event) {
        await(producer.send(new ProducerRecord<>(topic, partition, key, event)));
    }

    /** The number of partitions of a topic. */
    public int partitions(String topic) {
        return producer.partitionsFor(topic).size();
    }

    /** Sends bytes under a logical type name: how a test makes a poison record. */
    public void sendRaw(String topic, String key, String typeName, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(EventSerde.TYPE_HEADER, typeName.getBytes());
        await(rawProducer.send(record));
    }

    /** Starts collecting every record that reaches the topic from now on, decoded as events. */
    public Collector collect(String topic) {
        return new Collector(topic);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        rawProducer.close(Duration.ofSeconds(5));
    }

    private static void await(java.util.concurrent.Future<?> future) {
        try {
            future.get();
        } catch (Exception e) {
            throw new IllegalStateException("The test broker did not take the record", e);
        }
    }

    /** A consumer in a group of its own that reads a topic on a background thread until closed. */
    public final class Collector implements AutoCloseable {

        private final List<ConsumerRecord<String, Object>> records = new CopyOnWriteArrayList<>();
        private final KafkaConsumer<String, Object> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        private Collector(String topic) {
            Map<String, Object> config = new HashMap<>(EventSerde.consumerProperties());
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            config.put(JacksonJsonDeserializer.REMOVE_TYPE_INFO_HEADERS, false);
            consumer = new KafkaConsumer<>(config);
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            thread = new Thread(this::run, "probe-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        public List<Object> values() {
            List<Object> values = new ArrayList<>();
            records.forEach(r -> values.add(r.value()));
            return values;
        }

        public <T> List<T> values(Class<T> type) {
            return values().stream().filter(type::isInstance).map(type::cast).toList();
        }

        public List<ConsumerRecord<String, Object>> records() {
            return List.copyOf(records);
        }

        private void run() {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            consumer.close();
        }

        @Override
        public void close() {
            running = false;
        }
    }
}
