package io.owm.billing.chat;

/**
 * What billing remembers of an assistant message it charged, so that the next outlet of the same message (a
 * "continue") is charged for its own model call only.
 *
 * @param input       input tokens of the message's last charged model call
 * @param output      output tokens of that call
 * @param usageDigest digest of the usage the model reported for it; null when the gateway counted the tokens
 * @param replyTokens tokens of the whole reply text after that call, as the gateway counts them; null for charges
 *                    recorded before this was kept, whose {@code input}/{@code output} are running totals instead
 */
record MessageCharge(long input, long output, String usageDigest, Long replyTokens) {
}
