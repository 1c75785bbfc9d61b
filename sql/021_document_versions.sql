-- A dossier document is replaced, never overwritten: the earlier file stays, marked with when it
-- was replaced and by which file, so the dossier as the council saw it can always be shown.
ALTER TABLE nomination_documents
    ADD COLUMN replaced_at timestamptz,
    ADD COLUMN replaced_by bytea;
