package io.owm.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code java -jar fault-suite/target/fault-suite.jar}, from the repository root after
 * {@code ./mvnw -DskipTests package}. Runs each scenario with traffic flowing, then audits billing's books; exits
 * with 1 when any scenario lost, doubled or misreported a charge.
 */
public final class FaultSuite {

    private static final Logger log = LoggerFactory.getLogger(FaultSuite.class);
    /** Long enough for a billing restart on a loaded 2-core machine plus its backlog. */
    private static final Duration CHARGE_WAIT = Duration.ofMinutes(3);
    private static final Duration TRAFFIC_BEFORE_FAULT = Duration.ofSeconds(6);
    private static final Duration TRAFFIC_AFTER_REPAIR = Duration.ofSeconds(5);
    /** How long normal answers may take to come back after a repair before the scenario fails. */
    private static final Duration RECOVERY_WAIT = Duration.ofMinutes(2);
    /**
     * Normal answers only, for this long, mean the system has recovered: three times the suite's reply timeout, so
     * that a request still waiting for a pending answer cannot be missed.
     */
    private static final Duration SETTLED = Duration.ofSeconds(6);

    /** Breaks something while traffic flows and repairs it; answers when it was repaired (epoch millis). */
    private interface Fault {
        long injectAndRepair(FaultStack stack, Scenario scenario) throws Exception;
    }

    /**
     * What a scenario adds besides HTTP traffic: requests it published to Kafka itself, and what puts the stack back
     * as it was once the books are checked (an instance left down restarted).
     */
    private static final class Scenario {
        final String name;
        final List<SentOutlet> published = new ArrayList<>();
        Runnable afterwards = () -> { };
        /** The longest the recovery may take; none when only "by itself" is asked. */
        Duration recoverWithin;

        Scenario(String name) {
            this.name = name;
        }

