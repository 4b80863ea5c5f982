package io.owm.billing.chat;

import io.owm.billing.support.CombinedRead;
import io.owm.billing.support.CombinedWrite;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Inlet holds: taken when a chat starts, settled by the outlet of the same chat. Reads and writes whole batches. */
@Component
class Holds {

    /*
     * What a batch's outlets may settle: holds of their very messages, and each user's oldest open holds per
     * model (old functions send no ids), at most as many as the batch has events. Oldest first, as settled.
     */
    private static final String OPEN = """
            SELECT id, user_id, model, chat_id, message_id, amount::text AS amount, request_key, created_at FROM (
                SELECT h.*, row_number() OVER (PARTITION BY user_id, model ORDER BY created_at, id) AS nth
                FROM holds h WHERE settled_by IS NULL AND user_id = ANY(CAST(:holdUsers AS text[]))) open
            WHERE nth <= :holdLimit
               OR (chat_id, message_id) IN (SELECT * FROM unnest(CAST(:holdChats AS text[]),
                                                                 CAST(:holdMessages AS text[])))
            """;

    private static final String OLDEST_FIRST = "p.created_at, p.id";

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

    /** Adds to {@code read} the open holds a batch of outlets may settle, oldest first. */
    CombinedRead.Part<List<OpenHold>> openFor(CombinedRead read, Collection<String> users,
            Collection<MessageKey> messages, int limit) {
        return read.add(OPEN, OLDEST_FIRST, Map.of(
                "holdUsers", users.toArray(String[]::new),
                "holdLimit", limit,
                "holdChats", messages.stream().map(MessageKey::chatId).toArray(String[]::new),
                "holdMessages", messages.stream().map(MessageKey::messageId).toArray(String[]::new)),
                rows -> rows.stream().map(row -> new OpenHold(row.longValue("id"), row.string("user_id"),
                        row.string("model"), row.string("chat_id"), row.string("message_id"),
                        row.decimal("amount"), row.string("request_key"))).toList());
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
