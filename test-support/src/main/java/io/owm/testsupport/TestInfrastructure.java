package io.owm.testsupport;

import io.owm.localinfra.FreePorts;
import io.owm.localinfra.KafkaBroker;
import io.owm.localinfra.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, started on first use and shared by every Spring
 * context of that JVM. Both come from Testcontainers or are embedded, as {@link InfraChoice} decides; embedded
 * PostgreSQL can also be a running server named by {@code OWM_TEST_POSTGRES} ({@code host:port}, user
 * {@code OWM_TEST_POSTGRES_USER}, default {@code postgres}).
 */
public final class TestInfrastructure {

    /** The internal credential of every service context in tests (OWM_INTERNAL_TOKEN). */
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private static TestInfrastructure instance;

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private final String bootstrapServers;
    private final Postgres postgres;
    private final AutoCloseable stop;
    private final Set<String> freshDatabases = new HashSet<>();

    private TestInfrastructure(String bootstrapServers, Postgres postgres, AutoCloseable stop) {
        this.bootstrapServers = bootstrapServers;
        this.postgres = postgres;
        this.stop = stop;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "test-infrastructure-stop"));
        }
        return instance;
    }

    /**
     * Points a service's Spring context at the shared broker and at a database of its own, emptied once per JVM.
     */
    public static void register(DynamicPropertyRegistry registry, String database) {
        TestInfrastructure infra = get();
        infra.freshDatabase(database);
        registerKafka(registry);
        registry.add("spring.r2dbc.url", () -> infra.postgres.r2dbcUrl(database));
        registry.add("spring.r2dbc.username", infra.postgres::user);
        registry.add("spring.r2dbc.password", infra.postgres::password);
        registry.add("spring.flyway.url", () -> infra.postgres.jdbcUrl(database));
        registry.add("spring.flyway.user", infra.postgres::user);
        registry.add("spring.flyway.password", infra.postgres::password);
    }

    /** For services without a database: only the broker (and the internal credential). */
    public static void registerKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", get()::bootstrapServers);
        registry.add("owm.internal-token", () -> INTERNAL_TOKEN);
        registry.add("owm.gateway.internal-token", () -> INTERNAL_TOKEN);
        // A reply group per gateway context: the test JVM's contexts live side by side on one broker, and in one
        // group they would split the reply partitions between them.
        String replyGroup = "gateway-service-replies-" + java.util.UUID.randomUUID();
        registry.add("owm.gateway.reply-group", () -> replyGroup);
        // Any free port: test JVMs and a running devstack must not collide on the management defaults.
        registry.add("management.server.port", () -> 0);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Postgres postgres() {
        return postgres;
    }

    private synchronized void freshDatabase(String database) {
        if (freshDatabases.add(database)) {
            postgres.recreateDatabase(database);
        }
    }

    private static TestInfrastructure start() {
        InfraChoice choice = InfraChoice.current();
        log.info("Tests' Kafka and PostgreSQL: {} ({} chooses)", choice.name().toLowerCase(Locale.ROOT),
                InfraChoice.VARIABLE);
        if (choice == InfraChoice.TESTCONTAINERS) {
            ContainerInfrastructure containers = ContainerInfrastructure.start();
            return new TestInfrastructure(containers.bootstrapServers(), containers.postgres(), containers);
        }
        try {
            Path dir = Files.createTempDirectory("owm-test-");
            KafkaBroker kafka = new KafkaBroker(dir.resolve("kafka"), FreePorts.next(), FreePorts.next(), 3).start();
            Postgres postgres = startPostgres(dir.resolve("postgres"));
            return new TestInfrastructure(kafka.bootstrapServers(), postgres, () -> {
                kafka.close();
                postgres.close();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not make a folder for the test broker and database", e);
        }
    }

    private static Postgres startPostgres(Path dataDir) {
        String external = System.getenv("OWM_TEST_POSTGRES");
        if (external == null || external.isBlank()) {
            return Postgres.startEmbedded(dataDir, FreePorts.next(), false);
        }
        String[] hostPort = external.split(":");
        String user = System.getenv().getOrDefault("OWM_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("OWM_TEST_POSTGRES_PASSWORD", "");
        return Postgres.external(hostPort[0], Integer.parseInt(hostPort[1]), user, password);
    }

    private void stop() {
        try {
            stop.close();
        } catch (Exception e) {
            log.warn("Test infrastructure did not stop cleanly: {}", e.getMessage());
        }
    }
}
