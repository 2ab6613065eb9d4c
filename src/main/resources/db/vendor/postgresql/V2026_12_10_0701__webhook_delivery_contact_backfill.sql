-- Deliveries written before webhook_deliveries.contact_id existed: the person each is about, so that
-- erasing that contact deletes them too. contact.unsubscribed names the contact in its subject
-- (contact:7); participant.signed_up carries it in the payload's data ("contactId":7, as Jackson
-- writes it). Other events carry no contact. At most 18 digits: the cast cannot overflow.
UPDATE webhook_deliveries
SET contact_id = CAST(substring(subject FROM '^contact:([0-9]{1,18})$') AS BIGINT)
WHERE contact_id IS NULL AND event_type = 'contact.unsubscribed' AND subject ~ '^contact:[0-9]{1,18}$';

UPDATE webhook_deliveries
SET contact_id = CAST(substring(payload FROM '"contactId":([0-9]{1,18})') AS BIGINT)
WHERE contact_id IS NULL AND event_type = 'participant.signed_up' AND payload ~ '"contactId":[0-9]{1,18}';
