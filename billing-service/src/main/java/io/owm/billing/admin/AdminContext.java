package io.owm.billing.admin;

/**
 * Who asks for an admin change, and the key that makes a retry of it harmless.
 *
 * @param actor          from {@code X-Owm-Actor} (set by the console or a script), else {@code admin}: everyone
 *                       holding {@code ACCESS_TOKEN} is an admin, the name only tells the ledger's reader who it was
 * @param idempotencyKey from {@code Idempotency-Key}; null when the client sent none
 */
record AdminContext(String actor, String idempotencyKey) {

    static final int MAX_HEADER_LENGTH = 200;
    private static final String DEFAULT_ACTOR = "admin";

    static AdminContext of(String actorHeader, String idempotencyHeader) {
        String actor = clean(actorHeader, "X-Owm-Actor");
        String key = clean(idempotencyHeader, "Idempotency-Key");
        return new AdminContext(actor == null ? DEFAULT_ACTOR : actor, key);
    }

    private static String clean(String header, String name) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.length() > MAX_HEADER_LENGTH) {
            throw AdminApiException.badRequest(name + " may have at most " + MAX_HEADER_LENGTH + " characters");
        }
        return value;
    }
}
