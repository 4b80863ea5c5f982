package io.owm.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.support.outbox.Outbox;
import io.owm.testsupport.KafkaProbe;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.JsonNode;

/** Price batches, derived-model syncs, and the {@code ModelPriced} facts every change publishes. */
class PricesIT extends CatalogServiceTest {

    @Autowired
    Outbox<ModelPriced> outbox;

    @Autowired
    TransactionalOperator transaction;

    @Autowired
    DatabaseClient db;

    private String base;
    private String derived;
    private String orphan;

    @BeforeEach
    void modelsFromOpenWebUi() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        base = "llama3-" + suffix;
        derived = "team." + base;
        orphan = "team.missing-" + suffix;
        openWebUi.stubFor(get("/api/models").willReturn(okJson(modelList(
                "{\"id\": \"%s\"}".formatted(base), "{\"id\": \"%s\"}".formatted(derived),
                "{\"id\": \"%s\"}".formatted(orphan)))));
        http.get().uri("/api/v1/models").exchange().expectStatus().isOk();
    }

    @Test
    void aBatchAppliesTheValidEntriesAndReportsEachInvalidOneByModel() {
        try (KafkaProbe.Collector prices = kafka.collect(Topics.MODEL_PRICES.name())) {
            JsonNode answer = post("/api/v1/models/price", """
                    [{"id": "%s", "input_price": 0.15, "output_price": 0.6, "per_msg_price": -1},
                     {"id": "%s", "input_price": -3},
                     {"id": "%s", "output_price": "cheap"},
                     {"id": "%s", "input_price": 1e9},
                     {"id": "no-such-model", "input_price": 1},
                     {"input_price": 1}]
                    """.formatted(base, derived, orphan, orphan), 200);

            assertThat(answer.path("success").booleanValue()).isFalse();
            assertThat(answer.path("message").stringValue()).isEqualTo("1 of 6 prices updated");
            JsonNode results = answer.path("results");
            assertThat(results.get(0).path("success").booleanValue()).isTrue();
            assertThat(results.get(0).path("data").path("input_price").decimalValue()).isEqualByComparingTo("0.15");
            assertThat(results.get(1).path("error").stringValue()).isEqualTo("input_price must not be negative");
            assertThat(results.get(2).path("error").stringValue()).startsWith("output_price must be a number");
            assertThat(results.get(3).path("error").stringValue()).startsWith("input_price must be at most");
            assertThat(results.get(4).path("error").stringValue()).isEqualTo("unknown model");
            assertThat(results.get(5).path("error").stringValue()).isEqualTo("id is required");

            ModelPriced priced = await().atMost(WAIT).until(() -> prices.values(ModelPriced.class).stream()
                    .filter(p -> p.modelId().equals(base)).findFirst().orElse(null), p -> p != null);
            assertThat(priced.inputPrice()).isEqualByComparingTo("0.15");
            assertThat(priced.outputPrice()).isEqualByComparingTo("0.6");
            assertThat(priced.perMessagePrice()).isEqualByComparingTo("-1");
        }
        JsonNode unchanged = CatalogJson.model(list(), derived);
        assertThat(unchanged.path("input_price").decimalValue()).isEqualByComparingTo("2.5");
    }

    @Test
    void theUpdatesShapeIsAcceptedAndAnyNegativePerMessagePriceMeansTokenPricing() {
        JsonNode answer = post("/api/v1/models/price", """
                {"updates": [{"id": "%s", "per_msg_price": 0.02}, {"id": "%s", "per_msg_price": -5}]}
                """.formatted(base, derived), 200);

        assertThat(answer.path("success").booleanValue()).isTrue();
        JsonNode models = list();
        assertThat(CatalogJson.model(models, base).path("per_msg_price").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(CatalogJson.model(models, derived).path("per_msg_price").decimalValue())
                .isEqualByComparingTo("-1");
        assertThat(post("/api/v1/models/price", "{\"id\": \"x\"}", 400).path("error_type").stringValue())
                .isEqualTo("invalid_request");
        assertThat(post("/api/v1/models/price", "not json", 400).path("error").stringValue())
                .isEqualTo("The body is not valid JSON");
    }

    @Test
    void aDerivedModelNewToTheCatalogStartsWithItsBaseModelsPrices() {
        post("/api/v1/models/price", """
                [{"id": "%s", "input_price": 0.5, "output_price": 1.5, "per_msg_price": -1}]
                """.formatted(base), 200);
        String newcomer = "team2." + base;
        openWebUi.stubFor(get("/api/models").willReturn(okJson(modelList(
                "{\"id\": \"%s\"}".formatted(base), "{\"id\": \"%s\"}".formatted(derived),
                "{\"id\": \"%s\", \"info\": {\"base_model_id\": \"%s\"}}".formatted(newcomer, base)))));

        JsonNode added = CatalogJson.model(CatalogJson.read(http.get().uri("/api/v1/models").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody()), newcomer);
        assertThat(added.path("input_price").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(added.path("output_price").decimalValue()).isEqualByComparingTo("1.5");
    }

    @Test
    void derivedModelsTakeTheirBaseModelsPricesOneOrAllAtOnce() {
        post("/api/v1/models/price", """
                [{"id": "%s", "input_price": 3, "output_price": 15, "per_msg_price": -1}]
                """.formatted(base), 200);

        JsonNode one = post("/api/v1/models/sync-price", "{\"modelId\": \"%s\"}".formatted(derived), 200);
        assertThat(one.path("data").path("input_price").decimalValue()).isEqualByComparingTo("3");
        assertThat(one.path("data").path("output_price").decimalValue()).isEqualByComparingTo("15");
        assertThat(post("/api/v1/models/sync-price", "{\"modelId\": \"%s\"}".formatted(base), 400)
                .path("error").stringValue()).contains("not a derived model");
        assertThat(post("/api/v1/models/sync-price", "{\"modelId\": \"nope-%s\"}".formatted(base), 404)
                .path("error_type").stringValue()).isEqualTo("model_not_found");

        post("/api/v1/models/price", "[{\"id\": \"%s\", \"input_price\": 4}]".formatted(base), 200);
        JsonNode all = post("/api/v1/models/sync-all-prices", "", 200);
        // The original's shape: an entry per derived model, each saying whether it was synced.
        assertThat(all.path("success").booleanValue()).isTrue();
        JsonNode synced = StreamSupport.stream(all.path("syncedModels").spliterator(), false)
                .filter(r -> derived.equals(r.path("id").stringValue())).findFirst().orElseThrow();
        assertThat(synced.path("success").booleanValue()).isTrue();
        assertThat(synced.path("base_model_id").stringValue()).isEqualTo(base);
        assertThat(synced.path("input_price").decimalValue()).isEqualByComparingTo("4");
        assertThat(StreamSupport.stream(all.path("syncedModels").spliterator(), false)
                .filter(r -> orphan.equals(r.path("id").stringValue())).findFirst().orElseThrow()
                .path("success").booleanValue()).isFalse();
        JsonNode orphanResult = StreamSupport.stream(all.path("results").spliterator(), false)
                .filter(r -> orphan.equals(r.path("id").stringValue())).findFirst().orElseThrow();
        assertThat(orphanResult.path("success").booleanValue()).isFalse();
        assertThat(orphanResult.path("error").stringValue()).contains("is not in the catalog");
        assertThat(CatalogJson.model(list(), derived).path("input_price").decimalValue()).isEqualByComparingTo("4");
    }

    @Test
    void aPriceCommittedButNeverPublishedGoesOutWithTheNextSweep() {
        // The state a crash right after a price change's commit leaves: the fact is in the outbox, unpublished.
        ModelPriced fact = new ModelPriced(UUID.randomUUID(), Instant.now(), base, new BigDecimal("7.5"),
                new BigDecimal("8"), new BigDecimal("-1"));
        try (KafkaProbe.Collector prices = kafka.collect(Topics.MODEL_PRICES.name())) {
            outbox.add(fact).as(transaction::transactional).block();

            await().atMost(WAIT).until(() -> prices.values(ModelPriced.class).stream()
                    .anyMatch(p -> p.eventId().equals(fact.eventId())));
        }
        await().atMost(WAIT).until(() -> db.sql("SELECT count(*) AS n FROM outbox WHERE published_at IS NULL")
                .map(row -> row.get("n", Long.class)).one().block() == 0L);
    }

    private JsonNode list() {
        return CatalogJson.read(http.get().uri("/api/v1/models?sync=false").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private JsonNode post(String path, String body, int status) {
        return CatalogJson.read(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(status).expectBody(String.class).returnResult()
                .getResponseBody());
    }
}
