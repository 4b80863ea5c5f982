package io.owm.gateway.billing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.owm.contracts.Topics;
import io.owm.contracts.billing.ChatReply;
import io.owm.contracts.chat.ChatEvent;
import io.owm.gateway.GatewayProperties;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Sends a chat event to billing through {@code chat-events} and waits for the answer. Once Kafka has the event it
 * will be applied, answer or not: a timeout of the answer yields an empty answer (the caller says {@code pending}),
 * never an error. Only a send that Kafka did not acknowledge fails the call, since then nothing is durable.
 */
@Component
public class BillingClient {

    private final KafkaTemplate<String, Object> kafka;
    private final BillingReplies replies;
    private final Duration timeout;
    private final Timer answered;
    private final Timer pending;

    BillingClient(KafkaTemplate<String, Object> kafka, BillingReplies replies, GatewayProperties properties,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.replies = replies;
        this.timeout = properties.replyTimeout();
        this.answered = replyTimer(meters, "answered");
        this.pending = replyTimer(meters, "timeout");
        // Calls waiting for billing right now: climbs before the timeouts do when billing slows down.
        Gauge.builder("owm.gateway.billing.waiting", replies, BillingReplies::waitingCount)
                .description("Inlet and outlet calls waiting for billing's answer")
                .register(meters);
        // Against the requests served (the reply timer's count), this shows that an instance reads its own
        // traffic's answers only, however many instances share the work.
        FunctionCounter.builder("owm.gateway.billing.replies.read", replies, BillingReplies::repliesRead)
                .description("Records read from billing-replies")
                .register(meters);
    }

    public <R extends ChatReply> Mono<Optional<R>> request(ChatEvent event, Class<R> replyType) {
        long start = System.nanoTime();
        var reply = replies.expect(event.eventId());
        return Mono.deferContextual(context -> Mono.fromFuture(() -> send(event, context)))
                .then(Mono.fromFuture(reply, true).timeout(timeout))
                .map(r -> {
                    answered.record(Duration.ofNanos(System.nanoTime() - start));
                    return Optional.of(replyType.cast(r));
                })
                .onErrorResume(TimeoutException.class, e -> {
                    pending.record(Duration.ofNanos(System.nanoTime() - start));
                    return Mono.just(Optional.empty());
                })
                .doFinally(signal -> replies.forget(event.eventId()));
    }

    /**
     * The send as a child of the HTTP request's observation, so that the outlet's trace goes on through
     * {@code chat-events}: WebFlux keeps that observation in the Reactor context, not in the thread local the
     * template's observation reads.
     */
    private CompletableFuture<?> send(ChatEvent event, ContextView context) {
        Observation request = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        if (request == null) {
            return kafka.send(addressed(event));
        }
        try (Observation.Scope scope = request.openScope()) {
            return kafka.send(addressed(event));
        }
    }

    /** The event, with the reply partition this instance reads, so that billing answers there. */
    private ProducerRecord<String, Object> addressed(ChatEvent event) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.CHAT_EVENTS.name(), event.userId(), event);
        replies.replyPartition().ifPresent(partition -> {
            record.headers().add(KafkaHeaders.REPLY_TOPIC,
                    Topics.BILLING_REPLIES.name().getBytes(StandardCharsets.UTF_8));
            record.headers().add(KafkaHeaders.REPLY_PARTITION, ByteBuffer.allocate(4).putInt(partition).array());
        });
        return record;
    }

    private static Timer replyTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("owm.gateway.billing.reply")
                .description("Time from publishing a chat event to billing's answer, or to giving up (pending)")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }
}
