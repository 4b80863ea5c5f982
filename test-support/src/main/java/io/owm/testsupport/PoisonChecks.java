package io.owm.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * What every consumer must show under the shared failure policy: a record it cannot decode goes to the topic's
 * dead-letter topic, with its key, and does not stop the partition; the test then shows the next record applied.
 */
public final class PoisonChecks {

    private PoisonChecks() {
    }

    /** Sends bytes that are no JSON under a real type name to {@code topic}; answers the record's key. */
    public static String sendUndecodable(TestBroker kafka, String topic, String typeName) {
        String key = "poison-" + UUID.randomUUID();
        kafka.sendRaw(topic, key, typeName, "this is not JSON {".getBytes(StandardCharsets.UTF_8));
        return key;
    }

    /** Waits until the record with {@code key} is in {@code <topic>-dlt}. */
    public static void awaitDeadLetter(KafkaProbe.Collector deadLetters, String key, Duration wait) {
        await().atMost(wait).untilAsserted(() -> assertThat(deadLetters.records())
                .anySatisfy(record -> assertThat(record.key()).isEqualTo(key)));
    }
}
