-- Lines of an import whose address appeared on an earlier line of the same file (issue 12): they
-- are folded into that address's row, so processed = created + updated + invalid + suppressed +
-- duplicates once the import is FINISHED.
ALTER TABLE contact_imports ADD COLUMN duplicates BIGINT DEFAULT 0 NOT NULL;
