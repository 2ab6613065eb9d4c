-- The person a delivery's payload is about, where it names one (participant.signed_up carries the
-- address and first name; contact.unsubscribed the contact): erasing the contact deletes its rows,
-- pending or delivered (the log keeps no copy of an erased person's address). Rows written before
-- this column existed have none and are not found by an erasure.
ALTER TABLE webhook_deliveries ADD COLUMN contact_id BIGINT;
CREATE INDEX webhook_deliveries_contact ON webhook_deliveries (contact_id);
