package io.owm.benchmarks;

import io.owm.contracts.Topics;
import io.owm.localinfra.FreePorts;
import io.owm.localinfra.KafkaBroker;
import io.owm.localinfra.Postgres;
import io.owm.localinfra.ServiceProcess;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How fast billing charges a backlog: the events are written first, then billing instances start and charge
 * them; the rate is charges over the time from the first to the last {@code ChatCharged} published. Afterwards
 * the database must hold exactly one charge per event, the exact expected total, and balances equal to ledgers.
 */
final class BillingDrainBenchmark {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    /** Like a container's limit: billing must not need more than this for the backlog. */
    private static final String BILLING_JVM = "-Xms256m -Xmx512m -XX:+UseSerialGC";

    private final int events;
    private final int users;
    private final int partitions;
    private final List<Integer> instanceCounts;
    private final Path billingJar;

    BillingDrainBenchmark(Options options) {
        events = options.integer("events", 30_000);
        users = options.integer("users", 1_000);
        partitions = options.integer("partitions", 6);
        instanceCounts = options.integers("instances", "1,2");
        billingJar = Path.of(options.text("billing-jar", "billing-service/target/billing-service.jar"));
        options.requireAllUsed();
        if (!Files.isRegularFile(billingJar)) {
            throw new IllegalArgumentException(billingJar.toAbsolutePath() + " does not exist: run"
                    + " ./mvnw -DskipTests package from the repository root first, or pass --billing-jar");
        }
    }

    void run() throws Exception {
        Path work = Files.createTempDirectory("owm-billing-bench-");
        List<Result> results = new ArrayList<>();
        try (Postgres postgres = Postgres.startEmbedded(work.resolve("postgres"), FreePorts.next(), false)) {
            for (int instances : instanceCounts) {
                results.add(runOnce(instances, postgres, work));
            }
        }
        System.out.println();
        System.out.printf("Billing drain: %,d ChatCompleted events, %,d users, %d partitions, %d cores%n", events,
                users, partitions, Runtime.getRuntime().availableProcessors());
        System.out.println("| billing instances | events | preload s | first to last charge s | charges/s | checks |");
        System.out.println("|---|---|---|---|---|---|");
        results.forEach(result -> System.out.println(result.row()));
    }

    private Result runOnce(int instances, Postgres postgres, Path work) throws Exception {
        String database = "billing_bench_" + instances;
        postgres.recreateDatabase(database);
        try (KafkaBroker broker = new KafkaBroker(work.resolve("kafka-" + instances), FreePorts.next(),
                FreePorts.next(), partitions).start()) {
            createTopics(broker.bootstrapServers());
            long preloadStart = System.nanoTime();
            BigDecimal expectedTotal = new ChatBacklog(events, users).write(broker.bootstrapServers());
            double preloadSeconds = (System.nanoTime() - preloadStart) / 1e9;
            System.out.printf("[%d instance(s)] %,d events written in %.1f s; starting billing%n", instances, events,
                    preloadSeconds);

            List<ServiceProcess> billing = new ArrayList<>();
            try (ChargeCounter counter = new ChargeCounter(broker.bootstrapServers())) {
                for (int i = 0; i < instances; i++) {
                    billing.add(ServiceProcess.start("billing-" + instances + "-" + i, billingJar, FreePorts.next(),
                            FreePorts.next(), BILLING_JVM, billingEnv(broker, postgres, database),
                            work.resolve("logs")));
                }
                awaitReady(billing);
                awaitDrained(counter, billing, instances);
                long charges = counter.charges();
                double seconds = counter.spanMillis() / 1000.0;
                String checks = new LedgerCheck(postgres.jdbcUrl(database), postgres.user(), postgres.password())
                        .verify(events, expectedTotal);
                return new Result(instances, events, preloadSeconds, seconds, charges / seconds, checks);
            } finally {
                billing.forEach(service -> service.stop(Duration.ofSeconds(20)));
            }
        }
    }

    private Map<String, String> billingEnv(KafkaBroker broker, Postgres postgres, String database) {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "SPRING_R2DBC_URL", postgres.r2dbcUrl(database),
                "SPRING_R2DBC_USERNAME", postgres.user(),
                "SPRING_R2DBC_PASSWORD", postgres.password(),
                "SPRING_FLYWAY_URL", postgres.jdbcUrl(database),
                "INIT_BALANCE", "1000",
                "OWM_TOPIC_PARTITIONS", Integer.toString(partitions),
                "OWM_INTERNAL_TOKEN", "bench-internal-token"));
        return env;
    }

    private void createTopics(String bootstrapServers) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.CHAT_EVENTS.name(), partitions, (short) 1),
                    new NewTopic(Topics.BILLING_EVENTS.name(), partitions, (short) 1))).all().get();
        }
    }

    private static void awaitReady(List<ServiceProcess> billing) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (ServiceProcess service : billing) {
            while (!service.ready()) {
                requireAlive(service);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.name() + " not ready; see " + service.log());
                }
                Thread.sleep(250);
            }
        }
    }

    private void awaitDrained(ChargeCounter counter, List<ServiceProcess> billing, int instances)
            throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        long lastReport = System.nanoTime();
        while (counter.charges() < events) {
            billing.forEach(BillingDrainBenchmark::requireAlive);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + counter.charges() + " of " + events + " charged after "
                        + DRAIN_TIMEOUT.toMinutes() + " min");
            }
            if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
                System.out.printf("[%d instance(s)] %,d of %,d charged%n", instances, counter.charges(), events);
                lastReport = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    private static void requireAlive(ServiceProcess service) {
        if (!service.alive()) {
            throw new IllegalStateException(service.name() + " exited. Last lines of " + service.log() + ":"
                    + System.lineSeparator() + service.lastLogLines(30));
        }
    }

    private record Result(int instances, int events, double preloadSeconds, double drainSeconds, double rate,
            String checks) {

        String row() {
            return String.format("| %d | %,d | %.1f | %.1f | %,.0f | %s |", instances, events, preloadSeconds,
                    drainSeconds, rate, checks);
        }
    }
}
