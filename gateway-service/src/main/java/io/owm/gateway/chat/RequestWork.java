package io.owm.gateway.chat;

import io.owm.gateway.web.FunctionApiException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a request body and does the CPU work on it (reading the chat, counting tokens) off Netty's event loop
 * when the body is large: a 16 MB conversation takes its parser and tokenizer long enough to stall every other
 * connection of that loop. Small bodies, nearly all of them, are handled in place, since a hand-off to another
 * thread would cost more than the work. The pool has as many threads as cores and a bounded queue, so a flood of
 * large bodies is answered 503 instead of queueing without end.
 */
@Component
class RequestWork implements DisposableBean {

    /** Bodies up to this size are parsed where they arrive; larger ones on the worker pool. */
    static final int INLINE_BYTES = 16 * 1024;
    private static final int QUEUED_BODIES = 256;

    private final JsonMapper json;
    private final Scheduler workers = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(),
            QUEUED_BODIES, "chat-request-work");

    RequestWork(JsonMapper json) {
        this.json = json;
    }

    <T> Mono<T> on(byte[] body, Function<JsonNode, T> work) {
        Mono<T> done = Mono.fromCallable(() -> work.apply(parse(body)));
        if (body.length <= INLINE_BYTES) {
            return done;
        }
        return done.subscribeOn(workers).onErrorMap(RejectedExecutionException.class, e -> new FunctionApiException(
                HttpStatus.SERVICE_UNAVAILABLE, "busy", "The gateway is busy with large requests; try again"));
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new FunctionApiException(HttpStatus.BAD_REQUEST, "invalid_json", "The request body is not valid JSON");
        }
    }

    @Override
    public void destroy() {
        workers.dispose();
    }
}
