-- :contacts active contacts with stored predictions, as a scoring run leaves them (the values are
-- made up: random hours, scores by id), for the serving benchmark. The run's time is now.
\set ON_ERROR_STOP on
INSERT INTO contacts (id, email, email_normalized, first_name, status, time_zone, created_at, updated_at)
SELECT g, 'user' || g || '@example.com', 'user' || g || '@example.com', 'First' || g, 'ACTIVE',
       (ARRAY['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Europe/Berlin', 'America/Sao_Paulo'])[g % 6 + 1],
       now(), now()
FROM generate_series(1, :contacts) g;
SELECT setval(pg_get_serial_sequence('contacts', 'id'), :contacts);
INSERT INTO prediction_runs (started_at, finished_at, status, reason, source, contacts, score_floors)
VALUES (date_trunc('second', now()), now(), 'SUCCEEDED', 'benchmark', 'baseline', :contacts,
        (SELECT string_agg((s / 100.0)::text, ',' ORDER BY s) FROM generate_series(0, 100) s));
INSERT INTO contact_prediction_hours (contact_id, run_id, model_id, source, computed_at, time_zone, open_probability,
                                      click_probability, silent, hours)
SELECT g, r.id, NULL, 'baseline', r.started_at,
       (ARRAY['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC', 'Europe/Berlin', 'America/Sao_Paulo'])[g % 6 + 1],
       (g % 1000) / 1000.0, (g % 1000) / 10000.0, g % 7 = 0, decode(repeat(md5(g::text), 42), 'hex')
FROM generate_series(1, :contacts) g, (SELECT id, started_at FROM prediction_runs) r;
INSERT INTO contact_predictions (contact_id, run_id, model_id, source, open_probability, click_probability,
                                 engagement_score, tier, computed_at)
SELECT contact_id, run_id, NULL, source, open_probability, click_probability, (open_probability * 100)::int,
       CASE WHEN open_probability >= 0.8 THEN 'HIGH' WHEN open_probability >= 0.4 THEN 'MEDIUM'
            WHEN silent THEN 'DORMANT' ELSE 'LOW' END, computed_at
FROM contact_prediction_hours;
ANALYZE contacts;
ANALYZE contact_prediction_hours;
ANALYZE contact_predictions;
