-- Money is NUMERIC(24,12): prices have up to 6 decimals per million tokens, so a token-priced cost needs 12
-- decimals to be exact, and 12 integer digits leave room far above the balance limit.

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    email       TEXT,
    name        TEXT,
    role        TEXT,
    balance     NUMERIC(24, 12) NOT NULL,
    blocked     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX users_created_at_idx ON users (created_at);

-- Every balance change is one row here; users.balance always equals the sum of a user's amounts.
CREATE TABLE ledger_entries (
    id            BIGSERIAL PRIMARY KEY,
    user_id       TEXT NOT NULL REFERENCES users (id),
    amount        NUMERIC(24, 12) NOT NULL,
    balance_after NUMERIC(24, 12) NOT NULL,
    reason        TEXT NOT NULL CHECK (reason IN ('REGISTRATION', 'INLET_HOLD', 'CHARGE', 'HOLD_SETTLEMENT',
                                                  'ADMIN_SET', 'ADJUSTMENT', 'IMPORT')),
    cause         TEXT NOT NULL,
    actor         TEXT,
    note          TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX ledger_entries_user_idx ON ledger_entries (user_id, id DESC);

CREATE FUNCTION ledger_entries_are_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entries_append_only
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_are_append_only();

-- The outcome of every chat request, stored in the transaction that applied it: a repeat of the same request
-- key is answered from here and changes nothing.
CREATE TABLE processed_requests (
    request_key TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    reply_type  TEXT NOT NULL,
    reply       JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Money held at inlet (COST_ON_INLET) until the outlet of the same chat settles it.
CREATE TABLE holds (
    id           BIGSERIAL PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    model        TEXT NOT NULL,
    chat_id      TEXT,
    message_id   TEXT,
    amount       NUMERIC(24, 12) NOT NULL CHECK (amount > 0),
    request_key  TEXT NOT NULL UNIQUE,
    settled_by   TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    settled_at   TIMESTAMPTZ
);

CREATE INDEX holds_open_by_message_idx ON holds (user_id, chat_id, message_id) WHERE settled_by IS NULL;
CREATE INDEX holds_open_by_model_idx ON holds (user_id, model, created_at) WHERE settled_by IS NULL;

-- Tokens already charged per assistant message, so that a "continue" is charged only for what is new.
CREATE TABLE charged_messages (
    user_id       TEXT NOT NULL,
    chat_id       TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    input_tokens  BIGINT NOT NULL,
    output_tokens BIGINT NOT NULL,
    PRIMARY KEY (user_id, chat_id, message_id)
);

-- Billing's replica of the catalog's model-prices topic.
CREATE TABLE model_prices (
    model_id      TEXT PRIMARY KEY,
    input_price   NUMERIC(18, 6) NOT NULL,
    output_price  NUMERIC(18, 6) NOT NULL,
    per_msg_price NUMERIC(18, 6) NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
