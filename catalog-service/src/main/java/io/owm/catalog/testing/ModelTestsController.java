package io.owm.catalog.testing;

import io.owm.catalog.model.ModelView;
import io.owm.catalog.model.Models;
import io.owm.catalog.web.CatalogApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Connectivity tests in the admin API. One model: the original's {@code POST /api/v1/models/test}. All models:
 * Server-Sent Events, one {@code result} event per model as its test ends, then a {@code done} event with the
 * counts, so {@code curl -N} or the console shows progress while slow models are still thinking.
 */
@RestController
@RequestMapping("/api/v1/models")
class ModelTestsController {

    private final Models models;
    private final ModelTests tests;

    ModelTestsController(Models models, ModelTests tests) {
        this.models = models;
        this.tests = tests;
    }

    /** {@code {modelId}}; answers {@code {success, message, response?, latency_ms, error_type?}}. */
    @PostMapping("/test")
    Mono<Map<String, Object>> testOne(@RequestBody(required = false) Map<String, Object> body) {
        Object modelId = body == null ? null : body.get("modelId");
        if (!(modelId instanceof String id) || id.isBlank()) {
            throw CatalogApiException.badRequest("modelId is required");
        }
        return tests.test(id).map(result -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", result.ok());
            answer.put("message", result.ok() ? id + " answered" : id + " did not answer: " + result.error());
            if (result.ok()) {
                answer.put("response", result.answer());
            } else {
                answer.put("error_type", result.errorType());
            }
            answer.put("latency_ms", result.latencyMillis());
            return answer;
        });
    }

    /** Tests every active model ({@code ?includeInactive=true}: every model). */
    @PostMapping(path = "/test-all", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<Object>> testAll(@RequestParam(defaultValue = "false") boolean includeInactive) {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Flux<String> ids = models.all().filter(model -> includeInactive || model.active()).map(ModelView::id);
        Flux<ServerSentEvent<Object>> results = tests.testAll(ids)
                .doOnNext(result -> (result.ok() ? ok : failed).incrementAndGet())
                .map(result -> ServerSentEvent.<Object>builder(result).event("result").id(result.model()).build());
        Mono<ServerSentEvent<Object>> done = Mono.fromSupplier(() -> ServerSentEvent.<Object>builder(Map.of(
                "tested", ok.get() + failed.get(), "ok", ok.get(), "failed", failed.get())).event("done").build());
        return results.concatWith(done);
    }
}
