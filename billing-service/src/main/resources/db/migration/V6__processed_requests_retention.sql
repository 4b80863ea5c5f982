-- The idempotency store is pruned of replies older than owm.billing.reply-retention (OWM_REPLY_RETENTION), oldest
-- first and in small batches: this index finds them without scanning the table.
CREATE INDEX processed_requests_created_at_idx ON processed_requests (created_at);
