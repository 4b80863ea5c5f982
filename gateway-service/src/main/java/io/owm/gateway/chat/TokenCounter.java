package io.owm.gateway.chat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Counts tokens when the model reported none, as the original app does: the GPT-4 encoding (cl100k_base),
 * input = every message before the last, output = the last. Text parts of multimodal content count; images do not.
 */
@Component
class TokenCounter {

    private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

    Tokens count(List<JsonNode> messages) {
        long input = 0;
        for (int i = 0; i < messages.size() - 1; i++) {
            input += countText(messages.get(i).path("content"));
        }
        long output = messages.isEmpty() ? 0 : countText(messages.get(messages.size() - 1).path("content"));
        return new Tokens(input, output, true);
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
