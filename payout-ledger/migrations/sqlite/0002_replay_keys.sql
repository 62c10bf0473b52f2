-- The runtime's replay store, durable: one row per webhook delivery accepted, kept until it
-- expires. The webhook inbox records its key in the transaction that applies the webhook,
-- so the raw inbox no longer needs a unique digest of its own (one mechanism, not two).
CREATE TABLE replay_keys (
    key TEXT PRIMARY KEY,
    expires_ms BIGINT NOT NULL
);
CREATE INDEX replay_keys_expiry ON replay_keys (expires_ms);

-- SQLite cannot drop a table's constraint: the inbox is rebuilt without UNIQUE (gateway,
-- digest), with the replay key of each webhook kept.
CREATE TABLE webhooks_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    gateway TEXT NOT NULL,
    digest TEXT NOT NULL,
    replay_key TEXT,
    payout_id BIGINT,
    received_ms BIGINT NOT NULL,
    body TEXT NOT NULL
);
INSERT INTO webhooks_new (id, gateway, digest, payout_id, received_ms, body)
    SELECT id, gateway, digest, payout_id, received_ms, body FROM webhooks;
DROP TABLE webhooks;
ALTER TABLE webhooks_new RENAME TO webhooks;
CREATE INDEX webhooks_payout ON webhooks (payout_id);

-- Which instance made each observation (its lease owner name): with several instances on
-- one database, who queried, probed or recovered what.
ALTER TABLE observations ADD COLUMN observer TEXT;
