-- A "continue" is charged for its own model call: OpenWebUI replaces a message's usage with the last call's, and
-- keeps the old one when the continuation reported none. Rows written from now on hold the last charged call's
-- tokens, the digest of the usage it was charged from, and the reply's length in tokens; rows without
-- reply_tokens were written before and hold running totals (billing's ContinuePricing tells the two apart).
ALTER TABLE charged_messages
    ADD COLUMN usage_digest TEXT,
    ADD COLUMN reply_tokens BIGINT;
