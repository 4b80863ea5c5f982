package io.owm.analytics.lag;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.owm.analytics.AnalyticsProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Consumer lag as the broker sees it: for each watched group ({@code owm.analytics.lag-groups}) and each topic it
 * has committed offsets for, the records not committed yet (log end offset minus the committed offset, from the
 * log start for a partition it never committed). A consumer reports its own lag only while it runs; this is read
 * from the broker, so billing's lag keeps growing on the dashboard and in the {@code BillingBehind} alert while
 * billing is down. Analytics measures it because it is none of those groups' work: it keeps measuring when they
 * stop.
 */
@Component
class ConsumerGroupLag implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerGroupLag.class);
    private static final long ADMIN_TIMEOUT_SECONDS = 5;

    private final KafkaAdmin kafkaAdmin;
    private final List<String> groups;
    private final Duration every;
    private final MultiGauge lag;
    private final Counter failures;
    private volatile Admin admin;
    private ScheduledExecutorService timer;

    ConsumerGroupLag(KafkaAdmin kafkaAdmin, AnalyticsProperties properties, MeterRegistry meters) {
        this.kafkaAdmin = kafkaAdmin;
        this.groups = properties.lagGroups();
        this.every = properties.lagInterval();
        this.lag = MultiGauge.builder("owm.kafka.group.lag")
                .description("Records of a topic not yet committed by a consumer group, read from the broker")
                .baseUnit("records")
                .register(meters);
        this.failures = Counter.builder("owm.kafka.group.lag.failures")
                .description("Lag measurements that failed (the broker did not answer in time)")
                .register(meters);
    }

    /** Measures every watched group once; the gauges keep their last values when the broker does not answer. */
    void measure() {
        if (admin == null) {
            return;
        }
        try {
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (String group : groups) {
                lagPerTopic(group).forEach((topic, records) ->
                        rows.add(MultiGauge.Row.of(Tags.of("group", group, "topic", topic), records)));
            }
            lag.register(rows, true);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failures.increment();
            log.warn("Consumer lag not measured: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Long> lagPerTopic(String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Set<String> topics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return Map.of();
        }
        // Every partition of those topics, so that partitions added later count before the group commits there.
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
            topic.partitions().forEach(partition -> {
                TopicPartition each = new TopicPartition(topic.name(), partition.partition());
                latest.put(each, OffsetSpec.latest());
                earliest.put(each, OffsetSpec.earliest());
            });
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> lagPerTopic = new TreeMap<>();
        ends.forEach((partition, end) -> {
            OffsetAndMetadata done = committed.get(partition);
            long from = done != null ? done.offset() : starts.get(partition).offset();
            lagPerTopic.merge(partition.topic(), Math.max(0, end.offset() - from), Long::sum);
        });
        return lagPerTopic;
    }

    @Override
    public synchronized void start() {
        if (groups.isEmpty() || every.isZero()) {
            return;
        }
        admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::measure, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Interrupts a measurement under way (its admin calls end at once), then closes the admin client. */
    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timer = null;
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
