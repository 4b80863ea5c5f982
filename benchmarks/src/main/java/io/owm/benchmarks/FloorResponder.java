package io.owm.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;

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
        consumer = FloorClients.consumerAtEnd(bootstrapServers, requests);
        producer = FloorClients.producer(bootstrapServers);
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
                        charges.charge(FloorClients.uuid(request.value()), request.key());
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
