package io.owm.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.owm.contracts.Topics;
import io.owm.devstack.OtlpReceiver.ExportedSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One outlet is one trace: the gateway's HTTP span, its send to {@code chat-events}, billing's span for the
 * request (whose batch span links to it), billing's answer on {@code billing-replies} and the gateway reading it,
 * all with the trace id of the caller's {@code traceparent}, as the services export them over OTLP.
 */
@ExtendWith(RunningStack.class)
class TracingIT {

    private static final String CHAT_EVENTS = Topics.CHAT_EVENTS.name();
    private static final String BILLING_REPLIES = Topics.BILLING_REPLIES.name();
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void anOutletIsOneTraceFromTheGatewayThroughBillingAndBack(RunningStack.Gateway gateway, OtlpReceiver traces) {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        String user = "traced-" + UUID.randomUUID();
        HttpResponse<String> outlet = TestHttp.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/outlet"))
                .header("Authorization", "Bearer " + gateway.apiKey())
                .header("Content-Type", "application/json")
                // Sampled by the caller: the services' parent-based sampler keeps the trace whatever its ratio.
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"user": {"id": "%s", "name": "Tracer"},
                         "body": {"model": "unknown-model", "chat_id": "chat-t", "id": "msg-t", "messages": [
                           {"role": "user", "content": "Trace me"},
                           {"role": "assistant", "content": "Traced",
                            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}]}}
                        """.formatted(user))).build());
        assertThat(outlet.statusCode()).as(outlet.body()).isEqualTo(200);
        assertThat(outlet.body()).contains("\"success\":true");

        // Spans leave each service in batches every few seconds.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ExportedSpan> trace = traces.trace(traceId);
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("gateway-service");
                assertThat(span.kind()).isEqualTo("SPAN_KIND_SERVER");
                assertThat(span.parentSpanId()).isEqualTo(callerSpanId);
            });
            assertThat(trace).anySatisfy(span -> producer(span, "gateway-service", CHAT_EVENTS));
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("billing-service");
                assertThat(span.name()).isEqualTo(CHAT_EVENTS + " process");
            });
            assertThat(trace).anySatisfy(span -> producer(span, "billing-service", BILLING_REPLIES));
            assertThat(trace).anySatisfy(span -> {
                assertThat(span.service()).isEqualTo("gateway-service");
                assertThat(span.kind()).isEqualTo("SPAN_KIND_CONSUMER");
                assertThat(span.name()).contains(BILLING_REPLIES);
            });
            // The batch that charged it links to this trace (and, as its first sampled request, hangs in it).
            assertThat(traces.spans()).anySatisfy(span -> {
                assertThat(span.name()).isEqualTo("billing chat-events batch");
                assertThat(span.linkedTraceIds()).contains(traceId);
            });
        });
        // Every span of the trace hangs off another span of it, or off the caller's: nothing starts a trace anew.
        List<ExportedSpan> trace = traces.trace(traceId);
        List<String> parents = Stream.concat(trace.stream().map(ExportedSpan::spanId), Stream.of(callerSpanId))
                .toList();
        assertThat(trace).allSatisfy(span -> assertThat(span.parentSpanId()).isIn(parents));
        writeTree(trace, callerSpanId, Path.of("target", "outlet-trace.txt"));
    }

    /** The trace as a tree with each span's offset and duration: docs/observability.md shows one. */
    private static void writeTree(List<ExportedSpan> trace, String rootParent, Path file) {
        long start = trace.stream().mapToLong(ExportedSpan::startNanos).min().orElse(0);
        StringBuilder tree = new StringBuilder();
        appendChildren(tree, trace, rootParent, 0, start);
        try {
            Files.writeString(file, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendChildren(StringBuilder tree, List<ExportedSpan> trace, String parent, int depth,
            long start) {
        trace.stream().filter(span -> span.parentSpanId().equals(parent))
                .sorted(Comparator.comparingLong(ExportedSpan::startNanos))
                .forEach(span -> {
                    tree.append(String.format("%8.2f ms %8.2f ms  %s%s [%s, %s]%n",
                            (span.startNanos() - start) / 1e6, (span.endNanos() - span.startNanos()) / 1e6,
                            "  ".repeat(depth), span.name(), span.service(),
                            span.kind().replace("SPAN_KIND_", "").toLowerCase(Locale.ROOT)));
                    appendChildren(tree, trace, span.spanId(), depth + 1, start);
                });
    }

    private static void producer(ExportedSpan span, String service, String topic) {
        assertThat(span.service()).isEqualTo(service);
        assertThat(span.kind()).isEqualTo("SPAN_KIND_PRODUCER");
        assertThat(span.name()).contains(topic);
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        RANDOM.nextBytes(id);
        return HEX.formatHex(id);
    }
}
