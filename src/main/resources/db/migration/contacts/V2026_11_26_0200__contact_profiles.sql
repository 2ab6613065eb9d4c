-- Profiles for personalisation and the suppression list. attributes is JSONB (a domain over
-- VARCHAR in H2, see db/vendor/h2); contact_attribute(attributes, name) reads one attribute as
-- text in both databases, so segment SQL is written once.
ALTER TABLE contacts ADD COLUMN time_zone VARCHAR(64);
ALTER TABLE contacts ADD COLUMN locale VARCHAR(35);
ALTER TABLE contacts ADD COLUMN attributes JSONB DEFAULT '{}' NOT NULL;
ALTER TABLE contacts ADD COLUMN status_changed_at TIMESTAMP WITH TIME ZONE;

-- Contacts that must not be mailed, by SHA-256 of the normalised address: survives erasure.
CREATE TABLE suppressions (
    email_hash CHAR(64) PRIMARY KEY,
    reason     VARCHAR(20) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
