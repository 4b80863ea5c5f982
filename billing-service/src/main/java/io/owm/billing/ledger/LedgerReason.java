package io.owm.billing.ledger;

/** Why a balance changed. Stored as text; the database checks the list. */
public enum LedgerReason {
    /** The initial balance of a user seen for the first time. */
    REGISTRATION,
    /** Money held at inlet until the outlet settles it. */
    INLET_HOLD,
    /** The cost of a reply. */
    CHARGE,
    /** The inlet hold given back when the outlet charges the real cost. */
    HOLD_SETTLEMENT,
    /** An administrator set the balance to a value. */
    ADMIN_SET,
    /** An administrator added or subtracted an amount (a top-up or a deduction). */
    ADJUSTMENT,
    /** A balance taken over from a backup. */
    IMPORT,
    /** A plan's allowance for a period: once per user, plan and period (cause {@code plan:period}). */
    ALLOWANCE
}
