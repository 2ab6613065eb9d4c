-- Rebuilds what indexes-off.sql dropped from table :'tbl' (primary key, unique constraints,
-- indexes, then foreign keys, which are validated by one join instead of a lookup per row).
\set ON_ERROR_STOP on
BEGIN;
SELECT set_config('bench.tbl', :'tbl', true) \gset
SET LOCAL maintenance_work_mem = '1GB';
SET LOCAL max_parallel_maintenance_workers = 2;
CREATE TABLE IF NOT EXISTS bench_saved_indexes (
    tbl           TEXT NOT NULL,
    name          TEXT NOT NULL,
    ddl           TEXT NOT NULL,
    is_constraint BOOLEAN NOT NULL,
    ord           INT NOT NULL
);
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM bench_saved_indexes WHERE tbl = current_setting('bench.tbl') ORDER BY ord, name LOOP
        RAISE NOTICE '% rebuilding %', clock_timestamp()::time(0), r.name;
        EXECUTE r.ddl;
    END LOOP;
END $$;
DELETE FROM bench_saved_indexes WHERE tbl = :'tbl';
COMMIT;
