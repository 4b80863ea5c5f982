package io.owm.benchmarks;

import io.owm.localinfra.FreePorts;
import io.owm.localinfra.KafkaBroker;
import io.owm.localinfra.Postgres;
import io.owm.localinfra.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The system scaled out on one machine: for each topology (gateways × billing instances) a fresh broker, a fresh
 * database and the service processes start, outlets are driven through all gateways, and each gateway's own count
 * of billing replies it deserialized ({@code owm_gateway_billing_replies_read_total}) is set against the requests it
 * served. With replies routed to their instance that ratio stays about 1 whatever the number of gateways; with
 * every gateway reading every reply it would be the number of gateways. Afterwards billing's ledger must hold
 * exactly one charge per answered outlet and the exact total.
 */
final class ScaleOutBenchmark {

    private static final String API_KEY = "sk-bench-function-key";
    private static final String INTERNAL_TOKEN = "bench-internal-token";
    private static final String SERVICE_JVM = "-Xmx256m -XX:+UseSerialGC -Xss512k";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CHARGE_WAIT = Duration.ofMinutes(3);
    /** 60 USD per million tokens each way, billing's defaults for a model without a price. */
    private static final BigDecimal COST_PER_OUTLET = new BigDecimal("0.00006")
            .multiply(BigDecimal.valueOf(OutletLoad.INPUT_TOKENS + OutletLoad.OUTPUT_TOKENS));

    private final List<Integer> gatewayCounts;
    private final List<Integer> billingCounts;
    private final int connections;
    private final int partitions;
    private final int users;
    private final Duration warmUp;
    private final Duration measure;
    private final Path billingJar;
    private final Path gatewayJar;
    private final HttpClient http = HttpClient.newHttpClient();

    ScaleOutBenchmark(Options options) {
        gatewayCounts = options.integers("gateways", "1,2,4");
        billingCounts = options.integers("billing", "1,2");
        connections = options.integer("connections", 32);
        partitions = options.integer("partitions", 6);
        users = options.integer("users", 1_000);
        warmUp = Duration.ofSeconds(options.integer("warmup", 120));
        measure = Duration.ofSeconds(options.integer("seconds", 20));
        billingJar = Path.of(options.text("billing-jar", "billing-service/target/billing-service.jar"));
        gatewayJar = Path.of(options.text("gateway-jar", "gateway-service/target/gateway-service.jar"));
        options.requireAllUsed();
        for (Path jar : List.of(billingJar, gatewayJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(jar.toAbsolutePath() + " does not exist: run ./mvnw -DskipTests"
                        + " package from the repository root first");
            }
        }
        int most = gatewayCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (most > partitions) {
            throw new IllegalArgumentException("--partitions=" + partitions + " leaves " + most + " gateways without"
                    + " a reply partition each; give at least as many partitions as gateways");
        }
    }

