-- An operator's search among a contest's participants (JdbcParticipantSearch): the start of an
-- address, case ignored, in a contest of a million. text_pattern_ops compares bytes whatever the
-- database collation, so a prefix is one index range (~>=~ / ~<~). PostgreSQL only: H2 has no
-- expression indexes (the embedded mode's participants are few and searched with LIKE).
CREATE INDEX contest_participants_email_prefix
    ON contest_participants (contest_id, lower(email) text_pattern_ops);
