package io.owm.gateway.chat;

import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatUser;
import io.owm.gateway.web.FunctionApiException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code {"user": __user__, "body": body}} as OpenWebUI functions send it, new and 0.3.x alike. Only the
 * user's id, email, name and role are kept: {@code api_key}, {@code settings}, {@code oauth_sub} and valves
 * never get past this class.
 */
final class ChatRequestParser {

    private ChatRequestParser() {
    }

    static ChatRequest inlet(JsonNode request) {
        JsonNode body = body(request);
        return parse(request, body, chatRef(body.path("metadata")), false);
    }

    static ChatRequest outlet(JsonNode request) {
        JsonNode body = body(request);
        JsonNode metadata = body.path("metadata");
        ChatRef fromBody = new ChatRef(text(body, "chat_id"), text(body, "id"), text(body, "session_id"));
        ChatRef fromMetadata = chatRef(metadata);
        ChatRef chat = new ChatRef(
                fromBody.chatId() != null ? fromBody.chatId() : fromMetadata.chatId(),
                fromBody.messageId() != null ? fromBody.messageId() : fromMetadata.messageId(),
                fromBody.sessionId() != null ? fromBody.sessionId() : fromMetadata.sessionId());
        return parse(request, body, chat, true);
    }

    private static ChatRequest parse(JsonNode request, JsonNode body, ChatRef chat, boolean needsMessages) {
        ChatUser user = user(request.path("user"));
        String model = text(body, "model");
        if (model == null) {
            throw FunctionApiException.invalid("body.model is required");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isMissingNode() && !messages.isNull() && !messages.isArray()) {
            throw FunctionApiException.invalid("body.messages must be a list");
        }
        List<JsonNode> list = new ArrayList<>();
        messages.forEach(list::add);
        if (needsMessages && list.isEmpty()) {
            throw FunctionApiException.invalid("body.messages must hold at least the assistant reply");
        }
        return new ChatRequest(user, model, chat, list, text(body.path("metadata"), "task"));
    }

    private static JsonNode body(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw FunctionApiException.invalid("The request must be a JSON object with user and body");
        }
        JsonNode body = request.path("body");
        if (!body.isObject()) {
            throw FunctionApiException.invalid("body is required and must be an object");
        }
        return body;
    }

    private static ChatUser user(JsonNode user) {
        if (!user.isObject()) {
            throw FunctionApiException.invalid("user is required and must be an object");
        }
        String id = text(user, "id");
        if (id == null) {
            throw FunctionApiException.invalid("user.id is required");
        }
        return new ChatUser(id, text(user, "email"), text(user, "name"), text(user, "role"));
    }

    private static ChatRef chatRef(JsonNode metadata) {
        return new ChatRef(text(metadata, "chat_id"), text(metadata, "message_id"), text(metadata, "session_id"));
    }

    /** A non-blank scalar as text, else null; ids sent as numbers are accepted too. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asString();
        return text.isBlank() ? null : text;
    }
}
