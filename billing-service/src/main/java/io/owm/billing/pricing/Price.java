package io.owm.billing.pricing;

import java.math.BigDecimal;

/**
 * A model's prices: USD per million tokens per direction, or a price per message when that is {@code >= 0}.
 */
public record Price(BigDecimal input, BigDecimal output, BigDecimal perMessage) {

    private static final int PER_MILLION = 6;

    public boolean perMessagePricing() {
        return perMessage.signum() >= 0;
    }

    /**
     * What a model call costs. A call without output tokens costs nothing (the model produced nothing); per-message
     * pricing charges each call of its own once, so a "continue" (a new call) pays it again, as every outlet did in
     * the original app, while what only extends a call charged before does not.
     */
    public BigDecimal cost(long inputTokens, long outputTokens, boolean newModelCall) {
        if (outputTokens == 0) {
            return BigDecimal.ZERO;
        }
        if (perMessagePricing()) {
            return newModelCall ? perMessage : BigDecimal.ZERO;
        }
        return tokens(inputTokens, input).add(tokens(outputTokens, output));
    }

    private static BigDecimal tokens(long count, BigDecimal pricePerMillion) {
        return BigDecimal.valueOf(count).multiply(pricePerMillion).movePointLeft(PER_MILLION);
    }
}
