-- Idempotency keys belong to the caller who sent them and to the request they came with: matched
-- per province and actor (not across a whole province), stored with a fingerprint of the request
-- so that the same key sent with another request is refused instead of answered with the first.
ALTER TABLE nomination_transitions ADD COLUMN idempotency_fingerprint text;
DROP INDEX nomination_transitions_idempotency;
CREATE UNIQUE INDEX nomination_transitions_idempotency ON nomination_transitions (province_code, actor_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
