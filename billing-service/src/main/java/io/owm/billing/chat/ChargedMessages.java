package io.owm.billing.chat;

import io.owm.billing.support.CombinedWrite;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Tokens already charged per assistant message. A "continue" reuses the message id with longer content; only
 * the tokens beyond what was charged before are charged again.
 */
@Component
class ChargedMessages {

    private static final String FIND = """
            SELECT user_id, chat_id, message_id, input_tokens, output_tokens FROM charged_messages
            JOIN unnest(CAST(:users AS text[]), CAST(:chats AS text[]), CAST(:messages AS text[]))
                 AS k(user_id, chat_id, message_id) USING (user_id, chat_id, message_id)
            """;

    private static final String RECORD = """
            INSERT INTO charged_messages (user_id, chat_id, message_id, input_tokens, output_tokens)
            SELECT * FROM unnest(CAST(:chargedUsers AS text[]), CAST(:chargedChats AS text[]),
                                 CAST(:chargedMessages AS text[]), CAST(:chargedInputs AS bigint[]),
                                 CAST(:chargedOutputs AS bigint[]))
            ON CONFLICT (user_id, chat_id, message_id) DO UPDATE SET
                input_tokens = GREATEST(charged_messages.input_tokens, EXCLUDED.input_tokens),
                output_tokens = GREATEST(charged_messages.output_tokens, EXCLUDED.output_tokens)
            """;

    private final DatabaseClient db;

    ChargedMessages(DatabaseClient db) {
        this.db = db;
    }

    Mono<Map<MessageKey, Tokens>> find(Collection<MessageKey> messages) {
        if (messages.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(FIND)
                .bind("users", messages.stream().map(MessageKey::userId).toArray(String[]::new))
                .bind("chats", messages.stream().map(MessageKey::chatId).toArray(String[]::new))
                .bind("messages", messages.stream().map(MessageKey::messageId).toArray(String[]::new))
                .map(row -> Map.entry(
                        new MessageKey(row.get("user_id", String.class), row.get("chat_id", String.class),
                                row.get("message_id", String.class)),
                        new Tokens(row.get("input_tokens", Long.class), row.get("output_tokens", Long.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Adds to {@code write} the charged totals of a batch's messages, one row each. */
    void record(CombinedWrite write, Map<MessageKey, Tokens> charged) {
        if (charged.isEmpty()) {
            return;
        }
        List<Map.Entry<MessageKey, Tokens>> rows = List.copyOf(charged.entrySet());
        write.add(RECORD, Map.of(
                "chargedUsers", rows.stream().map(r -> r.getKey().userId()).toArray(String[]::new),
                "chargedChats", rows.stream().map(r -> r.getKey().chatId()).toArray(String[]::new),
                "chargedMessages", rows.stream().map(r -> r.getKey().messageId()).toArray(String[]::new),
                "chargedInputs", rows.stream().map(r -> r.getValue().input()).toArray(Long[]::new),
                "chargedOutputs", rows.stream().map(r -> r.getValue().output()).toArray(Long[]::new)));
    }
}
