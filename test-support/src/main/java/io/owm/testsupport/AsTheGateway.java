package io.owm.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;

/**
 * The test client of billing, catalog or analytics calls the service as the gateway does, with the internal
 * credential. A test of a refusal removes the header from a mutated client.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AsTheGateway {

    @Bean
    WebTestClientBuilderCustomizer internalCredential() {
        // A connection per request: reactor-netty up to 1.3.7 can stop reading a keep-alive connection after a
        // request that arrived while the previous one was still finishing, and the next request on it then hangs
        // (PanelQueriesIT, reproduced in docs/decisions.md; fixed in 1.3.8, which needs a newer Boot).
        return builder -> builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + TestInfrastructure.INTERNAL_TOKEN)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection()));
    }
}
