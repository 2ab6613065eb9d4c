-- Inserts contacts :first .. :last for the delivery benchmark with set-based SQL (PostgreSQL).
-- Run with: psql -v first=1 -v last=1000000 -f seed-contacts.sql (ids = n, empty id range expected).
--
-- Contact n: user<n>@example<n % 50>.test (50 recipient domains), ACTIVE, attributes
-- {"plan": "pro"}; 70 % have a first name (the others exercise {{default firstName "there"}}).
--
-- Like bench/contests/load-postgres.sql, the secondary indexes and unique constraints of contacts
-- are dropped before the insert and rebuilt after it (one sort per index instead of a million
-- random B-tree insertions). They are read from the catalogue rather than written out here, so
-- indexes added by later migrations are rebuilt with their own definitions.
\set ON_ERROR_STOP on
\timing on
BEGIN;
SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '512MB';

CREATE TEMP TABLE bench_contact_indexes ON COMMIT DROP AS
SELECT c.conname AS name, 'ALTER TABLE contacts ADD CONSTRAINT ' || quote_ident(c.conname) || ' '
           || pg_get_constraintdef(c.oid) AS ddl, true AS is_constraint
FROM pg_constraint c
WHERE c.conrelid = 'contacts'::regclass AND c.contype IN ('u', 'x')
UNION ALL
SELECT i.relname, pg_get_indexdef(x.indexrelid), false
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = 'contacts'::regclass AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid);

SELECT name, is_constraint FROM bench_contact_indexes;

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM bench_contact_indexes LOOP
        IF r.is_constraint THEN
            EXECUTE 'ALTER TABLE contacts DROP CONSTRAINT ' || quote_ident(r.name);
        ELSE
            EXECUTE 'DROP INDEX ' || quote_ident(r.name);
        END IF;
    END LOOP;
END $$;

INSERT INTO contacts (id, email, email_normalized, first_name, last_name, status, created_at, updated_at,
                      time_zone, locale, attributes)
SELECT n,
       'user' || n || '@example' || (n % 50) || '.test',
       'user' || n || '@example' || (n % 50) || '.test',
       CASE WHEN n % 10 < 7 THEN 'First' || (n % 997) END,
       CASE WHEN n % 10 < 5 THEN 'Last' || (n % 991) END,
       'ACTIVE',
       now() - n * interval '2 seconds',
       now() - n * interval '2 seconds',
       'Europe/Paris',
       'en',
       '{"plan": "pro"}'
FROM generate_series(:first::bigint, :last::bigint) AS n;

DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM bench_contact_indexes ORDER BY is_constraint DESC LOOP
        EXECUTE r.ddl;
    END LOOP;
END $$;

SELECT setval(pg_get_serial_sequence('contacts', 'id'), (SELECT max(id) FROM contacts));
COMMIT;
ANALYZE contacts;
