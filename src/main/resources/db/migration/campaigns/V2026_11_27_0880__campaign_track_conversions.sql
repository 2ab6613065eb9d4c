-- Whether click redirects of a campaign append iab_click (the conversion token) to the target URL.
-- On by default, so campaigns created before this column keep reporting conversions.
ALTER TABLE campaigns ADD COLUMN track_conversions BOOLEAN DEFAULT TRUE NOT NULL;
