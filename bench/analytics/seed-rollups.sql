-- Rebuilds the minute, hour and day rollups from the seeded data (PostgreSQL), as the producers
-- would have counted them: raw events count under their type (human hits) or <type>.machine
-- (machine hits, e.g. email.open.machine), with their campaign or contest (0 for none); the send
-- rows give email.sent (accepted or bounced, at sent_at), email.delivered (SENT), email.bounced,
-- email.opened / email.clicked / email.converted (first human open, click, conversion of a send),
-- one conversion per converted send (dimension = currency: USD for a quarter, EUR otherwise;
-- amount 10.00 .. 99.99), email.unsubscribed for 1 in 400 openers (40 s after the open) and
-- email.complained for 1 in 2,000 accepted messages (1 h after sending). Unsubscribes and
-- complaints have no truth table in this seed (contacts stay ACTIVE). Hour and day rows are
-- summed from the minute rows, so the three tables agree as they do in the application.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL TIME ZONE 'UTC';
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '512MB';
TRUNCATE analytics_rollups_minute, analytics_rollups_hour, analytics_rollups_day;

CREATE TEMP TABLE bench_minute ON COMMIT DROP AS
SELECT campaign_id, contest_id, type, dimension, bucket, sum(n)::bigint AS n, sum(amount) AS amount
FROM (
    SELECT coalesce(campaign_id, 0) AS campaign_id, coalesce(contest_id, 0) AS contest_id,
           CASE WHEN machine IS NULL THEN type ELSE type || '.machine' END AS type, '' AS dimension,
           date_trunc('minute', occurred_at) AS bucket, count(*) AS n, 0::numeric AS amount
    FROM analytics_events
    GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT s.campaign_id, 0, e.type, e.dimension, date_trunc('minute', e.at), count(*), sum(e.amount)
    FROM email_sends s
    CROSS JOIN LATERAL (VALUES
        ('email.sent', CASE WHEN s.status IN ('SENT', 'BOUNCED') THEN s.sent_at END, '', 0::numeric),
        ('email.delivered', CASE WHEN s.status = 'SENT' THEN s.sent_at END, '', 0),
        ('email.bounced', CASE WHEN s.status = 'BOUNCED' THEN s.sent_at END, '', 0),
        ('email.opened', s.opened_at, '', 0),
        ('email.clicked', s.clicked_at, '', 0),
        ('email.converted', s.converted_at, '', 0),
        ('conversion', s.converted_at, CASE WHEN s.id % 4 = 0 THEN 'USD' ELSE 'EUR' END, 10 + (s.id % 9000) / 100.0),
        ('email.unsubscribed', CASE WHEN s.id % 400 = 1 THEN s.opened_at + interval '40 seconds' END, '', 0),
        ('email.complained', CASE WHEN s.status = 'SENT' AND s.id % 2000 = 3
                                  THEN LEAST(s.sent_at + interval '1 hour', :'t0'::timestamptz - interval '1 second') END,
         '', 0)
    ) AS e(type, at, dimension, amount)
    WHERE e.at IS NOT NULL AND s.campaign_id IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
) AS x
GROUP BY 1, 2, 3, 4, 5;

-- the all-rows (campaign and contest -1) the application adds to every count, read by the reports
-- that filter on neither (docs/decisions/0013)
INSERT INTO bench_minute
SELECT -1, -1, type, dimension, bucket, sum(n), sum(amount) FROM bench_minute GROUP BY 3, 4, 5;

INSERT INTO analytics_rollups_minute (campaign_id, contest_id, type, dimension, bucket, n, amount)
SELECT campaign_id, contest_id, type, dimension, bucket, n, amount FROM bench_minute;

INSERT INTO analytics_rollups_hour (campaign_id, contest_id, type, dimension, bucket, n, amount)
SELECT campaign_id, contest_id, type, dimension, date_trunc('hour', bucket), sum(n), sum(amount)
FROM bench_minute GROUP BY 1, 2, 3, 4, 5;

INSERT INTO analytics_rollups_day (campaign_id, contest_id, type, dimension, bucket, n, amount)
SELECT campaign_id, contest_id, type, dimension, date_trunc('day', bucket), sum(n), sum(amount)
FROM bench_minute GROUP BY 1, 2, 3, 4, 5;

SELECT 'minute' AS rollups, count(*) FROM analytics_rollups_minute
UNION ALL SELECT 'hour', count(*) FROM analytics_rollups_hour
UNION ALL SELECT 'day', count(*) FROM analytics_rollups_day;
COMMIT;
