-- Plans: an allowance per period in a time zone, with optional limits (docs/allowances.md).
CREATE TABLE plans (
    name                 TEXT PRIMARY KEY,
    amount               NUMERIC(24, 12) NOT NULL CHECK (amount >= 0),
    period               TEXT NOT NULL CHECK (period IN ('day', 'week', 'month')),
    mode                 TEXT NOT NULL CHECK (mode IN ('reset', 'add', 'top-up')),
    timezone             TEXT NOT NULL,
    spend_cap            NUMERIC(24, 12) CHECK (spend_cap > 0),
    spend_cap_period     TEXT CHECK (spend_cap_period IN ('day', 'week', 'month')),
    message_limit        INTEGER CHECK (message_limit > 0),
    message_limit_window TEXT CHECK (message_limit_window IN ('hour', 'day')),
    updated_at           TIMESTAMPTZ NOT NULL,
    CHECK ((spend_cap IS NULL) = (spend_cap_period IS NULL)),
    CHECK ((message_limit IS NULL) = (message_limit_window IS NULL))
);

-- Plans by role and the default plan; a user's own plan is users.plan and comes first.
CREATE TABLE plan_assignments (
    kind TEXT NOT NULL CHECK (kind IN ('role', 'default')),
    key  TEXT NOT NULL,
    plan TEXT NOT NULL REFERENCES plans (name) ON DELETE CASCADE,
    PRIMARY KEY (kind, key)
);

ALTER TABLE users ADD COLUMN plan TEXT REFERENCES plans (name) ON DELETE SET NULL;

-- One row per user, plan and period granted: what makes a grant happen exactly once, whichever instance, event
-- or admin call gets there first (each holds the user's row lock while it checks and writes).
CREATE TABLE allowance_grants (
    user_id      TEXT NOT NULL REFERENCES users (id),
    plan         TEXT NOT NULL,
    period       TEXT NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    amount       NUMERIC(24, 12) NOT NULL,
    granted_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, plan, period)
);

CREATE INDEX allowance_grants_recent_idx ON allowance_grants (user_id, period_start);

-- What a user used in a limit's window: chats started and money spent. The key names the window and its zone
-- ('day:2026-12-02@Asia/Shanghai'), so a plan moved to another zone starts counting afresh.
CREATE TABLE usage_windows (
    user_id      TEXT NOT NULL REFERENCES users (id),
    window_key   TEXT NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    messages     INTEGER NOT NULL DEFAULT 0,
    spend        NUMERIC(24, 12) NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, window_key)
);

CREATE INDEX usage_windows_start_idx ON usage_windows (window_start);

ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_reason_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_reason_check
    CHECK (reason IN ('REGISTRATION', 'INLET_HOLD', 'CHARGE', 'HOLD_SETTLEMENT', 'ADMIN_SET', 'ADJUSTMENT', 'IMPORT',
                      'ALLOWANCE'));

-- An allowance is granted once per user, plan and period, also in the ledger.
CREATE UNIQUE INDEX ledger_entries_allowance_idx ON ledger_entries (user_id, cause) WHERE reason = 'ALLOWANCE';
