package io.owm.billing.plan;

import java.util.Locale;

/** How a period's allowance meets what is left of the last one. */
public enum AllowanceMode {

    /** The balance is set to the amount: what was left is not carried. */
    RESET,
    /** The amount is added. */
    ADD,
    /** The balance is raised to the amount if below it. */
    TOP_UP;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AllowanceMode of(String id) {
        for (AllowanceMode mode : values()) {
            if (mode.id().equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(id);
    }
}
