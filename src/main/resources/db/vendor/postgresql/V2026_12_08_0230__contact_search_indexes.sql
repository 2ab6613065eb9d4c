-- The console's contact search (JdbcContactSearch): a prefix of the address, the first name or the
-- last name, case ignored, at a million contacts. text_pattern_ops compares bytes whatever the
-- database collation, so a prefix is one index range (~>=~ / ~<~, or LIKE 'x%'). PostgreSQL only:
-- H2 has no expression indexes (the embedded mode's contacts are few and searched with LIKE).
CREATE INDEX contacts_email_prefix ON contacts (lower(email) text_pattern_ops);
CREATE INDEX contacts_first_name_prefix ON contacts (lower(first_name) text_pattern_ops);
CREATE INDEX contacts_last_name_prefix ON contacts (lower(last_name) text_pattern_ops);
