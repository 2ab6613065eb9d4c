-- Every scoring run rewrites every row of both prediction tables. With room left on each page, the
-- new version of a row goes to the same page as a heap-only tuple (HOT): no new primary-key entry,
-- and the old version is pruned when the page is next read, even without vacuum. Measured on
-- 1,000,000 contacts: the ranking MERGE into contact_predictions took 16.0 s with full pages and
-- 7.6 s at fillfactor 45 (docs/benchmarks.md, "Intelligence"). Both tables take about twice the
-- space: they hold one row per active contact, and that space is what the next run writes into.
ALTER TABLE contact_predictions SET (fillfactor = 45);
ALTER TABLE contact_prediction_hours SET (fillfactor = 45);
