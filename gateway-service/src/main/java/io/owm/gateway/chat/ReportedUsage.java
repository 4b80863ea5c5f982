package io.owm.gateway.chat;

import io.owm.contracts.chat.ChatBounds;
import io.owm.gateway.web.FunctionApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The usage the model reported on the assistant message, wherever the OpenWebUI version put it: {@code usage},
 * {@code info.usage}, or the legacy {@code info} itself. {@code input_tokens}/{@code output_tokens} cover the whole
 * reply including tool rounds, so they win over {@code prompt_tokens}/{@code completion_tokens}. Negative counts
 * are no usage (the tokens are counted instead); counts beyond {@link ChatBounds#MAX_TOKENS} are refused, since
 * billing would refuse them after the function was told the outlet was taken.
 *
 * @param digest tells one reported usage from another: a "continue" without usage of its own still carries the
 *               usage of the call before it, unchanged
 */
record ReportedUsage(long input, long output, String digest) {

    private static final String[][] FIELD_PAIRS = {
            {"input_tokens", "output_tokens"}, {"prompt_tokens", "completion_tokens"}};

    static Optional<ReportedUsage> of(JsonNode assistantMessage) {
        String[][] places = {{"usage", null}, {"info", "usage"}, {"info", null}};
        for (String[] place : places) {
            JsonNode usage = assistantMessage.path(place[0]);
            String where = "body.messages[-1]." + place[0];
            if (place[1] != null) {
                usage = usage.path(place[1]);
                where += "." + place[1];
            }
            for (String[] fields : FIELD_PAIRS) {
                Optional<ReportedUsage> found = read(usage, fields[0], fields[1], where);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ReportedUsage> read(JsonNode usage, String inputField, String outputField, String where) {
        JsonNode input = usage.path(inputField);
        JsonNode output = usage.path(outputField);
        if (!input.isNumber() || !output.isNumber()) {
            return Optional.empty();
        }
        refuseBeyondBounds(input, where + "." + inputField);
        refuseBeyondBounds(output, where + "." + outputField);
        if (input.asLong() < 0 || output.asLong() < 0) {
            return Optional.empty();
        }
        return Optional.of(new ReportedUsage(input.asLong(), output.asLong(), digest(usage)));
    }

    private static void refuseBeyondBounds(JsonNode count, String parameter) {
        boolean fits = count.canConvertToLong() && count.asLong() <= ChatBounds.MAX_TOKENS;
        if (!fits) {
            throw FunctionApiException.invalidField(parameter,
                    parameter + " must be between 0 and " + ChatBounds.MAX_TOKENS);
        }
    }

    private static String digest(JsonNode usage) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(usage.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
