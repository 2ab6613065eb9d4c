-- Send-time optimisation (docs/decisions/0022): the time a campaign row was planned for. Set once at
-- the snapshot together with next_attempt_at (the claim's filter), so a row is never claimed before
-- it; null for rows sent as soon as possible. A nullable column without a default: adding it
-- rewrites no rows.
ALTER TABLE email_sends ADD COLUMN scheduled_at TIMESTAMP WITH TIME ZONE;
