-- The claim reads claimable rows in due_at order: a partial index holds only unfinished rows, so it
-- stays small while delivered rows pile up.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (due_at) WHERE status IN ('PENDING', 'SENDING');
-- The order check: is there an earlier unfinished row of the same webhook and subject?
CREATE INDEX webhook_deliveries_subject ON webhook_deliveries (webhook_id, subject, id)
    WHERE status IN ('PENDING', 'SENDING');
