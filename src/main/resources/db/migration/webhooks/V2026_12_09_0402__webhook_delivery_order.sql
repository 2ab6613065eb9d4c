-- The order of a subject's deliveries (docs/decisions/0025): seq comes from the event where the
-- source numbers its facts (a referrer's running count of credited referrals, a contact's
-- unsubscribe time), so deliveries the listeners recorded in another order than their events
-- committed are still sent in the events' order. Ties (and events without a number) go by id.
ALTER TABLE webhook_deliveries ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
