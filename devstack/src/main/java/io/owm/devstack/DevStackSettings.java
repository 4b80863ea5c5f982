package io.owm.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the devstack runs with: the production environment variables (passed on to the services unchanged),
 * where it keeps its data, and its ports. Keys that are not given are generated once and kept in the data
 * folder, so a restart keeps them. {@code OWM_KAFKA_BOOTSTRAP} and {@code OWM_POSTGRES} ({@code host:port}, with
 * {@code OWM_POSTGRES_USER} and {@code OWM_POSTGRES_PASSWORD}) use a running broker and server instead of the
 * embedded ones. {@code OWM_DEVSTACK_SERVICES} chooses how the services run: {@code shared-jvm} (the default, one
 * JVM for the four) or {@code jvm-per-service} (one each, as in production).
 */
record DevStackSettings(
        Path dataDir,
        String apiKey,
        String accessToken,
        String internalToken,
        int gatewayPort,
        int billingPort,
        int catalogPort,
        int analyticsPort,
        int gatewayManagementPort,
        int billingManagementPort,
        int catalogManagementPort,
        int analyticsManagementPort,
        int kafkaPort,
        int kafkaControllerPort,
        String externalKafka,
        String externalPostgres,
        String externalPostgresUser,
        String externalPostgresPassword,
        boolean sharedJvm,
        String serviceJvmOptions,
        String postgresSharedBuffers,
        Map<String, String> passThrough) {

    /**
     * The original app's variables and the observability switches (an OTLP collector for traces, the sampling ratio,
     * JSON logs), handed to every service as they are.
     */
    static final String[] PASSED_ON = {"INIT_BALANCE", "DEFAULT_MODEL_INPUT_PRICE", "DEFAULT_MODEL_OUTPUT_PRICE",
            "DEFAULT_MODEL_PER_MSG_PRICE", "COST_ON_INLET", "OPENWEBUI_DOMAIN", "OPENWEBUI_API_KEY",
            "OTEL_EXPORTER_OTLP_ENDPOINT", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY",
            "LOGGING_STRUCTURED_FORMAT_CONSOLE"};

    static final String SHARED_JVM = "shared-jvm";
    static final String JVM_PER_SERVICE = "jvm-per-service";

    /**
     * The one JVM of the four services: the GC with the least memory and threads, and a heap that grows from 64 MB
     * to 512 MB, which holds the four under load with room to spare (docs/benchmarks.md, "One JVM for the four").
     */
    static final String SHARED_JVM_OPTIONS = "-Xms64m -Xmx512m -XX:+UseSerialGC -Xss512k";

    /**
     * Each service's JVM: the GC with the least memory and threads, and a heap that grows from 32 MB to 256 MB.
     * Without -Xms the JVM starts at 1/64 of the machine's memory capped by -Xmx, so every service would commit
     * its whole 256 MB heap at once (docs/benchmarks.md, "Devstack memory").
     */
    static final String SERVICE_JVM_OPTIONS = "-Xms32m -Xmx256m -XX:+UseSerialGC -Xss512k";

    /**
     * Each service's JVM on Java 25 or later: a young generation of a fixed size. There the serial collector resizes
     * the young generation only at a full collection, and a service started from its AOT cache runs none at start
     * (its classes no longer fill the metaspace), so the young generation stayed at a third of -Xms under load: each
     * collection promoted the requests in flight, and the old generation grew with them, committed and kept, until
     * the first full collection (docs/benchmarks.md, "Thirteenth session"). Java 17 grows the young generation with
     * the old one, and the shared JVM has full collections at start, so neither needs it.
     */
    static final String SERVICE_YOUNG_GENERATION_ON_25 = "-Xms48m -Xmn32m";

    /**
     * Catalog and analytics do little per outlet, so they compile with C1 only: their share of CPU per outlet stays
     * the same while they no longer compete with the gateway and billing for the two cores at start, and hold less
     * compiled code (docs/benchmarks.md, "Start-up: C1 for the light services"). The gateway and billing, which
     * carry every outlet, keep C2. Given before OWM_SERVICE_JVM_OPTS, so a -XX:TieredStopAtLevel there wins.
     */
    static final String LIGHT_SERVICE_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    /**
     * The embedded PostgreSQL's buffer cache. PostgreSQL's default of 128 MB fills up under a few minutes of
     * outlets (the ledger grows with each) and then stays resident; the devstack's working set (accounts, open
     * holds, the newest ledger pages) fits in a quarter of that, and older pages are still in the OS's page cache
     * (docs/benchmarks.md, "Fourth session", memory and start-up). {@code OWM_POSTGRES_SHARED_BUFFERS} trades memory
     * for less of PostgreSQL's CPU once the tables have grown (docs/decisions.md).
     */
    static final String POSTGRES_SHARED_BUFFERS = "32MB";

    private static final Pattern MEGABYTES_OR_GIGABYTES = Pattern.compile("([1-9][0-9]{0,5})(MB|GB)");

    static DevStackSettings from(Map<String, String> env) {
        Path dataDir = Path.of(env.getOrDefault("OWM_DATA_DIR",
                Path.of(System.getProperty("user.home"), ".openwebui-monitor", "devstack").toString()))
                .toAbsolutePath();
        Properties keys = generatedKeys(dataDir);
        Map<String, String> passThrough = new LinkedHashMap<>();
        for (String name : PASSED_ON) {
            if (env.containsKey(name)) {
                passThrough.put(name, env.get(name));
            }
        }
        boolean sharedJvm = sharedJvm(env);
        return new DevStackSettings(
                dataDir,
                env.getOrDefault("API_KEY", keys.getProperty("API_KEY")),
                env.getOrDefault("ACCESS_TOKEN", keys.getProperty("ACCESS_TOKEN")),
                env.getOrDefault("OWM_INTERNAL_TOKEN", keys.getProperty("OWM_INTERNAL_TOKEN")),
                port(env, "GATEWAY_PORT", 7878),
                port(env, "OWM_BILLING_PORT", 7881),
                port(env, "OWM_CATALOG_PORT", 7882),
                port(env, "OWM_ANALYTICS_PORT", 7883),
                port(env, "OWM_GATEWAY_MANAGEMENT_PORT", 7879),
                port(env, "OWM_BILLING_MANAGEMENT_PORT", 7891),
                port(env, "OWM_CATALOG_MANAGEMENT_PORT", 7892),
                port(env, "OWM_ANALYTICS_MANAGEMENT_PORT", 7893),
                port(env, "OWM_KAFKA_PORT", 19092),
                port(env, "OWM_KAFKA_CONTROLLER_PORT", 19093),
                blankAsNull(env.get("OWM_KAFKA_BOOTSTRAP")),
                blankAsNull(env.get("OWM_POSTGRES")),
                env.getOrDefault("OWM_POSTGRES_USER", "postgres"),
                env.getOrDefault("OWM_POSTGRES_PASSWORD", ""),
                sharedJvm,
                serviceJvmOptions(env, sharedJvm, Runtime.version().feature()),
                postgresSharedBuffers(env),
                passThrough);
    }

    /** The user's options for the services' JVMs, or the defaults for the Java they run on (the devstack's own). */
    static String serviceJvmOptions(Map<String, String> env, boolean sharedJvm, int javaVersion) {
        String options = blankAsNull(env.get("OWM_SERVICE_JVM_OPTS"));
        if (options != null) {
            return options;
        }
        if (sharedJvm) {
            return SHARED_JVM_OPTIONS + JavaChoice.defaultOptionsFor(javaVersion);
        }
        // A later -Xms on the command line replaces the earlier one.
        String young = javaVersion >= JavaChoice.PREFERRED_VERSION ? " " + SERVICE_YOUNG_GENERATION_ON_25 : "";
        return SERVICE_JVM_OPTIONS + young + JavaChoice.defaultOptionsFor(javaVersion);
    }

    /**
     * One JVM unless asked otherwise, or unless JSON logs are asked for: those are Spring Boot's logging system,
     * which each service owns in a JVM of its own and none of them can in the shared one.
     */
    static boolean sharedJvm(Map<String, String> env) {
        String mode = blankAsNull(env.get("OWM_DEVSTACK_SERVICES"));
        if (mode == null) {
            return blankAsNull(env.get("LOGGING_STRUCTURED_FORMAT_CONSOLE")) == null;
        }
        return switch (mode) {
            case SHARED_JVM -> true;
            case JVM_PER_SERVICE -> false;
            default -> throw new IllegalArgumentException("OWM_DEVSTACK_SERVICES must be " + SHARED_JVM + " or "
                    + JVM_PER_SERVICE + ", not '" + mode + "'");
        };
    }

    /** In PostgreSQL's notation, MB or GB; at least 8 MB, 1,024 pages for the server's 300 connections to share. */
    private static String postgresSharedBuffers(Map<String, String> env) {
        String value = blankAsNull(env.get("OWM_POSTGRES_SHARED_BUFFERS"));
        if (value == null) {
            return POSTGRES_SHARED_BUFFERS;
        }
        Matcher size = MEGABYTES_OR_GIGABYTES.matcher(value);
        if (!size.matches() || (size.group(2).equals("MB") && Integer.parseInt(size.group(1)) < 8)) {
            throw new IllegalArgumentException("OWM_POSTGRES_SHARED_BUFFERS must be a size of at least 8MB in MB or GB,"
                    + " such as 128MB, not '" + value + "'");
        }
        return value;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number between 1 and 65535, not '" + value + "'");
        }
    }

    /** Keys generated on the first start and reused afterwards; only used where the environment gives none. */
    private static Properties generatedKeys(Path dataDir) {
        Path file = dataDir.resolve("generated-keys.properties");
        Properties keys = new Properties();
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                }
            }
            boolean generated = generate(keys, "API_KEY", "sk-owm-") | generate(keys, "ACCESS_TOKEN", "owm-admin-")
                    | generate(keys, "OWM_INTERNAL_TOKEN", "owm-internal-");
            if (generated) {
                try (OutputStream out = Files.newOutputStream(file)) {
                    keys.store(out, "Generated by the devstack for the keys the environment did not set");
                }
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the data folder " + dataDir, e);
        }
    }

    private static boolean generate(Properties keys, String name, String prefix) {
        if (keys.getProperty(name) != null) {
            return false;
        }
        keys.setProperty(name, prefix + randomHex());
        return true;
    }

    private static String randomHex() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
