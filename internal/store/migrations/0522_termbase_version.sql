-- A termbase entry's version, raised by every save, so that a form loaded
-- before someone else saved the entry does not overwrite their terms
-- unseen (translate.UpdateEntry).
ALTER TABLE termbase_entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
