-- Whether confirmed participants get a welcome email with their link (docs/decisions/0026). A
-- constant default: adding it rewrites no rows.
ALTER TABLE contests ADD COLUMN welcome_email BOOLEAN NOT NULL DEFAULT FALSE;
