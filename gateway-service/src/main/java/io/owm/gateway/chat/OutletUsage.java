package io.owm.gateway.chat;

/**
 * What an outlet is charged from.
 *
 * @param estimated   counted by the gateway because the model reported no usage
 * @param usageDigest digest of the reported usage, null when counted
 * @param replyTokens tokens of the reply's text, counted whatever the model reported: what a "continue" added
 */
record OutletUsage(long input, long output, boolean estimated, String usageDigest, long replyTokens) {
}
