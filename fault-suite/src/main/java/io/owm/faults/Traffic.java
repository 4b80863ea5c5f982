package io.owm.faults;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users chatting while a fault happens: each virtual user owns a few OpenWebUI users and sends inlet, then outlet,
 * again and again. An outlet whose call failed (refused, reset, timed out, 5xx) is sent again with the same body
 * until it gets a 2xx, as a careful function would; one in twenty is sent twice on purpose. With
 * {@code outOfOrder}, every chat has two replies whose outlets arrive in reverse order, before the chat's inlet.
 */
final class Traffic implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration GIVE_UP = Duration.ofMinutes(2);

    private final String scenario;
    private final String url;
    private final boolean outOfOrder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<SentOutlet> outlets = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final AtomicLong inletsSent = new AtomicLong();
    private final AtomicLong inletsAccepted = new AtomicLong();

    Traffic(String scenario, String url, int virtualUsers, int usersEach, boolean outOfOrder) {
        this.scenario = scenario;
        this.url = url;
        this.outOfOrder = outOfOrder;
        for (int v = 0; v < virtualUsers; v++) {
            List<String> users = new ArrayList<>();
            for (int u = 0; u < usersEach; u++) {
                users.add(scenario + "-u" + (v * usersEach + u));
            }
            Thread thread = new Thread(() -> chat(users), scenario + "-vu-" + v);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    Traffic start() {
        threads.forEach(Thread::start);
        return this;
    }

    /** Stops starting new chats; each user finishes the outlet in hand (with its retries) first. */
    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(GIVE_UP.plusSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    List<SentOutlet> outlets() {
        return List.copyOf(outlets);
    }

    long inletsSent() {
        return inletsSent.get();
    }

    long inletsAccepted() {
        return inletsAccepted.get();
    }

    String userPrefix() {
        return scenario + "-u";
    }

    /** When the first outlet after {@code sinceMillis} was answered by billing itself (2xx, not pending). */
    long firstNormalAnswerAfter(long sinceMillis) {
        return outlets.stream().flatMap(o -> o.answers().stream())
                .filter(a -> a.accepted() && !a.pending() && a.atMillis() >= sinceMillis)
                .mapToLong(SentOutlet.Answer::atMillis).min().orElse(-1);
    }

    private void chat(List<String> users) {
        int turn = 0;
        while (running.get()) {
            String user = users.get(turn++ % users.size());
            long n = sequences.computeIfAbsent(user, u -> new AtomicLong()).incrementAndGet();
            String chatId = user + "-chat-" + n;
            // Input tokens grow with every reply of the user, so each of its charges has a cost of its own.
            SentOutlet first = new SentOutlet(user, chatId, "msg-a", 100 + 2 * n, 40, false);
            if (outOfOrder) {
                SentOutlet second = new SentOutlet(user, chatId, "msg-b", 101 + 2 * n, 40, false);
                outlet(second);
                outlet(first);
                inlet(first);
            } else {
                inlet(first);
                outlet(first);
            }
            Pause.millis(10);
        }
    }

    private void inlet(SentOutlet chat) {
        inletsSent.incrementAndGet();
        if (send("/api/v1/inlet", chat.inletBody()).accepted()) {
            inletsAccepted.incrementAndGet();
        }
    }

    private void outlet(SentOutlet outlet) {
        outlets.add(outlet);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            SentOutlet.Answer answer = send("/api/v1/outlet", outlet.body());
            outlet.record(answer);
            if (answer.accepted() || System.nanoTime() > deadline) {
                break;
            }
            Pause.millis(250);
        }
        if (ThreadLocalRandom.current().nextInt(20) == 0) {
            outlet.record(send("/api/v1/outlet", outlet.body()));
        }
    }

    private SentOutlet.Answer send(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + FaultStack.API_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long at = System.currentTimeMillis();
            if (response.statusCode() / 100 != 2 || !path.endsWith("outlet")) {
                return new SentOutlet.Answer(response.statusCode(), false, null, null, -1, -1, at);
            }
            JsonNode answer = JSON.readTree(response.body());
            return new SentOutlet.Answer(response.statusCode(), answer.path("pending").asBoolean(false),
                    decimal(answer, "totalCost"), decimal(answer, "newBalance"), answer.path("inputTokens").asLong(-1),
                    answer.path("outputTokens").asLong(-1), at);
        } catch (IOException e) {
            return new SentOutlet.Answer(0, false, null, null, -1, -1, System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            return new SentOutlet.Answer(0, false, null, null, -1, -1, System.currentTimeMillis());
        }
    }

    private static BigDecimal decimal(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        return value.isNumber() ? value.decimalValue() : null;
    }
}
