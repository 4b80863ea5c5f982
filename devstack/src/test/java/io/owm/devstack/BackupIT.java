package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.localinfra.FreePorts;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backups across installations: the shared stack is exported and imported into a second, empty stack (the
 * "wipe"), which must then export the same users, balances, prices and usage; the original app's backups import
 * with their balances, prices and panel totals; a bad file changes nothing; twice is once; a dry run is a dry run.
 */
@ExtendWith(RunningStack.class)
class BackupIT {

    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final String ACCESS_TOKEN = RunningStack.ACCESS_TOKEN;

    private static String source;
    private static DevStack emptyStack;
    private static String target;

    @BeforeAll
    static void twoInstallations(RunningStack.Gateway shared) throws IOException {
        source = shared.url();
        String user = "backup-" + UUID.randomUUID();
        call(source, "POST", "/api/v1/outlet", RunningStack.API_KEY, """
                {"user": {"id": "%s", "name": "Backed Up"}, "body": {"model": "backup-model", "chat_id": "c",
                 "id": "m", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello",
                 "usage": {"prompt_tokens": 100, "completion_tokens": 50}}]}}
                """.formatted(user), 200);
        call(source, "POST", "/api/v1/users/" + user + "/adjustments", ACCESS_TOKEN, "{\"amount\": 2.5}", 200);

        Map<String, String> env = new HashMap<>();
        env.put("OWM_DATA_DIR", Files.createTempDirectory("owm-backup-it").toString());
        env.put("API_KEY", RunningStack.API_KEY);
        env.put("ACCESS_TOKEN", ACCESS_TOKEN);
        int gatewayPort = FreePorts.next();
        env.put("GATEWAY_PORT", Integer.toString(gatewayPort));
        for (String port : new String[] {"OWM_BILLING_PORT", "OWM_CATALOG_PORT", "OWM_ANALYTICS_PORT",
                "OWM_GATEWAY_MANAGEMENT_PORT", "OWM_BILLING_MANAGEMENT_PORT", "OWM_CATALOG_MANAGEMENT_PORT",
                "OWM_ANALYTICS_MANAGEMENT_PORT", "OWM_KAFKA_PORT", "OWM_KAFKA_CONTROLLER_PORT"}) {
            env.put(port, Integer.toString(FreePorts.next()));
        }
        emptyStack = new DevStack(DevStackSettings.from(env));
        emptyStack.start();
        target = "http://127.0.0.1:" + gatewayPort;
    }

    @AfterAll
    static void stopTheSecondInstallation() {
        if (emptyStack != null) {
            emptyStack.close();
        }
    }

    @Test
    void anExportImportedIntoAnEmptyInstallationExportsTheSameUsersPricesAndUsage() {
        // The charge above reaches analytics asynchronously: export once it is there.
        JsonNode exported = await().atMost(Duration.ofSeconds(30)).until(
                () -> EXACT.readTree(call(source, "GET", "/api/v1/panel/database/export", ACCESS_TOKEN, null, 200)),
                backup -> backup.path("analytics").path("usage_records").size() > 0);
        assertThat(exported.path("format").asString()).isEqualTo("openwebui-monitor-kafka");
        assertThat(exported.path("billing").path("counts").path("users").asLong())
                .isEqualTo(exported.path("billing").path("users").size());

        JsonNode imported = EXACT.readTree(call(target, "POST", "/api/v1/panel/database/import", ACCESS_TOKEN,
                exported.toString(), 200));
        assertThat(imported.path("success").asBoolean()).isTrue();
        JsonNode again = EXACT.readTree(call(target, "GET", "/api/v1/panel/database/export", ACCESS_TOKEN, null, 200));

        // The other tests import users and usage of their own (ids with a suffix of their own) into the same
        // installation, in any order: what was exported must be there, as it was, whatever else is.
        assertThat(users(again)).containsAllEntriesOf(users(exported));
        assertThat(prices(again)).containsAllEntriesOf(prices(exported));
        assertThat(usage(again)).containsAllEntriesOf(usage(exported));
        assertThat(again.path("billing").path("ledger")).allSatisfy(entry ->
                assertThat(entry.path("reason").asString()).isEqualTo("IMPORT"));
    }

    @Test
    void theOriginalAppsBackupBringsItsBalancesPricesAndUsage() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String file = originalBackup(suffix, "12.5");

