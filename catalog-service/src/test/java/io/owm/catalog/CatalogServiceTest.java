package io.owm.catalog;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.owm.testsupport.AsTheGateway;
import io.owm.testsupport.TestBroker;
import io.owm.testsupport.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The catalog against the real broker and database, with WireMock standing in for OpenWebUI's HTTP API. Every
 * test class extends this one with the same configuration, so they share one Spring context (and one consumer
 * group on the shared broker).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "owm.catalog.topic-partitions=3",
        "owm.catalog.default-input-price=2.5",
        "owm.catalog.openwebui-api-key=owui-admin-key",
        "owm.catalog.test-timeout=3s",
        "owm.catalog.test-concurrency=2",
        "owm.catalog.outbox-sweep=1s",
        "owm.catalog.group-sync=0"})
@Import(AsTheGateway.class)
@AutoConfigureWebTestClient(timeout = "PT30S")
abstract class CatalogServiceTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String OPENWEBUI_KEY = "owui-admin-key";

    /** Started before the Spring context, which needs its address. */
    static final WireMockServer openWebUi = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        openWebUi.start();
    }

    @RegisterExtension
    static final TestBroker kafka = new TestBroker();

    @Autowired
    WebTestClient http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "catalog_it");
        registry.add("owm.catalog.openwebui-domain", openWebUi::baseUrl);
    }

    @BeforeEach
    void forgetStubs() {
        openWebUi.resetAll();
    }

    /** OpenWebUI's {@code GET /api/models} answer for these model entries (JSON objects). */
    static String modelList(String... models) {
        return "{\"data\": [" + String.join(",", models) + "]}";
    }
}
