-- A round's year within the years every other record carries (RecordYears in the code): the
-- rule refuses first with a clear message; the constraint keeps any other path honest.
-- NOT VALID: rounds opened before the rule (an API once accepted any year) are kept, not lost
-- in a failed upgrade; an administrator corrects them, then VALIDATE CONSTRAINT rounds_year_range.
ALTER TABLE rounds ADD CONSTRAINT rounds_year_range CHECK (year BETWEEN 2000 AND 2100) NOT VALID;
