package io.owm.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;

class SecurityObservationsAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner contexts = new ReactiveWebApplicationContextRunner()
            .withUserConfiguration(SecuredApp.class);

    @Test
    void withoutItSpringSecurityObservesTheFilterChainOfEveryRequest() {
        contexts.run(context -> {
            assertThat(observedNames(context)).anyMatch(name -> name.startsWith("spring.security."));
        });
    }

    @Test
    void withItARequestMakesNoSecurityObservations() {
        contexts.withConfiguration(AutoConfigurations.of(SecurityObservationsAutoConfiguration.class))
                .run(context -> {
                    assertThat(observedNames(context)).isNotEmpty()
                            .noneMatch(name -> name.startsWith("spring.security."));
                });
    }

    private static List<String> observedNames(org.springframework.context.ApplicationContext context) {
        WebTestClient.bindToApplicationContext(context).build()
                .get().uri("/refused").exchange().expectStatus().isUnauthorized();
        return context.getBean(RecordingHandler.class).names;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebFlux
    @EnableWebFluxSecurity
    static class SecuredApp {

        @Bean
        RecordingHandler recordingHandler() {
            return new RecordingHandler();
        }

        @Bean
        ObservationRegistry observationRegistry(RecordingHandler handler) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(handler);
            return registry;
        }

        @Bean
        SecurityWebFilterChain chain(ServerHttpSecurity http) {
            return ApiSecurity.withoutBrowserFeatures(http)
                    .authorizeExchange(exchange -> exchange.anyExchange().authenticated())
                    .build();
        }
    }

    static final class RecordingHandler implements ObservationHandler<Observation.Context> {

        final List<String> names = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(Observation.Context context) {
            names.add(context.getName());
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }
}
