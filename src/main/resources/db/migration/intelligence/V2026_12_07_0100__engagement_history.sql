-- Messages contacts received from a previous mailer, imported to train on from day one
-- (docs/decisions/0019). One row per (contact, messageId of the old tool); a re-import of a line
-- replaces it. Opens and clicks are human as far as the old tool knew. Never part of campaign
-- reports: only the intelligence module reads it, merged with our own sends.
CREATE TABLE engagement_history (
    contact_id      BIGINT NOT NULL,
    message_id      VARCHAR(200) NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_at       TIMESTAMP WITH TIME ZONE,
    clicked_at      TIMESTAMP WITH TIME ZONE,
    opens           INT NOT NULL DEFAULT 0,
    clicks          INT NOT NULL DEFAULT 0,
    unsubscribed_at TIMESTAMP WITH TIME ZONE,
    bounced_at      TIMESTAMP WITH TIME ZONE,
    complained_at   TIMESTAMP WITH TIME ZONE,
    imported_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contact_id, message_id)
);
-- timelines read a contact's rows in send order
CREATE INDEX engagement_history_contact_sent ON engagement_history (contact_id, sent_at);
