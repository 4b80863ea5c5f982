package io.owm.gateway.chat;

import io.owm.contracts.chat.ChatBounds;
import io.owm.contracts.chat.ChatRef;
import io.owm.contracts.chat.ChatUser;
import io.owm.gateway.web.FunctionApiException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code {"user": __user__, "body": body}} as OpenWebUI functions send it, new and 0.3.x alike. Only the
 * user's id, email, name and role are kept: {@code api_key}, {@code settings}, {@code oauth_sub} and valves
 * never get past this class. Every kept field is checked against {@link ChatBounds}, the bounds billing applies
 * too: a request outside them is refused here, before anything is published, so that no answered event can
 * fail later in billing.
 */
final class ChatRequestParser {

    private ChatRequestParser() {
    }

    static ChatRequest inlet(JsonNode request) {
        JsonNode body = body(request);
        return parse(request, body, metadataRef(body), false);
    }

    static ChatRequest outlet(JsonNode request) {
        JsonNode body = body(request);
        ChatRef fromMetadata = metadataRef(body);
        String chatId = text(body, "chat_id", "body.chat_id", ChatBounds.MAX_ID_LENGTH);
        String messageId = text(body, "id", "body.id", ChatBounds.MAX_ID_LENGTH);
        String sessionId = text(body, "session_id", "body.session_id", ChatBounds.MAX_ID_LENGTH);
        ChatRef chat = new ChatRef(
                chatId != null ? chatId : fromMetadata.chatId(),
                messageId != null ? messageId : fromMetadata.messageId(),
                sessionId != null ? sessionId : fromMetadata.sessionId());
        return parse(request, body, chat, true);
    }

    private static ChatRequest parse(JsonNode request, JsonNode body, ChatRef chat, boolean needsMessages) {
        ChatUser user = user(request.path("user"));
        String model = text(body, "model", "body.model", ChatBounds.MAX_MODEL_LENGTH);
        if (model == null) {
            throw FunctionApiException.invalidField("body.model", "body.model is required");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isMissingNode() && !messages.isNull() && !messages.isArray()) {
            throw FunctionApiException.invalidField("body.messages", "body.messages must be a list");
        }
        List<JsonNode> list = new ArrayList<>();
        messages.forEach(list::add);
        if (needsMessages && list.isEmpty()) {
            throw FunctionApiException.invalidField("body.messages",
                    "body.messages must hold at least the assistant reply");
        }
        String task = text(body.path("metadata"), "task", "body.metadata.task", ChatBounds.MAX_TASK_LENGTH);
        return new ChatRequest(user, model, chat, list, task);
    }

    private static JsonNode body(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw FunctionApiException.invalid("The request must be a JSON object with user and body");
        }
        JsonNode body = request.path("body");
        if (!body.isObject()) {
            throw FunctionApiException.invalidField("body", "body is required and must be an object");
        }
        return body;
    }

    static ChatUser user(JsonNode user) {
        if (!user.isObject()) {
            throw FunctionApiException.invalidField("user", "user is required and must be an object");
        }
        String id = text(user, "id", "user.id", ChatBounds.MAX_ID_LENGTH);
        if (id == null) {
            throw FunctionApiException.invalidField("user.id", "user.id is required");
        }
        return new ChatUser(id,
                text(user, "email", "user.email", ChatBounds.MAX_EMAIL_LENGTH),
                text(user, "name", "user.name", ChatBounds.MAX_NAME_LENGTH),
                text(user, "role", "user.role", ChatBounds.MAX_ROLE_LENGTH));
    }

    private static ChatRef metadataRef(JsonNode body) {
        JsonNode metadata = body.path("metadata");
        return new ChatRef(
                text(metadata, "chat_id", "body.metadata.chat_id", ChatBounds.MAX_ID_LENGTH),
                text(metadata, "message_id", "body.metadata.message_id", ChatBounds.MAX_ID_LENGTH),
                text(metadata, "session_id", "body.metadata.session_id", ChatBounds.MAX_ID_LENGTH));
    }

    /**
     * A non-blank scalar as text, else null; ids sent as numbers are accepted too. A value outside the bounds is
     * refused, naming {@code parameter}.
     */
    static String text(JsonNode node, String field, String parameter, int maxLength) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asString();
        if (text.isBlank()) {
            return null;
        }
        ChatBounds.problemWithText(parameter, text, maxLength).ifPresent(problem -> {
            throw FunctionApiException.invalidField(parameter, problem);
        });
        return text;
    }
}
