-- The ledger's tables (PostgreSQL). Times are epoch milliseconds.
CREATE TABLE payouts (
    id BIGSERIAL PRIMARY KEY,
    gateway TEXT NOT NULL,
    merchant_ref TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    request TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    provider_ref TEXT,
    status TEXT NOT NULL,
    provider_status TEXT,
    reason TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    checks BIGINT NOT NULL DEFAULT 0,
    next_check_ms BIGINT,
    doubt_since_ms BIGINT,
    lease_owner TEXT,
    lease_until_ms BIGINT,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    UNIQUE (gateway, merchant_ref)
);
CREATE INDEX payouts_due ON payouts (next_check_ms);
CREATE INDEX payouts_provider_ref ON payouts (gateway, provider_ref);
CREATE INDEX payouts_status ON payouts (gateway, status, id);

CREATE TABLE observations (
    id BIGSERIAL PRIMARY KEY,
    payout_id BIGINT NOT NULL REFERENCES payouts (id),
    at_ms BIGINT NOT NULL,
    source TEXT NOT NULL,
    status TEXT,
    provider_status TEXT,
    reason TEXT,
    applied TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX observations_payout ON observations (payout_id, id);

CREATE TABLE webhooks (
    id BIGSERIAL PRIMARY KEY,
    gateway TEXT NOT NULL,
    digest TEXT NOT NULL,
    payout_id BIGINT,
    received_ms BIGINT NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (gateway, digest)
);

CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    payout_id BIGINT NOT NULL,
    gateway TEXT NOT NULL,
    merchant_ref TEXT NOT NULL,
    status TEXT NOT NULL,
    previous TEXT,
    provider_status TEXT,
    source TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
