-- H2 has no partial indexes: the same lookups on plain indexes (see the PostgreSQL counterpart).
CREATE INDEX email_sends_due ON email_sends (campaign_id, status, next_attempt_at);
CREATE INDEX email_sends_leased ON email_sends (status, lease_until);
