-- Loads :n participants into contest :contest_id with set-based SQL (PostgreSQL).
-- Run with: psql -v n=1000000 -v contest_id=1 -f load-postgres.sql
-- Expects a freshly migrated database without contacts or participants (ids start at 1).
--
-- Referral codes: participant n gets the base-31 digits of (n * 2654435761) mod 31^8 over the
-- alphabet of Secrets.CODE_ALPHABET. 2654435761 is prime (so coprime with 31^8): the map is a
-- bijection, every code is unique and looks random. codes.lua computes the same codes for wrk.
\set ON_ERROR_STOP on
\timing on
BEGIN;
SET LOCAL synchronous_commit = on;   -- the load is as durable as the application's own writes
SET LOCAL work_mem = '256MB';
SET LOCAL maintenance_work_mem = '512MB';

-- The tables are empty, so their secondary indexes are dropped here and built once after the
-- inserts (a sort per index instead of a million random B-tree insertions each: the participants
-- insert took 37 s with them in place, see docs/benchmarks.md). The definitions below must stay
-- those of db/migration/contacts, db/migration/contests and db/vendor/postgresql.
ALTER TABLE contacts DROP CONSTRAINT contacts_email_normalized_key;
ALTER TABLE contest_participants DROP CONSTRAINT contest_participants_email_key,
    DROP CONSTRAINT contest_participants_code_key;
DROP INDEX contest_participants_rank_idx;
DROP INDEX contest_participants_network_idx;
DROP INDEX contest_participants_email_prefix;

INSERT INTO contacts (id, email, email_normalized, first_name, last_name, status, created_at, updated_at)
SELECT n,
       'user' || n || '@example.com',
       'user' || n || '@example.com',
       CASE WHEN n % 10 < 7 THEN 'First' || (n % 997) END,
       CASE WHEN n % 10 < 5 THEN 'Last' || (n % 991) END,
       'ACTIVE',
       now() - n * interval '2 seconds',
       now() - n * interval '2 seconds'
FROM generate_series(1, :n) AS n;

-- Referrals: 55 % of people refer nobody; the others follow a power law (floor(u^-1.2)):
-- about half of them have 1, a few hundred have more than 5,000. Points: 10 per referral plus
-- 0-2 small bonuses of 5.
INSERT INTO contest_participants (id, contest_id, contact_id, email, email_normalized, first_name, last_name,
    referral_code, referred_by, status, referrals, points, signup_ip, signup_network,
    confirm_token_hash, confirm_expires_at, confirm_sent_at, confirmed_at, created_at)
SELECT n, :contest_id, n,
       'user' || n || '@example.com',
       'user' || n || '@example.com',
       CASE WHEN n % 10 < 7 THEN 'First' || (n % 997) END,
       CASE WHEN n % 10 < 5 THEN 'Last' || (n % 991) END,
       substr(a, (x % 31)::int + 1, 1)
           || substr(a, (x / 31 % 31)::int + 1, 1)
           || substr(a, (x / 961 % 31)::int + 1, 1)
           || substr(a, (x / 29791 % 31)::int + 1, 1)
           || substr(a, (x / 923521 % 31)::int + 1, 1)
           || substr(a, (x / 28629151 % 31)::int + 1, 1)
           || substr(a, (x / 887503681 % 31)::int + 1, 1)
           || substr(a, (x / 27512614111 % 31)::int + 1, 1),
       CASE WHEN n > 1000 THEN n / 7 END,
       CASE WHEN n % 20 = 0 THEN 'PENDING' ELSE 'CONFIRMED' END,
       r,
       r * 10 + (n % 3) * 5,
       (1 + n % 223) || '.' || (n / 223 % 256) || '.' || (n / 57088 % 256) || '.7',
       '4:' || (1 + n % 223) || '.' || (n / 223 % 256) || '.' || (n / 57088 % 256) || './24',
       NULL, NULL, NULL,
       CASE WHEN n % 20 = 0 THEN NULL ELSE now() - n * interval '2 seconds' END,
       now() - n * interval '2 seconds'
FROM (
    SELECT n,
           (n * 2654435761) % 852891037441 AS x,
           '23456789abcdefghjkmnpqrstuvwxyz' AS a,
           CASE WHEN random() < 0.55 THEN 0 ELSE least(50000, floor(power(random(), -1.2)))::int END AS r
    FROM generate_series(1::bigint, :n) AS n
) g;

ALTER TABLE contacts ADD CONSTRAINT contacts_email_normalized_key UNIQUE (email_normalized);
ALTER TABLE contest_participants ADD CONSTRAINT contest_participants_email_key UNIQUE (contest_id, email_normalized),
    ADD CONSTRAINT contest_participants_code_key UNIQUE (referral_code);
CREATE INDEX contest_participants_rank_idx
    ON contest_participants (contest_id, referrals DESC, points DESC, created_at, id);
CREATE INDEX contest_participants_network_idx
    ON contest_participants (contest_id, signup_network, created_at);
CREATE INDEX contest_participants_email_prefix
    ON contest_participants (contest_id, lower(email) text_pattern_ops);

SELECT setval(pg_get_serial_sequence('contacts', 'id'), :n);
SELECT setval(pg_get_serial_sequence('contest_participants', 'id'), :n);
COMMIT;
ANALYZE contacts;
ANALYZE contest_participants;
