package io.owm.gateway.chat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Counts tokens as the original app does: the GPT-4 encoding (cl100k_base), input = every message before the
 * last, output = the last. Text parts of multimodal content count; images do not. The reply itself is counted for
 * every outlet, reported usage or not, so that billing can tell what a "continue" added.
 */
@Component
class TokenCounter {

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    OutletUsage measure(List<JsonNode> messages) {
        JsonNode reply = messages.get(messages.size() - 1);
        long replyTokens = countText(reply.path("content"));
        return ReportedUsage.of(reply)
                .map(usage -> new OutletUsage(usage.input(), usage.output(), false, usage.digest(), replyTokens))
                .orElseGet(() -> new OutletUsage(promptTokens(messages), replyTokens, true, null, replyTokens));
    }

    private long promptTokens(List<JsonNode> messages) {
        long input = 0;
        for (int i = 0; i < messages.size() - 1; i++) {
            input += countText(messages.get(i).path("content"));
        }
        return input;
    }

    private long countText(JsonNode content) {
        if (content.isString()) {
            return encoding.countTokensOrdinary(content.asString());
        }
        long tokens = 0;
        if (content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asString("")) && part.path("text").isString()) {
                    tokens += encoding.countTokensOrdinary(part.path("text").asString());
                }
            }
        }
        return tokens;
    }
}
