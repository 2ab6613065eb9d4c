-- The claim reads due rows of one campaign (or of transactional mail, campaign_id null) in
-- next_attempt_at order: a partial index holds only claimable rows, so it stays small while a
-- million sent rows pile up.
CREATE INDEX email_sends_due ON email_sends (campaign_id, next_attempt_at) WHERE status IN ('QUEUED', 'UNKNOWN');
-- The lease reaper reads rows in flight whose lease has expired.
CREATE INDEX email_sends_leased ON email_sends (lease_until) WHERE status = 'SENDING';
