-- Referral fraud risk (docs/decisions/0024): each referral keeps its risk assessment, the operator's
-- decision on it when there was one (the labels a learned model trains on), and each participant
-- the user agent it signed up with.
ALTER TABLE contest_participants ADD COLUMN user_agent VARCHAR(256);

ALTER TABLE referrals ADD COLUMN risk_score DOUBLE PRECISION;
ALTER TABLE referrals ADD COLUMN risk_level VARCHAR(6);
-- the reasons as CODE=strength pairs separated by commas, strongest first
ALTER TABLE referrals ADD COLUMN risk_reasons VARCHAR(400);
ALTER TABLE referrals ADD COLUMN review_decision VARCHAR(8);
ALTER TABLE referrals ADD COLUMN reviewed_at TIMESTAMP WITH TIME ZONE;

-- The referrer's most recent referees, newest first, read on every referred signup and
-- confirmation (a bounded window, whatever the size of the tree).
CREATE INDEX referrals_referrer_id_idx ON referrals (referrer_id, id);
-- The review queue's watch list (MEDIUM risk) and its filter by level, keyset-paged by id.
CREATE INDEX referrals_contest_risk_idx ON referrals (contest_id, risk_level, id);
-- Operators' decisions in time order: the labels of the learned risk model.
CREATE INDEX referrals_reviewed_idx ON referrals (reviewed_at);

-- Networks (IPv4 /24, IPv6 /48 by default) that referrals held for review came from, per contest:
-- one primary-key read per assessment instead of a look through the network's signups.
CREATE TABLE referral_risk_networks (
    contest_id BIGINT      NOT NULL REFERENCES contests (id),
    network    VARCHAR(45) NOT NULL,
    flagged    INT         NOT NULL,
    PRIMARY KEY (contest_id, network)
);
