package io.owm.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The one HTTP client of the end-to-end tests. Every call is bounded: a request without a timeout of its own gets
 * {@link #DEFAULT_TIMEOUT}, so a service that accepts a connection and never answers fails the test with the
 * address in the message instead of holding the build until CI gives up on it.
 */
final class TestHttp {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            // HTTP/1.1: the JDK's default HTTP/2 attempt adds an h2c upgrade to every plain-text request.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private TestHttp() {
    }

    /**
     * One connection per request: on a reused keep-alive connection reactor-netty 1.3.7's server can stop reading
     * after a response (docs/decisions.md, "A reactor-netty stall"), and the next request hangs; DevStackIT's
     * refused inlet did, once in a clean CI run.
     */
    static HttpResponse<String> send(HttpRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Connection", "close");
        HttpRequest bounded = (request.timeout().isPresent() ? builder : builder.timeout(DEFAULT_TIMEOUT)).build();
        try {
            return CLIENT.send(bounded, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("No answer from " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + request.uri(), e);
        }
    }
}
