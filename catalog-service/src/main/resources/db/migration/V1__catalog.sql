-- Models and their prices. A model that disappears from OpenWebUI is kept (history needs it) and marked inactive.
CREATE TABLE models (
    id             TEXT PRIMARY KEY,
    name           TEXT,
    base_model_id  TEXT,
    image_url      TEXT,
    system_prompt  TEXT,
    input_price    NUMERIC(18, 6) NOT NULL,
    output_price   NUMERIC(18, 6) NOT NULL,
    per_msg_price  NUMERIC(18, 6) NOT NULL,
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    seen_in_traffic BOOLEAN NOT NULL DEFAULT FALSE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
