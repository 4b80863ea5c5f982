package io.owm.billing.chat;

import io.owm.billing.support.CombinedWrite;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.ChatReply;
import io.owm.contracts.serde.EventSerde;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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

    private static final String REMEMBER = """
            INSERT INTO processed_requests (request_key, user_id, reply_type, reply, created_at)
            SELECT request_key, user_id, reply_type, CAST(reply AS jsonb), :at
            FROM unnest(CAST(:replyKeys AS text[]), CAST(:replyUsers AS text[]), CAST(:replyTypes AS text[]),
                        CAST(:replies AS text[])) AS r(request_key, user_id, reply_type, reply)
            """;

    private final DatabaseClient db;
    private final JsonMapper json;

    ProcessedRequests(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The stored replies of those request keys that were applied before, by key. */
    Mono<Map<String, ChatReply>> find(Collection<String> requestKeys) {
        return db.sql("""
                        SELECT request_key, reply_type, reply::text AS reply FROM processed_requests
                        WHERE request_key = ANY(CAST(:keys AS text[]))
                        """)
                .bind("keys", requestKeys.toArray(String[]::new))
                .map(row -> decode(row.get("reply_type", String.class), row.get("reply", String.class)))
                .all()
                .collectMap(ChatReply::requestKey);
    }

    /** Adds to {@code write} the replies of a batch's newly applied requests. */
    void remember(CombinedWrite write, List<ChatReply> replies, Instant at) {
        if (replies.isEmpty()) {
            return;
        }
        write.add(REMEMBER, Map.of(
                "replyKeys", replies.stream().map(ChatReply::requestKey).toArray(String[]::new),
                "replyUsers", replies.stream().map(ChatReply::userId).toArray(String[]::new),
                "replyTypes", replies.stream().map(ProcessedRequests::typeOf).toArray(String[]::new),
                "replies", replies.stream().map(json::writeValueAsString).toArray(String[]::new),
                "at", at));
    }

    private static String typeOf(ChatReply reply) {
        return reply instanceof ChatAdmitted ? ChatAdmitted.TYPE : ChatCharged.TYPE;
    }

    private ChatReply decode(String type, String reply) {
        return json.readValue(reply, EventSerde.typeNamed(type).asSubclass(ChatReply.class));
    }
}
