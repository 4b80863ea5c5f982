package io.owm.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.catalog.ModelTested;
import io.owm.testsupport.KafkaProbe;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.databind.JsonNode;

/** Connectivity tests: one model, and all models with their results streamed as each test ends. */
class ConnectivityTestsIT extends CatalogServiceTest {

    private static final String HI = "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"hi!\"}}]}";

    @Test
    void oneModelIsAskedToSayHiAndTheResultIsPublished() {
        String model = "fast-" + UUID.randomUUID();
        String broken = "broken-" + UUID.randomUUID();
        openWebUi.stubFor(post("/api/chat/completions").withRequestBody(matchingJsonPath("$.model", containing("fast-")))
                .willReturn(okJson(HI)));
        openWebUi.stubFor(post("/api/chat/completions").withRequestBody(matchingJsonPath("$.model",
                containing("broken-"))).willReturn(aResponse().withStatus(500)));

        try (KafkaProbe.Collector tested = kafka.collect(Topics.MODEL_TESTS.name())) {
            JsonNode ok = test(model);
            JsonNode failed = test(broken);

            assertThat(ok.path("success").booleanValue()).isTrue();
            assertThat(ok.path("response").stringValue()).isEqualTo("hi!");
            assertThat(ok.path("latency_ms").isNumber()).isTrue();
            assertThat(failed.path("success").booleanValue()).isFalse();
            assertThat(failed.path("error_type").stringValue()).isEqualTo("unavailable");
            assertThat(failed.path("message").stringValue()).contains("HTTP 500");
            await().atMost(WAIT).until(() -> tested.values(ModelTested.class).stream()
                    .filter(t -> t.modelId().equals(model) || t.modelId().equals(broken)).count() == 2);
        }
        openWebUi.verify(postRequestedFor(urlEqualTo("/api/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("test, just say hi"))));
    }

    @Test
    void allModelsAreTestedWithBoundedConcurrencyAndEachResultIsStreamedWhenItEnds() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String slow = "slow-" + suffix;
        String quick = "quick-" + suffix;
        String down = "down-" + suffix;
        String hanging = "hanging-" + suffix;
        openWebUi.stubFor(get("/api/models").willReturn(okJson(modelList(
                "{\"id\": \"%s\"}".formatted(slow), "{\"id\": \"%s\"}".formatted(quick),
                "{\"id\": \"%s\"}".formatted(down), "{\"id\": \"%s\"}".formatted(hanging)))));
        http.get().uri("/api/v1/models").exchange().expectStatus().isOk();
        openWebUi.stubFor(post("/api/chat/completions").withRequestBody(matchingJsonPath("$.model", containing(slow)))
                .willReturn(okJson(HI).withFixedDelay(1500)));
        openWebUi.stubFor(post("/api/chat/completions").withRequestBody(matchingJsonPath("$.model", containing(quick)))
                .willReturn(okJson(HI)));
        openWebUi.stubFor(post("/api/chat/completions").withRequestBody(matchingJsonPath("$.model", containing(down)))
                .willReturn(aResponse().withStatus(503)));
        // Longer than the test timeout (3 s in these tests): reported as a timeout, not waited for.
        openWebUi.stubFor(post("/api/chat/completions").withRequestBody(matchingJsonPath("$.model",
                containing(hanging))).willReturn(okJson(HI).withFixedDelay(10_000)));

        List<ServerSentEvent<JsonNode>> events = http.post().uri("/api/v1/models/test-all")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody()
                .map(event -> ServerSentEvent.builder(CatalogJson.read(event.data())).event(event.event()).build())
                .collectList()
                .block(Duration.ofSeconds(30));

        List<JsonNode> mine = events.stream().filter(e -> "result".equals(e.event())).map(ServerSentEvent::data)
                .filter(data -> data.path("model").stringValue().endsWith(suffix)).toList();
        assertThat(mine).extracting(r -> r.path("model").stringValue())
                .containsExactlyInAnyOrder(slow, quick, down, hanging);
        assertThat(mine).filteredOn(r -> r.path("ok").booleanValue()).extracting(r -> r.path("model").stringValue())
                .containsExactlyInAnyOrder(slow, quick);
        assertThat(mine).filteredOn(r -> r.path("model").stringValue().equals(hanging)).singleElement()
                .satisfies(r -> assertThat(r.path("error_type").stringValue()).isEqualTo("timeout"));
        // Streamed as each test ends: the quick model is reported before the slow one.
        List<String> order = mine.stream().map(r -> r.path("model").stringValue()).toList();
        assertThat(order.indexOf(quick)).isLessThan(order.indexOf(slow));
        ServerSentEvent<JsonNode> done = events.get(events.size() - 1);
        assertThat(done.event()).isEqualTo("done");
        assertThat(done.data().path("tested").intValue()).isEqualTo(events.size() - 1);
    }

    private JsonNode test(String model) {
        return CatalogJson.read(http.post().uri("/api/v1/models/test").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"modelId\": \"%s\"}".formatted(model)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }
}
