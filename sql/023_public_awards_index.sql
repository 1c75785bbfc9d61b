-- The public page reads a province's issued award decisions newest first, a page at a time.
CREATE INDEX decisions_published ON decisions (province_code, issued_on DESC, id DESC) WHERE status = 'issued' AND kind = 'award';
