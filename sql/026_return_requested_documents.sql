-- A return for supplement names the documents to add (document kinds); the resubmission is
-- refused until each named kind has a file uploaded after the return. Older returns name none.
ALTER TABLE nomination_transitions ADD COLUMN requested_documents text[];
