-- The runtime's replay store, durable: one row per webhook delivery accepted, kept until it
-- expires. The webhook inbox records its key in the transaction that applies the webhook,
-- so the raw inbox no longer needs a unique digest of its own (one mechanism, not two).
CREATE TABLE replay_keys (
    key TEXT PRIMARY KEY,
    expires_ms BIGINT NOT NULL
);
CREATE INDEX replay_keys_expiry ON replay_keys (expires_ms);

ALTER TABLE webhooks DROP CONSTRAINT webhooks_gateway_digest_key;
ALTER TABLE webhooks ADD COLUMN replay_key TEXT;
CREATE INDEX webhooks_payout ON webhooks (payout_id);

-- Which instance made each observation (its lease owner name): with several instances on
-- one database, who queried, probed or recovered what.
ALTER TABLE observations ADD COLUMN observer TEXT;
