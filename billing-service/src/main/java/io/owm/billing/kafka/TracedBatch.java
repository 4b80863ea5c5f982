package io.owm.billing.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Map;
import java.util.UUID;

/** The spans of one batch of chat events, open while the batch is applied and answered: see {@link BatchTracing}. */
public final class TracedBatch implements AutoCloseable {

    /** For answers published outside a consumed batch (the outbox's admin changes). */
    public static final TracedBatch NONE = new TracedBatch(Tracer.NOOP, Span.NOOP, Map.of());

    private final Tracer tracer;
    private final Span batch;
    private final Map<UUID, Span> requests;

    TracedBatch(Tracer tracer, Span batch, Map<UUID, Span> requests) {
        this.tracer = tracer;
        this.batch = batch;
        this.requests = requests;
    }

    /** Makes the batch's span current on this thread, for the work of the whole batch. */
    public Tracer.SpanInScope inScope() {
        return tracer.withSpan(batch);
    }

    /** Runs the publishing of a request's answer in that request's trace. */
    void forRequest(UUID requestEventId, Runnable publish) {
        Span request = requests.get(requestEventId);
        if (request == null) {
            publish.run();
            return;
        }
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            publish.run();
        }
    }

    public void failed(Throwable failure) {
        batch.error(failure);
        requests.values().forEach(request -> request.error(failure));
    }

    @Override
    public void close() {
        requests.values().forEach(Span::end);
        batch.end();
    }
}
