-- Manuscripts and the hosts' approvals: what the importer said about each
-- uploaded revision, and when a later change of the text re-opened an
-- approval (it no longer counts, but its snapshot shows what changed).

-- The importer's warnings about one revision of a contribution's
-- manuscript (what it could not carry over faithfully), as a JSON array of
-- strings, for the people who read the manuscript after the upload.
CREATE TABLE manuscript_warnings (
  contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  warnings TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (contribution_id, revision)
);

-- Set when the text approved changed afterwards: the approval no longer
-- counts, and the host must approve the new text.
ALTER TABLE contribution_approvals ADD COLUMN reopened_at {{time}};
