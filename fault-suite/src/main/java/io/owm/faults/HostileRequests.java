package io.owm.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ids and names as a caller who controls them would send them while others chat: NUL and other control characters,
 * ids longer than billing can index, lone surrogates, token counts past every bound. Each must be refused with 400
 * before anything is published: a 2xx here would be a charge billing cannot store, lost after it was answered.
 */
final class HostileRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String gateway;
    private final String userPrefix;

    HostileRequests(String gateway, String userPrefix) {
        this.gateway = gateway;
        this.userPrefix = userPrefix;
    }

    /** Sends every hostile request {@code rounds} times; answers what was not refused with 400. */
    List<String> sendAll(int rounds) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            String user = userPrefix + "-hostile-" + round;
            for (String[] request : requests(user)) {
                int status = post(request[0], request[1]);
                if (status != 400) {
                    problems.add(request[0] + " answered " + status + " to " + abbreviated(request[1]));
                }
            }
        }
        return problems;
    }

    private static List<String[]> requests(String user) {
        String longId = "x".repeat(300);
        return List.of(
                outlet(user, "c", "m\\u0000", "Eve", 10),
                outlet(user, "c\\u0000", "m", "Eve", 10),
                outlet(user + "\\u0000", "c", "m", "Eve", 10),
                outlet(user, longId, "m", "Eve", 10),
                outlet(user, "c", longId, "Eve", 10),
                outlet(longId, "c", "m", "Eve", 10),
                outlet(user, "c", "m", "Eve\\u0007", 10),
                outlet(user, "c", "m", "Eve\\ud800", 10),
                outlet(user, "c\\n", "m", "Eve", 10),
                outlet(user, "c", "m", "Eve", 100_000_001L),
                new String[] {"/api/v1/inlet", """
                        {"user": {"id": "%s", "name": "Eve"}, "body": {"model": "fault-model",
                         "metadata": {"chat_id": "c", "message_id": "m\\u0000"}}}""".formatted(user)},
                new String[] {"/api/v1/inlet", """
                        {"user": {"id": "%s", "email": "%s@x"}, "body": {"model": "fault-model"}}"""
                        .formatted(user, "e".repeat(400))},
                new String[] {"/api/v1/inlet", """
                        {"user": {"id": "%s"}, "body": {"model": "%s"}}""".formatted(user, "m".repeat(300))});
    }

    private static String[] outlet(String user, String chatId, String messageId, String name, long promptTokens) {
        return new String[] {"/api/v1/outlet", """
                {"user": {"id": "%s", "name": "%s"},
                 "body": {"model": "fault-model", "chat_id": "%s", "id": "%s", "messages": [
                    {"role": "user", "content": "hi"},
                    {"role": "assistant", "content": "hello", "usage": {"prompt_tokens": %d, "completion_tokens": 5}}]}}
                """.formatted(user, name, chatId, messageId, promptTokens)};
    }

    private int post(String path, String body) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + path))
                    .header("Authorization", "Bearer " + FaultStack.API_KEY)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String abbreviated(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "..." : flat;
    }
}
