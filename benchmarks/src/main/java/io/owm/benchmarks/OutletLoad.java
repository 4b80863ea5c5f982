package io.owm.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Outlets through several gateways at once: a fixed number of connections, each a thread that sends one outlet
 * after another (a new chat and message id each time, so every one is a charge) to the gateway it is pinned to,
 * connection {@code i} to gateway {@code i % gateways}. Only what is answered inside the measured window counts.
 */
final class OutletLoad {

    /** The usage every outlet reports: the expected charge of each is known exactly. */
    static final int INPUT_TOKENS = 100;
    static final int OUTPUT_TOKENS = 40;

    private final List<String> gateways;
    private final int connections;
    private final String apiKey;
    private final String userPrefix;
    private final int users;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    OutletLoad(List<String> gateways, int connections, String apiKey, String userPrefix, int users) {
        this.gateways = List.copyOf(gateways);
        this.connections = connections;
        this.apiKey = apiKey;
        this.userPrefix = userPrefix;
        this.users = users;
    }

    /** What the window saw; {@code accepted} counts every 2xx of the whole run, warm-up included (all charged). */
    record Result(long[] servedPerGateway, long[] acceptedPerGateway, long measured, long pending, long errors,
            double seconds, long p50Micros, long p99Micros) {

        long accepted() {
            return Arrays.stream(acceptedPerGateway).sum();
        }


        double perSecond() {
            return measured / seconds;
        }
    }

    Result run(Duration warmUp, Duration measure) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        long windowStart = System.nanoTime() + warmUp.toNanos();
        long windowEnd = windowStart + measure.toNanos();
        AtomicLongArray served = new AtomicLongArray(gateways.size());
        long[] pending = new long[connections];
        long[] errors = new long[connections];
        AtomicLongArray accepted = new AtomicLongArray(gateways.size());
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            long[] mine = new long[1 << 20];
            latencies.add(mine);
            Thread thread = new Thread(() -> {
                int gateway = connection % gateways.size();
                int count = 0;
                long sequence = 0;
                while (running.get()) {
                    String user = userPrefix + ((connection + sequence * connections) % users);
                    String chat = userPrefix + "c" + connection + "-" + sequence++;
                    long started = System.nanoTime();
                    int outcome = send(gateways.get(gateway), user, chat);
                    long ended = System.nanoTime();
                    if (outcome != FAILED) {
                        accepted.incrementAndGet(gateway);
                    }
                    if (started >= windowStart && ended <= windowEnd) {
                        if (outcome == FAILED) {
                            errors[connection]++;
                        } else {
                            served.incrementAndGet(gateway);
                            if (outcome == PENDING) {
                                pending[connection]++;
                            }
                            if (count < mine.length) {
                                mine[count++] = (ended - started) / 1_000;
                            }
                        }
                    }
                    if (ended > windowEnd) {
                        running.set(false);
                    }
                }
                latencies.set(connection, Arrays.copyOf(mine, count));
            }, "outlet-load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(toArray(served), toArray(accepted), all.length, Arrays.stream(pending).sum(),
                Arrays.stream(errors).sum(), measure.toNanos() / 1e9, percentile(all, 0.50), percentile(all, 0.99));
    }

    private static final int NORMAL = 0;
    private static final int PENDING = 1;
    private static final int FAILED = 2;

    private int send(String gateway, String user, String chat) {
        String body = """
                {"user": {"id": "%s", "name": "Bench %s", "email": "%s@bench.example", "role": "user"},
                 "body": {"model": "bench-model", "chat_id": "%s", "id": "%s-m", "messages": [
                    {"role": "user", "content": "How many replies can one machine charge?"},
                    {"role": "assistant", "content": "Measure it.",
                     "usage": {"prompt_tokens": %d, "completion_tokens": %d}}]}}
                """.formatted(user, user, user, chat, chat, INPUT_TOKENS, OUTPUT_TOKENS);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/outlet"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return FAILED;
            }
            return response.body().contains("\"pending\":true") ? PENDING : NORMAL;
        } catch (IOException e) {
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    private static long[] toArray(AtomicLongArray counts) {
        long[] values = new long[counts.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.get(i);
        }
        return values;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
