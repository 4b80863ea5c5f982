-- Each user's OpenWebUI groups as last published to the user-groups topic: what the next sync compares with, so
-- that only changes are published.
CREATE TABLE user_groups (
    user_id    TEXT PRIMARY KEY,
    groups     TEXT[] NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL
);