        JsonNode answer = EXACT.readTree(call(target, "POST", "/api/v1/panel/database/import", ACCESS_TOKEN, file, 200));

        assertThat(answer.path("format").asString()).isEqualTo("original-1.0");
        assertThat(answer.path("changes").path("billing").path("users_created").asInt()).isEqualTo(2);
        assertThat(balanceOf("alice-" + suffix)).isEqualByComparingTo("12.5");
        assertThat(balanceOf("bob-" + suffix)).isEqualByComparingTo("0.75");
        JsonNode bob = EXACT.readTree(call(target, "GET", "/api/v1/users/bob-" + suffix, ACCESS_TOKEN, null, 200));
        assertThat(bob.path("deleted").asBoolean()).isTrue();
        JsonNode ledger = EXACT.readTree(call(target, "GET", "/api/v1/users/alice-" + suffix + "/ledger",
                ACCESS_TOKEN, null, 200));
        assertThat(ledger.path("entries")).singleElement().satisfies(entry ->
                assertThat(entry.path("reason").asString()).isEqualTo("IMPORT"));
        JsonNode models = EXACT.readTree(call(target, "GET", "/api/v1/models?sync=false", ACCESS_TOKEN, null, 200));
        JsonNode model = find(models, "claude-" + suffix);
        assertThat(model.path("input_price").decimalValue()).isEqualByComparingTo("3");
        assertThat(model.path("per_msg_price").decimalValue()).isEqualByComparingTo("-1");
        assertThat(panelTotalCost(suffix)).isEqualByComparingTo("0.06");
    }

    @Test
    void aFileWithBadRecordsIsRefusedWithTheirPlacesAndChangesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String file = originalBackup(suffix, "\"a lot\"").replace("\"model_name\": \"claude-" + suffix + "\", ", "");

        JsonNode refused = EXACT.readTree(call(target, "POST", "/api/v1/panel/database/import", ACCESS_TOKEN, file,
                400));

        assertThat(refused.path("error_type").asString()).isEqualTo("invalid_backup");
        assertThat(refused.path("problems")).extracting(p -> p.path("location").asString())
                .contains("$.data.users[0].balance", "$.data.user_usage_records[0].model_name");
        assertThat(EXACT.readTree(call(target, "GET", "/api/v1/users?search=" + "bob-" + suffix, ACCESS_TOKEN, null,
                200)).path("total").asLong()).isZero();
    }

    @Test
    void importingTheSameFileTwiceChangesNothingTheSecondTime() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String file = originalBackup(suffix, "5");
        call(target, "POST", "/api/v1/panel/database/import", ACCESS_TOKEN, file, 200);

        JsonNode second = EXACT.readTree(call(target, "POST", "/api/v1/panel/database/import", ACCESS_TOKEN, file,
                200));

        assertThat(second.path("changes").path("billing").path("users_created").asInt()).isZero();
        assertThat(second.path("changes").path("billing").path("balances_changed").asInt()).isZero();
        assertThat(second.path("changes").path("catalog").path("models_repriced").asInt()).isZero();
        assertThat(second.path("changes").path("analytics").path("usage_records_added").asInt()).isZero();
        assertThat(balanceOf("alice-" + suffix)).isEqualByComparingTo("5");
        assertThat(panelTotalCost(suffix)).isEqualByComparingTo("0.06");
    }

    @Test
    void aDryRunAnswersWhatWouldChangeAndChangesNothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);

        JsonNode plan = EXACT.readTree(call(target, "POST", "/api/v1/panel/database/import?dryRun=true",
                ACCESS_TOKEN, originalBackup(suffix, "7"), 200));

        assertThat(plan.path("dryRun").asBoolean()).isTrue();
        assertThat(plan.path("changes").path("billing").path("users_created").asInt()).isEqualTo(2);
        assertThat(plan.path("changes").path("analytics").path("usage_records_added").asInt()).isEqualTo(2);
        assertThat(EXACT.readTree(call(target, "GET", "/api/v1/users?search=alice-" + suffix, ACCESS_TOKEN, null,
                200)).path("total").asLong()).isZero();
        assertThat(panelTotalCost(suffix)).isEqualByComparingTo("0");
    }

    /**
     * A backup of the original app (version 0.3.x), its tables' rows as they are: two users, a token-priced and a
     * per-message-priced model, two usage records in a minute of 2024 of their own (the panel total is checked there).
     */
    private static String originalBackup(String suffix, String aliceBalance) {
        return """
                {"version": "1.0", "timestamp": "2025-01-02T03:04:05.000Z", "data": {
                  "users": [
                    {"id": "alice-%1$s", "email": "alice@example.com", "name": "Alice", "role": "user",
                     "balance": %2$s, "created_at": "2024-03-01T10:00:00.000Z", "deleted": false},
                    {"id": "bob-%1$s", "email": "bob@example.com", "name": "Bob", "role": "user",
                     "balance": "0.75", "created_at": "2024-03-02 11:00:00", "deleted": true}],
                  "model_prices": [
                    {"id": "claude-%1$s", "name": "Claude", "base_model_id": "claude-%1$s", "input_price": 3,
                     "output_price": 15, "per_msg_price": -1, "updated_at": "2024-03-01T00:00:00.000Z"},
                    {"id": "team.fixed-%1$s", "name": "Fixed", "base_model_id": "fixed-%1$s", "input_price": 60,
                     "output_price": 60, "per_msg_price": 0.02, "updated_at": "2024-03-01T00:00:00.000Z"}],
                  "user_usage_records": [
                    {"id": 1, "user_id": "alice-%1$s", "nickname": "Alice", "use_time": "%3$s",
                     "model_name": "claude-%1$s", "input_tokens": 5000, "output_tokens": 1000, "cost": 0.04,
                     "balance_after": 12.54},
                    {"id": 2, "user_id": "bob-%1$s", "nickname": "Bob", "use_time": "%4$s",
                     "model_name": "team.fixed-%1$s", "input_tokens": 10, "output_tokens": 20, "cost": 0.02,
                     "balance_after": 0.75}]}}
                """.formatted(suffix, aliceBalance, minuteOf(suffix), minuteOf(suffix).plusSeconds(30));
    }

    /** A minute in 2024 of this test's own, so that the panel total for that minute is this test's records. */
    private static Instant minuteOf(String suffix) {
        return Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofMinutes(Math.floorMod(suffix.hashCode(), 500_000)));
    }

    private static BigDecimal panelTotalCost(String suffix) {
        Instant minute = minuteOf(suffix);
        JsonNode panel = EXACT.readTree(call(target, "GET", "/api/v1/panel/usage?startTime=" + minute
                + "&endTime=" + minute.plusSeconds(59), ACCESS_TOKEN, null, 200));
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode model : panel.path("models")) {
            total = total.add(model.path("total_cost").decimalValue());
        }
        return total;
    }

    private static BigDecimal balanceOf(String user) {
        return EXACT.readTree(call(target, "GET", "/api/v1/users/" + user, ACCESS_TOKEN, null, 200))
                .path("balance").decimalValue();
    }

    private static Map<String, String> users(JsonNode backup) {
        Map<String, String> users = new TreeMap<>();
        backup.path("billing").path("users").forEach(u -> users.put(u.path("id").asString(),
                u.path("balance").decimalValue().stripTrailingZeros().toPlainString() + " deleted="
                        + u.path("deleted").asBoolean()));
        return users;
    }

    private static Map<String, String> prices(JsonNode backup) {
        Map<String, String> prices = new TreeMap<>();
        backup.path("catalog").path("models").forEach(m -> prices.put(m.path("id").asString(),
                m.path("input_price").decimalValue().stripTrailingZeros().toPlainString() + "/"
                        + m.path("output_price").decimalValue().stripTrailingZeros().toPlainString() + "/"
                        + m.path("per_msg_price").decimalValue().stripTrailingZeros().toPlainString()));
        return prices;
    }

    private static Map<String, String> usage(JsonNode backup) {
        Map<String, String> records = new TreeMap<>();
        backup.path("analytics").path("usage_records").forEach(r -> records.put(r.path("key").asString(),
                r.path("user_id").asString() + " " + r.path("model_name").asString() + " "
                        + r.path("input_tokens").asLong() + "+" + r.path("output_tokens").asLong() + " "
                        + r.path("cost").decimalValue().stripTrailingZeros().toPlainString()));
        return records;
    }

    private static JsonNode find(JsonNode models, String id) {
        for (JsonNode model : models) {
            if (id.equals(model.path("id").asString())) {
                return model;
            }
        }
        throw new AssertionError("No model " + id);
    }

    private static String call(String gateway, String method, String path, String key, String body, int status) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = TestHttp.send(request.build());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
        return response.body();
    }
}
