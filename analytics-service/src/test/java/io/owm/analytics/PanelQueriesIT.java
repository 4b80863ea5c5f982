package io.owm.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * The panel queries over a fixed history on 2025-03-01 and 2025-03-02 (no other test writes those days): records
 * with every filter, sort and page, the CSV export, the usage summary over ranges that cut hours in half, and the
 * per-user endpoints.
 */
class PanelQueriesIT extends AnalyticsServiceTest {

    private static final String RANGE = "startDate=2025-03-01&endDate=2025-03-02";
    private static boolean seeded;

    @BeforeEach
    void seedTheHistoryOnce() {
        synchronized (PanelQueriesIT.class) {
            if (seeded) {
                return;
            }
            // ann shows as "Bea"; bob's nickname is a spreadsheet formula; cid's needs CSV quoting. Nicknames and
            // models sort the same under the C and the ICU/glibc collations, so sort checks hold on any server.
            publish(charged("ann", "Bea", "gpt-4o", at("2025-03-01T09:10:00Z"), 100, 200, "0.018", "9.982", false));
            publish(charged("ann", "Bea", "llama3:8b", at("2025-03-01T09:50:00Z"), 10, 20, "0.0018", "9.9802", false)
                    .underPlan("basic", null));
            publish(charged("bob", "=Abe(1)", "gpt-4o", at("2025-03-01T10:05:00Z"), 1000, 1000, "0.12", "4.88", false)
                    .underPlan("pro", null));
            publish(charged("cid", "Cy, \"Jo\"", "+evil", at("2025-03-01T11:30:00Z"), 5, 0, "0", "-0.5", false));
            publish(charged("bob", "=Abe(1)", "llama3:8b", at("2025-03-02T08:00:00Z"), 300, 400, "0.042", "4.838",
                    false).underPlan("pro", null));
            publish(charged("ann", "Bea", "gpt-4o", at("2025-03-02T23:59:59Z"), 1, 1, "0.00012", "9.98008", true));
            await().atMost(WAIT).until(() -> page(RANGE).total() == 6);
            seeded = true;
        }
    }

    @Test
    void filtersRecordsByUserIdOrNicknameModelAndDates() {
        assertThat(times(RANGE + "&users=ann")).containsExactlyInAnyOrder(
                "2025-03-01T09:10:00Z", "2025-03-01T09:50:00Z", "2025-03-02T23:59:59Z");
        assertThat(times(RANGE + "&users=Bea")).hasSize(3);
        assertThat(times(RANGE + "&users=ann,bob")).hasSize(5);
        assertThat(times(RANGE + "&models=gpt-4o")).containsExactlyInAnyOrder(
                "2025-03-01T09:10:00Z", "2025-03-01T10:05:00Z", "2025-03-02T23:59:59Z");
        assertThat(times(RANGE + "&models=gpt-4o,llama3:8b&users=bob")).containsExactlyInAnyOrder(
                "2025-03-01T10:05:00Z", "2025-03-02T08:00:00Z");
        // An end date includes its whole day.
        assertThat(times("startDate=2025-03-02&endDate=2025-03-02")).containsExactlyInAnyOrder(
                "2025-03-02T08:00:00Z", "2025-03-02T23:59:59Z");
        assertThat(times("startDate=2025-03-01T09:30:00Z&endDate=2025-03-01T11:00:00Z")).containsExactlyInAnyOrder(
                "2025-03-01T09:50:00Z", "2025-03-01T10:05:00Z");
        assertThat(page(RANGE + "&users=nobody").total()).isZero();
    }

    @Test
    void everySortFieldOrdersBothWays() {
        Map<String, Comparator<Map<String, Object>>> fields = Map.of(
                "use_time", Comparator.comparing(r -> Instant.parse((String) r.get("use_time"))),
                "cost", Comparator.comparing(r -> decimal(r.get("cost"))),
                "balance_after", Comparator.comparing(r -> decimal(r.get("balance_after"))),
                "input_tokens", Comparator.comparing(r -> ((Number) r.get("input_tokens")).longValue()),
                "output_tokens", Comparator.comparing(r -> ((Number) r.get("output_tokens")).longValue()),
                "model_name", Comparator.comparing(r -> (String) r.get("model_name")),
                "nickname", Comparator.comparing(r -> (String) r.get("nickname")),
                "user_id", Comparator.comparing(r -> (String) r.get("user_id")));
        for (var field : fields.entrySet()) {
            List<Map<String, Object>> ascending = page(RANGE + "&pageSize=100&sortOrder=ascend&sortField="
                    + field.getKey()).records();
            List<Map<String, Object>> descending = page(RANGE + "&pageSize=100&sortOrder=descend&sortField="
                    + field.getKey()).records();
            assertThat(ascending).as(field.getKey()).hasSize(6).isSortedAccordingTo(field.getValue());
            assertThat(descending).as(field.getKey()).hasSize(6).isSortedAccordingTo(field.getValue().reversed());
        }
    }

