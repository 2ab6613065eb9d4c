-- H2 has no partial indexes: the same lookups on plain indexes (see the PostgreSQL counterpart).
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, due_at);
CREATE INDEX webhook_deliveries_subject ON webhook_deliveries (webhook_id, subject, status, id);
