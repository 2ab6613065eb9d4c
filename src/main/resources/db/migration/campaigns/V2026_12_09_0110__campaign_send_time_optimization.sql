-- Send-time optimisation (docs/decisions/0022): the window, in hours from the start, in which each
-- recipient is sent at their predicted best hour; null when the campaign sends at once.
ALTER TABLE campaigns ADD COLUMN sto_window_hours INT;
