-- One row per request id: claimed before any provider is called, completed with the outcome.
CREATE TABLE call_ledger (
    request_id   VARCHAR(128) NOT NULL PRIMARY KEY,
    handle       VARCHAR(320),
    status       VARCHAR(32)  NOT NULL,
    provider     VARCHAR(32),
    outcome      TEXT,
    claimed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE
);
