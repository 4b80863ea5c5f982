package io.owm.support.security;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Security of a service behind the gateway (billing, catalog, analytics): every request on the API port needs the
 * internal token, nothing else opens it. Health and metrics live on the management port
 * ({@code OWM_MANAGEMENT_PORT}); they are allowed here by path because the management server shares these
 * filters, and on the API port those paths have no handler.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@Import(EdgeFirewallConfiguration.class)
public class InternalCallerSecurity {

    @Bean
    SecurityWebFilterChain internalCallersOnly(ServerHttpSecurity http,
            @Value("${" + InternalToken.PROPERTY + ":}") String token,
            @Value("${spring.application.name}") String service) {
        var authentication = BearerKeyAuthentication.filter(
                List.of(KeyHolder.of(InternalToken.require(token, service), InternalToken.AUTHORITY)));
        return ApiSecurity.withoutBrowserFeatures(http)
                .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(ApiSecurity.MANAGEMENT_PATHS).permitAll()
                        .anyExchange().hasAuthority(InternalToken.AUTHORITY))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((exchange, denied) -> SecurityAnswers.write(exchange,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "Only the gateway may call " + service
                                        + ": send the request to the gateway"))
                        .accessDeniedHandler((exchange, denied) -> SecurityAnswers.write(exchange,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "Only the gateway may call " + service)))
                .build();
    }
}
