package io.owm.support.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

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
    static class FailingService {

        FailingService() {
            throw new IllegalStateException("no database");
        }

        public static void main(String[] args) {
            SpringApplication.run(FailingService.class, args);
        }
    }
}
