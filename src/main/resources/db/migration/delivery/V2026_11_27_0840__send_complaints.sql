-- The first spam complaint reported for a send: set once (WHERE complained_at IS NULL), so a
-- repeated webhook event counts the complaint once. A nullable column without a default: adding
-- it rewrites no rows.
ALTER TABLE email_sends ADD COLUMN complained_at TIMESTAMP WITH TIME ZONE;
