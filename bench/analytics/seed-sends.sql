-- The send rows of the benchmark campaigns (PostgreSQL), one INSERT ... SELECT per campaign:
-- every contact 1..:contacts once per campaign, sent in order over the campaign's first 2 hours.
-- Per row, with independent random draws: 2 % hard-bounced (5xx at send time), 1 % failed (no
-- answer: not "sent"), the rest accepted (SENT). Of the accepted: 25 % opened (first human open
-- 30 s to 48 h after sending, most early), 6 % clicked (5 s to 2 min after the open), 1.2 %
-- converted (1 to 11 min after the click); all before :'t0' (LEAST ignores nulls, hence the
-- explicit IS NOT NULL guards). Then the exact per-campaign status
-- counts (email_send_counts, as the delivery module keeps them) and the tracking link tables
-- (each clicker clicked link id % 4, a third also link (id + 1) % 4). Runs in one transaction;
-- the script drops the secondary indexes before (indexes-off.sql) and rebuilds them after.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL TIME ZONE 'UTC';
SET LOCAL synchronous_commit = off;
SELECT set_config('bench.t0', :'t0', true), set_config('bench.contacts', :'contacts', true) \gset

DO $$
DECLARE
    t0 timestamptz := current_setting('bench.t0')::timestamptz;
    n bigint := current_setting('bench.contacts')::bigint;
    c record;
BEGIN
    FOR c IN SELECT id, started_at FROM campaigns WHERE name LIKE 'Bench campaign %' ORDER BY id LOOP
        INSERT INTO email_sends (campaign_id, contact_id, variant, status, attempts, next_attempt_at,
                                 provider_message_id, error, created_at, sent_at, opened_at, clicked_at, converted_at)
        SELECT c.id, g.k, 0, a.st, CASE WHEN a.st = 'FAILED' THEN 3 ELSE 1 END, a.at,
               CASE WHEN a.st <> 'FAILED' THEN '<' || c.id || '.' || g.k || '.bench@bench.example.test>' END,
               CASE a.st WHEN 'BOUNCED' THEN '550 5.1.1 User unknown'
                         WHEN 'FAILED' THEN '421 4.4.2 Connection timed out' END,
               c.started_at,
               CASE WHEN a.st <> 'FAILED' THEN a.at END,
               o.opened,
               k2.clicked,
               CASE WHEN k2.clicked IS NOT NULL AND g.r2 < 0.012 THEN LEAST(k2.clicked + interval '1 minute' + g.r3 * interval '10 minutes',
                                                t0 - interval '1 second') END
        -- volatile random() in the subquery's target list: evaluated per row (a lateral
        -- subquery without outer references would be computed once)
        FROM (SELECT k, random() AS r, random() AS r2, random() AS r3 FROM generate_series(1, n) AS k) AS g
        CROSS JOIN LATERAL (
            SELECT CASE WHEN g.r < 0.02 THEN 'BOUNCED' WHEN g.r < 0.03 THEN 'FAILED' ELSE 'SENT' END AS st,
                   c.started_at + (g.k - 1) * (interval '2 hours' / n) AS at) AS a
        CROSS JOIN LATERAL (
            SELECT CASE WHEN a.st = 'SENT' AND g.r2 < 0.25
                        THEN LEAST(a.at + interval '30 seconds' + g.r3 ^ 3 * interval '48 hours',
                                   t0 - interval '3 minutes') END AS opened) AS o
        CROSS JOIN LATERAL (
            SELECT CASE WHEN o.opened IS NOT NULL AND g.r2 < 0.06
                        THEN LEAST(o.opened + interval '5 seconds' + g.r3 * interval '2 minutes',
                                   t0 - interval '2 minutes') END AS clicked) AS k2;
        RAISE NOTICE '% campaign % sends inserted', clock_timestamp()::time(0), c.id;
    END LOOP;
END $$;

SELECT setval(pg_get_serial_sequence('email_sends', 'id'), (SELECT max(id) FROM email_sends));

-- every status of every campaign, as SendCounts.ensure creates them
INSERT INTO email_send_counts (campaign_id, status, n)
SELECT c.id, s.status, coalesce(x.n, 0)
FROM campaigns c
CROSS JOIN (VALUES ('QUEUED'), ('SENDING'), ('UNKNOWN'), ('SENT'), ('FAILED'), ('BOUNCED'), ('SUPPRESSED'),
                   ('CANCELLED'), ('POSSIBLY_DUPLICATED')) AS s(status)
LEFT JOIN (SELECT campaign_id, status, count(*) AS n FROM email_sends GROUP BY campaign_id, status) AS x
       ON x.campaign_id = c.id AND x.status = s.status
WHERE c.name LIKE 'Bench campaign %';

INSERT INTO tracking_link_clicks (send_id, link_index, clicked_at)
SELECT id, (id % 4)::int, clicked_at FROM email_sends WHERE clicked_at IS NOT NULL
UNION ALL
SELECT id, ((id + 1) % 4)::int, clicked_at + interval '20 seconds' FROM email_sends
WHERE clicked_at IS NOT NULL AND id % 3 = 0;

INSERT INTO tracking_links (campaign_id, link_index, url, clicks)
SELECT s.campaign_id, l.link_index, 'https://shop.example.test/c' || s.campaign_id || '/link-' || l.link_index,
       count(*)
FROM tracking_link_clicks l JOIN email_sends s ON s.id = l.send_id
GROUP BY s.campaign_id, l.link_index;
COMMIT;
