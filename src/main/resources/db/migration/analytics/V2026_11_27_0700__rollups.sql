-- Rollups: counts (and summed values) per type x contest x campaign x dimension per bucket, one
-- table per granularity. The hour and day tables are written from the same in-memory aggregates
-- as the minute table, in the same transaction, so the three always agree. contest_id and
-- campaign_id are 0 when the counted thing has none (email.* rows carry only the campaign,
-- contest.* and referral.* rows only the contest); dimension is '' unless the type has one (the
-- currency of a conversion). The key starts with campaign and contest: reports read one
-- campaign's or one contest's buckets of a few types by primary-key range; the (type, bucket)
-- index serves the global time series.
CREATE TABLE analytics_rollups_minute (
    campaign_id BIGINT NOT NULL,
    contest_id  BIGINT NOT NULL,
    type        VARCHAR(64) NOT NULL,
    dimension   VARCHAR(64) NOT NULL,
    bucket      TIMESTAMP WITH TIME ZONE NOT NULL,
    n           BIGINT NOT NULL,
    amount      NUMERIC(24, 4) NOT NULL,
    PRIMARY KEY (campaign_id, contest_id, type, dimension, bucket)
);
CREATE INDEX analytics_rollups_minute_type ON analytics_rollups_minute (type, bucket);

CREATE TABLE analytics_rollups_hour (
    campaign_id BIGINT NOT NULL,
    contest_id  BIGINT NOT NULL,
    type        VARCHAR(64) NOT NULL,
    dimension   VARCHAR(64) NOT NULL,
    bucket      TIMESTAMP WITH TIME ZONE NOT NULL,
    n           BIGINT NOT NULL,
    amount      NUMERIC(24, 4) NOT NULL,
    PRIMARY KEY (campaign_id, contest_id, type, dimension, bucket)
);
CREATE INDEX analytics_rollups_hour_type ON analytics_rollups_hour (type, bucket);

CREATE TABLE analytics_rollups_day (
    campaign_id BIGINT NOT NULL,
    contest_id  BIGINT NOT NULL,
    type        VARCHAR(64) NOT NULL,
    dimension   VARCHAR(64) NOT NULL,
    bucket      TIMESTAMP WITH TIME ZONE NOT NULL,
    n           BIGINT NOT NULL,
    amount      NUMERIC(24, 4) NOT NULL,
    PRIMARY KEY (campaign_id, contest_id, type, dimension, bucket)
);
CREATE INDEX analytics_rollups_day_type ON analytics_rollups_day (type, bucket);
