package io.owm.catalog.model;

import io.owm.contracts.Money;
import io.owm.catalog.CatalogProperties;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The models table. */
@Component
class Models {

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
                .bind("baseModelId", baseModelOf(modelId))
                .bind("input", properties.defaultInputPrice())
                .bind("output", properties.defaultOutputPrice())
                .bind("perMessage", properties.defaultPerMessagePrice())
                .then();
    }

    Flux<ModelView> all() {
        return db.sql("""
                        SELECT id, name, base_model_id, image_url, system_prompt, input_price, output_price,
                               per_msg_price, active, updated_at
                        FROM models ORDER BY id
                        """)
                .map(row -> new ModelView(row.get("id", String.class), row.get("base_model_id", String.class),
                        row.get("name", String.class), row.get("image_url", String.class),
                        row.get("system_prompt", String.class), Money.plain(row.get("input_price", BigDecimal.class)),
                        Money.plain(row.get("output_price", BigDecimal.class)),
                        Money.plain(row.get("per_msg_price", BigDecimal.class)),
                        Boolean.TRUE.equals(row.get("active", Boolean.class)),
                        row.get("updated_at", OffsetDateTime.class)))
                .all();
    }

    /** The original's rule: a derived model's base is the part of its id after the last dot. */
    static String baseModelOf(String modelId) {
        int dot = modelId.lastIndexOf('.');
        return dot >= 0 && dot < modelId.length() - 1 ? modelId.substring(dot + 1) : modelId;
    }
}
