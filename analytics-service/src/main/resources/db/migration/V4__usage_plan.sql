-- The plan a charged user was on (docs/allowances.md), for spend per plan; null for none and for older rows.
ALTER TABLE usage_records ADD COLUMN plan TEXT;

-- Plans' facts (docs/allowances.md): allowances granted and chats refused by a limit or the balance, once each by
-- event id, for the grants-and-refusals view and its metrics.
CREATE TABLE plan_events (
    event_id UUID PRIMARY KEY,
    kind     TEXT NOT NULL CHECK (kind IN ('grant', 'refusal')),
    user_id  TEXT NOT NULL,
    plan     TEXT,
    reason   TEXT,
    amount   NUMERIC(24, 12),
    at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX plan_events_at_idx ON plan_events (at);
