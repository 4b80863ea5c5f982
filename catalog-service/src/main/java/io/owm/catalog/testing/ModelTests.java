package io.owm.catalog.testing;

import io.owm.catalog.CatalogProperties;
import io.owm.catalog.openwebui.OpenWebUi;
import io.owm.catalog.openwebui.OpenWebUiException;
import io.owm.contracts.Topics;
import io.owm.contracts.catalog.ModelTested;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Connectivity tests: a model is asked to say hi through OpenWebUI, within a timeout. Each result is published as
 * {@code ModelTested} (for analytics and dashboards); a test never fails the caller, it reports.
 */
@Component
class ModelTests {

    private static final Logger log = LoggerFactory.getLogger(ModelTests.class);

    private final OpenWebUi openWebUi;
    private final KafkaTemplate<String, Object> kafka;
    private final Clock clock;
    private final Duration timeout;
    private final int concurrency;

    ModelTests(OpenWebUi openWebUi, KafkaTemplate<String, Object> kafka, Clock clock, CatalogProperties properties) {
        this.openWebUi = openWebUi;
        this.kafka = kafka;
        this.clock = clock;
        this.timeout = properties.testTimeout();
        this.concurrency = properties.testConcurrency();
    }

    Mono<TestResult> test(String modelId) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return openWebUi.sayHi(modelId, timeout)
                    .map(answer -> new TestResult(modelId, true, millisSince(started), answer, null, null))
                    .onErrorResume(OpenWebUiException.class, e -> Mono.just(
                            new TestResult(modelId, false, millisSince(started), null, e.getMessage(), e.kind())));
        }).flatMap(result -> publish(result).thenReturn(result));
    }

    /** Tests the models at most {@code testConcurrency} at a time; results arrive as each test ends. */
    Flux<TestResult> testAll(Flux<String> modelIds) {
        return modelIds.flatMap(this::test, concurrency);
    }

    /* A lost ModelTested only thins a dashboard; the caller still gets the result. */
    private Mono<Void> publish(TestResult result) {
        ModelTested fact = new ModelTested(UUID.randomUUID(), clock.instant(), result.model(), result.ok(),
                result.latencyMillis(), result.error());
        return Mono.fromFuture(() -> kafka.send(Topics.MODEL_TESTS.name(), result.model(), fact))
                .timeout(Duration.ofSeconds(10))
                .doOnError(e -> log.warn("ModelTested for {} not published: {}", result.model(), e.getMessage()))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
