package io.owm.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class OtlpEndpointFromEnvironmentTests {

    private static String endpointWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new OtlpEndpointFromEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(OtlpEndpointFromEnvironment.SPRING_ENDPOINT);
    }

    @Test
    void theCollectorsBaseUrlBecomesItsTracesEndpoint() {
        assertThat(endpointWith(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")))
                .isEqualTo("http://collector:4318/v1/traces");
    }

    @Test
    void unsetOrBlankMeansNoExporter() {
        assertThat(endpointWith(Map.of())).isNull();
        // Compose passes ${OTEL_EXPORTER_OTLP_ENDPOINT:-}: an empty value is the same as none.
        assertThat(endpointWith(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isNull();
    }

    @Test
    void anEndpointSetTheSpringWayWins() {
        assertThat(endpointWith(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                OtlpEndpointFromEnvironment.SPRING_ENDPOINT, "http://tempo:4318/v1/traces")))
                .isEqualTo("http://tempo:4318/v1/traces");
    }
}
