package io.owm.catalog.pricing;

import io.owm.catalog.model.ModelView;
import io.owm.catalog.model.Models;
import io.owm.catalog.web.CatalogApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Prices in the admin API: the batch update and the derived-model syncs, with the original's paths and shapes. */
@RestController
@RequestMapping("/api/v1/models")
class PricesController {

    private final Models models;
    private final PriceChanges changes;

    PricesController(Models models, PriceChanges changes) {
        this.models = models;
        this.changes = changes;
    }

    /**
     * {@code [{id, input_price, output_price, per_msg_price}]} or {@code {updates: [...]}}. Every entry is
     * answered: {@code success} is true only when all were applied.
     */
    @PostMapping("/price")
    Mono<Map<String, Object>> updatePrices(@RequestBody(required = false) String body) {
        List<JsonNode> entries = PriceRequests.entries(body);
        return changes.applyAll(entries).map(results -> {
            long applied = results.stream().filter(PriceResult::success).count();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", applied == results.size());
            answer.put("message", applied + " of " + results.size() + " prices updated");
            answer.put("results", results);
            return answer;
        });
    }

    /** {@code {modelId}}: the derived model takes its base model's prices. */
    @PostMapping("/sync-price")
    Mono<Map<String, Object>> syncPrice(@RequestBody(required = false) String body) {
        String modelId = PriceRequests.modelIdOf(body);
        return models.find(modelId)
                .switchIfEmpty(Mono.error(() -> CatalogApiException.unknownModel(modelId)))
                .flatMap(changes::copyFromBase)
                .map(result -> {
                    if (!result.success()) {
                        throw CatalogApiException.badRequest(modelId + ": " + result.error());
                    }
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("success", true);
                    answer.put("message", modelId + " now has the prices of " + result.data().baseModelId());
                    answer.put("data", result.data());
                    return answer;
                });
    }

    /**
     * Every derived model takes its base model's prices. As in the original, the call succeeds as a whole and
     * {@code syncedModels} has an entry per derived model: {@code {id, name, base_model_id, success, input_price,
     * output_price, per_msg_price}}, or {@code {id, name, success: false, error}}; {@code results} is this
     * project's shape of the same outcomes (the model as stored).
     */
    @PostMapping("/sync-all-prices")
    Mono<Map<String, Object>> syncAllPrices() {
        return models.all()
                .filter(ModelView::isDerived)
                .concatMap(model -> changes.copyFromBase(model).map(result -> Map.entry(model, result)))
                .collectList()
                .map(outcomes -> {
                    long synced = outcomes.stream().filter(outcome -> outcome.getValue().success()).count();
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("success", true);
                    answer.put("message", outcomes.isEmpty() ? "No derived models found"
                            : "Successfully synced " + synced + " of " + outcomes.size() + " derived models");
                    answer.put("syncedModels", outcomes.stream().map(o -> originalEntry(o.getKey(), o.getValue()))
                            .toList());
                    answer.put("results", outcomes.stream().map(Map.Entry::getValue).toList());
                    return answer;
                });
    }

    private static Map<String, Object> originalEntry(ModelView model, PriceResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", model.id());
        entry.put("name", model.name());
        if (!result.success()) {
            entry.put("success", false);
            entry.put("error", result.error());
            return entry;
        }
        entry.put("base_model_id", model.baseModelId());
        entry.put("success", true);
        entry.put("input_price", result.data().inputPrice());
        entry.put("output_price", result.data().outputPrice());
        entry.put("per_msg_price", result.data().perMessagePrice());
        return entry;
    }
}
