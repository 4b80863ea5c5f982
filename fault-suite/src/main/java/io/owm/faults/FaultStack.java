package io.owm.faults;

import io.owm.localinfra.FreePorts;
import io.owm.localinfra.KafkaBroker;
import io.owm.localinfra.Postgres;
import io.owm.localinfra.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the system a charge passes through, each piece under the suite's control: a Kafka broker and a
 * PostgreSQL that can be stopped and started again on the same data and ports, and the billing and gateway jars as
 * processes that can be killed and started again, one of each at first and two of each after
 * {@link #addReplicas()}. Catalog and analytics are left out: no charge depends on them.
 */
final class FaultStack implements AutoCloseable {

    static final String API_KEY = "sk-fault-function-key";
    static final String ACCESS_TOKEN = "fault-admin-token";
    private static final String INTERNAL_TOKEN = "fault-internal-token";
    static final String INIT_BALANCE = "1000";
    static final String INLET_HOLD = "0.01";
    /** Short, so that traffic during an outage moves on to {@code pending} answers quickly. */
    static final String REPLY_TIMEOUT = "2s";

    private static final Logger log = LoggerFactory.getLogger(FaultStack.class);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final String SERVICE_JVM = "-Xmx256m -XX:+UseSerialGC -Xss512k";
    private static final int PARTITIONS = 3;

    private final Path work;
    private final Path billingJar;
    private final Path gatewayJar;
    private final int kafkaPort = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final int postgresPort = FreePorts.next();
    private final List<Ports> billingPorts = new ArrayList<>(List.of(Ports.free()));
    private final List<Ports> gatewayPorts = new ArrayList<>(List.of(Ports.free()));
    private final List<ServiceProcess> billing = new ArrayList<>();
    private final List<ServiceProcess> gateway = new ArrayList<>();
    private KafkaBroker kafka;
    private Postgres postgres;
    private int starts;

    /** An instance's API and management ports, kept across its restarts as an orchestrator keeps a pod's. */
    private record Ports(int api, int management) {
        static Ports free() {
            return new Ports(FreePorts.next(), FreePorts.next());
        }
    }

    FaultStack(Path work, Path billingJar, Path gatewayJar) {
        this.work = work;
        this.billingJar = billingJar;
        this.gatewayJar = gatewayJar;
    }

    void start() {
        startKafka();
        startPostgres();
        postgres.ensureDatabase("billing");
        billing.add(null);
        gateway.add(null);
        startBilling(0);
        startGateway(0);
    }

    /** A second billing and a second gateway on the same broker and database, as a deployment of two replicas. */
    void addReplicas() {
        billingPorts.add(Ports.free());
        gatewayPorts.add(Ports.free());
        billing.add(null);
        gateway.add(null);
        startBilling(1);
        startGateway(1);
    }

    /** The first gateway's address: the one the admin API is asked through. */
    String gatewayUrl() {
        return gatewayUrls().get(0);
    }

    List<String> gatewayUrls() {
        return gatewayPorts.stream().map(ports -> "http://127.0.0.1:" + ports.api()).toList();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String billingJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/billing";
    }

    Path logs() {
        return work.resolve("logs");
    }

    /** SIGKILL: billing dies between any two steps, mid-transaction or between its commit and its offset commit. */
    void killBilling(int instance) {
        billing.get(instance).kill();
        log.info("billing {} killed", instance + 1);
    }

    /** SIGTERM and a wait for the exit, as a rolling update stops a pod. */
    void stopBilling(int instance) {
        billing.get(instance).stop(Duration.ofSeconds(30));
        log.info("billing {} stopped", instance + 1);
    }

    /** A new billing process, as a container orchestrator would start after a crash; returns when it is ready. */
    void startBilling(int instance) {
        Ports ports = billingPorts.get(instance);
        billing.set(instance, ServiceProcess.start("billing-service-" + (instance + 1) + "-start-" + (++starts),
                billingJar, ports.api(), ports.management(), SERVICE_JVM, billingEnv(instance), logs()));
        awaitReady(billing.get(instance));
        log.info("billing {} ready", instance + 1);
    }

    /** SIGKILL: the gateway dies with requests in flight; their callers see the connection reset. */
    void killGateway(int instance) {
        gateway.get(instance).kill();
        log.info("gateway {} killed", instance + 1);
    }

    void startGateway(int instance) {
        Ports ports = gatewayPorts.get(instance);
        gateway.set(instance, ServiceProcess.start("gateway-service-" + (instance + 1) + "-start-" + (++starts),
                gatewayJar, ports.api(), ports.management(), SERVICE_JVM, gatewayEnv(instance), logs()));
        awaitReady(gateway.get(instance));
        log.info("gateway {} ready", instance + 1);
    }

    /** A broker restart: graceful shutdown, down for a while, then back on the same log directory and ports. */
    void restartKafka(Duration down) throws InterruptedException {
        kafka.close();
        log.info("Kafka stopped");
        Thread.sleep(down.toMillis());
        startKafka();
        log.info("Kafka started again");
    }

    void stopPostgres() {
        postgres.close();
        log.info("PostgreSQL stopped");
    }

    void startPostgres() {
        // Same data directory and port: the services reconnect to the address they were configured with.
        postgres = Postgres.startEmbedded(work.resolve("postgres"), postgresPort, true);
    }

    String postgresUser() {
        return postgres.user();
    }

    String postgresPassword() {
        return postgres.password();
    }

    boolean servicesAlive() {
        return billing.stream().allMatch(ServiceProcess::alive) && gateway.stream().allMatch(ServiceProcess::alive);
    }

    private void startKafka() {
        kafka = new KafkaBroker(work.resolve("kafka"), kafkaPort, controllerPort, PARTITIONS).start();
    }

    private Map<String, String> billingEnv(int instance) {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("SPRING_R2DBC_URL", "r2dbc:postgresql://127.0.0.1:" + postgresPort + "/billing");
        env.put("SPRING_R2DBC_USERNAME", postgres.user());
        env.put("SPRING_R2DBC_PASSWORD", postgres.password());
        env.put("SPRING_FLYWAY_URL", billingJdbcUrl());
        env.put("INIT_BALANCE", INIT_BALANCE);
        env.put("OWM_TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
        env.put("OWM_INTERNAL_TOKEN", INTERNAL_TOKEN);
        // Restarted under the same name, as an orchestrator restarts a crashed container in its pod.
        env.put("OWM_INSTANCE_ID", "fault-billing-" + (instance + 1));
        // Every inlet takes a hold that its outlet settles: holds are taken and settled under every fault too.
        env.put("COST_ON_INLET", "fault-model:" + INLET_HOLD);
        return env;
    }

    private Map<String, String> gatewayEnv(int instance) {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort);
        env.put("API_KEY", API_KEY);
        env.put("ACCESS_TOKEN", ACCESS_TOKEN);
        env.put("OWM_INTERNAL_TOKEN", INTERNAL_TOKEN);
        env.put("GATEWAY_PORT", Integer.toString(gatewayPorts.get(instance).api()));
        // Admin calls go to the first billing; chat traffic reaches whichever instance owns the user's partition.
        env.put("OWM_BILLING_URL", "http://127.0.0.1:" + billingPorts.get(0).api());
        env.put("OWM_REPLY_TIMEOUT", REPLY_TIMEOUT);
        env.put("OWM_TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
        return env;
    }

    private static void awaitReady(ServiceProcess service) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!service.ready()) {
            if (!service.alive()) {
                throw new IllegalStateException(service.name() + " exited. Last lines of " + service.log() + ":"
                        + System.lineSeparator() + service.lastLogLines(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.name() + " not ready after " + READY_TIMEOUT.toMinutes()
                        + " min; see " + service.log());
            }
            Pause.millis(250);
        }
    }

    /** Idempotent: called at the end of the run and again by the shutdown hook that covers Ctrl-C. */
    @Override
    public synchronized void close() {
        gateway.stream().filter(Objects::nonNull).forEach(process -> process.stop(Duration.ofSeconds(20)));
        gateway.clear();
        billing.stream().filter(Objects::nonNull).forEach(process -> process.stop(Duration.ofSeconds(20)));
        billing.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    static Path createWorkDir() {
        try {
            return Files.createTempDirectory("owm-faults-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
