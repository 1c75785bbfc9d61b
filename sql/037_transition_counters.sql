-- The next transition's number comes from the nomination's own row instead of max(seq) over its
-- transitions: the same answer, read from the row the transition updates anyway, and no plan to
-- go wrong. (A statement prepared while nomination_transitions was empty kept a sequential scan
-- for max(seq) until the next ANALYZE: on a new database the first transitions slowed down as
-- the table grew.)
ALTER TABLE nominations ADD COLUMN last_seq integer NOT NULL DEFAULT 0;
UPDATE nominations n SET last_seq = t.seq
FROM (SELECT province_code, nomination_id, max(seq) AS seq FROM nomination_transitions GROUP BY province_code, nomination_id) t
WHERE t.province_code = n.province_code AND t.nomination_id = n.id AND t.seq <> 0;

-- The chain's head is looked up by its key whatever the statistics say: a plan cached while
-- audit_records was empty scanned the whole table for every record appended later (until the
-- next ANALYZE). Planning each call instead would cost more than the look-up.
ALTER FUNCTION audit_append(text, text, bigint, text, text) SET enable_seqscan = off;
