-- Why and when an editor returned a contribution's text to its author, and
-- by whom (a name, as the event log keeps it), so that the author and the
-- editors see it on the manuscript page and the author's dashboard lists
-- it. The next submission clears them.
ALTER TABLE contributions ADD COLUMN returned_note TEXT NOT NULL DEFAULT '';
ALTER TABLE contributions ADD COLUMN returned_at {{time}};
ALTER TABLE contributions ADD COLUMN returned_by TEXT NOT NULL DEFAULT '';
