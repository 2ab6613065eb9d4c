-- tracking_click_holds is a queue: every row is deleted seconds after its insert. A vacuum that
-- truncates its emptied end takes an exclusive lock that stops every hit and judge for a moment,
-- and the space is needed again a second later: never truncate. Autovacuum (where it is on) comes
-- after 2,000 dead rows rather than a fifth of the table; the click judge also vacuums it every
-- iabulk.tracking.hits.holds-vacuum-interval (docs/decisions/0013). No H2 counterpart: H2 has no
-- vacuum.
ALTER TABLE tracking_click_holds SET (
    vacuum_truncate = false,
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 2000
);
