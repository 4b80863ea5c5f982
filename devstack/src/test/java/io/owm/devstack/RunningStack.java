package io.owm.devstack;

import io.owm.localinfra.FreePorts;
import io.owm.localinfra.Postgres;
import io.owm.testsupport.ContainerInfrastructure;
import io.owm.testsupport.InfraChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The devstack the end-to-end tests share, with a stand-in for OpenWebUI ({@link FakeOpenWebUi}) behind the
 * catalog. Starting it takes most of a minute and two of them would not fit on
 * a small CI machine, so it is started once per test JVM, by the first test that asks for its {@link Gateway},
 * and kept in JUnit's root store, which closes it after the last test class: no service process outlives the
 * run (a JVM shutdown hook could be cut short by the build killing the forked JVM).
 *
 * <pre>{@code
 * @ExtendWith(RunningStack.class)
 * class SomeIT {
 *     @BeforeAll
 *     static void connect(RunningStack.Gateway gateway) { ... }
 * }
 * }</pre>
 *
 * <p>{@code -Dowm.it.gateway=http://127.0.0.1:7878} runs the tests against a devstack started by hand with
 * {@code API_KEY}, {@code ACCESS_TOKEN} and {@code INIT_BALANCE} as below (and {@code OPENWEBUI_DOMAIN} pointing
 * at a stand-in that answers like {@link FakeOpenWebUi}), instead of starting one.
 */
final class RunningStack implements ParameterResolver {

    static final String API_KEY = "it-function-key";
    static final String ACCESS_TOKEN = "it-admin-token";
    /** The balance of every user the tests invent. */
    static final String INIT_BALANCE = "10";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningStack.class);

    /** Where the running stack answers, and the keys it takes. */
    /**
     * @param logs the services' log folder (the data folder's {@code logs/}); for a stack started by hand, the folder
     *             named by {@code -Dowm.it.logs}, or null when none is named
     */
    record Gateway(String url, String apiKey, String accessToken, Path logs) {
    }

    /** The management ports of the four services, for tests that read their metrics, as Prometheus does. */
    record Ports(int gateway, int billing, int catalog, int analytics) {

        /** The devstack's defaults, for a stack started by hand. */
        static final Ports DEFAULTS = new Ports(7879, 7891, 7892, 7893);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Gateway.class || type == Ports.class || type == OtlpReceiver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        SharedStack shared = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedStack.class, key -> new SharedStack(), SharedStack.class);
        Gateway gateway = shared.gateway();
        Class<?> type = parameter.getParameter().getType();
        if (type == OtlpReceiver.class) {
            return shared.traces();
        }
        return type == Ports.class ? shared.ports() : gateway;
    }

    /** Started on first use; a failed start is remembered, so the next test class fails fast instead of retrying. */
    static final class SharedStack implements AutoCloseable {

        private FakeOpenWebUi openWebUi;
        private OtlpReceiver traces;
        private ContainerInfrastructure containers;
        private DevStack stack;
        private Gateway gateway;
        private Ports ports = Ports.DEFAULTS;
        private RuntimeException failure;

        synchronized Gateway gateway() {
            if (failure != null) {
                throw new IllegalStateException("The shared devstack failed to start earlier in this run", failure);
            }
            if (gateway == null) {
                try {
                    gateway = start();
                } catch (RuntimeException e) {
                    failure = e;
                    close();
                    throw e;
                }
            }
            return gateway;
        }

        private Gateway start() {
            String running = System.getProperty("owm.it.gateway");
            if (running != null && !running.isBlank()) {
                // A devstack the developer started with this class's keys: quick reruns while working on a test.
                String logs = System.getProperty("owm.it.logs");
                return new Gateway(running, API_KEY, ACCESS_TOKEN, logs == null ? null : Path.of(logs));
            }
            Map<String, String> env = new HashMap<>();
            try {
                env.put("OWM_DATA_DIR", Files.createTempDirectory("owm-devstack-it").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            env.put("API_KEY", API_KEY);
            env.put("ACCESS_TOKEN", ACCESS_TOKEN);
            env.put("INIT_BALANCE", INIT_BALANCE);
            // The catalog's OpenWebUI is a stand-in, started first so that the catalog's first sync reaches it.
            openWebUi = FakeOpenWebUi.start();
            env.put("OPENWEBUI_DOMAIN", openWebUi.url());
            // The services export their spans here, as they would to an OpenTelemetry Collector.
            traces = OtlpReceiver.start();
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", traces.url());
            env.put("OPENWEBUI_API_KEY", FakeOpenWebUi.API_KEY);
            int gatewayPort = FreePorts.next();
            ports = new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
            env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
            env.put("OWM_BILLING_PORT", Integer.toString(FreePorts.next()));
            env.put("OWM_CATALOG_PORT", Integer.toString(FreePorts.next()));
            env.put("OWM_ANALYTICS_PORT", Integer.toString(FreePorts.next()));
            env.put("OWM_GATEWAY_MANAGEMENT_PORT", Integer.toString(ports.gateway()));
            env.put("OWM_BILLING_MANAGEMENT_PORT", Integer.toString(ports.billing()));
            env.put("OWM_CATALOG_MANAGEMENT_PORT", Integer.toString(ports.catalog()));
            env.put("OWM_ANALYTICS_MANAGEMENT_PORT", Integer.toString(ports.analytics()));
            env.put("OWM_KAFKA_PORT", Integer.toString(FreePorts.next()));
            env.put("OWM_KAFKA_CONTROLLER_PORT", Integer.toString(FreePorts.next()));
            if (InfraChoice.current() == InfraChoice.TESTCONTAINERS) {
                containers = ContainerInfrastructure.start();
                Postgres postgres = containers.postgres();
                env.put("OWM_KAFKA_BOOTSTRAP", containers.bootstrapServers());
                env.put("OWM_POSTGRES", postgres.host() + ":" + postgres.port());
                env.put("OWM_POSTGRES_USER", postgres.user());
                env.put("OWM_POSTGRES_PASSWORD", postgres.password());
            }
            stack = new DevStack(DevStackSettings.from(env));
            stack.start();
            return new Gateway("http://127.0.0.1:" + gatewayPort, API_KEY, ACCESS_TOKEN,
                    Path.of(env.get("OWM_DATA_DIR"), "logs"));
        }

        synchronized Ports ports() {
            return ports;
        }

        synchronized OtlpReceiver traces() {
            if (traces == null) {
                throw new IllegalStateException("A devstack started by hand exports no spans to this test run");
            }
            return traces;
        }

        @Override
        public synchronized void close() {
            if (stack != null) {
                stack.close();
                stack = null;
            }
            if (openWebUi != null) {
                openWebUi.close();
                openWebUi = null;
            }
            if (traces != null) {
                traces.close();
                traces = null;
            }
            if (containers != null) {
                containers.close();
                containers = null;
            }
        }
    }
}