    @Test
    void pagesAreDisjointAndCarryTheTotal() {
        List<String> seen = new ArrayList<>();
        for (int pageNumber = 1; pageNumber <= 3; pageNumber++) {
            Page page = page(RANGE + "&sortField=use_time&sortOrder=ascend&pageSize=2&page=" + pageNumber);
            assertThat(page.total()).isEqualTo(6);
            page.records().forEach(r -> seen.add((String) r.get("use_time")));
        }
        assertThat(seen).containsExactly("2025-03-01T09:10:00Z", "2025-03-01T09:50:00Z", "2025-03-01T10:05:00Z",
                "2025-03-01T11:30:00Z", "2025-03-02T08:00:00Z", "2025-03-02T23:59:59Z");
        assertThat(page(RANGE + "&pageSize=2&page=4").records()).isEmpty();
        Map<String, Object> first = page(RANGE + "&sortField=use_time&sortOrder=ascend&pageSize=1").records().get(0);
        assertThat(first).containsOnlyKeys("user_id", "nickname", "use_time", "model_name", "input_tokens",
                "output_tokens", "cost", "balance_after");
        assertThat(first).containsEntry("user_id", "ann").containsEntry("nickname", "Bea")
                .containsEntry("model_name", "gpt-4o").containsEntry("input_tokens", 100)
                .containsEntry("output_tokens", 200);
        assertThat(decimal(first.get("cost"))).isEqualByComparingTo("0.018");
        assertThat(decimal(first.get("balance_after"))).isEqualByComparingTo("9.982");
    }

    @Test
    void refusesSortInjectionBadDatesAndOversizedPagesNamingTheParameter() {
        // Had the statement run, the call would take 30 s; the margin below it is for a stalled CI machine.
        long started = System.nanoTime();
        rejects("sortField=use_time;SELECT pg_sleep(30)--", "sortField");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        rejects("sortField=use_time DESC", "sortField");
        rejects("sortOrder=sideways", "sortOrder");
        rejects("startDate=2025-13-01", "startDate");
        rejects("endDate=tomorrow", "endDate");
        rejects("startDate=2025-03-02&endDate=2025-02-28", "startDate");
        rejects("pageSize=501", "pageSize");
        rejects("pageSize=0", "pageSize");
        rejects("page=abc", "page");
        http.get().uri("/api/v1/panel/records/export?sortField=cost;DROP TABLE usage_records").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("sortField");
        assertThat(page(RANGE).total()).isEqualTo(6);
    }

