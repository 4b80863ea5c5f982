package io.owm.gateway.chat;

import io.owm.contracts.chat.ChatBounds;
import io.owm.gateway.GatewayProperties;
import io.owm.gateway.web.FunctionApiException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The usage button's read (functions/usage_button.py): a message's tokens and cost, the user's balance and what
 * the user spent today and this month. It takes the function key like inlet and outlet, and answers about the one
 * user OpenWebUI named: the same trust the function API already has (the function reports that user's chats), and
 * nothing about anyone else.
 *
 * <p>{@code {"user": {"id": "u-1"}, "chat_id": "c-1", "message_id": "m-1", "timezone": "Asia/Shanghai"}} →
 * {@code {success, found, inputTokens, outputTokens, cost, balance, spentToday, spentThisMonth, timezone}}.
 */
@RestController
class UsageController {

    private final WebClient billing;
    private final RequestWork work;

    UsageController(WebClient.Builder builder, GatewayProperties properties, RequestWork work) {
        this.billing = builder.baseUrl(properties.services().billing()).build();
        this.work = work;
    }

    @PostMapping(path = "/api/v1/usage", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/*+json"})
    Mono<Map<String, Object>> usage(@RequestBody byte[] body) {
        return work.on(body, UsageController::parse).flatMap(request -> billing.get()
                .uri(uri -> uri.path("/internal/usage")
                        .queryParam("user", "{user}")
                        .queryParamIfPresent("chat", Optional.ofNullable(request.chatId()).map(c -> "{chat}"))
                        .queryParamIfPresent("message",
                                Optional.ofNullable(request.messageId()).map(m -> "{message}"))
                        .queryParam("timezone", "{timezone}")
                        .build(uriVariables(request)))
                .retrieve()
                .onStatus(status -> status.value() == 404, response -> Mono.just(new FunctionApiException(
                        HttpStatus.NOT_FOUND, "user_not_found", "No usage for this user yet: it has not chatted"
                        + " through the monitor")))
                .onStatus(status -> !status.is2xxSuccessful(), response -> Mono.just(new FunctionApiException(
                        HttpStatus.BAD_GATEWAY, "billing_unavailable", "Billing did not answer the usage read (HTTP "
                        + response.statusCode().value() + ")")))
                .bodyToMono(JsonNode.class)
                .map(answer -> {
                    Map<String, Object> reply = new LinkedHashMap<>();
                    reply.put("success", true);
                    answer.properties().forEach(field -> reply.put(field.getKey(), field.getValue()));
                    return reply;
                }));
    }

    /** The ids as URI variables: expanded and encoded by the builder, never spliced into the path text. */
    private static Map<String, String> uriVariables(Request request) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("user", request.userId());
        variables.put("timezone", request.timezone());
        if (request.chatId() != null) {
            variables.put("chat", request.chatId());
        }
        if (request.messageId() != null) {
            variables.put("message", request.messageId());
        }
        return variables;
    }

    private record Request(String userId, String chatId, String messageId, String timezone) {
    }

    private static Request parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw FunctionApiException.invalid("The request must be a JSON object with user, chat_id and message_id");
        }
        String userId = ChatRequestParser.user(json.path("user")).id();
        String chatId = ChatRequestParser.text(json, "chat_id", "chat_id", ChatBounds.MAX_ID_LENGTH);
        String messageId = ChatRequestParser.text(json, "message_id", "message_id", ChatBounds.MAX_ID_LENGTH);
        String timezone = ChatRequestParser.text(json, "timezone", "timezone", 64);
        if (timezone == null) {
            timezone = "UTC";
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw FunctionApiException.invalidField("timezone", "timezone must be an IANA time zone such as"
                    + " Asia/Shanghai");
        }
        return new Request(userId, chatId, messageId, timezone);
    }
}
