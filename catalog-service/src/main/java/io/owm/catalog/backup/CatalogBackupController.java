package io.owm.catalog.backup;

import io.owm.catalog.model.ModelView;
import io.owm.catalog.model.Models;
import io.owm.catalog.pricing.PricePublisher;
import io.owm.contracts.backup.BackupRecords;
import io.owm.contracts.backup.JsonStream;
import io.owm.contracts.catalog.ModelPriced;
import io.owm.support.outbox.Outbox;
import io.owm.support.outbox.OutboxRelay;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's part of backups, for the gateway only ({@code /internal} is not routed). An import takes every
 * model's prices from the backup in one transaction, with a {@code ModelPriced} in the outbox for each price
 * that changed, published after the commit; a dry run does the same and rolls back.
 */
@RestController
@RequestMapping("/internal")
class CatalogBackupController {

    private final Models models;
    private final Outbox<ModelPriced> outbox;
    private final OutboxRelay<ModelPriced> relay;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final JsonMapper json;

    CatalogBackupController(Models models, Outbox<ModelPriced> outbox, OutboxRelay<ModelPriced> relay,
            TransactionalOperator transaction, Clock clock, JsonMapper json) {
        this.models = models;
        this.outbox = outbox;
        this.relay = relay;
        this.transaction = transaction;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/backup")
    ResponseEntity<Flux<DataBuffer>> export() {
        long[] count = {0};
        Flux<BackupRecords.Model> rows = models.all().doOnNext(m -> count[0]++).map(CatalogBackupController::record);
        Flux<DataBuffer> body = JsonStream.text("{")
                .concatWith(JsonStream.array("models", rows, json))
                .concatWith(Flux.defer(() -> JsonStream.text(",\"counts\":{\"models\":" + count[0] + "}}")));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @PostMapping("/import")
    Mono<Map<String, Integer>> importPart(@RequestBody CatalogPart part,
            @RequestParam(defaultValue = "false") boolean dryRun) {
        List<BackupRecords.Model> incoming = part.models() == null ? List.of() : part.models();
        int[] created = {0};
        List<ModelView> repriced = new ArrayList<>();
        Mono<Void> work = Flux.fromIterable(incoming)
                .concatMap(model -> models.find(model.id())
                        .map(existing -> new Found(existing, false))
                        .defaultIfEmpty(new Found(null, true))
                        .flatMap(found -> models.importModel(model, clock.instant())
                                .doOnNext(stored -> {
                                    if (found.isNew()) {
                                        created[0]++;
                                    }
                                    if (found.isNew() || !samePrices(found.existing(), stored)) {
                                        repriced.add(stored);
                                    }
                                })))
                .then(Mono.defer(() -> Flux.fromIterable(repriced)
                        .concatMap(model -> outbox.add(PricePublisher.priced(model)))
                        .then()));
        return transaction.execute(status -> {
                    if (dryRun) {
                        status.setRollbackOnly();
                    }
                    return work.then(Mono.fromSupplier(() -> Map.of("models_created", created[0],
                            "models_repriced", repriced.size())));
                })
                .single()
                .flatMap(counts -> dryRun ? Mono.just(counts) : relay.publishSoon().thenReturn(counts));
    }

    private static boolean samePrices(ModelView before, ModelView after) {
        return before.inputPrice().compareTo(after.inputPrice()) == 0
                && before.outputPrice().compareTo(after.outputPrice()) == 0
                && before.perMessagePrice().compareTo(after.perMessagePrice()) == 0;
    }

    private static BackupRecords.Model record(ModelView model) {
        return new BackupRecords.Model(model.id(), model.name(), model.baseModelId(), model.imageUrl(),
                model.systemPrompt(), model.inputPrice(), model.outputPrice(), model.perMessagePrice(),
                model.updatedAt());
    }

    record CatalogPart(List<BackupRecords.Model> models) {
    }

    private record Found(ModelView existing, boolean isNew) {
    }
}
