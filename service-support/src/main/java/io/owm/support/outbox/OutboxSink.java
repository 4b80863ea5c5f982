package io.owm.support.outbox;

import java.util.List;
import reactor.core.publisher.Mono;

/** Where an outbox's facts go: completes once Kafka has acknowledged all of them, fails otherwise. */
@FunctionalInterface
public interface OutboxSink<E> {

    Mono<Void> publish(List<E> events);
}
