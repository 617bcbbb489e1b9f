-- One row per campaign run. run_id comes from the scheduled fire time, so a run taken over by another
-- instance (Quartz recovery) or started again is the same run: contacts_read is where it resumes.
CREATE TABLE campaign_run (
    campaign_id   VARCHAR(64)  NOT NULL,
    run_id        VARCHAR(32)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    contacts_read BIGINT       NOT NULL,
    invalid       BIGINT       NOT NULL,
    requested     BIGINT       NOT NULL,
    skipped       BIGINT       NOT NULL,
    detail        VARCHAR(1024),
    -- 1 when the run fired once; more when it was recovered (its instance died) or started again
    attempts      INTEGER      NOT NULL,
    -- the Quartz instance of the latest attempt
    instance      VARCHAR(200) NOT NULL,
    PRIMARY KEY (campaign_id, run_id)
);

-- Audience rows a run could not call, with their line (CSV) or position (lists), at most 1000 per run.
CREATE TABLE campaign_invalid_row (
    campaign_id VARCHAR(64)  NOT NULL,
    run_id      VARCHAR(32)  NOT NULL,
    line        BIGINT       NOT NULL,
    problem     VARCHAR(256) NOT NULL,
    PRIMARY KEY (campaign_id, run_id, line)
);

-- Campaigns defined through the REST API (those in config/campaigns are read from their files).
CREATE TABLE campaign_definition (
    id         VARCHAR(64) NOT NULL PRIMARY KEY,
    definition TEXT        NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
