package io.owm.support.security;

/**
 * One bearer key and what it opens.
 *
 * @param key       compared in constant time
 * @param authority what a request that presents it may do (the route decides which one it needs)
 */
public record KeyHolder(BearerKey key, String authority) {

    public static KeyHolder of(String secret, String authority) {
        return new KeyHolder(new BearerKey(secret), authority);
    }
}