    @Test
    void exportsTheFilteredRecordsAsQuotedCsvWithFormulasDefused() {
        String csv = http.get().uri("/api/v1/panel/records/export?" + RANGE + "&sortField=use_time&sortOrder=ascend")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\".+\\.csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).isEqualTo(String.join("\r\n",
                "User,Time,Model,Input tokens,Output tokens,Cost,Balance",
                "Bea,2025-03-01T09:10:00Z,gpt-4o,100,200,0.018,9.982",
                "Bea,2025-03-01T09:50:00Z,llama3:8b,10,20,0.0018,9.9802",
                "\"'=Abe(1)\",2025-03-01T10:05:00Z,gpt-4o,1000,1000,0.12,4.88",
                "\"Cy, \"\"Jo\"\"\",2025-03-01T11:30:00Z,\"'+evil\",5,0,0,-0.5",
                "\"'=Abe(1)\",2025-03-02T08:00:00Z,llama3:8b,300,400,0.042,4.838",
                "Bea,2025-03-02T23:59:59Z,gpt-4o,1,1,0.00012,9.98008",
                ""));
        String bobs = http.get().uri("/api/v1/panel/records/export?" + RANGE + "&users=bob&models=llama3:8b")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(bobs.split("\r\n")).containsExactly("User,Time,Model,Input tokens,Output tokens,Cost,Balance",
                "\"'=Abe(1)\",2025-03-02T08:00:00Z,llama3:8b,300,400,0.042,4.838");
    }

    @Test
    void summarisesARangeThatCutsHoursInHalfExactly() {
        // 09:30 to the next day's 12:00: r1 (09:10) is outside, 09:50 comes from the rows, the rest from rollups.
        http.get().uri("/api/v1/panel/usage?startTime=2025-03-01T09:30:00Z&endTime=2025-03-02T12:00:00Z").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.models.length()").isEqualTo(3)
                .jsonPath("$.models[0].model_name").isEqualTo("gpt-4o")
                .jsonPath("$.models[0].total_count").isEqualTo(1)
                .jsonPath("$.models[0].total_cost").isEqualTo(0.12)
                .jsonPath("$.models[1].model_name").isEqualTo("llama3:8b")
                .jsonPath("$.models[1].total_count").isEqualTo(2)
                .jsonPath("$.models[1].total_cost").isEqualTo(0.0438)
                .jsonPath("$.models[2].model_name").isEqualTo("+evil")
                .jsonPath("$.models[2].total_cost").isEqualTo(0)
                .jsonPath("$.users.length()").isEqualTo(3)
                .jsonPath("$.users[0].nickname").isEqualTo("=Abe(1)")
                .jsonPath("$.users[0].user_id").isEqualTo("bob")
                .jsonPath("$.users[0].total_count").isEqualTo(2)
                .jsonPath("$.users[0].total_cost").isEqualTo(0.162)
                .jsonPath("$.users[1].nickname").isEqualTo("Bea")
                .jsonPath("$.users[1].total_cost").isEqualTo(0.0018)
                .jsonPath("$.stats.totalCalls").isEqualTo(4)
                .jsonPath("$.stats.totalTokens").isEqualTo(2735)
                .jsonPath("$.plans.length()").isEqualTo(3)
                .jsonPath("$.plans[0].plan").isEqualTo("pro")
                .jsonPath("$.plans[0].total_count").isEqualTo(2)
                .jsonPath("$.plans[0].total_cost").isEqualTo(0.162)
                .jsonPath("$.plans[1].plan").isEqualTo("basic")
                .jsonPath("$.plans[1].total_cost").isEqualTo(0.0018)
                .jsonPath("$.plans[2].plan").isEmpty()
                .jsonPath("$.timeRange.minTime").isEqualTo("2025-03-01T09:50:00Z")
                .jsonPath("$.timeRange.maxTime").isEqualTo("2025-03-02T08:00:00Z");
        // Inside a single hour only the rows answer.
        http.get().uri("/api/v1/panel/usage?startTime=2025-03-01T09:05:00Z&endTime=2025-03-01T09:55:00Z").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.stats.totalCalls").isEqualTo(2)
                .jsonPath("$.stats.totalTokens").isEqualTo(330);
    }

    @Test
    void ranksTopSpendersAndBucketsAUsersSpend() {
        http.get().uri("/api/v1/panel/users/top?startTime=2025-03-01&endTime=2025-03-02&limit=2").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.users.length()").isEqualTo(2)
                .jsonPath("$.users[0].user_id").isEqualTo("bob")
                .jsonPath("$.users[0].total_cost").isEqualTo(0.162)
                .jsonPath("$.users[0].total_count").isEqualTo(2)
                .jsonPath("$.users[1].user_id").isEqualTo("ann")
                .jsonPath("$.users[1].nickname").isEqualTo("Bea")
                .jsonPath("$.users[1].total_cost").isEqualTo(0.01992)
                .jsonPath("$.users[1].total_tokens").isEqualTo(332);
        http.get().uri("/api/v1/panel/users/ann/spend?bucket=day&startTime=2025-03-01&endTime=2025-03-02").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.bucket").isEqualTo("day")
                .jsonPath("$.nickname").isEqualTo("Bea")
                .jsonPath("$.total_cost").isEqualTo(0.01992)
                .jsonPath("$.points.length()").isEqualTo(2)
                .jsonPath("$.points[0].time").isEqualTo("2025-03-01T00:00:00Z")
                .jsonPath("$.points[0].total_count").isEqualTo(2)
                .jsonPath("$.points[0].total_cost").isEqualTo(0.0198)
                .jsonPath("$.points[1].time").isEqualTo("2025-03-02T00:00:00Z")
                .jsonPath("$.points[1].total_cost").isEqualTo(0.00012);
        http.get().uri("/api/v1/panel/users/ann/spend?bucket=hour&startTime=2025-03-01&endTime=2025-03-02").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.points.length()").isEqualTo(2)
                .jsonPath("$.points[0].time").isEqualTo("2025-03-01T09:00:00Z")
                .jsonPath("$.points[0].total_count").isEqualTo(2)
                .jsonPath("$.points[1].time").isEqualTo("2025-03-02T23:00:00Z");
        http.get().uri("/api/v1/panel/users/ann/spend?bucket=month&startTime=2025-03-01&endTime=2025-03-02").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.points.length()").isEqualTo(1)
                .jsonPath("$.points[0].time").isEqualTo("2025-03-01T00:00:00Z")
                .jsonPath("$.points[0].total_count").isEqualTo(3);
        http.get().uri("/api/v1/panel/users/ann/spend?bucket=minute").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("bucket");
        http.get().uri("/api/v1/panel/users/top?limit=1000").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.parameter").isEqualTo("limit");
    }

    private void rejects(String query, String parameter) {
        http.get().uri("/api/v1/panel/records?" + query).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.success").isEqualTo(false)
                .jsonPath("$.error_type").isEqualTo("invalid_request")
                .jsonPath("$.parameter").isEqualTo(parameter)
                .jsonPath("$.error").value(error -> assertThat((String) error).startsWith(parameter));
    }

    record Page(List<Map<String, Object>> records, long total) {
    }

    private Page page(String query) {
        return http.get().uri("/api/v1/panel/records?" + query).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Page>() { })
                .returnResult().getResponseBody();
    }

    private List<String> times(String query) {
        return page(query + "&pageSize=100").records().stream().map(r -> (String) r.get("use_time")).toList();
    }

    private static Instant at(String time) {
        return Instant.parse(time);
    }

    private static BigDecimal decimal(Object number) {
        return new BigDecimal(number.toString());
    }
}
