-- Ledger entries of another installation, taken over with a backup. They are history for the reader, not part of
-- this installation's ledger: here a user's balance is the sum of their ledger_entries, and an import brings the
-- balance over as one IMPORT entry of the difference. Keyed by the entry's id in the exported installation, so
-- importing the same backup twice keeps one copy.
CREATE TABLE imported_ledger_entries (
    user_id       TEXT NOT NULL,
    source_id     BIGINT NOT NULL,
    amount        NUMERIC(24, 12) NOT NULL,
    balance_after NUMERIC(24, 12) NOT NULL,
    reason        TEXT NOT NULL,
    cause         TEXT,
    actor         TEXT,
    note          TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, source_id)
);
