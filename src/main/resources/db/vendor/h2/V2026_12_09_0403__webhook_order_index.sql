-- H2 has no partial indexes: the same lookup on a plain index (see the PostgreSQL counterpart).
DROP INDEX webhook_deliveries_subject;
CREATE INDEX webhook_deliveries_subject ON webhook_deliveries (webhook_id, subject, seq, id);
