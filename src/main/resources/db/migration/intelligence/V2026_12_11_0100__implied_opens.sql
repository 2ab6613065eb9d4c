-- A human click is a human open, as the tracking counts our own sends (ADR 0013): imported lines
-- with a click and no earlier open get the click as their first open, as the import now does for
-- every new line (ADR 0020, update).
UPDATE engagement_history
SET opened_at = clicked_at, opens = GREATEST(opens, 1)
WHERE clicked_at IS NOT NULL AND (opened_at IS NULL OR clicked_at < opened_at);
