package io.owm.devstack;

import io.owm.localinfra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The devstack the end-to-end tests share. Starting it takes most of a minute and two of them would not fit on
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
 */
final class RunningStack implements ParameterResolver {

    static final String API_KEY = "it-function-key";
    static final String ACCESS_TOKEN = "it-admin-token";
    /** The balance of every user the tests invent. */
    static final String INIT_BALANCE = "10";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningStack.class);

    /** Where the running stack answers, and the keys it takes. */
    record Gateway(String url, String apiKey, String accessToken) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Gateway.class;
    }

    @Override
    public Gateway resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedStack.class, key -> new SharedStack(), SharedStack.class)
                .gateway();
    }

    /** Started on first use; a failed start is remembered, so the next test class fails fast instead of retrying. */
    static final class SharedStack implements AutoCloseable {

        private DevStack stack;
        private Gateway gateway;
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
            Map<String, String> env = new HashMap<>();
            try {
                env.put("OWM_DATA_DIR", Files.createTempDirectory("owm-devstack-it").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            env.put("API_KEY", API_KEY);
            env.put("ACCESS_TOKEN", ACCESS_TOKEN);
            env.put("INIT_BALANCE", INIT_BALANCE);
            int gatewayPort = FreePorts.next();
            env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
            env.put("OWM_BILLING_PORT", Integer.toString(FreePorts.next()));
            env.put("OWM_CATALOG_PORT", Integer.toString(FreePorts.next()));
            env.put("OWM_ANALYTICS_PORT", Integer.toString(FreePorts.next()));
            env.put("OWM_KAFKA_PORT", Integer.toString(FreePorts.next()));
            env.put("OWM_KAFKA_CONTROLLER_PORT", Integer.toString(FreePorts.next()));
            stack = new DevStack(DevStackSettings.from(env));
            stack.start();
            return new Gateway("http://127.0.0.1:" + gatewayPort, API_KEY, ACCESS_TOKEN);
        }

        @Override
        public synchronized void close() {
            if (stack != null) {
                stack.close();
                stack = null;
            }
        }
    }
}
