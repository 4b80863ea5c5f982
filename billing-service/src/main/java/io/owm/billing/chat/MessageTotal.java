package io.owm.billing.chat;

import java.math.BigDecimal;

/** What a batch charged one assistant message: its charged tokens and its cost, added to the message's totals. */
record MessageTotal(long input, long output, BigDecimal cost) {

    MessageTotal plus(MessageTotal more) {
        return new MessageTotal(input + more.input, output + more.output, cost.add(more.cost));
    }
}