    void run() throws Exception {
        Path work = Files.createTempDirectory("owm-scale-bench-");
        List<String> rows = new ArrayList<>();
        try (Postgres postgres = Postgres.startEmbedded(work.resolve("postgres"), FreePorts.next(), false)) {
            for (int billing : billingCounts) {
                for (int gateways : gatewayCounts) {
                    rows.add(runTopology(gateways, billing, postgres, work));
                }
            }
        }
        System.out.println();
        System.out.printf("Scale-out: %d connections, %,d users, %d partitions, %d s warm-up, %d s measured,"
                + " %d cores%n", connections, users, partitions, warmUp.toSeconds(), measure.toSeconds(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| gateways | billing | outlets/s | p50 ms | p99 ms | pending | errors"
                + " | replies read per request served, each gateway | CPU ms per outlet (JIT left out): gateways"
                + " | billing | PostgreSQL | broker + load generator | checks |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private String runTopology(int gateways, int billing, Postgres postgres, Path work) throws Exception {
        String name = gateways + "g" + billing + "b";
        String database = "scale_" + name;
        postgres.recreateDatabase(database);
        List<ServiceProcess> processes = new ArrayList<>();
        try (KafkaBroker broker = new KafkaBroker(work.resolve("kafka-" + name), FreePorts.next(), FreePorts.next(),
                partitions).start()) {
            try {
                return measure(name, gateways, billing, postgres, database, broker, processes, work);
            } finally {
                // Before the broker closes: services without their broker take their whole grace time to stop.
                processes.forEach(process -> process.stop(Duration.ofSeconds(20)));
            }
        }
    }

    private String measure(String name, int gateways, int billing, Postgres postgres, String database,
            KafkaBroker broker, List<ServiceProcess> processes, Path work) throws Exception {
        List<Integer> billingPorts = new ArrayList<>();
        for (int i = 0; i < billing; i++) {
            int port = FreePorts.next();
            billingPorts.add(port);
            processes.add(ServiceProcess.start("billing-" + name + "-" + i, billingJar, port, FreePorts.next(),
                    SERVICE_JVM, billingEnv(broker, postgres, database), work.resolve("logs")));
        }
        List<String> urls = new ArrayList<>();
        List<Integer> managementPorts = new ArrayList<>();
        for (int i = 0; i < gateways; i++) {
            int port = FreePorts.next();
            int management = FreePorts.next();
            urls.add("http://127.0.0.1:" + port);
            managementPorts.add(management);
            processes.add(ServiceProcess.start("gateway-" + name + "-" + i, gatewayJar, port, management,
                    SERVICE_JVM, gatewayEnv(broker, port, billingPorts.get(0)), work.resolve("logs")));
        }
        awaitReady(processes);
        System.out.printf("[%s] %d gateway(s) and %d billing instance(s) ready; load starts%n", name, gateways,
                billing);
        List<Long> gatewayPids = processes.subList(billing, processes.size()).stream()
                .map(ServiceProcess::pid).toList();
        List<Long> billingPids = processes.subList(0, billing).stream().map(ServiceProcess::pid).toList();
        // Counters read at the edges of the measured window, from a thread of their own.
        Window window = new Window();
        Thread edges = new Thread(() -> window.read(managementPorts, gatewayPids, billingPids),
                "window-edges");
        edges.start();
        OutletLoad.Result result = new OutletLoad(urls, connections, API_KEY, "u-" + name + "-", users)
                .run(warmUp, measure);
        edges.join();
        processes.forEach(ScaleOutBenchmark::requireAlive);
        String checks = checkCharges(postgres, database, result);
        StringJoiner ratios = new StringJoiner(", ");
        for (int g = 0; g < gateways; g++) {
            long served = result.servedPerGateway()[g];
            ratios.add(served == 0 ? "-" : "%.2f".formatted(window.repliesRead(g) / (double) served));
        }
        double outlets = result.measured();
        String row = String.format("| %d | %d | %,.0f | %.1f | %.1f | %,d | %,d | %s | %.2f | %.2f | %.2f | %.2f"
                + " | %s |", gateways, billing, result.perSecond(), result.p50Micros() / 1000.0,
                result.p99Micros() / 1000.0, result.pending(), result.errors(), ratios,
                window.gatewayCpu.toNanos() / 1e6 / outlets, window.billingCpu.toNanos() / 1e6 / outlets,
                window.postgresCpu.toNanos() / 1e6 / outlets, window.restCpu.toNanos() / 1e6 / outlets, checks);
        System.out.println(row);
        return row;
    }

    /** What the counters moved by between the start and the end of the measured window. */
    private final class Window {
        private long[] repliesBefore;
        private long[] repliesAfter;
        private Duration gatewayCpu;
        private Duration billingCpu;
        private Duration postgresCpu;
        private Duration restCpu;

        void read(List<Integer> managementPorts, List<Long> gatewayPids, List<Long> billingPids) {
            try {
                Thread.sleep(warmUp.toMillis());
                repliesBefore = ScaleOutBenchmark.this.repliesRead(managementPorts);
                Duration gateway = CpuTime.of(gatewayPids);
                Duration billing = CpuTime.of(billingPids);
                Duration postgres = CpuTime.ofPostgres();
                Duration rest = CpuTime.ofThisProcess();
                Thread.sleep(measure.toMillis());
                repliesAfter = ScaleOutBenchmark.this.repliesRead(managementPorts);
                gatewayCpu = CpuTime.of(gatewayPids).minus(gateway);
                billingCpu = CpuTime.of(billingPids).minus(billing);
                postgresCpu = CpuTime.ofPostgres().minus(postgres);
                restCpu = CpuTime.ofThisProcess().minus(rest);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        long repliesRead(int gateway) {
            return repliesAfter[gateway] - repliesBefore[gateway];
        }
    }

    /** Waits until every answered outlet is charged, then checks the ledger (it throws on any difference). */
    private String checkCharges(Postgres postgres, String database, OutletLoad.Result result) throws Exception {
        if (result.errors() > 0) {
            return "not checked: " + result.errors() + " failed calls may or may not have been charged";
        }
        long expected = result.accepted();
        long deadline = System.nanoTime() + CHARGE_WAIT.toNanos();
        while (charges(postgres, database) < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        return new LedgerCheck(postgres.jdbcUrl(database), postgres.user(), postgres.password())
                .verify(Math.toIntExact(expected), COST_PER_OUTLET.multiply(BigDecimal.valueOf(expected)));
    }

    private static long charges(Postgres postgres, String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(),
                postgres.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT count(*) FROM ledger_entries WHERE reason = 'CHARGE'")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            // Before billing's first migration the table does not exist yet.
            return 0;
        }
    }

    /** Each gateway's {@code owm_gateway_billing_replies_read_total}, read from its management port. */
    private long[] repliesRead(List<Integer> managementPorts) throws IOException, InterruptedException {
        long[] read = new long[managementPorts.size()];
        for (int g = 0; g < read.length; g++) {
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPorts.get(g) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            read[g] = (long) metrics.body().lines()
                    .filter(line -> line.startsWith("owm_gateway_billing_replies_read_total"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
        return read;
    }

    private Map<String, String> billingEnv(KafkaBroker broker, Postgres postgres, String database) {
        Map<String, String> env = new HashMap<>(common(broker));
        env.put("SPRING_R2DBC_URL", postgres.r2dbcUrl(database));
        env.put("SPRING_R2DBC_USERNAME", postgres.user());
        env.put("SPRING_R2DBC_PASSWORD", postgres.password());
        env.put("SPRING_FLYWAY_URL", postgres.jdbcUrl(database));
        env.put("INIT_BALANCE", "1000");
        return env;
    }

    private Map<String, String> gatewayEnv(KafkaBroker broker, int port, int billingPort) {
        Map<String, String> env = new HashMap<>(common(broker));
        env.put("API_KEY", API_KEY);
        env.put("ACCESS_TOKEN", "bench-admin-token");
        env.put("GATEWAY_PORT", Integer.toString(port));
        env.put("OWM_BILLING_URL", "http://127.0.0.1:" + billingPort);
        return env;
    }

    private Map<String, String> common(KafkaBroker broker) {
        return Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "OWM_TOPIC_PARTITIONS", Integer.toString(partitions),
                "OWM_INTERNAL_TOKEN", INTERNAL_TOKEN);
    }

    private static void awaitReady(List<ServiceProcess> processes) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (ServiceProcess process : processes) {
            while (!process.ready()) {
                requireAlive(process);
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(process.name() + " not ready; see " + process.log());
                }
                Thread.sleep(250);
            }
        }
    }

    private static void requireAlive(ServiceProcess process) {
        if (!process.alive()) {
            throw new IllegalStateException(process.name() + " exited. Last lines of " + process.log() + ":"
                    + System.lineSeparator() + process.lastLogLines(30));
        }
    }
}
