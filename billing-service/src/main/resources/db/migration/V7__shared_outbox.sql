-- The outbox is now the shared one (service-support): an event carries its own key, so the user id column is no
-- longer written. Nullable rather than dropped, so that an instance of the previous version, still running during
-- a rolling upgrade, can go on writing it.
ALTER TABLE outbox ALTER COLUMN user_id DROP NOT NULL;
