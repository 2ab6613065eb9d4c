-- How a campaign chooses among its subject variants (ADR 0023): 'split' (by contact id at the
-- snapshot, as before) or 'adaptive' (Thompson sampling when rows are claimed), and the goal the
-- adaptive choice and probabilityBest use ('open' or 'click'). Defaults keep existing campaigns as
-- they were; a default on a new column rewrites no rows in PostgreSQL 11+.
ALTER TABLE campaigns ADD COLUMN variant_selection VARCHAR(10) DEFAULT 'split' NOT NULL;
ALTER TABLE campaigns ADD COLUMN variant_goal VARCHAR(5) DEFAULT 'open' NOT NULL;
