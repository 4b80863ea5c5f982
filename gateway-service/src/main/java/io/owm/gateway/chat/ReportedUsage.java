package io.owm.gateway.chat;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The usage the model reported on the assistant message, wherever the OpenWebUI version put it: {@code usage},
 * {@code info.usage}, or the legacy {@code info} itself. {@code input_tokens}/{@code output_tokens} cover the whole
 * reply including tool rounds, so they win over {@code prompt_tokens}/{@code completion_tokens}.
 */
final class ReportedUsage {

    private ReportedUsage() {
    }

    static Optional<Tokens> of(JsonNode assistantMessage) {
        for (JsonNode usage : new JsonNode[] {
                assistantMessage.path("usage"),
                assistantMessage.path("info").path("usage"),
                assistantMessage.path("info")}) {
            Optional<Tokens> tokens = read(usage, "input_tokens", "output_tokens")
                    .or(() -> read(usage, "prompt_tokens", "completion_tokens"));
            if (tokens.isPresent()) {
                return tokens;
            }
        }
        return Optional.empty();
    }

    private static Optional<Tokens> read(JsonNode usage, String inputField, String outputField) {
        JsonNode input = usage.path(inputField);
        JsonNode output = usage.path(outputField);
        if (!input.isNumber() || !output.isNumber() || input.asLong() < 0 || output.asLong() < 0) {
            return Optional.empty();
        }
        return Optional.of(new Tokens(input.asLong(), output.asLong(), false));
    }
}
