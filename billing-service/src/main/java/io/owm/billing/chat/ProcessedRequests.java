package io.owm.billing.chat;

import io.owm.billing.support.CombinedRead;
import io.owm.billing.support.CombinedWrite;
import io.owm.contracts.billing.ChatAdmitted;
import io.owm.contracts.billing.ChatCharged;
import io.owm.contracts.billing.ChatReply;
import io.owm.contracts.serde.EventSerde;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The idempotency store: the reply to every applied chat request, written in the same transaction as its
 * balance change. Looking a key up here first is what makes a retried or redelivered request a no-op.
 */
@Component
class ProcessedRequests {

    private static final String FIND = """
            SELECT reply_type, reply::text AS reply FROM processed_requests
            WHERE request_key = ANY(CAST(:requestKeys AS text[]))
            """;

    private static final String REMEMBER = """
            INSERT INTO processed_requests (request_key, user_id, reply_type, reply, created_at)
            SELECT request_key, user_id, reply_type, CAST(reply AS jsonb), :at
            FROM unnest(CAST(:replyKeys AS text[]), CAST(:replyUsers AS text[]), CAST(:replyTypes AS text[]),
                        CAST(:replies AS text[])) AS r(request_key, user_id, reply_type, reply)
            """;

    private final JsonMapper json;

    ProcessedRequests(JsonMapper json) {
        this.json = json;
    }

    /** Adds to {@code read} the stored replies of those request keys that were applied before, by key. */
    CombinedRead.Part<Map<String, ChatReply>> find(CombinedRead read, Collection<String> requestKeys) {
        return read.add(FIND, Map.of("requestKeys", requestKeys.toArray(String[]::new)), rows -> rows.stream()
                .map(row -> decode(row.string("reply_type"), row.string("reply")))
                .collect(Collectors.toMap(ChatReply::requestKey, reply -> reply)));
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