        String prefix() {
            return name + "-u";
        }
    }

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Path billingJar = Path.of(args.length > 0 ? args[0] : "billing-service/target/billing-service.jar");
        Path gatewayJar = Path.of(args.length > 1 ? args[1] : "gateway-service/target/gateway-service.jar");
        for (Path jar : List.of(billingJar, gatewayJar)) {
            if (!Files.isRegularFile(jar)) {
                System.err.println(jar.toAbsolutePath() + " does not exist: run ./mvnw -DskipTests package from the"
                        + " repository root first");
                System.exit(2);
            }
        }
        long started = System.nanoTime();
        Path work = FaultStack.createWorkDir();
        List<Verdict> verdicts = new ArrayList<>();
        try (FaultStack stack = new FaultStack(work, billingJar, gatewayJar)) {
            // No service process may outlive the suite, also when it is stopped with Ctrl-C.
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "fault-suite-stop"));
            stack.start();
            log.info("stack ready; logs in {}", stack.logs());
            Map<String, Fault> faults = new LinkedHashMap<>();
            faults.put("no-fault", (s, scenario) -> System.currentTimeMillis());
            faults.put("billing-killed", FaultSuite::killBilling);
            faults.put("kafka-restarted", (s, scenario) -> {
                s.restartKafka(Duration.ofSeconds(5));
                return System.currentTimeMillis();
            });
            faults.put("postgres-away-10s", (s, scenario) -> {
                s.stopPostgres();
                Pause.millis(10_000);
                s.startPostgres();
                return System.currentTimeMillis();
            });
            faults.put("duplicates-out-of-order", FaultSuite::duplicatesAndDisorder);
            faults.put("poison-events", FaultSuite::poison);
            faults.put("hostile-ids", FaultSuite::hostileIds);
            faults.put("plan-period-during-kill", FaultSuite::planPeriodDuringKill);
            for (Map.Entry<String, Fault> fault : faults.entrySet()) {
                verdicts.add(run(stack, new Scenario(fault.getKey()), fault.getValue()));
            }
            // Two billing instances and two gateways, as the production overlay and values-prod.yaml run them.
            stack.addReplicas();
            log.info("second billing and second gateway ready");
            Map<String, Fault> withReplicas = new LinkedHashMap<>();
            withReplicas.put("replicas-billing-killed", (s, scenario) -> {
                s.killBilling(1);
                scenario.afterwards = () -> s.startBilling(1);
                scenario.recoverWithin = Duration.ofSeconds(10);
                return System.currentTimeMillis();
            });
            withReplicas.put("replicas-gateway-killed", (s, scenario) -> {
                s.killGateway(1);
                scenario.afterwards = () -> s.startGateway(1);
                return System.currentTimeMillis();
            });
            withReplicas.put("replicas-rolling-restart", (s, scenario) -> {
                for (int instance = 0; instance < 2; instance++) {
                    s.stopBilling(instance);
                    s.startBilling(instance);
                }
                return System.currentTimeMillis();
            });
            for (Map.Entry<String, Fault> fault : withReplicas.entrySet()) {
                verdicts.add(run(stack, new Scenario(fault.getKey()), fault.getValue()));
            }
        }
        print(verdicts, Duration.ofNanos(System.nanoTime() - started));
        System.exit(verdicts.stream().allMatch(Verdict::passed) ? 0 : 1);
    }

    private static Verdict run(FaultStack stack, Scenario scenario, Fault fault) throws Exception {
        log.info("scenario {}: traffic starts", scenario.name);
        LedgerAudit audit = new LedgerAudit(stack.billingJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
        boolean outOfOrder = scenario.name.startsWith("duplicates");
        Traffic traffic = new Traffic(scenario.name, stack.gatewayUrls(), 6, 3, outOfOrder).start();
        Pause.millis(TRAFFIC_BEFORE_FAULT.toMillis());
        long repaired = fault.injectAndRepair(stack, scenario);
        log.info("scenario {}: fault over", scenario.name);
        // Traffic goes on until billing answers every user again by itself (that time is the recovery), then a
        // little longer.
        long recoveryDeadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        while (!traffic.settled(repaired, SETTLED) && System.nanoTime() < recoveryDeadline) {
            Pause.millis(500);
        }
        Pause.millis(TRAFFIC_AFTER_REPAIR.toMillis());
        traffic.close();
        scenario.afterwards.run();
        if (!stack.servicesAlive()) {
            throw new IllegalStateException("A service died during " + scenario.name + "; see " + stack.logs());
        }
        List<SentOutlet> sent = new ArrayList<>(traffic.outlets());
        sent.addAll(scenario.published);
        Duration charged = audit.awaitCharged(sent, scenario.prefix(), CHARGE_WAIT);
        if (scenario.name.startsWith("duplicates")) {
            charged = replayChargedRequests(stack, scenario, traffic, audit, sent, charged);
        }
        long normal = traffic.normalAgainAfter(repaired);
        String normalAfter = normal < 0 ? "never" : "%.1f s".formatted(Math.max(0, normal - repaired) / 1000.0);
        if (normal < 0) {
            log.warn("scenario {}: no answer from billing within {} after the repair", scenario.name, RECOVERY_WAIT);
        }
        List<String> problems = new ArrayList<>();
        if (normal >= 0 && scenario.recoverWithin != null && normal - repaired > scenario.recoverWithin.toMillis()) {
            problems.add("normal answers came back after " + normalAfter + ", more than "
                    + scenario.recoverWithin.toSeconds() + " s");
        }
        Verdict verdict = Verdict.judge(scenario.name, scenario.prefix(), sent, audit,
                new AdminApi(stack.gatewayUrl()), normalAfter, charged, repaired, problems);
        log.info("scenario {}: {} ({} inlets sent, {} answered 2xx)", scenario.name,
                verdict.passed() ? "pass" : "FAIL " + verdict.problems(), traffic.inletsSent(),
                traffic.inletsAccepted());
        return verdict;
    }

    /**
     * The repair is the new process being ready, as an orchestrator sees it (its start-up, on a loaded 2-core machine
     * tens of seconds, is logged apart).
     */
    private static long killBilling(FaultStack stack, Scenario scenario) {
        stack.killBilling(0);
        Pause.millis(3_000);
        long restarted = System.currentTimeMillis();
        stack.startBilling(0);
        long ready = System.currentTimeMillis();
        log.info("billing started again in {} ms", ready - restarted);
        return ready;
    }

    private static long duplicatesAndDisorder(FaultStack stack, Scenario scenario) {
        try (KafkaInjector kafka = new KafkaInjector(stack.bootstrapServers())) {
            scenario.published.addAll(kafka.duplicatesAndDisorder(scenario.prefix(), 20));
        }
        return System.currentTimeMillis();
    }

    /**
     * After the traffic is charged, twenty of its requests are written again under their request keys (as a
     * gateway that lost billing's answer would), followed by one new request per user: once those are charged,
     * billing has passed the replays too (same key, same partition, in order), and the audit must find no change.
     */
    private static Duration replayChargedRequests(FaultStack stack, Scenario scenario, Traffic traffic,
            LedgerAudit audit, List<SentOutlet> sent, Duration charged) throws Exception {
        long start = System.nanoTime();
        var charges = audit.chargesByUserAndCost(scenario.prefix());
        List<SentOutlet> sentinels = new ArrayList<>();
        try (KafkaInjector kafka = new KafkaInjector(stack.bootstrapServers())) {
            traffic.outlets().stream().filter(SentOutlet::mustBeCharged).limit(20).forEach(outlet -> {
                var found = charges.get(LedgerAudit.key(outlet.user, outlet.expectedCost()));
                if (found != null) {
                    kafka.publish(outlet, found.get(0).cause());
                    // A message of its own: the same message id again would be a "continue", charged for the delta.
                    SentOutlet sentinel = new SentOutlet(outlet.user, "sentinel", "after-replay-" + sentinels.size(),
                            1_000_000 + sentinels.size(), 40, true);
                    sentinels.add(sentinel);
                }
            });
            sentinels.forEach(s -> kafka.publish(s, "fault-sentinel:" + s.user + ":" + s.messageId));
        }
        scenario.published.addAll(sentinels);
        sent.addAll(sentinels);
        Duration more = audit.awaitCharged(sent, scenario.prefix(), CHARGE_WAIT);
        log.info("{} charged requests replayed, then as many new requests charged after {} ms", sentinels.size(),
                (System.nanoTime() - start) / 1_000_000);
        return charged == null || more == null ? null : charged;
    }

    private static long poison(FaultStack stack, Scenario scenario) {
        try (KafkaInjector kafka = new KafkaInjector(stack.bootstrapServers())) {
            long before = kafka.deadLetters();
            int sent = 0;
            for (int i = 0; i < 3; i++) {
                sent += kafka.poison(scenario.prefix() + i);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (kafka.deadLetters() - before < sent && System.nanoTime() < deadline) {
                Pause.millis(500);
            }
            long arrived = kafka.deadLetters() - before;
            log.info("poison: {} records written, {} in chat-events-dlt", sent, arrived);
            if (arrived != sent) {
                throw new IllegalStateException(sent + " poison records written, " + arrived
                        + " reached chat-events-dlt");
            }
        }
        return System.currentTimeMillis();
    }

    /**
     * Hostile ids and names sent among the traffic: every one refused with 400, none published (the dead-letter
     * topic gets nothing), no user with such an id in billing.
     */
    private static long hostileIds(FaultStack stack, Scenario scenario) throws Exception {
        try (KafkaInjector kafka = new KafkaInjector(stack.bootstrapServers())) {
            long before = kafka.deadLetters();
            List<String> problems = new HostileRequests(stack.gatewayUrl(), scenario.prefix()).sendAll(5);
            Pause.millis(3_000);
            long deadLetters = kafka.deadLetters() - before;
            if (deadLetters != 0) {
                problems.add(deadLetters + " records reached chat-events-dlt");
            }
            LedgerAudit audit = new LedgerAudit(stack.billingJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
            long hostileUsers = audit.usersWithIdsLongerThan(256);
            if (hostileUsers != 0) {
                problems.add(hostileUsers + " users with ids longer than 256 characters in billing");
            }
            log.info("hostile ids: {} problems", problems.size());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("hostile requests got through: " + problems);
            }
        }
        return System.currentTimeMillis();
    }

    /**
     * Users on a daily plan (Asia/Shanghai) get their day's allowance; billing is killed; while it is down a new day
     * begins for every user (their first event of it written into Kafka, each with a producer's and a gateway's
     * retry); billing restarts. Every user must then hold exactly one grant of each day, and every balance its
     * ledger's sum. The HTTP traffic of the scenario goes on around it and is audited as in every scenario.
     */
    private static long planPeriodDuringKill(FaultStack stack, Scenario scenario) throws Exception {
        String plan = "fault-daily";
        AdminApi admin = new AdminApi(stack.gatewayUrl());
        admin.put("/api/v1/plans/" + plan,
                "{\"amount\": 1, \"period\": \"day\", \"mode\": \"add\", \"timezone\": \"Asia/Shanghai\"}");
        String prefix = scenario.name + "-plan-";
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(prefix + i);
        }
        LedgerAudit audit = new LedgerAudit(stack.billingJdbcUrl(), stack.postgresUser(), stack.postgresPassword());
        // 12:00 on 1 January 2030 in Shanghai, and half a second after midnight on the 2nd.
        Instant firstDay = Instant.parse("2030-01-01T04:00:00Z");
        Instant secondDay = Instant.parse("2030-01-01T16:00:00.500Z");
        long ready;
        try (KafkaInjector kafka = new KafkaInjector(stack.bootstrapServers())) {
            users.forEach(user -> kafka.inletWithRetries(user, Instant.now(), "fault-plan-register:" + user));
            awaitCount(() -> audit.users(prefix), users.size(), "users registered");
            users.forEach(user -> admin.put("/api/v1/users/" + user + "/plan", "{\"plan\": \"" + plan + "\"}"));
            users.forEach(user -> kafka.inletWithRetries(user, firstDay, "fault-plan-day1:" + user));
            awaitCount(() -> audit.allowances(prefix).size(), users.size(), "first-day grants");

            stack.killBilling(0);
            users.forEach(user -> kafka.inletWithRetries(user, secondDay, "fault-plan-day2:" + user));
            Pause.millis(3_000);
            stack.startBilling(0);
            ready = System.currentTimeMillis();
            awaitCount(() -> audit.allowances(prefix).size(), 2 * users.size(), "second-day grants");
        }
        Map<String, Long> grants = audit.allowances(prefix);
        List<String> problems = new ArrayList<>();
        for (String user : users) {
            for (String day : List.of("2030-01-01", "2030-01-02")) {
                long count = grants.getOrDefault(user + "|" + plan + ":" + day, 0L);
                if (count != 1) {
                    problems.add(user + " was granted " + day + " " + count + " times");
                }
            }
        }
        if (grants.size() != 2 * users.size()) {
            problems.add(grants.size() + " grants where " + 2 * users.size() + " were due");
        }
        long unequal = audit.balancesNotEqualToLedgers();
        if (unequal != 0) {
            problems.add(unequal + " balances differ from their ledgers");
        }
        log.info("plans: {} users, {} grants, {} problems", users.size(), grants.size(), problems.size());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("allowances not granted exactly once: " + problems);
        }
        return ready;
    }

    private interface Count {
        long get() throws Exception;
    }

    private static void awaitCount(Count count, long expected, String what) throws Exception {
        long deadline = System.nanoTime() + CHARGE_WAIT.toNanos();
        long now;
        while ((now = count.get()) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(now + " " + what + " of " + expected + " after " + CHARGE_WAIT);
            }
            Pause.millis(250);
        }
    }

    private static void print(List<Verdict> verdicts, Duration took) {
        System.out.println();
        System.out.printf("Fault suite, %s, %d cores, %d s in all%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), took.toSeconds());
        System.out.println(Verdict.header());
        verdicts.forEach(v -> System.out.println(v.row()));
        verdicts.stream().filter(v -> !v.passed())
                .forEach(v -> System.out.println(v.scenario() + ": " + String.join("; ", v.problems())));
        System.out.println("fault-suite: " + verdicts.stream().filter(Verdict::passed).count() + " passed, "
                + verdicts.stream().filter(v -> !v.passed()).count() + " failed");
    }
}
