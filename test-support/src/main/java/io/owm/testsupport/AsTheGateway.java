package io.owm.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * The test client of billing, catalog or analytics calls the service as the gateway does, with the internal
 * credential. A test of a refusal removes the header from a mutated client.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AsTheGateway {

    @Bean
    WebTestClientBuilderCustomizer internalCredential() {
        return builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestInfrastructure.INTERNAL_TOKEN);
    }
}
