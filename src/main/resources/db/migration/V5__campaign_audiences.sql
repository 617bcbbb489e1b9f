-- Audiences uploaded through PUT /api/v1/campaigns/{id}/audience, one row per CSV record, so every
-- instance of a cluster reads the same audience. position is dense from 1: a resumed run skips by it.
CREATE TABLE campaign_audience (
    campaign_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    records     BIGINT       NOT NULL,
    invalid     BIGINT       NOT NULL,
    bytes       BIGINT       NOT NULL,
    uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE campaign_audience_row (
    campaign_id VARCHAR(64)   NOT NULL,
    position    BIGINT        NOT NULL,
    line        BIGINT        NOT NULL,
    handle      VARCHAR(4096),
    name        VARCHAR(4096),
    -- JSON object of the metadata columns
    metadata    TEXT,
    problem     VARCHAR(256),
    PRIMARY KEY (campaign_id, position)
);
