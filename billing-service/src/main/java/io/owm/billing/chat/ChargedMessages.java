package io.owm.billing.chat;

import io.owm.contracts.chat.ChatRef;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Tokens already charged per assistant message. A "continue" reuses the message id with longer content; only
 * the tokens beyond what was charged before are charged again.
 */
@Component
class ChargedMessages {

    private final DatabaseClient db;

    ChargedMessages(DatabaseClient db) {
        this.db = db;
    }

    Mono<Tokens> find(String userId, ChatRef chat) {
        if (!chat.identifiesMessage()) {
            return Mono.empty();
        }
        return db.sql("""
                        SELECT input_tokens, output_tokens FROM charged_messages
                        WHERE user_id = :userId AND chat_id = :chatId AND message_id = :messageId
                        """)
                .bind("userId", userId)
                .bind("chatId", chat.chatId())
                .bind("messageId", chat.messageId())
                .map(row -> new Tokens(row.get("input_tokens", Long.class), row.get("output_tokens", Long.class)))
                .one();
    }

    Mono<Void> record(String userId, ChatRef chat, Tokens total) {
        if (!chat.identifiesMessage()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO charged_messages (user_id, chat_id, message_id, input_tokens, output_tokens)
                        VALUES (:userId, :chatId, :messageId, :input, :output)
                        ON CONFLICT (user_id, chat_id, message_id) DO UPDATE SET
                            input_tokens = GREATEST(charged_messages.input_tokens, EXCLUDED.input_tokens),
                            output_tokens = GREATEST(charged_messages.output_tokens, EXCLUDED.output_tokens)
                        """)
                .bind("userId", userId)
                .bind("chatId", chat.chatId())
                .bind("messageId", chat.messageId())
                .bind("input", total.input())
                .bind("output", total.output())
                .then();
    }

    record Tokens(long input, long output) {

        static final Tokens NONE = new Tokens(0, 0);

        Tokens newSince(Tokens charged) {
            return new Tokens(Math.max(0, input - charged.input), Math.max(0, output - charged.output));
        }

        Tokens max(Tokens other) {
            return new Tokens(Math.max(input, other.input), Math.max(output, other.output));
        }
    }
}
