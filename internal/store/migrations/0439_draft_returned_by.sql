-- Who returned a draft, so that its authors see who sent it back: the
-- approver's name and the partner they returned it for (0 while it has not
-- been returned). The time is the draft's updated_at, which a return sets.
ALTER TABLE drafts ADD COLUMN returned_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE drafts ADD COLUMN returned_for BIGINT NOT NULL DEFAULT 0;
