package io.owm.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A rebuild empties the read model and replays the topics; what it builds equals what the live projection built. */
class RebuildIT extends AnalyticsServiceTest {

    private static final List<String> TABLES = List.of(
            "SELECT * FROM usage_records ORDER BY event_id",
            "SELECT * FROM usage_hourly ORDER BY hour, model_name, user_id",
            "SELECT * FROM blocked_inlets ORDER BY event_id",
            "SELECT * FROM model_tests ORDER BY event_id");

    @Test
    void aReplayFromScratchRebuildsTheSameReadModel() {
        String model = "rebuild-" + UUID.randomUUID();
        Instant now = Instant.now();
        publish(charged("rae", "Rae", model, now.minusSeconds(7200), 100, 100, "0.012", "9.988", false));
        var repeated = charged("rae", "Rae", model, now.minusSeconds(60), 50, 50, "0.006", "9.982", true);
        publish(repeated);
        publish(repeated.answering(UUID.randomUUID()), "rae");
        publish(charged("sam", "Sam", model, now, 1, 2, "0.00018", "0.5", false));
        publish(blockedInlet("sam", model), "sam");
        publish(modelTested(model, true, 120), model);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM usage_records WHERE model_name = '" + model + "'")
                == 3 && count("SELECT count(*) FROM model_tests WHERE model_id = '" + model + "'") == 1
                && count("SELECT count(*) FROM blocked_inlets WHERE model_name = '" + model + "'") == 1);
        List<List<Map<String, Object>>> live = snapshot();
        String metricsBefore = chargedChats();

        http.post().uri("/api/v1/panel/rebuild").exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.state").isEqualTo("running");
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/v1/panel/rebuild").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("done"));

        http.get().uri("/api/v1/panel/rebuild").exchange().expectBody()
                .jsonPath("$.eventsReplayed").value(replayed -> assertThat(((Number) replayed).longValue())
                        .isGreaterThanOrEqualTo(6));
        assertThat(snapshot()).isEqualTo(live);
        assertThat(live.get(0)).isNotEmpty();
        // The replay rebuilds tables, not history: the counters saw these facts when they happened.
        assertThat(chargedChats()).isEqualTo(metricsBefore);
    }

    private List<List<Map<String, Object>>> snapshot() {
        return TABLES.stream().map(sql -> db.sql(sql).fetch().all().collectList().block()).toList();
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    private String chargedChats() {
        String metrics = management().get().uri("/actuator/prometheus").exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        return metrics.lines().filter(line -> line.startsWith("owm_chat_charged_total")).sorted().toList().toString();
    }
}
