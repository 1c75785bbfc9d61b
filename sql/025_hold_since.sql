-- The day a hold began, so that the refusal of every step it blocks can say since when (and a
-- reviewer sees how long a nominee has been waiting on an inspection or a complaint). Holds
-- recorded before this migration keep no day: the refusal then gives the reason alone.
ALTER TABLE nominations ADD COLUMN held_since date;
