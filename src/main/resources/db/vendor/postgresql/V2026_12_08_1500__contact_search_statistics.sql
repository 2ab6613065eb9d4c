-- The planner knows nothing of the search indexes' expressions (lower(email), ...) until the table
-- is analysed: until then it guesses a prefix matches 1.5 % of the contacts and walks the primary
-- key instead (measured: 1.0 s at a million contacts, 0.5 ms once analysed). Analyse now rather than
-- wait for autovacuum.
ANALYZE contacts;
