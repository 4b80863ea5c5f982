package io.owm.support.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;

/**
 * The firewall every service's security filter chain runs first, and its answer: 400 in the contract's shape.
 * Spring Security's {@code WebFilterChainProxy} picks both beans up.
 */
@Configuration(proxyBeanMethods = false)
public class EdgeFirewallConfiguration {

    @Bean
    ServerWebExchangeFirewall canonicalPathFirewall() {
        return new CanonicalPathFirewall();
    }

    @Bean
    ServerExchangeRejectedHandler rejectedRequestAnswer() {
        return (exchange, rejected) -> SecurityAnswers.write(exchange, HttpStatus.BAD_REQUEST, "invalid_request",
                "Request refused: " + rejected.getMessage());
    }
}
