-- What each assistant message was charged in all, over its "continue"s: for the usage button under a reply
-- (POST /api/v1/usage at the gateway), which shows a message's tokens and cost.
ALTER TABLE charged_messages
    ADD COLUMN charged_input  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN charged_output BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN charged_cost   NUMERIC(24, 12) NOT NULL DEFAULT 0,
    ADD COLUMN charged_at     TIMESTAMPTZ;
