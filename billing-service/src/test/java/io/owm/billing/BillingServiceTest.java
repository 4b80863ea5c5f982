package io.owm.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatReply;
import io.owm.testsupport.AsTheGateway;
import io.owm.testsupport.KafkaProbe;
import io.owm.testsupport.TestBroker;
import io.owm.testsupport.TestInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The billing service against the real broker and database. Every test class extends this one with the same
 * configuration, so they share one Spring context: two billing contexts of one JVM would join the same consumer
 * group on the shared broker and split the chat events between two databases.
 *
 * <p>After each test, every user's balance must equal the sum of their ledger entries.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.billing.init-balance=10",
        "owm.billing.cost-on-inlet=gpt-4o:0.5,llama3:8b:0.01",
        "owm.billing.max-balance=1000000",
        "owm.billing.outbox-sweep=1s",
        "owm.billing.topic-partitions=3",
        // More than the default of one: batches of different partitions then run in concurrent transactions over
        // the same tables, the harder case for the locks (one consumer runs the same code one batch at a time).
        "owm.billing.consumers=3",
        // Lets a test make the broker refuse one answer (RefusedReplies); inert otherwise. The producer's own limit
        // is raised above the broker's, so that the broker, not the producer, refuses it: after the send returned.
        "spring.kafka.producer.properties.interceptor.classes=io.owm.billing.RefusedReplies",
        "spring.kafka.producer.properties.max.request.size=4194304"})
// The 5 s default is a hang guard that a cold JVM on a busy 2-core CI machine can overrun (ConsoleIT did, stop 14).
@Import(AsTheGateway.class)
@AutoConfigureWebTestClient(timeout = "PT30S")
public abstract class BillingServiceTest {

    protected static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "billing_it");
    }

    @RegisterExtension
    protected static final TestBroker kafka = new TestBroker();
    KafkaProbe.Collector billingEvents;

    @Autowired
    protected DatabaseClient db;

    @BeforeEach
    void listen() {
        billingEvents = kafka.collect(Topics.BILLING_EVENTS.name());
    }

    @AfterEach
    void everyLedgerSumsToItsBalance() {
        List<String> mismatches = db.sql("""
                        SELECT u.id FROM users u LEFT JOIN ledger_entries l ON l.user_id = u.id
                        GROUP BY u.id, u.balance HAVING u.balance <> COALESCE(sum(l.amount), 0)
                        """)
                .map(row -> row.get("id", String.class)).all().collectList().block();
        assertThat(mismatches).as("users whose balance differs from their ledger").isEmpty();
    }

    /** The billing event answering the chat event {@code correlationId}, once it is published. */
    protected <T extends ChatReply> T reply(Class<T> type, UUID correlationId) {
        return await().atMost(WAIT).until(() -> billingEvents.values(type).stream()
                .filter(e -> e.correlationId().equals(correlationId))
                .findFirst().orElse(null), Objects::nonNull);
    }

    protected BigDecimal balanceOf(String user) {
        return db.sql("SELECT balance FROM users WHERE id = :id").bind("id", user)
                .map(row -> row.get("balance", BigDecimal.class)).one().block();
    }

    protected List<String> ledgerReasons(String user) {
        return db.sql("SELECT reason FROM ledger_entries WHERE user_id = :id ORDER BY id").bind("id", user)
                .map(row -> row.get("reason", String.class)).all().collectList().block();
    }

    protected static String newUser() {
        return "u-" + UUID.randomUUID();
    }
}
