package io.owm.billing.chat;

import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.ChatReply;
import io.r2dbc.postgresql.codec.Json;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The idempotency store: the reply to every applied chat request, written in the same transaction as its
 * balance change. Looking a key up here first is what makes a retried or redelivered request a no-op.
 */
@Component
class ProcessedRequests {

    private final DatabaseClient db;
    private final JsonMapper json;

    ProcessedRequests(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<ChatReply> find(String requestKey) {
        return db.sql("SELECT reply_type, reply::text AS reply FROM processed_requests WHERE request_key = :key")
                .bind("key", requestKey)
                .map(row -> decode(row.get("reply_type", String.class), row.get("reply", String.class)))
                .one();
    }

    Mono<Void> remember(ChatReply reply) {
        String type = reply instanceof ChatAdmitted ? ChatAdmitted.TYPE : ChatCharged.TYPE;
        return db.sql("""
                        INSERT INTO processed_requests (request_key, user_id, reply_type, reply, created_at)
                        VALUES (:key, :userId, :type, :reply, :at)
                        """)
                .bind("key", reply.requestKey())
                .bind("userId", reply.userId())
                .bind("type", type)
                .bind("reply", Json.of(json.writeValueAsString(reply)))
                .bind("at", reply.occurredAt())
                .then();
    }

    private ChatReply decode(String type, String reply) {
        return switch (type) {
            case ChatAdmitted.TYPE -> json.readValue(reply, ChatAdmitted.class);
            case ChatCharged.TYPE -> json.readValue(reply, ChatCharged.class);
            default -> throw new IllegalStateException("Unknown stored reply type " + type);
        };
    }
}
