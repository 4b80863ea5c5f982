package io.owm.billing.chat;

import io.owm.billing.support.CombinedWrite;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Inlet holds: taken when a chat starts, settled by the outlet of the same chat. Reads and writes whole batches. */
@Component
class Holds {

    /*
     * What a batch's outlets may settle: holds of their very messages, and each user's oldest open holds per
     * model (old functions send no ids), at most as many as the batch has events. Oldest first, as settled.
     */
    private static final String OPEN = """
            SELECT id, user_id, model, chat_id, message_id, amount, request_key FROM (
                SELECT h.*, row_number() OVER (PARTITION BY user_id, model ORDER BY created_at, id) AS nth
                FROM holds h WHERE settled_by IS NULL AND user_id = ANY(CAST(:users AS text[]))) open
            WHERE nth <= :limit
               OR (chat_id, message_id) IN (SELECT * FROM unnest(CAST(:chats AS text[]), CAST(:messages AS text[])))
            ORDER BY created_at, id
            """;

    private static final String INSERT = """
            INSERT INTO holds (user_id, model, chat_id, message_id, amount, request_key, settled_by, created_at,
                               settled_at)
            SELECT user_id, model, chat_id, message_id, amount, request_key, settled_by, :at,
                   CASE WHEN settled_by IS NULL THEN NULL ELSE CAST(:at AS timestamptz) END
            FROM unnest(CAST(:holdUsers AS text[]), CAST(:holdModels AS text[]), CAST(:holdChats AS text[]),
                        CAST(:holdMessages AS text[]), CAST(:holdAmounts AS numeric[]), CAST(:holdKeys AS text[]),
                        CAST(:holdSettledBy AS text[]))
                 WITH ORDINALITY AS h(user_id, model, chat_id, message_id, amount, request_key, settled_by, ord)
            ORDER BY ord
            """;

    private static final String SETTLE = """
            UPDATE holds SET settled_by = s.settled_by, settled_at = :at
            FROM unnest(CAST(:settledIds AS bigint[]), CAST(:settledBy AS text[])) AS s(id, settled_by)
            WHERE holds.id = s.id
            """;

    private final DatabaseClient db;

    Holds(DatabaseClient db) {
        this.db = db;
    }

    /** The open holds a batch of outlets may settle, oldest first. */
    Mono<List<OpenHold>> openFor(Collection<String> users, Collection<MessageKey> messages, int limit) {
        if (users.isEmpty()) {
            return Mono.just(List.of());
        }
        return db.sql(OPEN)
                .bind("users", users.toArray(String[]::new))
                .bind("limit", limit)
                .bind("chats", messages.stream().map(MessageKey::chatId).toArray(String[]::new))
                .bind("messages", messages.stream().map(MessageKey::messageId).toArray(String[]::new))
                .map(row -> new OpenHold(row.get("id", Long.class), row.get("user_id", String.class),
                        row.get("model", String.class), row.get("chat_id", String.class),
                        row.get("message_id", String.class), row.get("amount", BigDecimal.class),
                        row.get("request_key", String.class)))
                .all()
                .collectList();
    }

    /** Adds to {@code write} the holds a batch took (some perhaps already settled by a later outlet of the batch). */
    void insert(CombinedWrite write, List<OpenHold> taken, Instant at) {
        if (taken.isEmpty()) {
            return;
        }
        write.add(INSERT, Map.of(
                "holdUsers", taken.stream().map(OpenHold::userId).toArray(String[]::new),
                "holdModels", taken.stream().map(OpenHold::model).toArray(String[]::new),
                "holdChats", taken.stream().map(OpenHold::chatId).toArray(String[]::new),
                "holdMessages", taken.stream().map(OpenHold::messageId).toArray(String[]::new),
                "holdAmounts", taken.stream().map(h -> h.amount().toPlainString()).toArray(String[]::new),
                "holdKeys", taken.stream().map(OpenHold::requestKey).toArray(String[]::new),
                "holdSettledBy", taken.stream().map(OpenHold::settledBy).toArray(String[]::new),
                "at", at));
    }

    /** Adds to {@code write} the stored holds that a batch's outlets settled. */
    void settle(CombinedWrite write, List<OpenHold> settled, Instant at) {
        if (settled.isEmpty()) {
            return;
        }
        write.add(SETTLE, Map.of(
                "settledIds", settled.stream().map(OpenHold::id).toArray(Long[]::new),
                "settledBy", settled.stream().map(OpenHold::settledBy).toArray(String[]::new),
                "at", at));
    }
}
