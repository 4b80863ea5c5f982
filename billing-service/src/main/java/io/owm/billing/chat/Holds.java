package io.owm.billing.chat;

import io.owm.billing.support.Binder;
import io.owm.contracts.chat.ChatRef;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Inlet holds: taken when a chat starts, settled by the outlet of the same chat. */
@Component
class Holds {

    /*
     * The hold of the same message first (OpenWebUI sends chat and message id on both inlet and outlet), else the
     * oldest open hold of the user on the same model (old functions send no ids).
     */
    private static final String SETTLE = """
            UPDATE holds SET settled_by = :settledBy, settled_at = :at
            WHERE id = (
                SELECT id FROM holds
                WHERE user_id = :userId AND settled_by IS NULL
                  AND ((chat_id = :chatId AND message_id = :messageId) OR model = :model)
                ORDER BY COALESCE(chat_id = :chatId AND message_id = :messageId, FALSE) DESC, created_at, id
                LIMIT 1)
            RETURNING amount
            """;

    private final DatabaseClient db;

    Holds(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> take(String userId, String model, ChatRef chat, BigDecimal amount, String requestKey, Instant at) {
        return Binder.of(db.sql("""
                        INSERT INTO holds (user_id, model, chat_id, message_id, amount, request_key, created_at)
                        VALUES (:userId, :model, :chatId, :messageId, :amount, :requestKey, :at)
                        """))
                .bind("userId", userId)
                .bind("model", model)
                .bindNullable("chatId", chat.chatId(), String.class)
                .bindNullable("messageId", chat.messageId(), String.class)
                .bind("amount", amount)
                .bind("requestKey", requestKey)
                .bind("at", at)
                .spec()
                .then();
    }

    /** Settles the hold this outlet belongs to and answers its amount; empty when there is none. */
    Mono<BigDecimal> settle(String userId, String model, ChatRef chat, String settledBy, Instant at) {
        return Binder.of(db.sql(SETTLE))
                .bind("userId", userId)
                .bind("model", model)
                .bindNullable("chatId", chat.chatId(), String.class)
                .bindNullable("messageId", chat.messageId(), String.class)
                .bind("settledBy", settledBy)
                .bind("at", at)
                .spec()
                .map(row -> row.get("amount", BigDecimal.class))
                .one();
    }
}
