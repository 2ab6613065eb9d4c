-- The rows waiting for their planned time (progress counts them as "scheduled"): only QUEUED rows
-- of send-time optimised campaigns are in it, so other campaigns' claims and results do not write
-- to it.
CREATE INDEX email_sends_scheduled ON email_sends (campaign_id, scheduled_at)
    WHERE status = 'QUEUED' AND scheduled_at IS NOT NULL;
