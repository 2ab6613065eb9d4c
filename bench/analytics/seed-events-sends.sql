-- Raw tracking events derived from the send rows (PostgreSQL), so events, send rows and rollups
-- agree: a human email.open at each first open and, for a third of the openers, a repeat open 3 h
-- later; a human email.click at each first click on link id % 4 and, for a third of the clickers,
-- a second click 20 s later on link (id + 1) % 4 (as tracking_link_clicks holds); Apple Mail
-- Privacy Protection fetches (machine = apple-mpp) 4 s after sending for a fifth of the accepted
-- messages, and scanner clicks (too-fast) 6 s after sending for 2.5 %. Nothing at or after :'t0'.
-- Event ids look like time-ordered UUIDs (as the server makes them); the 4th group (9000 + k)
-- keeps them apart from the custom events (8000).
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL TIME ZONE 'UTC';
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '256MB';
INSERT INTO analytics_events (event_id, occurred_on, occurred_at, received_at, type, contact_id, contest_id,
                              campaign_id, send_id, machine, properties)
SELECT substr(h.ms, 1, 8) || '-' || substr(h.ms, 9, 4) || '-7000-' || (9000 + e.k) || '-' || lpad(to_hex(s.id), 12, '0'),
       e.at::date, e.at, e.at + interval '40 milliseconds', e.type, s.contact_id, NULL, s.campaign_id, s.id,
       e.machine, e.props::jsonb
FROM email_sends s
CROSS JOIN LATERAL (VALUES
    (0, 'email.open', s.opened_at, NULL, NULL),
    (1, 'email.open', CASE WHEN s.id % 3 = 0 THEN s.opened_at + interval '3 hours' END, NULL, NULL),
    (2, 'email.click', s.clicked_at, NULL, '{"link": ' || s.id % 4 || '}'),
    (3, 'email.click', CASE WHEN s.id % 3 = 0 THEN s.clicked_at + interval '20 seconds' END, NULL,
        '{"link": ' || (s.id + 1) % 4 || '}'),
    (4, 'email.open', CASE WHEN s.status = 'SENT' AND s.id % 5 = 0 THEN s.sent_at + interval '4 seconds' END,
        'apple-mpp', NULL),
    (5, 'email.click', CASE WHEN s.status = 'SENT' AND s.id % 40 = 0 THEN s.sent_at + interval '6 seconds' END,
        'too-fast', '{"link": 0}')
) AS e(k, type, at, machine, props)
CROSS JOIN LATERAL (SELECT lpad(to_hex((extract(epoch FROM e.at) * 1000)::bigint), 12, '0') AS ms) AS h
WHERE e.at IS NOT NULL AND e.at < :'t0'::timestamptz AND s.campaign_id IS NOT NULL;
COMMIT;
