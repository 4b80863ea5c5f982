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
 * until it gets a 2xx, as a careful function would; one in twenty is sent twice on purpose. With several gateways,
 * each virtual user calls one of them, a failed call's retry goes to the next, and the user stays with the one
 * that answered, as a load balancer moves away from an instance that stopped answering. With {@code outOfOrder}, every chat has two replies whose outlets
 * arrive in reverse order, before the chat's inlet.
 */
final class Traffic implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration GIVE_UP = Duration.ofMinutes(2);

    private final String scenario;
    private final List<String> urls;
    private final boolean outOfOrder;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<SentOutlet> outlets = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final AtomicLong inletsSent = new AtomicLong();
    private final AtomicLong inletsAccepted = new AtomicLong();

    Traffic(String scenario, List<String> urls, int virtualUsers, int usersEach, boolean outOfOrder) {
        this.scenario = scenario;
        this.urls = List.copyOf(urls);
        this.outOfOrder = outOfOrder;
        for (int v = 0; v < virtualUsers; v++) {
            List<String> users = new ArrayList<>();
            for (int u = 0; u < usersEach; u++) {
                users.add(scenario + "-u" + (v * usersEach + u));
            }
            int home = v % this.urls.size();
            Thread thread = new Thread(() -> chat(users, home), scenario + "-vu-" + v);
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

    /**
     * When billing answered normally again for good after {@code sinceMillis}: the answer to the first request
     * sent after the last one that was not answered normally (pending, or the call failed); -1 while there is none.
     * Requests whose instance survived are answered normally all along, so only the last failure tells when the
     * takeover was complete for every user.
     */
    long normalAgainAfter(long sinceMillis) {
        List<SentOutlet.Answer> answers = answersSentSince(sinceMillis);
        long lastAbnormal = lastAbnormalSent(answers, sinceMillis);
        return answers.stream().filter(a -> a.normal() && a.sentAtMillis() > lastAbnormal)
                .mapToLong(SentOutlet.Answer::atMillis).min().orElse(-1);
    }

    /** True once every request sent for {@code quiet} has been answered normally (and at least one was). */
    boolean settled(long sinceMillis, Duration quiet) {
        long lastAbnormal = lastAbnormalSent(answersSentSince(sinceMillis), sinceMillis);
        return System.currentTimeMillis() - lastAbnormal >= quiet.toMillis() && normalAgainAfter(sinceMillis) >= 0;
    }

    private List<SentOutlet.Answer> answersSentSince(long sinceMillis) {
        return outlets.stream().flatMap(o -> o.answers().stream()).filter(a -> a.sentAtMillis() >= sinceMillis)
                .toList();
    }

    private static long lastAbnormalSent(List<SentOutlet.Answer> answers, long sinceMillis) {
        return answers.stream().filter(a -> !a.normal()).mapToLong(SentOutlet.Answer::sentAtMillis)
                .max().orElse(sinceMillis - 1);
    }

    private void chat(List<String> users, int firstHome) {
        int home = firstHome;
        int turn = 0;
        while (running.get()) {
            String user = users.get(turn++ % users.size());
            long n = sequences.computeIfAbsent(user, u -> new AtomicLong()).incrementAndGet();
            String chatId = user + "-chat-" + n;
            // Input tokens grow with every reply of the user, so each of its charges has a cost of its own.
            SentOutlet first = new SentOutlet(user, chatId, "msg-a", 100 + 2 * n, 40, false);
            if (outOfOrder) {
                SentOutlet second = new SentOutlet(user, chatId, "msg-b", 101 + 2 * n, 40, false);
                home = outlet(second, home);
                home = outlet(first, home);
                inlet(first, home);
            } else {
                inlet(first, home);
                home = outlet(first, home);
            }
            Pause.millis(10);
        }
    }

    private void inlet(SentOutlet chat, int home) {
        inletsSent.incrementAndGet();
        if (send(home, "/api/v1/inlet", chat.inletBody()).accepted()) {
            inletsAccepted.incrementAndGet();
        }
    }

    /** Sends until answered; answers the gateway that answered, where this user's next calls go. */
    private int outlet(SentOutlet outlet, int home) {
        outlets.add(outlet);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        int gateway = home;
        while (true) {
            SentOutlet.Answer answer = send(gateway, "/api/v1/outlet", outlet.body());
            outlet.record(answer);
            if (answer.accepted() || System.nanoTime() > deadline) {
                break;
            }
            gateway++;
            Pause.millis(250);
        }
        if (ThreadLocalRandom.current().nextInt(20) == 0) {
            outlet.record(send(gateway, "/api/v1/outlet", outlet.body()));
        }
        return gateway % urls.size();
    }

    private SentOutlet.Answer send(int gateway, String path, String body) {
        String url = urls.get(gateway % urls.size());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + FaultStack.API_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.currentTimeMillis();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long at = System.currentTimeMillis();
            if (response.statusCode() / 100 != 2 || !path.endsWith("outlet")) {
                return new SentOutlet.Answer(response.statusCode(), false, null, null, -1, -1, sent, at);
            }
            JsonNode answer = JSON.readTree(response.body());
            return new SentOutlet.Answer(response.statusCode(), answer.path("pending").asBoolean(false),
                    decimal(answer, "totalCost"), decimal(answer, "newBalance"), answer.path("inputTokens").asLong(-1),
                    answer.path("outputTokens").asLong(-1), sent, at);
        } catch (IOException e) {
            return new SentOutlet.Answer(0, false, null, null, -1, -1, sent, System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
            return new SentOutlet.Answer(0, false, null, null, -1, -1, sent, System.currentTimeMillis());
        }
    }

    private static BigDecimal decimal(JsonNode answer, String field) {
        JsonNode value = answer.path(field);
        return value.isNumber() ? value.decimalValue() : null;
    }
}
