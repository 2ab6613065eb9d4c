-- H2 has no partial indexes: the rows waiting for their planned time, by campaign.
CREATE INDEX email_sends_scheduled ON email_sends (campaign_id, scheduled_at);
