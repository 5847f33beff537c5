-- An image belongs to the partner whose team uploaded it: that team (and
-- an admin) changes its texts. Images uploaded before, or by an admin for
-- no partner, belong to none, and any team's editors may change them.
ALTER TABLE media ADD COLUMN partner_id BIGINT REFERENCES partners (id);
