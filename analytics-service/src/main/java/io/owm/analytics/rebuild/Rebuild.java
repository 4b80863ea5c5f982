package io.owm.analytics.rebuild;

import io.owm.analytics.projection.ReadModel;
import io.owm.contracts.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Rebuilds the read model from scratch while the service keeps running: empties the tables, then replays
 * {@code billing-events} and {@code model-tests} from their first record up to the end they had at that moment,
 * with a consumer of its own that never commits. The live listener carries on meanwhile; since every write is
 * idempotent on the event id, a record both of them apply lands once.
 *
 * <p>Why the end offsets are taken after emptying the tables: every record the live listener had applied before
 * that lies below them and is replayed; every record above them is the live listener's to apply. Nothing falls
 * between. The replay does not feed the business metrics: those facts were counted when they first happened.
 */
@Component
public class Rebuild implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    private static final List<String> TOPICS = List.of(Topics.BILLING_EVENTS.name(), Topics.MODEL_TESTS.name());

    private final ReadModel readModel;
    private final ConsumerFactory<?, ?> consumers;
    private final Clock clock = Clock.systemUTC();
    private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.idle());
    private volatile boolean stopping;

    Rebuild(ReadModel readModel, ConsumerFactory<?, ?> consumers) {
        this.readModel = readModel;
        this.consumers = consumers;
    }

    RebuildStatus status() {
        return status.get();
    }

    synchronized RebuildStatus start() {
        if (status.get().running()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A rebuild is already running");
        }
        status.set(RebuildStatus.started(clock.instant()));
        Thread worker = new Thread(this::run, "analytics-rebuild");
        worker.setDaemon(true);
        worker.start();
        return status.get();
    }

    @Override
    public void destroy() {
        stopping = true;
    }

    @SuppressWarnings("unchecked")
    private void run() {
        try (Consumer<String, Object> consumer = (Consumer<String, Object>) consumers
                .createConsumer("analytics-service-rebuild", "analytics-rebuild")) {
            readModel.truncate().block();
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            consumer.seekToBeginning(partitions);
            long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            long replayed = 0;
            status.updateAndGet(s -> s.progress(total, 0));
            log.info("Rebuilding the read model from {} records of {}", total, TOPICS);
            while (!reachedEnd(consumer, partitions, end)) {
                if (stopping) {
                    throw new IllegalStateException("the service shut down; start the rebuild again");
                }
                ConsumerRecords<String, Object> records = consumer.poll(Duration.ofMillis(500));
                List<Object> events = new ArrayList<>();
                for (ConsumerRecord<String, Object> record : records) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        replayed++;
                        if (record.value() != null) {
                            events.add(record.value());
                        }
                    }
                }
                readModel.applyAll(events).block();
                long soFar = replayed;
                status.updateAndGet(s -> s.progress(total, soFar));
            }
            status.updateAndGet(s -> s.done(clock.instant()));
            log.info("Read model rebuilt from {} records", replayed);
        } catch (RuntimeException e) {
            log.error("Rebuild of the read model failed; the read model is incomplete until a rebuild succeeds", e);
            status.updateAndGet(s -> s.failed(clock.instant(), String.valueOf(e.getMessage())));
        }
    }

    private static List<TopicPartition> partitions(Consumer<String, Object> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        return partitions;
    }

    private static boolean reachedEnd(Consumer<String, Object> consumer, List<TopicPartition> partitions,
            Map<TopicPartition, Long> end) {
        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
    }
}
