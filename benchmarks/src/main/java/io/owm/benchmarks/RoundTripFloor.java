package io.owm.benchmarks;

import io.owm.localinfra.FreePorts;
import io.owm.localinfra.KafkaBroker;
import io.owm.localinfra.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The least time one request can take on this machine along an outlet's path, without the services: the two
 * crossings of the broker each way (a send acknowledged, then a fetch) and a charge's transaction in PostgreSQL, with
 * plain Kafka clients and JDBC, one request at a time. What the services add on top of it is theirs to cut; what this
 * measures is not, on this machine.
 */
final class RoundTripFloor {

    private static final String REQUESTS = "floor-requests";
    private static final String REPLIES = "floor-replies";

    private final Duration warmup;
    private final Duration measured;
    private final int users;

    RoundTripFloor(Options options) {
        warmup = Duration.ofSeconds(options.integer("warmup", 30));
        measured = Duration.ofSeconds(options.integer("seconds", 20));
        users = options.integer("users", 100);
        options.requireAllUsed();
        if (measured.isZero() || measured.isNegative() || warmup.isNegative() || users < 1) {
            throw new IllegalArgumentException("--seconds and --users must be positive, --warmup not negative");
        }
    }

    void run() throws Exception {
        Path work = Files.createTempDirectory("owm-floor-");
        List<FloorResult> results = new ArrayList<>();
        // Data kept means fsync on, as in the devstack: a charge is durable when its COMMIT returns.
        try (Postgres postgres = Postgres.startEmbedded(work.resolve("postgres"), FreePorts.next(), true);
             KafkaBroker broker = new KafkaBroker(work.resolve("kafka"), FreePorts.next(), FreePorts.next(), 1)
                     .start()) {
            postgres.recreateDatabase("floor");
            createTopics(broker.bootstrapServers());
            ChargeTransaction charges = ChargeTransaction.open(postgres, "floor", users);
            try (charges) {
                results.add(measure("database: lock, look-up, write, COMMIT", null, charges));
                try (FloorResponder responder = FloorResponder.start(broker.bootstrapServers(), REQUESTS, REPLIES,
                        null)) {
                    results.add(measure("Kafka: send, fetch, reply, fetch", broker, null));
                }
                try (FloorResponder responder = FloorResponder.start(broker.bootstrapServers(), REQUESTS, REPLIES,
                        charges)) {
                    results.add(measure("Kafka and the database, as an outlet", broker, null));
                }
            }
        }
        System.out.println();
        System.out.printf("Round-trip floor: one request at a time, %d cores, %s s warm-up and %s s measured each%n",
                Runtime.getRuntime().availableProcessors(), warmup.toSeconds(), measured.toSeconds());
        System.out.println("| path | requests/s | p50 ms | p90 ms | p99 ms"
                + " | CPU per request: this JVM (broker, clients), PostgreSQL ms |");
        System.out.println("|---|---|---|---|---|---|");
        results.forEach(result -> System.out.println(result.row()));
    }

    /** With a broker, requests through it; without, the transaction alone on this thread. */
    private FloorResult measure(String path, KafkaBroker broker, ChargeTransaction direct) throws Exception {
        System.out.printf("%s: %d s warm-up, %d s measured%n", path, warmup.toSeconds(), measured.toSeconds());
        if (broker == null) {
            return FloorResult.measure(path, warmup, measured,
                    n -> direct.charge(UUID.randomUUID(), "user-" + n % users));
        }
        try (FloorRequester requester = FloorRequester.start(broker.bootstrapServers(), REQUESTS, REPLIES)) {
            return FloorResult.measure(path, warmup, measured, n -> requester.request("user-" + n % users));
        }
    }

    private static void createTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(REQUESTS, 1, (short) 1), new NewTopic(REPLIES, 1, (short) 1)))
                    .all().get();
        }
    }
}
