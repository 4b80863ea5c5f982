package io.owm.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The lag of a consumer group as the broker sees it, on {@code /actuator/prometheus}: it is there while no member
 * of the group runs, which is what the BillingBehind alert needs when billing is down.
 */
class ConsumerGroupLagIT extends AnalyticsServiceTest {

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void lagOfAGroupWithNoMemberRunningIsMeasuredFromTheBroker() throws Exception {
        String topic = "lag-probe-" + UUID.randomUUID();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
            try (var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaAdmin.getConfigurationProperties().get("bootstrap.servers"),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1})).get();
                }
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {1})).get();
                }
            }
            // The group read two records of partition 0 and stopped; it never committed on partition 1.
            admin.alterConsumerGroupOffsets(WATCHED_GROUP,
                    Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2))).all().get();
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(lagOf(scrape(), topic)).isEqualTo(3 + 3));
    }

    private String scrape() {
        return management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static double lagOf(String metrics, String topic) {
        var samples = Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith("owm_kafka_group_lag_records{"))
                .filter(line -> line.contains("group=\"" + WATCHED_GROUP + "\"") && line.contains("topic=\"" + topic + "\""))
                .toList();
        assertThat(samples).hasSize(1);
        return Double.parseDouble(samples.get(0).substring(samples.get(0).lastIndexOf(' ') + 1));
    }
}
