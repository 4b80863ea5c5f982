package io.owm.gateway.chat;

/**
 * Token counts of one reply.
 *
 * @param estimated counted by the gateway because the model reported no usage
 */
record Tokens(long input, long output, boolean estimated) {
}
