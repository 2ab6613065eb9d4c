-- Engagement features read the participations of a page of contacts across all contests
-- (ContestService.contactFacts, docs/decisions/0020): by contact, whatever the contest.
CREATE INDEX contest_participants_of_contact_idx ON contest_participants (contact_id);
