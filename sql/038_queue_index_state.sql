-- The queue's list reads each unit's first open nominations in queue order from this index; with
-- the step in it, "Việc của tôi" (the person's own steps) and the step filter are answered from
-- the index without visiting the table for the rows they skip.
CREATE INDEX nominations_open_unit_queue ON nominations (unit_id, due_on, state_since, id) INCLUDE (province_code, state) WHERE is_open;
DROP INDEX nominations_open_unit_due;
