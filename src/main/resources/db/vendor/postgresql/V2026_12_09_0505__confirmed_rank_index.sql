-- Only confirmed participants have a place on a leaderboard (issue 16): the SQL fallback's top-N and
-- rank counts read this partial index, which leaves unconfirmed signups out of the ranking order.
CREATE INDEX contest_participants_confirmed_rank_idx
    ON contest_participants (contest_id, referrals DESC, points DESC, created_at, id)
    WHERE status = 'CONFIRMED';
