-- The console lists contests by name as well as by creation: keyset pages in (name, id) order.
CREATE INDEX contests_name_idx ON contests (name, id);
