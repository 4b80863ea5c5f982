package io.owm.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API as an admin's script uses it: the balances it lists must be the database's. */
final class AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AdminApi(String url) {
        this.url = url;
    }

    /** A PUT of the admin API; fails unless it is answered 200. */
    void put(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + FaultStack.ACCESS_TOKEN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PUT " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Problems found, if any; users are found by name ("Fault <id>"), as the admin console searches. */
    List<String> balancesDifferingFrom(Map<String, BigDecimal> database, String userPrefix) {
        List<String> problems = new ArrayList<>();
        String search = URLEncoder.encode("Fault " + userPrefix, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/users?deleted=all&pageSize=200&search=" + search))
                .header("Authorization", "Bearer " + FaultStack.ACCESS_TOKEN)
                .timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return List.of("GET /api/v1/users answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode users = JSON.readTree(response.body()).path("users");
            if (users.size() != database.size()) {
                problems.add("the admin API lists " + users.size() + " users of the scenario, the database holds "
                        + database.size());
            }
            for (JsonNode user : users) {
                BigDecimal expected = database.get(user.path("id").asString());
                if (expected == null || expected.compareTo(user.path("balance").decimalValue()) != 0) {
                    problems.add("the admin API lists %s with balance %s, the database says %s".formatted(
                            user.path("id").asString(), user.path("balance"), expected));
                }
            }
        } catch (IOException e) {
            problems.add("GET /api/v1/users failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted while asking the admin API");
        }
        return problems;
    }
}
