package io.owm.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A secret compared in constant time. Both sides are hashed first, so neither the content nor the length of the
 * key leaks through response timing.
 */
public final class BearerKey {

    private final byte[] digest;

    public BearerKey(String secret) {
        this.digest = sha256(secret);
    }

    /** True when {@code token} (the part after {@code Bearer }) is this key. */
    public boolean matches(String token) {
        return token != null && MessageDigest.isEqual(digest, sha256(token));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, else null. */
    public static String tokenOf(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorizationHeader.substring(7).trim();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
