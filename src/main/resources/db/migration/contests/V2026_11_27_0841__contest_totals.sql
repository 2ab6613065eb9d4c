-- A contest's counters, kept exact in the transactions that change participants and referrals
-- (docs/decisions/0013), so the contest summary and the analytics funnel read a few rows instead
-- of aggregating participants. Each transaction adds its deltas to one of several slots picked at
-- random, so concurrent signups of one contest do not queue on a single row lock; readers sum the
-- slots. referred = participants with at least one credited referral; flagged = referrals
-- waiting for review now.
CREATE TABLE contest_totals (
    contest_id   BIGINT NOT NULL REFERENCES contests (id),
    slot         INT    NOT NULL,
    participants BIGINT NOT NULL,
    confirmed    BIGINT NOT NULL,
    referred     BIGINT NOT NULL,
    credited     BIGINT NOT NULL,
    flagged      BIGINT NOT NULL,
    points       BIGINT NOT NULL,
    PRIMARY KEY (contest_id, slot)
);

-- Backfill: the contests that exist keep their numbers (slot 0 holds what was there before).
INSERT INTO contest_totals (contest_id, slot, participants, confirmed, referred, credited, flagged, points)
SELECT c.id, 0,
       (SELECT count(*) FROM contest_participants p WHERE p.contest_id = c.id),
       (SELECT count(*) FROM contest_participants p WHERE p.contest_id = c.id AND p.status = 'CONFIRMED'),
       (SELECT count(*) FROM contest_participants p WHERE p.contest_id = c.id AND p.referrals > 0),
       (SELECT COALESCE(sum(p.referrals), 0) FROM contest_participants p WHERE p.contest_id = c.id),
       (SELECT count(*) FROM referrals r WHERE r.contest_id = c.id AND r.status = 'FLAGGED'),
       (SELECT COALESCE(sum(p.points), 0) FROM contest_participants p WHERE p.contest_id = c.id)
FROM contests c;
