package io.owm.gateway.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Idempotency keys. The same request sent again must get the same key, a different one a different key:
 * <ul>
 * <li>inlet: user, chat and message id; without ids every inlet is its own request;</li>
 * <li>outlet: user, chat and message id, plus a digest of the final assistant message and its usage, so a retry
 * is charged once while a "continue" (same message id, longer content) is a new request. Without ids, the digest
 * of the whole conversation stands in for them.</li>
 * </ul>
 */
final class RequestKeys {

    private RequestKeys() {
    }

    static String inlet(ChatRequest request) {
        if (!request.chat().identifiesMessage()) {
            return "inlet:" + UUID.randomUUID();
        }
        return "inlet:" + digest(request.user().id(), request.chat().chatId(), request.chat().messageId());
    }

    static String outlet(ChatRequest request) {
        JsonNode last = request.lastMessage();
        String reply = digest(last.path("content").toString(), last.path("usage").toString(),
                last.path("info").toString());
        if (request.chat().identifiesMessage()) {
            return "outlet:" + digest(request.user().id(), request.chat().chatId(), request.chat().messageId(), reply);
        }
        return "outlet:" + digest(request.user().id(), request.model(), String.valueOf(request.messages()), reply);
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
