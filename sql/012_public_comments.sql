-- Comments from the public on nominations put up for consultation (a workflow step with a posting
-- period): kept on the nomination for the council, never shown publicly.
CREATE TABLE nomination_public_comments (
    province_code text NOT NULL,
    nomination_id bigint NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    author        text NOT NULL CHECK (length(author) BETWEEN 3 AND 200),
    comment       text NOT NULL CHECK (length(comment) BETWEEN 10 AND 4000),
    received_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (province_code, nomination_id, id),
    FOREIGN KEY (province_code, nomination_id) REFERENCES nominations (province_code, id)
);
