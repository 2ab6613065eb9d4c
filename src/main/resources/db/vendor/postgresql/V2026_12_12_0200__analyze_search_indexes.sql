-- PostgreSQL keeps statistics of an expression index (lower(email) here) only once the table is
-- analysed, and creating the index does not analyse it. Without them the planner guesses that a
-- typed address matches 0.5 % of the rows and walks the primary key instead of the prefix index:
-- 518 ms for one participant of 1,100,000 (EXPLAIN ANALYZE, docs/benchmarks.md), 0.07 ms once
-- analysed. Autovacuum would get there only after a tenth of the table changed. ANALYZE reads a
-- sample (30,000 rows by default), so it is quick at any size. The contacts search's indexes
-- (V2026_12_08_0230) are analysed again for the same reason.
ANALYZE contest_participants;
ANALYZE contacts;
