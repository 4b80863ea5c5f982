package io.owm.contracts;

import java.math.BigDecimal;

/** How amounts leave a service in JSON. */
public final class Money {

    private Money() {
    }

    /**
     * 9.880000000000 becomes 9.88 and 10.000000000000 becomes 10 (not {@code 1E+1}, which a JSON reader takes but
     * a person does not): the stored scale is for exactness, not for display. Null stays null.
     */
    public static BigDecimal plain(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
