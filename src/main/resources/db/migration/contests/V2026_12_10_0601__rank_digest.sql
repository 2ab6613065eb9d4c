-- The "you moved up" digest (docs/decisions/0027). A contest opts in (rank_digest; a constant
-- default: adding it rewrites no rows).
ALTER TABLE contests ADD COLUMN rank_digest BOOLEAN NOT NULL DEFAULT FALSE;

-- Each confirmed participant's rank as last compared: the baseline the next comparison, a digest
-- interval later, measures a move against. taken_at is when it was taken (the participant is due
-- again one interval after it), mailed_at when the last digest was handed to mailing. One row per
-- participant, written only by the digest rounds.
CREATE TABLE participant_rank_snapshots (
    participant_id BIGINT NOT NULL PRIMARY KEY REFERENCES contest_participants (id),
    contest_id     BIGINT NOT NULL REFERENCES contests (id),
    rank           BIGINT NOT NULL,
    taken_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    mailed_at      TIMESTAMP WITH TIME ZONE
);
-- "is any baseline of this contest due?", asked every check, answered by the first index entry
CREATE INDEX participant_rank_snapshots_due_idx ON participant_rank_snapshots (contest_id, taken_at);

-- One instance runs the digest rounds at a time: it holds this row's lease, renewed after every batch;
-- an instance that dies frees it when lease_until passes.
CREATE TABLE contest_job_leases (
    name        VARCHAR(40) NOT NULL PRIMARY KEY,
    holder      VARCHAR(200),
    lease_until TIMESTAMP WITH TIME ZONE
);
INSERT INTO contest_job_leases (name) VALUES ('rank-digest');
