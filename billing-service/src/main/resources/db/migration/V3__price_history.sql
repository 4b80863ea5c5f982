-- Billing's replica of the catalog's prices, with history: an outlet is charged with the price in force when its
-- chat completed, also when it is applied later (billing was down, or the record is redelivered). The compacted
-- model-prices topic keeps only the latest price per model; the history lives here.
DROP TABLE model_prices;

CREATE TABLE model_price_history (
    model_id      TEXT NOT NULL,
    effective_at  TIMESTAMPTZ NOT NULL,
    input_price   NUMERIC(18, 6) NOT NULL,
    output_price  NUMERIC(18, 6) NOT NULL,
    per_msg_price NUMERIC(18, 6) NOT NULL,
    PRIMARY KEY (model_id, effective_at)
);
