-- H2 has no JSONB: a domain over VARCHAR holds the JSON text, and a Java function reads one
-- attribute, so the SQL of the contacts and segments is written once for both databases.
CREATE DOMAIN IF NOT EXISTS JSONB AS VARCHAR(1000000);
CREATE ALIAS IF NOT EXISTS contact_attribute FOR 'io.iabulk.contacts.internal.H2Functions.attribute';
