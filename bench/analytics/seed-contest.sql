-- A contest for the contest analytics report (PostgreSQL), on a database seeded by seed.sh:
-- :participants participants (contacts 1..n), signed up over the 7 days before :'t0', 70 %
-- confirmed, referral counts skewed like a real contest (participant n has floor(2000 / n)
-- credited referrals: a few big referrers, a long tail of none), the exact counters the
-- application keeps (contest_totals) and the contest.* rollups counted as the producers would
-- (minute, hour, day and the all-rows). Run once; seed.sh --reset starts over.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL TIME ZONE 'UTC';
SET LOCAL work_mem = '256MB';

INSERT INTO contests (slug, name, status, starts_at, points_per_signup, points_per_referral,
                      require_confirmation, milestones, created_at, updated_at)
VALUES ('bench-analytics', 'Analytics bench', 'ACTIVE', :'t0'::timestamptz - interval '7 days', 0, 10, true, '[]',
        :'t0'::timestamptz - interval '7 days', :'t0'::timestamptz - interval '7 days');

CREATE TEMP TABLE bench_people ON COMMIT DROP AS
SELECT n, c.id AS contest_id,
       :'t0'::timestamptz - interval '7 days' + (interval '7 days' * n / (:participants + 1)) AS created_at,
       n % 10 < 7 AS confirmed,
       (2000 / n)::int AS referrals
FROM generate_series(1, :participants) AS n, contests c WHERE c.slug = 'bench-analytics';

INSERT INTO contest_participants (contest_id, contact_id, email, email_normalized, referral_code, status,
                                  referrals, points, confirmed_at, created_at)
SELECT contest_id, n, 'user' || n || '@example.com', 'user' || n || '@example.com', 'BA' || n,
       CASE WHEN confirmed THEN 'CONFIRMED' ELSE 'PENDING' END, referrals, referrals * 10,
       CASE WHEN confirmed THEN created_at + interval '5 minutes' END, created_at
FROM bench_people;

INSERT INTO contest_totals (contest_id, slot, participants, confirmed, referred, credited, flagged, points)
SELECT contest_id, 0, count(*), count(*) FILTER (WHERE confirmed), count(*) FILTER (WHERE referrals > 0),
       sum(referrals), 0, sum(referrals) * 10
FROM bench_people GROUP BY contest_id;

CREATE TEMP TABLE bench_contest_minute ON COMMIT DROP AS
SELECT contest_id, type, date_trunc('minute', at) AS bucket, sum(e.k)::bigint AS n
FROM bench_people
CROSS JOIN LATERAL (VALUES
    ('contest.signup', created_at, 1),
    ('contest.confirmed', CASE WHEN confirmed THEN created_at + interval '5 minutes' END, 1),
    ('contest.first_referral', CASE WHEN referrals > 0 THEN created_at + interval '1 hour' END, 1),
    ('referral.credited', CASE WHEN referrals > 0 THEN created_at + interval '1 hour' END, referrals),
    ('contest.points', CASE WHEN referrals > 0 THEN created_at + interval '1 hour' END, referrals * 10)
) AS e(type, at, k)
WHERE at IS NOT NULL AND at < :'t0'::timestamptz
GROUP BY 1, 2, 3;
INSERT INTO bench_contest_minute SELECT -1, type, bucket, sum(n) FROM bench_contest_minute GROUP BY 2, 3;

INSERT INTO analytics_rollups_minute (campaign_id, contest_id, type, dimension, bucket, n, amount)
SELECT CASE WHEN contest_id = -1 THEN -1 ELSE 0 END, contest_id, type, '', bucket, n, 0 FROM bench_contest_minute
ON CONFLICT (campaign_id, contest_id, type, dimension, bucket)
DO UPDATE SET n = analytics_rollups_minute.n + excluded.n;
INSERT INTO analytics_rollups_hour (campaign_id, contest_id, type, dimension, bucket, n, amount)
SELECT CASE WHEN contest_id = -1 THEN -1 ELSE 0 END, contest_id, type, '', date_trunc('hour', bucket), sum(n), 0
FROM bench_contest_minute GROUP BY 1, 2, 3, 5
ON CONFLICT (campaign_id, contest_id, type, dimension, bucket)
DO UPDATE SET n = analytics_rollups_hour.n + excluded.n;
INSERT INTO analytics_rollups_day (campaign_id, contest_id, type, dimension, bucket, n, amount)
SELECT CASE WHEN contest_id = -1 THEN -1 ELSE 0 END, contest_id, type, '', date_trunc('day', bucket), sum(n), 0
FROM bench_contest_minute GROUP BY 1, 2, 3, 5
ON CONFLICT (campaign_id, contest_id, type, dimension, bucket)
DO UPDATE SET n = analytics_rollups_day.n + excluded.n;
COMMIT;
ANALYZE contest_participants;
