-- The second kind of model in the registry (docs/decisions/0028): the referral risk model, trained on
-- operators' review decisions. Its training lease and active-model lock are this row, as for engagement.
INSERT INTO model_kinds (kind) VALUES ('referral-risk');
