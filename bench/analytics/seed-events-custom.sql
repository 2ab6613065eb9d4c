-- Custom (ingested) events :lo .. :hi of :total (PostgreSQL), spread evenly over the 7 days
-- before :'t0': 50 % page.view, 20 % product.view, 10 % cart.add, 15 % app.open, 5 % purchase,
-- by contacts 1 .. :contacts, no campaign or contest. The script runs a few ranges in parallel,
-- each in its own transaction.
\set ON_ERROR_STOP on
BEGIN;
SET LOCAL TIME ZONE 'UTC';
SET LOCAL synchronous_commit = off;
INSERT INTO analytics_events (event_id, occurred_on, occurred_at, received_at, type, contact_id, contest_id,
                              campaign_id, send_id, machine, properties)
SELECT substr(h.ms, 1, 8) || '-' || substr(h.ms, 9, 4) || '-7000-8000-' || lpad(to_hex(g.n), 12, '0'),
       t.at::date, t.at, t.at + interval '40 milliseconds', y.type, 1 + (g.n * 7919) % :contacts, NULL, NULL,
       NULL, NULL,
       CASE y.type
           WHEN 'page.view' THEN '{"path": "/p/' || g.n % 500 || '"}'
           WHEN 'product.view' THEN '{"sku": "SKU-' || g.n % 2000 || '"}'
           WHEN 'cart.add' THEN '{"sku": "SKU-' || g.n % 2000 || '", "quantity": ' || 1 + g.n % 3 || '}'
           WHEN 'purchase' THEN '{"amount": ' || 10 + g.n % 9000 / 100.0 || ', "currency": "EUR"}'
       END::jsonb
FROM generate_series(:lo::bigint, :hi::bigint) AS g(n)
CROSS JOIN LATERAL (
    SELECT :'t0'::timestamptz - interval '7 days' + (g.n - 0.5) * (interval '7 days' / :total) AS at) AS t
CROSS JOIN LATERAL (
    SELECT CASE WHEN g.n % 20 < 10 THEN 'page.view' WHEN g.n % 20 < 14 THEN 'product.view'
                WHEN g.n % 20 < 16 THEN 'cart.add' WHEN g.n % 20 < 19 THEN 'app.open' ELSE 'purchase' END AS type) AS y
CROSS JOIN LATERAL (SELECT lpad(to_hex((extract(epoch FROM t.at) * 1000)::bigint), 12, '0') AS ms) AS h;
COMMIT;
