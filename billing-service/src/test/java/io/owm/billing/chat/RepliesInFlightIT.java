package io.owm.billing.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.owm.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.event.ListenerContainerIdleEvent;
import org.springframework.kafka.support.Acknowledgment;

/**
 * A batch's offsets are acknowledged only once the broker has its answers, and a failed answer sets a real consumer
 * back to that batch and to the one read after it, on every partition either holds.
 */
class RepliesInFlightIT {

    private final String topic = "replies-in-flight-" + UUID.randomUUID();
    private final TopicPartition p0 = new TopicPartition(topic, 0);
    private final TopicPartition p1 = new TopicPartition(topic, 1);
    /** Every delivered batch acknowledged at once, except where a test says otherwise. */
    private RepliesInFlight inFlight = new RepliesInFlight(Duration.ZERO);
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final Acknowledgment ack = acknowledged::incrementAndGet;
    private KafkaConsumer<String, String> consumer;
    private List<ConsumerRecord<String, String>> first;
    private List<ConsumerRecord<String, String>> second;

    /** Three records on partition 0 and two on partition 1, read whole; the first batch is partition 0's first two. */
    @BeforeEach
    void readTwoBatches() throws Exception {
        String servers = TestInfrastructure.get().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "p0-" + i)).get(30, TimeUnit.SECONDS);
            }
            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>(topic, 1, "k", "p1-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer());
        consumer.assign(List.of(p0, p1));
        List<ConsumerRecord<String, String>> all = readFive();
        first = all.stream().filter(r -> r.partition() == 0 && r.offset() < 2).toList();
        second = all.stream().filter(r -> !first.contains(r)).toList();
        assertThat(positions()).containsExactly(3L, 2L);
    }

    @AfterEach
    void close() {
        consumer.close();
    }

    @Test
    void acknowledgedAnswersCommitTheBatchAndLetTheNextGoOn() {
        inFlight.sent(consumer, first, ack, CompletableFuture.completedFuture(null));

        assertThat(inFlight.settle(consumer, second)).isTrue();
        assertThat(acknowledged).hasValue(1);
        assertThat(positions()).containsExactly(3L, 2L);
    }

    @Test
    void aFailedAnswerSetsTheConsumerBackToItsBatchAndTheNextOnEveryPartition() {
        inFlight.sent(consumer, first, ack, CompletableFuture.failedFuture(new TimeoutException("broker away")));

        assertThat(inFlight.settle(consumer, second)).isFalse();
        assertThat(acknowledged).hasValue(0);
        // Partition 0 from the first batch's first record, partition 1 (only in the second batch) from its first.
        assertThat(positions()).containsExactly(0L, 0L);
        assertThat(readFive()).extracting(ConsumerRecord::value)
                .containsExactlyInAnyOrder("p0-0", "p0-1", "p0-2", "p1-0", "p1-1");
    }

    @Test
    void theNextBatchWaitsForAnswersStillOnTheirWay() {
        CompletableFuture<Void> sends = new CompletableFuture<>();
        inFlight.sent(consumer, first, ack, sends);
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> sends.complete(null));

        assertThat(inFlight.settle(consumer, second)).isTrue();
        assertThat(acknowledged).hasValue(1);
    }

    @Test
    void aRevocationSettlesTheBatchBeforeTheContainerCommits() {
        inFlight = new RepliesInFlight(Duration.ofHours(1));
        CompletableFuture<Void> sends = new CompletableFuture<>();
        inFlight.sent(consumer, first, ack, sends);
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> sends.complete(null));

        inFlight.onPartitionsRevokedBeforeCommit(consumer, List.of(p0, p1));

        assertThat(acknowledged).hasValue(1);
        assertThat(inFlight.settle(consumer, second)).as("nothing left in flight").isTrue();
        assertThat(acknowledged).hasValue(1);
    }

    @Test
    void aBatchIsNeverSentBeforeTheLastIsSettled() {
        inFlight.sent(consumer, first, ack, new CompletableFuture<>());

        assertThatThrownBy(() -> inFlight.sent(consumer, second, ack, CompletableFuture.completedFuture(null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void deliveredBatchesAreAcknowledgedOncePerCommitIntervalAndAllWhenTheConsumerIsIdle() {
        inFlight = new RepliesInFlight(Duration.ofHours(1));
        inFlight.sent(consumer, first, ack, CompletableFuture.completedFuture(null));
        assertThat(inFlight.settle(consumer, second)).isTrue();
        inFlight.sent(consumer, second, ack, CompletableFuture.completedFuture(null));
        assertThat(inFlight.settle(consumer, List.of())).isTrue();
        assertThat(acknowledged).as("within the commit interval").hasValue(0);

        inFlight.onIdle(new ListenerContainerIdleEvent(this, this, 1_000, "billing-chat-events", List.of(p0, p1),
                consumer, false));

        assertThat(acknowledged).hasValue(2);
    }

    @Test
    void aFailedBatchStillAcknowledgesTheDeliveredOnesBeforeIt() {
        inFlight = new RepliesInFlight(Duration.ofHours(1));
        AtomicInteger failedAcks = new AtomicInteger();
        inFlight.sent(consumer, first, ack, CompletableFuture.completedFuture(null));
        assertThat(inFlight.settle(consumer, second)).isTrue();
        inFlight.sent(consumer, second, failedAcks::incrementAndGet,
                CompletableFuture.failedFuture(new TimeoutException("broker away")));

        assertThat(inFlight.settle(consumer, List.of())).isFalse();

        assertThat(acknowledged).hasValue(1);
        assertThat(failedAcks).hasValue(0);
        // The first batch is committed; the second (partition 0's third record and partition 1) comes again.
        assertThat(positions()).containsExactly(2L, 0L);
    }

    private List<Long> positions() {
        return List.of(consumer.position(p0), consumer.position(p1));
    }

    private List<ConsumerRecord<String, String>> readFive() {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (read.size() < 5 && System.nanoTime() < until) {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        }
        assertThat(read).hasSize(5);
        return read;
    }
}
