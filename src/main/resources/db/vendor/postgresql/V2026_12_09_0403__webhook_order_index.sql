-- The order check reads (seq, id) within a webhook's subject among unfinished rows.
DROP INDEX webhook_deliveries_subject;
CREATE INDEX webhook_deliveries_subject ON webhook_deliveries (webhook_id, subject, seq, id)
    WHERE status IN ('PENDING', 'SENDING');
