-- Personalised mail looks up the participations of a batch of contacts in one contest.
CREATE INDEX contest_participants_contact_idx ON contest_participants (contest_id, contact_id);
