package io.owm.analytics;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.catalog.ModelTested;
import io.owm.testsupport.AsTheGateway;
import io.owm.testsupport.TestBroker;
import io.owm.testsupport.TestInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The analytics service against the real broker and database. Every test class extends this one with the same
 * configuration, so they share one Spring context: two analytics contexts in one JVM would split the consumer
 * group on the shared broker, and each would see only part of the events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.analytics.topic-partitions=3",
        "owm.analytics.low-balance-threshold=1",
        "owm.analytics.alert-retry-backoff=100ms",
        "owm.analytics.lag-groups=" + AnalyticsServiceTest.WATCHED_GROUP,
        "owm.analytics.lag-interval=1s"})
// The 5 s default is a hang guard that a cold JVM on a busy 2-core CI machine can overrun (ConsoleIT did, stop 14).
@Import(AsTheGateway.class)
@AutoConfigureWebTestClient(timeout = "PT30S")
abstract class AnalyticsServiceTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    /** A consumer group whose lag the analytics under test measures (ConsumerGroupLagIT). */
    static final String WATCHED_GROUP = "lag-probe-group";

    @RegisterExtension
    static final TestBroker kafka = new TestBroker();

    /** The admins' webhook of the low-balance alerts; started before the context, which needs its address. */
    static final WireMockServer webhook = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        webhook.start();
    }

    @Autowired
    WebTestClient http;

    @LocalManagementPort
    int managementPort;

    /** Probes and metrics: on the management port only. */
    WebTestClient management() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "analytics_it");
        registry.add("owm.analytics.alert-webhook-url", () -> webhook.baseUrl() + "/hooks/owm");
    }

    static void publish(Object event, String key) {
        String topic = event instanceof ModelTested ? Topics.MODEL_TESTS.name() : Topics.BILLING_EVENTS.name();
        kafka.send(topic, key, event);
    }

    static void publish(ChatCharged charged) {
        publish(charged, charged.userId());
    }

    static ChatCharged charged(String user, String nickname, String model, Instant at, long input, long output,
            String cost, String balance, boolean estimated) {
        return new ChatCharged(UUID.randomUUID(), at, user, UUID.randomUUID(), "k-" + UUID.randomUUID(), nickname,
                model, input, output, estimated, new BigDecimal(cost), BigDecimal.ZERO, new BigDecimal(balance),
                BigDecimal.valueOf(60), BigDecimal.valueOf(60), BigDecimal.ONE.negate());
    }

    static ChatAdmitted blockedInlet(String user, String model) {
        return new ChatAdmitted(UUID.randomUUID(), Instant.now(), user, UUID.randomUUID(), "k-" + UUID.randomUUID(),
                model, true, BigDecimal.valueOf(-1), BigDecimal.ZERO, false);
    }

    static ModelTested modelTested(String model, boolean ok, long latencyMillis) {
        return new ModelTested(UUID.randomUUID(), Instant.now(), model, ok, latencyMillis, ok ? null : "timed out");
    }
}
