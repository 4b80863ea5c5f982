package io.owm.billing.chat;

import io.owm.billing.support.CombinedRead;
import io.owm.billing.support.CombinedWrite;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * What was charged per assistant message ({@link MessageCharge}), so that a "continue" (the same message id with
 * a longer reply) is charged for its own model call only ({@link ContinuePricing}).
 */
@Component
class ChargedMessages {

    private static final String FIND = """
            SELECT user_id, chat_id, message_id, input_tokens, output_tokens, usage_digest, reply_tokens
            FROM charged_messages
            JOIN unnest(CAST(:messageUsers AS text[]), CAST(:messageChats AS text[]), CAST(:messageIds AS text[]))
                 AS k(user_id, chat_id, message_id) USING (user_id, chat_id, message_id)
            """;

    // Only the holder of the user's row lock writes a user's rows, after reading them under that lock: the row
    // written is the one the batch decided on.
    private static final String RECORD = """
            INSERT INTO charged_messages (user_id, chat_id, message_id, input_tokens, output_tokens, usage_digest,
                                          reply_tokens, charged_input, charged_output, charged_cost, charged_at)
            SELECT *, CAST(:at AS timestamptz) FROM unnest(CAST(:chargedUsers AS text[]),
                                 CAST(:chargedChats AS text[]), CAST(:chargedMessages AS text[]),
                                 CAST(:chargedInputs AS bigint[]), CAST(:chargedOutputs AS bigint[]),
                                 CAST(:chargedUsages AS text[]), CAST(:chargedReplies AS bigint[]),
                                 CAST(:addedInputs AS bigint[]), CAST(:addedOutputs AS bigint[]),
                                 CAST(:addedCosts AS numeric[]))
            ON CONFLICT (user_id, chat_id, message_id) DO UPDATE SET
                input_tokens = EXCLUDED.input_tokens,
                output_tokens = EXCLUDED.output_tokens,
                usage_digest = EXCLUDED.usage_digest,
                reply_tokens = EXCLUDED.reply_tokens,
                charged_input = charged_messages.charged_input + EXCLUDED.charged_input,
                charged_output = charged_messages.charged_output + EXCLUDED.charged_output,
                charged_cost = charged_messages.charged_cost + EXCLUDED.charged_cost,
                charged_at = EXCLUDED.charged_at
            """;

    /** Adds to {@code read} what was charged before for these messages. */
    CombinedRead.Part<Map<MessageKey, MessageCharge>> find(CombinedRead read, Collection<MessageKey> messages) {
        return read.add(FIND, Map.of(
                "messageUsers", messages.stream().map(MessageKey::userId).toArray(String[]::new),
                "messageChats", messages.stream().map(MessageKey::chatId).toArray(String[]::new),
                "messageIds", messages.stream().map(MessageKey::messageId).toArray(String[]::new)),
                rows -> rows.stream().collect(Collectors.toMap(
                        row -> new MessageKey(row.string("user_id"), row.string("chat_id"), row.string("message_id")),
                        row -> new MessageCharge(row.longValue("input_tokens"), row.longValue("output_tokens"),
                                row.string("usage_digest"), row.longValue("reply_tokens")))));
    }

    /**
     * Adds to {@code write} what is kept of a batch's charged messages, one row each, with what the batch charged
     * each added to its totals (each charge is applied once, so the totals never count one twice).
     */
    void record(CombinedWrite write, Map<MessageKey, MessageCharge> charged, Map<MessageKey, MessageTotal> added,
            Instant at) {
        if (charged.isEmpty()) {
            return;
        }
        List<Map.Entry<MessageKey, MessageCharge>> rows = List.copyOf(charged.entrySet());
        MessageTotal none = new MessageTotal(0, 0, BigDecimal.ZERO);
        List<MessageTotal> totals = rows.stream().map(r -> added.getOrDefault(r.getKey(), none)).toList();
        write.add(RECORD, Map.ofEntries(
                Map.entry("chargedUsers", rows.stream().map(r -> r.getKey().userId()).toArray(String[]::new)),
                Map.entry("chargedChats", rows.stream().map(r -> r.getKey().chatId()).toArray(String[]::new)),
                Map.entry("chargedMessages", rows.stream().map(r -> r.getKey().messageId()).toArray(String[]::new)),
                Map.entry("chargedInputs", rows.stream().map(r -> r.getValue().input()).toArray(Long[]::new)),
                Map.entry("chargedOutputs", rows.stream().map(r -> r.getValue().output()).toArray(Long[]::new)),
                Map.entry("chargedUsages", rows.stream().map(r -> r.getValue().usageDigest()).toArray(String[]::new)),
                Map.entry("chargedReplies", rows.stream().map(r -> r.getValue().replyTokens()).toArray(Long[]::new)),
                Map.entry("addedInputs", totals.stream().map(MessageTotal::input).toArray(Long[]::new)),
                Map.entry("addedOutputs", totals.stream().map(MessageTotal::output).toArray(Long[]::new)),
                Map.entry("addedCosts", totals.stream().map(MessageTotal::cost).toArray(BigDecimal[]::new)),
                Map.entry("at", at)));
    }
}
