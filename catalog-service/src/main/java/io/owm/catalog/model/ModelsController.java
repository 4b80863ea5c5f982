package io.owm.catalog.model;

import io.owm.catalog.openwebui.OpenWebUiException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The models list of the admin API; the gateway checks the admin token before routing here. Like the original,
 * listing first fetches OpenWebUI's models; unlike it, a failed fetch still answers the last known list, with
 * the cause in {@code X-OpenWebUI-Sync-Error} (and its kind in {@code X-OpenWebUI-Sync-Error-Type}).
 */
@RestController
@RequestMapping("/api/v1/models")
class ModelsController {

    static final String SYNC_ERROR = "X-OpenWebUI-Sync-Error";
    static final String SYNC_ERROR_TYPE = "X-OpenWebUI-Sync-Error-Type";

    private final Models models;
    private final ModelSync sync;

    ModelsController(Models models, ModelSync sync) {
        this.models = models;
        this.sync = sync;
    }

    /** {@code ?sync=false} lists what the catalog has without asking OpenWebUI. */
    @GetMapping
    Mono<ResponseEntity<List<ModelView>>> list(@RequestParam(defaultValue = "true") boolean sync) {
        Mono<String[]> syncError = !sync ? Mono.just(new String[0]) : this.sync.sync()
                .thenReturn(new String[0])
                .onErrorResume(OpenWebUiException.class, e -> Mono.just(new String[] {e.kind(), e.getMessage()}));
        return syncError.flatMap(error -> models.all().collectList().map(list -> {
            ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
            if (error.length == 2) {
                answer.header(SYNC_ERROR_TYPE, error[0]).header(SYNC_ERROR, asciiHeader(error[1]));
            }
            return answer.body(list);
        }));
    }

    /** Header values must be visible ASCII; the messages are, but a model id or host name might not be. */
    private static String asciiHeader(String message) {
        return message.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
