package io.owm.billing.chat;

import io.owm.billing.support.CombinedWrite;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What was charged per assistant message ({@link MessageCharge}), so that a "continue" (the same message id with
 * a longer reply) is charged for its own model call only ({@link ContinuePricing}).
 */
@Component
class ChargedMessages {

    private static final String FIND = """
            SELECT user_id, chat_id, message_id, input_tokens, output_tokens, usage_digest, reply_tokens
            FROM charged_messages
            JOIN unnest(CAST(:users AS text[]), CAST(:chats AS text[]), CAST(:messages AS text[]))
                 AS k(user_id, chat_id, message_id) USING (user_id, chat_id, message_id)
            """;

    // Only the holder of the user's row lock writes a user's rows, after reading them under that lock: the row
    // written is the one the batch decided on.
    private static final String RECORD = """
            INSERT INTO charged_messages (user_id, chat_id, message_id, input_tokens, output_tokens, usage_digest,
                                          reply_tokens)
            SELECT * FROM unnest(CAST(:chargedUsers AS text[]), CAST(:chargedChats AS text[]),
                                 CAST(:chargedMessages AS text[]), CAST(:chargedInputs AS bigint[]),
                                 CAST(:chargedOutputs AS bigint[]), CAST(:chargedUsages AS text[]),
                                 CAST(:chargedReplies AS bigint[]))
            ON CONFLICT (user_id, chat_id, message_id) DO UPDATE SET
                input_tokens = EXCLUDED.input_tokens,
                output_tokens = EXCLUDED.output_tokens,
                usage_digest = EXCLUDED.usage_digest,
                reply_tokens = EXCLUDED.reply_tokens
            """;

    private final DatabaseClient db;

    ChargedMessages(DatabaseClient db) {
        this.db = db;
    }

    Mono<Map<MessageKey, MessageCharge>> find(Collection<MessageKey> messages) {
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
                        new MessageCharge(row.get("input_tokens", Long.class), row.get("output_tokens", Long.class),
                                row.get("usage_digest", String.class), row.get("reply_tokens", Long.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Adds to {@code write} what is kept of a batch's charged messages, one row each. */
    void record(CombinedWrite write, Map<MessageKey, MessageCharge> charged) {
        if (charged.isEmpty()) {
            return;
        }
        List<Map.Entry<MessageKey, MessageCharge>> rows = List.copyOf(charged.entrySet());
        write.add(RECORD, Map.of(
                "chargedUsers", rows.stream().map(r -> r.getKey().userId()).toArray(String[]::new),
                "chargedChats", rows.stream().map(r -> r.getKey().chatId()).toArray(String[]::new),
                "chargedMessages", rows.stream().map(r -> r.getKey().messageId()).toArray(String[]::new),
                "chargedInputs", rows.stream().map(r -> r.getValue().input()).toArray(Long[]::new),
                "chargedOutputs", rows.stream().map(r -> r.getValue().output()).toArray(Long[]::new),
                "chargedUsages", rows.stream().map(r -> r.getValue().usageDigest()).toArray(String[]::new),
                "chargedReplies", rows.stream().map(r -> r.getValue().replyTokens()).toArray(Long[]::new)));
    }
}
