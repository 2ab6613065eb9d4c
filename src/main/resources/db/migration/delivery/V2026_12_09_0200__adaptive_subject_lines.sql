-- Adaptive subject lines (ADR 0023). A campaign row's variant may now be null: an adaptive
-- campaign's rows get their subject variant when a worker claims them, not at the snapshot.
-- Dropping NOT NULL changes only the catalogue (no rewrite of the table).
ALTER TABLE email_sends ALTER COLUMN variant DROP NOT NULL;

-- The per-campaign send settings learn the variant selection: adaptive_variants is the number of
-- subject variants of an adaptive campaign (null: split at the snapshot, the default) and
-- adaptive_goal what it optimises (OPEN or CLICK).
ALTER TABLE send_campaigns ADD COLUMN adaptive_variants INT;
ALTER TABLE send_campaigns ADD COLUMN adaptive_goal VARCHAR(5);

-- Per campaign and subject variant: rows given the variant when claimed (adaptive campaigns;
-- split campaigns assign at the snapshot and do not count it here), accepted by the transport, and opened or clicked by a human (machine events never set
-- email_sends.opened_at/clicked_at). Changed by deltas in the transactions that assign, send and
-- mark the rows, so the sampler reads a few rows instead of counting a million.
CREATE TABLE email_variant_counts (
    campaign_id BIGINT NOT NULL,
    variant     INT NOT NULL,
    assigned    BIGINT NOT NULL,
    sent        BIGINT NOT NULL,
    opened      BIGINT NOT NULL,
    clicked     BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, variant)
);

-- campaigns sent before this migration: their figures from their rows, once
INSERT INTO email_variant_counts (campaign_id, variant, assigned, sent, opened, clicked)
SELECT campaign_id, variant, 0, COUNT(sent_at), COUNT(opened_at), COUNT(clicked_at)
FROM email_sends
WHERE campaign_id IS NOT NULL AND variant IS NOT NULL
GROUP BY campaign_id, variant;
