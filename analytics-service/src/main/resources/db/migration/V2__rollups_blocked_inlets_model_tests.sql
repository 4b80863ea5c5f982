-- Hourly rollups per model and user for the panels. They are written by the same statement that inserts the
-- usage row (see ReadModel), and only when that row is new, so a rollup always equals the sum of its rows and a
-- redelivered or replayed charge never counts twice.
CREATE TABLE usage_hourly (
    hour           TIMESTAMPTZ NOT NULL,
    model_name     TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    nickname       TEXT,
    calls          BIGINT NOT NULL,
    input_tokens   BIGINT NOT NULL,
    output_tokens  BIGINT NOT NULL,
    cost           NUMERIC(24, 12) NOT NULL,
    first_use      TIMESTAMPTZ NOT NULL,
    last_use       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (hour, model_name, user_id)
);

CREATE INDEX usage_hourly_user_idx ON usage_hourly (user_id, hour);

-- Inlets refused because the user is blocked: one row per ChatAdmitted with blocked = true.
CREATE TABLE blocked_inlets (
    event_id    UUID PRIMARY KEY,
    user_id     TEXT NOT NULL,
    model_name  TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL
);

-- Connectivity test results from the catalog's model-tests topic.
CREATE TABLE model_tests (
    event_id        UUID PRIMARY KEY,
    model_id        TEXT NOT NULL,
    ok              BOOLEAN NOT NULL,
    latency_millis  BIGINT NOT NULL,
    error           TEXT,
    tested_at       TIMESTAMPTZ NOT NULL
);

CREATE INDEX model_tests_model_idx ON model_tests (model_id, tested_at);

-- Rows projected before this migration get their rollups now.
INSERT INTO usage_hourly (hour, model_name, user_id, nickname, calls, input_tokens, output_tokens, cost, first_use,
                          last_use)
SELECT date_trunc('hour', use_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', model_name, user_id, max(nickname),
       count(*), sum(input_tokens), sum(output_tokens), sum(cost), min(use_time), max(use_time)
FROM usage_records
GROUP BY 1, model_name, user_id;
