package io.owm.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.owm.gateway.web.FunctionApiException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

class RequestWorkTests {

    private final RequestWork work = new RequestWork(JsonMapper.builder().build());

    @AfterEach
    void stopWorkers() {
        work.destroy();
    }

    @Test
    void aSmallBodyIsReadWhereItArrives() {
        String caller = Thread.currentThread().getName();
        StepVerifier.create(work.on(body(100), json -> Thread.currentThread().getName() + ":" + json.size()))
                .expectNext(caller + ":1")
                .verifyComplete();
    }

    @Test
    void aLargeBodyIsReadOnTheWorkerPool() {
        StepVerifier.create(work.on(body(RequestWork.INLINE_BYTES + 1), json -> Thread.currentThread().getName()))
                .assertNext(thread -> assertThat(thread).startsWith("chat-request-work"))
                .verifyComplete();
    }

    @Test
    void aBodyThatIsNotJsonIsAnsweredAsSuchOnEitherPath() {
        for (int size : new int[] {10, RequestWork.INLINE_BYTES * 2}) {
            byte[] broken = ("{\"messages\": [" + "x".repeat(size)).getBytes(StandardCharsets.UTF_8);
            StepVerifier.create(work.on(broken, json -> json))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(FunctionApiException.class,
                            refused -> assertThat(refused.errorType()).isEqualTo("invalid_json")))
                    .verify();
        }
    }

    @Test
    void largeBodiesBeyondThePoolAndItsQueueAreRefusedAsBusyNotQueuedWithoutEnd() {
        CountDownLatch release = new CountDownLatch(1);
        byte[] large = body(RequestWork.INLINE_BYTES + 1);
        AtomicReference<Throwable> refused = new AtomicReference<>();
        int accepted = 0;
        try {
            // Workers that never finish: the pool and its queues fill, and then a request must be refused.
            while (refused.get() == null && accepted < 100_000) {
                work.on(large, json -> await(release)).subscribe(done -> { }, refused::set);
                accepted++;
            }
        } finally {
            release.countDown();
        }
        assertThat(accepted).isLessThan(100_000);
        assertThat(refused.get()).isInstanceOfSatisfying(FunctionApiException.class,
                busy -> assertThat(busy.errorType()).isEqualTo("busy"));
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A JSON object of about {@code size} bytes. */
    private static byte[] body(int size) {
        return ("{\"text\": \"" + "a".repeat(Math.max(0, size - 12)) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
