-- Raw events, partitioned by the UTC day they occurred on. Partitions are created ahead and
-- dropped after the retention period by the analytics maintenance worker (not here: a
-- migration cannot know the date it runs on). The key (event_id, occurred_on) makes ingestion
-- idempotent within a day; it must hold the partition key.
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
) PARTITION BY RANGE (occurred_on);
