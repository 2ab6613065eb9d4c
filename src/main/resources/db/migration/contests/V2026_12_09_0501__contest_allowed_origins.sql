-- The sites that may embed a contest (docs/decisions/0026): their origins, space-separated
-- ("https://www.example.com https://shop.example.com"). The script widget's cross-origin calls are
-- allowed from these only, and when set only these may frame the signup and status pages.
ALTER TABLE contests ADD COLUMN allowed_origins VARCHAR(4000);
