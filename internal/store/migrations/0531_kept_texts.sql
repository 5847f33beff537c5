-- The document that keeps each language's approved text of a contribution
-- (internal/doc/revision): the original's own manuscript for the original
-- language, a document of the target language for a translation, with a
-- revision for each text the hosts approved. Editions and search read it.
ALTER TABLE contribution_languages ADD COLUMN document_id BIGINT REFERENCES documents (id);
