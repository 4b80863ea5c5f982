-- The usage read model: one row per charge, built from billing-events. event_id makes the projection idempotent:
-- a republished or replayed ChatCharged lands once.
CREATE TABLE usage_records (
    event_id          UUID PRIMARY KEY,
    user_id           TEXT NOT NULL,
    nickname          TEXT,
    model_name        TEXT NOT NULL,
    input_tokens      BIGINT NOT NULL,
    output_tokens     BIGINT NOT NULL,
    cost              NUMERIC(24, 12) NOT NULL,
    balance_after     NUMERIC(24, 12) NOT NULL,
    tokens_estimated  BOOLEAN NOT NULL,
    use_time          TIMESTAMPTZ NOT NULL
);

CREATE INDEX usage_records_use_time_idx ON usage_records (use_time);
CREATE INDEX usage_records_user_idx ON usage_records (user_id, use_time);
CREATE INDEX usage_records_model_idx ON usage_records (model_name, use_time);
