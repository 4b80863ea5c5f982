package io.owm.devstack;

import io.owm.localinfra.FreePorts;
import io.owm.localinfra.KafkaBroker;
import io.owm.localinfra.Postgres;
import io.owm.localinfra.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine with only a JDK: a real Kafka broker and a real PostgreSQL from embedded
 * binaries in this JVM, and the four services configured exactly as in production: by default in one child JVM,
 * each on a class loader of its own (service-host), or each in a child JVM of its own.
 */
public final class DevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final String[] DATABASES = {"billing", "catalog", "analytics"};

    private final DevStackSettings settings;
    private final List<RunningService> services = new ArrayList<>();
    private final List<ServiceProcess> ownJvms = new ArrayList<>();
    private SharedJvm sharedJvm;
    private KafkaBroker kafka;
    private String bootstrapServers;
    private Postgres postgres;

    DevStack(DevStackSettings settings) {
        this.settings = settings;
    }

    /** Runs the devstack in this JVM; the jar's entry point ({@link Main}) calls this in a JVM of bounded memory. */
    public static void main(String[] args) throws InterruptedException {
        DevStack stack;
        try {
            stack = new DevStack(DevStackSettings.from(System.getenv()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "devstack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            log.error("The devstack did not start: {}", e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() {
        long started = System.nanoTime();
        Path data = settings.dataDir();
        log.info("Data folder: {} (set OWM_DATA_DIR to use another)", data);
        log.info("Java {} from {} (set {} to use another)", Runtime.version(), System.getProperty("java.home"),
                JavaChoice.JAVA_HOME_VARIABLE);
        // PostgreSQL and the broker start side by side: the broker's start is mostly its JVM warming up, the
        // database's mostly waiting for its processes.
        CompletableFuture<Postgres> database = CompletableFuture.supplyAsync(() -> startPostgres(data),
                task -> new Thread(task, "devstack-postgres-start").start());
        try {
            startKafka(data);
        } catch (RuntimeException kafkaFailed) {
            // Still this stack's to stop (close), once it has started.
            database.handle((running, failed) -> postgres = running).join();
            throw kafkaFailed;
        }
        postgres = awaitStarted(database);
        Path jars = data.resolve("jars");
        Path logs = data.resolve("logs");
        Map<String, String> billing = new LinkedHashMap<>(databaseEnv("billing"));
        billing.put("OWM_INSTANCE_ID", "devstack-billing");
        String carrying = settings.serviceJvmOptions();
        String light = DevStackSettings.LIGHT_SERVICE_JVM_OPTIONS + " " + settings.serviceJvmOptions();
        List<ServiceLaunch> launches = List.of(
                launch("billing-service", settings.billingPort(), settings.billingManagementPort(), billing,
                        carrying, jars),
                launch("catalog-service", settings.catalogPort(), settings.catalogManagementPort(),
                        databaseEnv("catalog"), light, jars),
                launch("analytics-service", settings.analyticsPort(), settings.analyticsManagementPort(),
                        databaseEnv("analytics"), light, jars),
                launch("gateway-service", settings.gatewayPort(), settings.gatewayManagementPort(), gatewayEnv(),
                        carrying, jars));
        if (settings.sharedJvm()) {
            startInOneJvm(launches, jars, logs);
        } else {
            launches.forEach(launch -> startInOwnJvm(launch, logs));
        }
        awaitReady();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        printWelcome(seconds);
    }

    private ServiceLaunch launch(String name, int port, int managementPort, Map<String, String> env,
            String ownJvmOptions, Path jars) {
        Map<String, String> all = new LinkedHashMap<>(settings.passThrough());
        all.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        all.put("OWM_INTERNAL_TOKEN", settings.internalToken());
        // Three, not the services' default six: on one small machine fewer, larger batches cost less
        // (docs/benchmarks.md, "Where the time goes": three against six partitions).
        all.put("OWM_TOPIC_PARTITIONS", "3");
        all.putAll(env);
        return new ServiceLaunch(name, ServiceJars.extract(name, jars), port, managementPort, all, ownJvmOptions);
    }

    private void startInOneJvm(List<ServiceLaunch> launches, Path jars, Path logs) {
        if (settings.passThrough().containsKey("LOGGING_STRUCTURED_FORMAT_CONSOLE")) {
            log.warn("LOGGING_STRUCTURED_FORMAT_CONSOLE is ignored in one JVM, whose services share one logging"
                    + " system: set OWM_DEVSTACK_SERVICES={} for JSON logs", DevStackSettings.JVM_PER_SERVICE);
        }
        sharedJvm = SharedJvm.start(launches, ServiceJars.host(jars), settings.serviceJvmOptions(), logs);
        services.addAll(sharedJvm.services());
        for (ServiceLaunch launch : launches) {
            log.info("Starting {} on port {}, probes and metrics on {} (log: {})", launch.name(), launch.port(),
                    launch.managementPort(), logs.resolve(launch.name() + ".log"));
        }
        log.info("The four services share one JVM, pid {} (log: {}; OWM_DEVSTACK_SERVICES={} gives each its own)",
                sharedJvm.pid(), sharedJvm.log(), DevStackSettings.JVM_PER_SERVICE);
    }

    private void startInOwnJvm(ServiceLaunch launch, Path logs) {
        ServiceProcess process = ServiceProcess.start(launch.name(), launch.application(), launch.port(),
                launch.managementPort(), launch.ownJvmOptions() + " " + ClassSharing.optionsFor(launch.application()),
                launch.environment(), logs);
        ownJvms.add(process);
        services.add(RunningService.of(process));
        log.info("Starting {} on port {}, probes and metrics on {} (log: {})", launch.name(), launch.port(),
                launch.managementPort(), process.log());
    }

    private void startKafka(Path data) {
        if (settings.externalKafka() == null) {
            kafka = new KafkaBroker(data.resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort(), 3)
                    .start();
            bootstrapServers = kafka.bootstrapServers();
            log.info("Kafka broker (KRaft) on {}", bootstrapServers);
        } else {
            bootstrapServers = settings.externalKafka();
            log.info("Kafka broker at {} (OWM_KAFKA_BOOTSTRAP)", bootstrapServers);
        }
    }

    private Postgres startPostgres(Path data) {
        Postgres started = settings.externalPostgres() == null
                ? Postgres.startEmbedded(data.resolve("postgres"), FreePorts.next(), true,
                        settings.postgresSharedBuffers())
                : external(settings);
        try {
            for (String database : DATABASES) {
                started.ensureDatabase(database);
            }
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        log.info("PostgreSQL on {}", started.jdbcUrl(""));
        return started;
    }

    private static Postgres awaitStarted(CompletableFuture<Postgres> database) {
        try {
            return database.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private static Postgres external(DevStackSettings settings) {
        String[] hostPort = settings.externalPostgres().split(":", 2);
        if (hostPort.length != 2 || !hostPort[1].matches("\\d{1,5}")) {
            throw new IllegalArgumentException("OWM_POSTGRES must be host:port, not " + settings.externalPostgres());
        }
        return Postgres.external(hostPort[0], Integer.parseInt(hostPort[1]), settings.externalPostgresUser(),
                settings.externalPostgresPassword());
    }

    private Map<String, String> databaseEnv(String database) {
        return Map.of(
                "SPRING_R2DBC_URL", postgres.r2dbcUrl(database),
                "SPRING_R2DBC_USERNAME", postgres.user(),
                "SPRING_R2DBC_PASSWORD", postgres.password(),
                "SPRING_FLYWAY_URL", postgres.jdbcUrl(database));
    }

    private Map<String, String> gatewayEnv() {
        return Map.of(
                "API_KEY", settings.apiKey(),
                "ACCESS_TOKEN", settings.accessToken(),
                "GATEWAY_PORT", Integer.toString(settings.gatewayPort()),
                "OWM_BILLING_URL", "http://127.0.0.1:" + settings.billingPort(),
                "OWM_CATALOG_URL", "http://127.0.0.1:" + settings.catalogPort(),
                "OWM_ANALYTICS_URL", "http://127.0.0.1:" + settings.analyticsPort());
    }

    /**
     * Asks the services still starting all at once, each on its own thread: a service busy finishing its start can
     * take a while to answer, and the others should not wait behind it.
     */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<RunningService> waiting = new ArrayList<>(services);
        ExecutorService probes = Executors.newFixedThreadPool(services.size(), runnable -> {
            Thread thread = new Thread(runnable, "readiness-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            awaitReady(waiting, deadline, probes);
        } finally {
            probes.shutdownNow();
        }
    }

    private void awaitReady(List<RunningService> waiting, long deadline, ExecutorService probes) {
        while (!waiting.isEmpty()) {
            Map<RunningService, CompletableFuture<Boolean>> answers = new LinkedHashMap<>();
            waiting.forEach(service -> answers.put(service, CompletableFuture.supplyAsync(service::ready, probes)));
            for (RunningService service : List.copyOf(waiting)) {
                if (!service.alive()) {
                    throw new IllegalStateException(service.name() + " exited during start-up. Last lines of "
                            + service.log() + ":" + System.lineSeparator() + service.lastLogLines(30)
                            + (sharedJvm == null ? "" : System.lineSeparator() + "The shared JVM's own output ("
                                    + sharedJvm.log() + "):" + System.lineSeparator()
                                    + ServiceProcess.lastLines(sharedJvm.log(), 10)));
                }
                if (answers.get(service).join()) {
                    log.info("{} is ready", service.name());
                    waiting.remove(service);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream().map(RunningService::name).toList() + "; see their logs in "
                        + settings.dataDir().resolve("logs"));
            }
            pause();
        }
    }

    private void printWelcome(long seconds) {
        String url = "http://localhost:" + settings.gatewayPort();
        System.out.println();
        System.out.println("OpenWebUI Monitor is ready at " + url + " (started in " + seconds + " s)");
        System.out.println("  Function API key (API_KEY, for the OpenWebUI function): " + settings.apiKey());
        System.out.println("  Admin token (ACCESS_TOKEN, for the admin API):          " + settings.accessToken());
        System.out.println("  Admin console: " + url + "/ (sign in with the admin token)");
        System.out.println("  Try: curl -H 'Authorization: Bearer " + settings.accessToken() + "' " + url
                + "/api/v1/users");
        System.out.println("  Metrics and probes: http://localhost:" + settings.gatewayManagementPort()
                + "/actuator/prometheus (gateway; billing " + settings.billingManagementPort() + ", catalog "
                + settings.catalogManagementPort() + ", analytics " + settings.analyticsManagementPort() + ")");
        System.out.println("  Data and logs: " + settings.dataDir() + "   Stop with Ctrl-C.");
        System.out.flush();
    }

    @Override
    public synchronized void close() {
        // Gateway first, billing last: nothing new comes in while billing finishes what it has.
        // In one JVM its host keeps the same order.
        if (sharedJvm != null) {
            sharedJvm.close();
            sharedJvm = null;
        }
        List<ServiceProcess> reversed = new ArrayList<>(ownJvms);
        Collections.reverse(reversed);
        reversed.forEach(service -> service.stop(Duration.ofSeconds(30)));
        ownJvms.clear();
        services.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the services", e);
        }
    }
}
