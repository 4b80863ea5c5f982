package io.owm.catalog.model;

import io.owm.catalog.CatalogProperties;
import io.owm.catalog.openwebui.OpenWebUiModel;
import io.owm.contracts.Money;
import io.owm.contracts.backup.BackupRecords;
import io.owm.support.r2dbc.Binder;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The models table: what OpenWebUI lists, what chats use, and the price of each. */
@Component
public class Models {

    private static final String COLUMNS = """
            SELECT id, name, base_model_id, image_url, system_prompt, input_price, output_price, per_msg_price,
                   active, updated_at FROM models
            """;

    /*
     * New models get the default prices; known ones take OpenWebUI's name, base, image and prompt and are active
     * again. Prices are never touched by a sync. xmax = 0 only on a freshly inserted row.
     */
    /*
     * A new model gets the default prices, a new derived model its base model's prices when the base is in the
     * catalog already (as the original app did), so its users are not charged the default until an admin syncs.
     */
    private static final String UPSERT_LISTED = """
            INSERT INTO models (id, name, base_model_id, image_url, system_prompt, input_price, output_price,
                                per_msg_price, active, created_at, updated_at)
            SELECT m.id, m.name, m.base_model_id, m.image_url, m.system_prompt,
                   COALESCE(b.input_price, :input), COALESCE(b.output_price, :output),
                   COALESCE(b.per_msg_price, :perMessage), TRUE, :at, :at
            FROM unnest(CAST(:ids AS text[]), CAST(:names AS text[]), CAST(:bases AS text[]),
                        CAST(:images AS text[]), CAST(:prompts AS text[]))
                 AS m(id, name, base_model_id, image_url, system_prompt)
            LEFT JOIN models b ON b.id = m.base_model_id AND m.base_model_id <> m.id
            ON CONFLICT (id) DO UPDATE SET
                name = EXCLUDED.name, base_model_id = EXCLUDED.base_model_id, image_url = EXCLUDED.image_url,
                system_prompt = EXCLUDED.system_prompt, active = TRUE
            RETURNING id, (xmax = 0) AS inserted
            """;

    private final DatabaseClient db;
    private final CatalogProperties properties;

