package io.owm.support.tracing;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns OpenTelemetry's standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the collector's base URL, as every OTel SDK
 * reads it) into Spring Boot's trace exporter endpoint, {@code <base>/v1/traces}. Unset or blank, no exporter is
 * made and spans only reach the logs' trace ids. An endpoint set the Spring way wins.
 */
public class OtlpEndpointFromEnvironment implements EnvironmentPostProcessor {

    static final String OTEL_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final String SPRING_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String base = environment.getProperty(OTEL_ENDPOINT);
        if (base == null || base.isBlank() || environment.containsProperty(SPRING_ENDPOINT)) {
            return;
        }
        String traces = base.strip().replaceAll("/+$", "") + "/v1/traces";
        environment.getPropertySources().addLast(new MapPropertySource("otel-exporter-otlp-endpoint",
                Map.of(SPRING_ENDPOINT, traces)));
    }
}
