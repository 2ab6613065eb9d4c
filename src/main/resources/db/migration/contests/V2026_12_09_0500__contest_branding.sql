-- What the participant pages show of a contest besides its rules (docs/decisions/0026): a
-- description and terms in Markdown (rendered with raw HTML escaped), the prize, two https images,
-- an accent colour and whether the public top 10 is shown. Nullable columns without defaults, and one
-- boolean with a constant default: adding them rewrites no rows.
ALTER TABLE contests ADD COLUMN description VARCHAR(10000);
ALTER TABLE contests ADD COLUMN prize VARCHAR(300);
ALTER TABLE contests ADD COLUMN image_url VARCHAR(2000);
ALTER TABLE contests ADD COLUMN logo_url VARCHAR(2000);
ALTER TABLE contests ADD COLUMN accent_color VARCHAR(7);
ALTER TABLE contests ADD COLUMN terms VARCHAR(20000);
ALTER TABLE contests ADD COLUMN show_leaderboard BOOLEAN NOT NULL DEFAULT FALSE;
