package io.owm.contracts.chat;

/**
 * The OpenWebUI user as far as billing needs it. Deliberately without {@code api_key}, {@code settings},
 * {@code oauth_sub} or valves: the gateway drops those before anything is published.
 */
public record ChatUser(String id, String email, String name, String role) {
}
