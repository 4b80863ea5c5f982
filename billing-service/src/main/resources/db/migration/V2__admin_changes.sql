-- Admin changes arrive over HTTP, not from a Kafka record that would be redelivered: their facts are written here
-- in the transaction that makes the change and published afterwards, so a crash between the commit and the
-- publish delays an event but never loses it.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    user_id      TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    event        JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- An admin balance change sent with an Idempotency-Key is stored with the cause 'admin:<key>'; a retry of the
-- same request finds it and changes nothing. Chat causes are request keys and repeat legitimately (hold, settle,
-- charge of one outlet), so only admin reasons are unique.
CREATE UNIQUE INDEX ledger_entries_admin_cause_idx ON ledger_entries (cause)
    WHERE reason IN ('ADMIN_SET', 'ADJUSTMENT');
