package io.owm.billing.kafka;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.owm.contracts.chat.ChatEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Spans for a batch of chat events. Spring Kafka observes single records, not batches, so the batch gets its own
 * span, linked to the trace of every request it carries and a child of the first sampled one; and each request
 * gets a span in its own trace (the
 * parent is the gateway's send, from the record's {@code traceparent}), under which its answer is published, so
 * that one outlet is one trace from the gateway's HTTP span to the reply it reads.
 */
@Component
public class BatchTracing {

    private static final Propagator.Getter<Headers> HEADERS = (headers, name) -> {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    BatchTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    public TracedBatch start(String name, List<ConsumerRecord<String, Object>> records) {
        Map<UUID, Span> requests = new HashMap<>();
        Span.Builder batch = tracer.spanBuilder().name(name).kind(Span.Kind.CONSUMER)
                .tag("messaging.batch.message_count", Integer.toString(records.size()));
        for (ConsumerRecord<String, Object> record : records) {
            // Records from a gateway without tracing carry no context: they stay in the batch's trace only.
            if (record.headers().lastHeader("traceparent") != null && record.value() instanceof ChatEvent event) {
                Span request = propagator.extract(record.headers(), HEADERS)
                        .name(record.topic() + " process").kind(Span.Kind.CONSUMER)
                        .tag("messaging.destination.name", record.topic())
                        .tag("messaging.kafka.offset", Long.toString(record.offset()))
                        .start();
                requests.put(event.eventId(), request);
                batch.addLink(new Link(request.context()));
            }
        }
        // A sampler decides on the parent, not on links: under a sampled request the batch is kept whenever one of
        // its requests is, and a trace that was asked for shows the batch that charged it.
        requests.values().stream().filter(request -> Boolean.TRUE.equals(request.context().sampled())).findFirst()
                .ifPresentOrElse(sampled -> batch.setParent(sampled.context()), batch::setNoParent);
        return new TracedBatch(tracer, batch.start(), requests);
    }
}
