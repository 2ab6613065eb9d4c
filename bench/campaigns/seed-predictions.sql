-- Stored predictions and engagement history for the send-time benchmark (PostgreSQL), for the
-- contacts 1..:last seeded by bench/delivery/seed-contacts.sql: one successful scoring run, a weekly
-- profile per contact (its peak at an hour that depends on the contact id, so the planner's choice
-- varies) in the contact's zone with a tier, and :opens imported opened messages per contact at
-- hours near that peak. Run with: psql -v last=1000000 -v opens=2 -f seed-predictions.sql
\set ON_ERROR_STOP on
\timing on
BEGIN;
SET LOCAL work_mem = '256MB';
INSERT INTO prediction_runs (id, started_at, finished_at, status, reason, source, contacts)
VALUES (1, now(), now(), 'SUCCEEDED', 'bench', 'model', :last);
-- 168 open slots then 168 click slots, 16-bit each: 0x1999 (0.1) everywhere but the peak, 0x6666
-- (0.4) at slot n % 168
INSERT INTO contact_prediction_hours (contact_id, run_id, source, computed_at, time_zone, open_probability,
                                      click_probability, silent, hours)
SELECT n, 1, 'model', date_trunc('hour', now()), 'Europe/Paris', 0.1, 0.01, FALSE,
       decode(repeat('1999', (n % 168)::int) || '6666' || repeat('1999', 167 - (n % 168)::int)
              || repeat('028f', 168), 'hex')
FROM generate_series(1, :last::bigint) AS n;
INSERT INTO contact_predictions (contact_id, run_id, source, open_probability, click_probability,
                                 engagement_score, tier, computed_at)
SELECT n, 1, 'model', 0.1, 0.01, (n % 101)::smallint,
       CASE WHEN n % 4 = 0 THEN 'HIGH' WHEN n % 4 = 1 THEN 'MEDIUM' WHEN n % 4 = 2 THEN 'LOW' ELSE 'DORMANT' END,
       date_trunc('hour', now())
FROM generate_series(1, :last::bigint) AS n;
INSERT INTO engagement_history (contact_id, message_id, sent_at, opened_at, opens, imported_at)
SELECT n, 'bench-' || k, now() - (k * 7 + 1) * interval '1 day',
       now() - (k * 7 + 1) * interval '1 day' + ((n % 24) + k) * interval '1 hour', 1, now()
FROM generate_series(1, :last::bigint) AS n, generate_series(1, :opens::int) AS k;
COMMIT;
ANALYZE contact_prediction_hours;
ANALYZE contact_predictions;
ANALYZE engagement_history;
