package io.owm.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes every request's filter chain before and after, each authorization and each
 * authentication: three more observations per request on top of the HTTP server's own, each a timer and, when
 * sampled, a span. They told nothing the request's own span and timer do not (the filters here only compare a
 * bearer key and a path), and they were a measurable part of the gateway's CPU per outlet (docs/benchmarks.md,
 * "Devstack in a bounded JVM; CPU per outlet"), so none are made. Refused requests still show in
 * {@code http.server.requests} by status.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
