-- The campaigns of the analytics benchmark (PostgreSQL): one template and :campaigns FINISHED
-- campaigns, started over the last 7 days before :'t0' (one every 6 days / :campaigns, the first
-- one hour after t0 - 7 days), each sending to every one of the :contacts contacts in 2 hours.
-- Contacts are seeded before by bench/delivery/seed-contacts.sql. Ids are explicit (1..n): the
-- script runs this only on a database without campaigns.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL TIME ZONE 'UTC';

INSERT INTO templates (name, subject, html, text, version, created_at, updated_at)
VALUES ('Bench analytics', 'Our news, {{firstName}}',
        '<p>Hello {{default firstName "there"}}</p><p><a href="https://shop.example.test/">Shop</a></p>',
        NULL, 1, :'t0'::timestamptz - interval '8 days', :'t0'::timestamptz - interval '8 days');

INSERT INTO campaigns (id, name, template_id, audience_kind, audience_id, from_address, status, snapshot_cursor,
                       snapshot_done, created_at, started_at, finished_at, updated_at)
SELECT c, 'Bench campaign ' || c, (SELECT max(id) FROM templates WHERE name = 'Bench analytics'), 'ALL', NULL,
       'news@bench.example.test', 'FINISHED', :contacts, true,
       st - interval '2 hours', st, st + interval '2 hours 5 minutes', st + interval '2 hours 5 minutes'
FROM generate_series(1, :campaigns) AS c,
     LATERAL (SELECT :'t0'::timestamptz - interval '7 days' + interval '1 hour'
                     + (c - 1) * (interval '6 days' / :campaigns) AS st) AS s;
SELECT setval(pg_get_serial_sequence('campaigns', 'id'), :campaigns);

-- finished campaigns are inactive: no worker claims anything when the app starts on this data
INSERT INTO send_campaigns (campaign_id, active, max_rate_per_second, updated_at)
SELECT id, false, NULL, finished_at FROM campaigns;
COMMIT;
