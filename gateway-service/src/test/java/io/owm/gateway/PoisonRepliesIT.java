package io.owm.gateway;

import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatCharged;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.PoisonChecks;
import io.owm.testsupport.TestBroker;
import io.owm.testsupport.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A reply the gateway cannot decode goes to billing-replies-dlt instead of stopping the reply partition. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.gateway.api-key=function-key",
        "owm.gateway.access-token=admin-token",
        "owm.gateway.topic-partitions=3"})
class PoisonRepliesIT {

    @RegisterExtension
    static final TestBroker kafka = new TestBroker();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
    }

    @Test
    void anUndecodableReplyIsDeadLettered() {
        KafkaProbe.Collector deadLetters = kafka.collect(Topics.BILLING_REPLIES.deadLetter());
        // Sent again each round: the gateway reads from the end of its partitions, from when it got them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> PoisonChecks.awaitDeadLetter(deadLetters,
                PoisonChecks.sendUndecodable(kafka, Topics.BILLING_REPLIES.name(), ChatCharged.TYPE),
                Duration.ofSeconds(5)));
    }
}
