-- Drops the secondary indexes and the unique/foreign-key constraints of table :'tbl' (and its primary
-- key unless :keep_pk) before a bulk load, saving their definitions in bench_saved_indexes, so
-- indexes-on.sql rebuilds each with one sort instead of millions of random B-tree insertions. The
-- definitions are read from the catalogue, so indexes added by later migrations come back as they
-- were. Saved definitions survive a failed load (a re-run restores them first).
\set ON_ERROR_STOP on
BEGIN;
SELECT set_config('bench.tbl', :'tbl', true) \gset
CREATE TABLE IF NOT EXISTS bench_saved_indexes (
    tbl           TEXT NOT NULL,
    name          TEXT NOT NULL,
    ddl           TEXT NOT NULL,
    is_constraint BOOLEAN NOT NULL,
    ord           INT NOT NULL
);
INSERT INTO bench_saved_indexes (tbl, name, ddl, is_constraint, ord)
SELECT :'tbl', c.conname,
       'ALTER TABLE ' || :'tbl' || ' ADD CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid),
       true, CASE c.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'x' THEN 1 ELSE 3 END
FROM pg_constraint c
WHERE c.conrelid = :'tbl'::regclass
  AND (c.contype IN ('u', 'f', 'x') OR (c.contype = 'p' AND NOT :keep_pk))
UNION ALL
SELECT :'tbl', i.relname, replace(pg_get_indexdef(x.indexrelid), ' ON ONLY ', ' ON '), false, 2
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = :'tbl'::regclass AND NOT x.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid);

SELECT name, ord FROM bench_saved_indexes WHERE tbl = :'tbl' ORDER BY ord, name;

DO $$
DECLARE r record;
BEGIN
    -- foreign keys first: a unique constraint may be what one references
    FOR r IN SELECT * FROM bench_saved_indexes WHERE tbl = current_setting('bench.tbl') ORDER BY ord DESC LOOP
        IF r.is_constraint THEN
            EXECUTE 'ALTER TABLE ' || r.tbl || ' DROP CONSTRAINT ' || quote_ident(r.name);
        ELSE
            EXECUTE 'DROP INDEX ' || quote_ident(r.name);
        END IF;
    END LOOP;
END $$;
COMMIT;
