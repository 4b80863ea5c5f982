-- Prices reach Kafka through an outbox: each price change writes its ModelPriced here in the transaction that
-- stores it, and the relay publishes it after the commit. A failed commit then leaves nothing in Kafka, and a
-- crash after the commit delays the price but never loses it.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_type   TEXT NOT NULL,
    event        JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    published_at TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
