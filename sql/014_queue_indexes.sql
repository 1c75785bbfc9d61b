-- Queues at province scale (100,000 open nominations): a person's queue is the open nominations of
-- the units in their scope, counted per step and listed by due date. Both are answered from these
-- indexes (index-only scans of the units concerned) instead of a scan of the whole table.
CREATE INDEX nominations_open_unit_state ON nominations (unit_id, state) INCLUDE (due_on) WHERE is_open;
CREATE INDEX nominations_open_unit_due ON nominations (unit_id, due_on, state_since, id) INCLUDE (province_code) WHERE is_open;