    Models(DatabaseClient db, CatalogProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** Registers a model seen in chat traffic with the default prices, so every charged model can be priced. */
    Mono<Void> registerSeen(String modelId) {
        return db.sql("""
                        INSERT INTO models (id, name, base_model_id, input_price, output_price, per_msg_price,
                                            seen_in_traffic)
                        VALUES (:id, :id, :baseModelId, :input, :output, :perMessage, TRUE)
                        ON CONFLICT (id) DO UPDATE SET seen_in_traffic = TRUE
                        WHERE models.seen_in_traffic = FALSE
                        """)
                .bind("id", modelId)
                .bind("baseModelId", baseModelOf(modelId, null))
                .bind("input", properties.defaultInputPrice())
                .bind("output", properties.defaultOutputPrice())
                .bind("perMessage", properties.defaultPerMessagePrice())
                .then();
    }

    /**
     * Stores OpenWebUI's list: new models with the default prices, known ones refreshed, and the ones OpenWebUI
     * no longer lists marked inactive (kept, since their usage history names them). Answers the new ids.
     */
    Mono<List<String>> storeListed(List<OpenWebUiModel> listed, Instant at) {
        Mono<List<String>> added = listed.isEmpty() ? Mono.just(List.of()) : db.sql(UPSERT_LISTED)
                .bind("ids", listed.stream().map(OpenWebUiModel::id).toArray(String[]::new))
                .bind("names", listed.stream().map(m -> m.name() == null ? m.id() : m.name()).toArray(String[]::new))
                .bind("bases", listed.stream().map(m -> baseModelOf(m.id(), m.baseModelId())).toArray(String[]::new))
                .bind("images", listed.stream().map(OpenWebUiModel::imageUrl).toArray(String[]::new))
                .bind("prompts", listed.stream().map(OpenWebUiModel::systemPrompt).toArray(String[]::new))
                .bind("input", properties.defaultInputPrice())
                .bind("output", properties.defaultOutputPrice())
                .bind("perMessage", properties.defaultPerMessagePrice())
                .bind("at", at)
                .map(row -> Boolean.TRUE.equals(row.get("inserted", Boolean.class)) ? row.get("id", String.class) : "")
                .all()
                .filter(id -> !id.isEmpty())
                .collectList();
        Mono<Void> deactivate = db.sql("UPDATE models SET active = FALSE WHERE active AND NOT (id = ANY(CAST(:ids AS text[])))")
                .bind("ids", listed.stream().map(OpenWebUiModel::id).toArray(String[]::new))
                .then();
        return added.flatMap(ids -> deactivate.thenReturn(ids));
    }

    public Flux<ModelView> all() {
        return db.sql(COLUMNS + " ORDER BY id").map(Models::view).all();
    }

    public Mono<ModelView> find(String id) {
        return db.sql(COLUMNS + " WHERE id = :id").bind("id", id).map(Models::view).one();
    }

    /** Sets the three prices; empty when the model is unknown. */
    public Mono<ModelView> setPrices(String id, BigDecimal input, BigDecimal output, BigDecimal perMessage,
            Instant at) {
        return db.sql("""
                        UPDATE models SET input_price = :input, output_price = :output, per_msg_price = :perMessage,
                                          updated_at = :at
                        WHERE id = :id
                        RETURNING id, name, base_model_id, image_url, system_prompt, input_price, output_price,
                                  per_msg_price, active, updated_at
                        """)
                .bind("id", id)
                .bind("input", input)
                .bind("output", output)
                .bind("perMessage", perMessage)
                .bind("at", at)
                .map(Models::view)
                .one();
    }

    /**
     * Stores a model from a backup with its prices. A price that differs from the stored one takes effect now
     * ({@code updated_at}), so billing's history is never rewritten into the past; an equal price keeps its time.
     */
    public Mono<ModelView> importModel(BackupRecords.Model model, Instant at) {
        GenericExecuteSpec insert = db.sql("""
                        INSERT INTO models (id, name, base_model_id, image_url, system_prompt, input_price,
                                            output_price, per_msg_price, active, created_at, updated_at)
                        VALUES (:id, :name, :base, :image, :prompt, :input, :output, :perMessage, TRUE, :at, :at)
                        ON CONFLICT (id) DO UPDATE SET
                            name = COALESCE(EXCLUDED.name, models.name),
                            base_model_id = EXCLUDED.base_model_id,
                            image_url = COALESCE(EXCLUDED.image_url, models.image_url),
                            system_prompt = COALESCE(EXCLUDED.system_prompt, models.system_prompt),
                            input_price = EXCLUDED.input_price,
                            output_price = EXCLUDED.output_price,
                            per_msg_price = EXCLUDED.per_msg_price,
                            updated_at = CASE WHEN models.input_price = EXCLUDED.input_price
                                               AND models.output_price = EXCLUDED.output_price
                                               AND models.per_msg_price = EXCLUDED.per_msg_price
                                              THEN models.updated_at ELSE EXCLUDED.updated_at END
                        RETURNING id, name, base_model_id, image_url, system_prompt, input_price, output_price,
                                  per_msg_price, active, updated_at
                        """);
        return Binder.of(insert)
                .bindNullable("name", model.name(), String.class)
                .bindNullable("image", model.imageUrl(), String.class)
                .bindNullable("prompt", model.systemPrompt(), String.class)
                .spec()
                .bind("id", model.id())
                .bind("base", baseModelOf(model.id(), model.baseModelId()))
                .bind("input", model.inputPrice())
                .bind("output", model.outputPrice())
                .bind("perMessage", model.perMessagePrice().signum() < 0 ? BigDecimal.ONE.negate()
                        : model.perMessagePrice())
                .bind("at", at)
                .map(Models::view)
                .one();
    }


    private static ModelView view(Readable row) {
        return new ModelView(row.get("id", String.class), row.get("base_model_id", String.class),
                row.get("name", String.class), row.get("image_url", String.class),
                row.get("system_prompt", String.class), Money.plain(row.get("input_price", BigDecimal.class)),
                Money.plain(row.get("output_price", BigDecimal.class)),
                Money.plain(row.get("per_msg_price", BigDecimal.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("updated_at", OffsetDateTime.class));
    }

    /**
     * OpenWebUI's {@code info.base_model_id} when it sends one, else the original's rule: the part of the id after
     * its last dot (a model without a dot is its own base).
     */
    static String baseModelOf(String modelId, String reportedBase) {
        if (reportedBase != null && !reportedBase.isBlank()) {
            return reportedBase;
        }
        int dot = modelId.lastIndexOf('.');
        return dot >= 0 && dot < modelId.length() - 1 ? modelId.substring(dot + 1) : modelId;
    }
}
