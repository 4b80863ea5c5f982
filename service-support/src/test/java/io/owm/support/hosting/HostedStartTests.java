package io.owm.support.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

class HostedStartTests {

    @Test
    void theServiceSeesItsOwnEnvironmentFromTheStartAndTheHostClosesIt() throws Exception {
        AutoCloseable running = new HostedStart().apply(TestService.class.getName(), Map.of(
                "SPRING_MAIN_WEBAPPLICATIONTYPE", "none",
                "OWM_BILLING_INIT_BALANCE", "12.50",
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"));
        ConfigurableApplicationContext context = TestService.LAST.get();

        assertThat(context.isActive()).isTrue();
        // Relaxed binding as for the process environment, and seen by the environment post-processors, which
        // run before the application's own listeners: this one turns OTel's variable into Spring's endpoint.
        assertThat(context.getEnvironment().getProperty("owm.billing.init-balance")).isEqualTo("12.50");
        assertThat(context.getEnvironment().getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(context.getEnvironment().getProperty("management.metrics.use-global-registry"))
                .isEqualTo("false");

        running.close();
        assertThat(context.isActive()).isFalse();
    }

    @Test
    void aServiceCountsItsOwnLogLinesInsteadOfEveryServicesThroughTurboFilters() throws Exception {
        AutoCloseable running = startOn(new URLClassLoader("service", new URL[0], getClass().getClassLoader()),
                ServiceWithMetrics.class);
        ConfigurableApplicationContext context = ServiceWithMetrics.LAST.get();
        try {
            assertThat(context.getBeansOfType(LogbackMetrics.class).values())
                    .singleElement().isInstanceOf(HostedLogMetrics.class);
            assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList()).isEmpty();
            assertThat(context.getBean(MeterRegistry.class).find("logback.events").tag("level", "warn").counter())
                    .isNotNull();
        } finally {
            running.close();
        }
    }

    @Test
    void springFindsTheServicesExtensionsThroughTheServicesClassLoader(@TempDir Path folder) throws Exception {
        // Only the service's loader sees these extensions, as when the host loads Spring's base for all services.
        Files.createDirectories(folder.resolve("META-INF"));
        Files.writeString(folder.resolve("META-INF/spring.factories"),
                "org.springframework.boot.EnvironmentPostProcessor=" + ServiceOnlyPostProcessor.class.getName());
        AutoCloseable running = startOn(new URLClassLoader("service", new URL[] {folder.toUri().toURL()},
                getClass().getClassLoader()), TestService.class);
        try {
            assertThat(TestService.LAST.get().getEnvironment().getProperty("owm.test.post-processed"))
                    .isEqualTo("by the service's own extension");
        } finally {
            running.close();
        }
    }

    @Test
    void aServiceThatFailsToStartFailsTheCallWithItsOwnReason() {
        assertThatThrownBy(() -> new HostedStart().apply(FailingService.class.getName(),
                Map.of("SPRING_MAIN_WEBAPPLICATIONTYPE", "none")))
                .hasRootCauseMessage("no database");
        assertThatThrownBy(() -> new HostedStart().apply("io.owm.NoSuchService", Map.of()))
                .hasMessageContaining("io.owm.NoSuchService");
    }

    @Configuration(proxyBeanMethods = false)
    static class TestService {

        static final AtomicReference<ConfigurableApplicationContext> LAST = new AtomicReference<>();

        public static void main(String[] args) {
            LAST.set(SpringApplication.run(TestService.class, args));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
            LogbackMetricsAutoConfiguration.class})
    static class ServiceWithMetrics {

        static final AtomicReference<ConfigurableApplicationContext> LAST = new AtomicReference<>();

        public static void main(String[] args) {
            LAST.set(SpringApplication.run(ServiceWithMetrics.class, args));
        }
    }

    /** Starts the service as the host does: on the calling thread, with the service's loader as its context's. */
    private static AutoCloseable startOn(ClassLoader service, Class<?> mainClass) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(service);
        try {
            return new HostedStart().apply(mainClass.getName(), Map.of("SPRING_MAIN_WEBAPPLICATIONTYPE", "none"));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static class ServiceOnlyPostProcessor implements EnvironmentPostProcessor {

        @Override
        public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
            environment.getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of("owm.test.post-processed", "by the service's own extension")));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingService {

        FailingService() {
            throw new IllegalStateException("no database");
        }

        public static void main(String[] args) {
            SpringApplication.run(FailingService.class, args);
        }
    }
}
