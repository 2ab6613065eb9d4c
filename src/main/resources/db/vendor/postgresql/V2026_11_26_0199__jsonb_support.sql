-- One attribute of a contact as text; an inlinable SQL function, so segment SQL stays the same
-- in PostgreSQL and H2 while PostgreSQL still plans it as attributes ->> name.
CREATE FUNCTION contact_attribute(attributes JSONB, name TEXT) RETURNS TEXT
    LANGUAGE SQL IMMUTABLE PARALLEL SAFE
    AS 'SELECT attributes ->> name';
