-- Raw events; a plain table in embedded mode (retention deletes old days). See the PostgreSQL
-- version for the partitioned one.
CREATE TABLE analytics_events (
    event_id    VARCHAR(64) NOT NULL,
    occurred_on DATE NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    type        VARCHAR(64) NOT NULL,
    contact_id  BIGINT,
    contest_id  BIGINT,
    campaign_id BIGINT,
    send_id     BIGINT,
    machine     VARCHAR(32),
    properties  JSONB,
    PRIMARY KEY (event_id, occurred_on)
);
CREATE INDEX analytics_events_day ON analytics_events (occurred_on);
