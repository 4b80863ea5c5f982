-- Plans per OpenWebUI group, and a low-balance threshold per plan (docs/allowances.md).
ALTER TABLE plan_assignments DROP CONSTRAINT plan_assignments_kind_check;
ALTER TABLE plan_assignments ADD CONSTRAINT plan_assignments_kind_check
    CHECK (kind IN ('group', 'role', 'default'));

-- Billing's replica of the user-groups topic: each user's OpenWebUI group names as the catalog last read them.
-- No reference to users: a user is often in a group before billing has seen the user chat.
CREATE TABLE user_groups (
    user_id    TEXT PRIMARY KEY,
    groups     TEXT[] NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);

ALTER TABLE plans ADD COLUMN low_balance_threshold NUMERIC(24, 12) CHECK (low_balance_threshold >= 0);
