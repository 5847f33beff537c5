-- Whether the public site lists a collection. The collections announced
-- before the office could make them stay public; one made in the office
-- starts unpublished, so that nothing reaches the public site without the
-- hosts: its release is an edition's (issue 10).
ALTER TABLE collections ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;
