package io.owm.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import io.owm.contracts.Topics;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.testsupport.KafkaProbe;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/models}: OpenWebUI's list stored and priced, and every way OpenWebUI can fail us. */
class OpenWebUiSyncIT extends CatalogServiceTest {

    @Test
    void newModelsAreStoredWithTheDefaultPricesAndTheirBaseFromInfoOrFromTheId() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String base = "gpt-4o-" + suffix;
        String withInfo = "coder-" + suffix;
        String withoutInfo = "team." + base;
        openWebUi.stubFor(get("/api/models").willReturn(okJson(modelList(
                """
                {"id": "%s", "name": "GPT-4o", "object": "model", "owned_by": "openai"}""".formatted(base),
                """
                {"id": "%s", "name": "Coder", "info": {"base_model_id": "%s",
                 "meta": {"profile_image_url": "/static/coder.png"}, "params": {"system": "You write code."}}}"""
                        .formatted(withInfo, base),
                """
                {"id": "%s", "name": "Team GPT"}""".formatted(withoutInfo)))));

        try (KafkaProbe.Collector prices = kafka.collect(Topics.MODEL_PRICES.name())) {
            JsonNode list = listModels();

            JsonNode coder = CatalogJson.model(list, withInfo);
            assertThat(coder.path("base_model_id").stringValue()).isEqualTo(base);
            assertThat(coder.path("imageUrl").stringValue()).isEqualTo("/static/coder.png");
            assertThat(coder.path("system_prompt").stringValue()).isEqualTo("You write code.");
            assertThat(coder.path("input_price").decimalValue()).isEqualByComparingTo("2.5");
            assertThat(coder.path("per_msg_price").decimalValue()).isEqualByComparingTo("-1");
            assertThat(CatalogJson.model(list, withoutInfo).path("base_model_id").stringValue()).isEqualTo(base);
            assertThat(CatalogJson.model(list, base).path("base_model_id").stringValue()).isEqualTo(base);
            assertThat(CatalogJson.model(list, base).path("active").booleanValue()).isTrue();
            await().atMost(WAIT).until(() -> prices.values(ModelPriced.class).stream()
                    .filter(p -> p.modelId().endsWith(suffix)).count() == 3);
        }
        openWebUi.verify(getRequestedFor(urlEqualTo("/api/models"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + OPENWEBUI_KEY)));
    }

    @Test
    void aModelThatDisappearsFromOpenWebUiIsKeptAndMarkedInactive() {
        String kept = "kept-" + UUID.randomUUID();
        String gone = "gone-" + UUID.randomUUID();
        openWebUi.stubFor(get("/api/models").willReturn(okJson(modelList(
                "{\"id\": \"%s\"}".formatted(kept), "{\"id\": \"%s\"}".formatted(gone)))));
        listModels();
        openWebUi.stubFor(get("/api/models").willReturn(okJson(modelList("{\"id\": \"%s\"}".formatted(kept)))));

        JsonNode list = listModels();

        assertThat(CatalogJson.model(list, kept).path("active").booleanValue()).isTrue();
        assertThat(CatalogJson.model(list, gone).path("active").booleanValue()).isFalse();
    }

    @Test
    void whenOpenWebUiFailsTheLastKnownListIsServedWithTheCause() {
        String known = "known-" + UUID.randomUUID();
        openWebUi.stubFor(get("/api/models").willReturn(okJson(modelList("{\"id\": \"%s\"}".formatted(known)))));
        listModels();

        openWebUi.stubFor(get("/api/models").willReturn(aResponse().withStatus(503)));
        assertSyncFails("unavailable", "HTTP 503", known);

        openWebUi.stubFor(get("/api/models").willReturn(aResponse().withStatus(401)));
        assertSyncFails("unauthorized", "OPENWEBUI_API_KEY", known);

        openWebUi.stubFor(get("/api/models").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Login</body></html>")));
        assertSyncFails("invalid_response", "not JSON", known);

        openWebUi.stubFor(get("/api/models").willReturn(okJson("{\"models\": []}")));
        assertSyncFails("invalid_response", "\"data\"", known);

        openWebUi.stubFor(get("/api/models").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertSyncFails("unreachable", "OPENWEBUI_DOMAIN", known);
    }

    private void assertSyncFails(String errorType, String messagePart, String stillListed) {
        var result = http.get().uri("/api/v1/models").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult();
        assertThat(result.getResponseHeaders().getFirst("X-OpenWebUI-Sync-Error-Type")).isEqualTo(errorType);
        assertThat(result.getResponseHeaders().getFirst("X-OpenWebUI-Sync-Error")).contains(messagePart);
        JsonNode list = CatalogJson.read(result.getResponseBody());
        assertThat(CatalogJson.model(list, stillListed).path("active").booleanValue()).isTrue();
    }

    private JsonNode listModels() {
        var result = http.get().uri("/api/v1/models").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult();
        assertThat(result.getResponseHeaders().getFirst("X-OpenWebUI-Sync-Error")).isNull();
        return CatalogJson.read(result.getResponseBody());
    }
}
