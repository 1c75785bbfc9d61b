-- The articles (điều) of a decision as its drafter edited them, one per line; NULL while the
-- draft keeps the text ThiDua writes from its list (which follows the list when an awardee is
-- taken off). Issued decisions keep whatever they were issued with.
ALTER TABLE decisions ADD COLUMN articles text;
