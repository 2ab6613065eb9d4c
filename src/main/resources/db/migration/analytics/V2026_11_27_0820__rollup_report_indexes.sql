-- Indexes for the report queries, one per filter form (see JdbcRollups): one campaign's or one
-- contest's buckets of a few types by exact range, whatever the other id; the minute table's
-- rows of one minute for the live stream. The global time series reads the all-rows
-- (campaign_id = contest_id = -1) by primary key.
CREATE INDEX analytics_rollups_minute_campaign ON analytics_rollups_minute (campaign_id, type, bucket);
CREATE INDEX analytics_rollups_minute_contest ON analytics_rollups_minute (contest_id, type, bucket);
CREATE INDEX analytics_rollups_minute_bucket ON analytics_rollups_minute (bucket);
CREATE INDEX analytics_rollups_hour_campaign ON analytics_rollups_hour (campaign_id, type, bucket);
CREATE INDEX analytics_rollups_hour_contest ON analytics_rollups_hour (contest_id, type, bucket);
CREATE INDEX analytics_rollups_day_campaign ON analytics_rollups_day (campaign_id, type, bucket);
CREATE INDEX analytics_rollups_day_contest ON analytics_rollups_day (contest_id, type, bucket);
