-- The PostgreSQL migration of this version, in H2's regular-expression functions: deliveries
-- written before webhook_deliveries.contact_id existed get the contact they are about.
UPDATE webhook_deliveries
SET contact_id = CAST(REGEXP_SUBSTR(subject, '^contact:([0-9]{1,18})$', 1, 1, '', 1) AS BIGINT)
WHERE contact_id IS NULL AND event_type = 'contact.unsubscribed' AND REGEXP_LIKE(subject, '^contact:[0-9]{1,18}$');

UPDATE webhook_deliveries
SET contact_id = CAST(REGEXP_SUBSTR(payload, '"contactId":([0-9]{1,18})', 1, 1, '', 1) AS BIGINT)
WHERE contact_id IS NULL AND event_type = 'participant.signed_up' AND REGEXP_LIKE(payload, '"contactId":[0-9]{1,18}');
