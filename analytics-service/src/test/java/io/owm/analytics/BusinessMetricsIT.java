package io.owm.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.billing.BalanceAdjusted;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The business metrics on /actuator/prometheus: per model, each fact counted once, never a user label. */
class BusinessMetricsIT extends AnalyticsServiceTest {

    @Test
    void countsEachFactOncePerModelAndNeverLabelsUsers() {
        String model = "metrics-" + UUID.randomUUID();
        ChatCharged reported = charged("mia", "Mia", model, Instant.now(), 1000, 500, "0.09", "9.91", false);
        publish(reported);
        publish(reported.answering(UUID.randomUUID()), "mia");
        publish(charged("mia", "Mia", model, Instant.now(), 10, 20, "0.0018", "9.9082", true));
        publish(blockedInlet("mia", model), "mia");
        publish(modelTested(model, true, 250), model);
        publish(modelTested(model, false, 3000), model);

        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(value(metrics, "owm_chat_tokens_total", model, "direction=\"input\"")).isEqualTo(1010);
            assertThat(value(metrics, "owm_chat_tokens_total", model, "direction=\"output\"")).isEqualTo(520);
            assertThat(value(metrics, "owm_chat_spend_usd_total", model)).isEqualTo(0.0918, within());
            assertThat(value(metrics, "owm_chat_charged_total", model, "estimated=\"false\"")).isEqualTo(1);
            assertThat(value(metrics, "owm_chat_charged_total", model, "estimated=\"true\"")).isEqualTo(1);
            assertThat(value(metrics, "owm_inlets_blocked_total", model)).isEqualTo(1);
            assertThat(value(metrics, "owm_model_test_seconds_count", model, "outcome=\"ok\"")).isEqualTo(1);
            assertThat(value(metrics, "owm_model_test_seconds_count", model, "outcome=\"failed\"")).isEqualTo(1);
            assertThat(value(metrics, "owm_model_test_seconds_sum", model, "outcome=\"failed\"")).isEqualTo(3.0);
            // The last test failed, so the model counts as unavailable.
            assertThat(value(metrics, "owm_model_available", model)).isEqualTo(0);
        });
        String metrics = scrape();
        assertThat(metrics).doesNotContain("mia").doesNotContain("Mia");
        // Consumer lag per service comes from the Kafka client metrics that Spring Boot binds to Micrometer.
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void grantsRefusalsAndSpendArePerPlanAndEachCountedOnce() {
        String plan = "metrics-plan-" + UUID.randomUUID().toString().substring(0, 8);
        ChatCharged charge = charged("noa", "Noa", "plan-model", Instant.now(), 1000, 0, "0.06", "4.94", false)
                .underPlan(plan, null);
        BalanceAdjusted grant = new BalanceAdjusted(UUID.randomUUID(), Instant.now(), "noa", new BigDecimal("5"),
                new BigDecimal("5"), "ALLOWANCE", "allowance " + plan + ":2026-12", "plans", null, plan);
        ChatAdmitted refusal = new ChatAdmitted(UUID.randomUUID(), Instant.now(), "noa", UUID.randomUUID(), "k",
                "plan-model", false, new BigDecimal("4.94"), BigDecimal.ZERO, true,
                "Daily limit of 1 chat reached; renews at 2026-12-03 00:00 UTC", Instant.now(), null, plan,
                "message_limit");
        for (Object fact : new Object[] {charge, grant, refusal, charge, grant, refusal}) {
            publish(fact, "noa");
        }

        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(labelled(metrics, "owm_plan_spend_usd_total", "plan", plan)).isEqualTo(0.06, within());
            assertThat(labelled(metrics, "owm_plan_grants_total", "plan", plan)).isEqualTo(1);
            assertThat(labelled(metrics, "owm_plan_granted_usd_total", "plan", plan)).isEqualTo(5);
            assertThat(labelled(metrics, "owm_inlets_refused_total", "plan", plan, "reason=\"message_limit\""))
                    .isEqualTo(1);
        });
    }

    private String scrape() {
        return management().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The value of the one sample of {@code name} with the model's label and the other labels given. */
    private static double value(String metrics, String name, String model, String... labels) {
        return labelled(metrics, name, "model", model, labels);
    }

    /** The value of the one sample of {@code name} with {@code label=value} and the other labels given. */
    private static double labelled(String metrics, String name, String label, String value, String... labels) {
        var samples = Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> line.contains(label + "=\"" + value + "\""))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .toList();
        assertThat(samples).as(name + " " + Arrays.toString(labels)).hasSize(1);
        String line = samples.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }
}
