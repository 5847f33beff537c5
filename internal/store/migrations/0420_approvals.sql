-- Approval by every host: the office edits a working copy (a draft) of a
-- subject, never what the public sees; the public sees it once every host
-- partner has approved that exact version.

-- One working copy per subject: its whole content as JSON, a version that
-- grows with every save, and where it stands (editing, submitted,
-- returned, scheduled).
CREATE TABLE drafts (
  id {{id}},
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  content TEXT NOT NULL,
  state TEXT NOT NULL,
  -- why an approver returned it
  comment TEXT NOT NULL DEFAULT '',
  -- not before this time, once approved; NULL is at once
  publish_at {{time}},
  author_id BIGINT NOT NULL DEFAULT 0,
  author_name TEXT NOT NULL DEFAULT '',
  submitted_by BIGINT NOT NULL DEFAULT 0,
  submitted_by_name TEXT NOT NULL DEFAULT '',
  created_at {{time}} NOT NULL,
  updated_at {{time}} NOT NULL,
  UNIQUE (subject_kind, subject_id)
);
CREATE INDEX drafts_state ON drafts (state);

-- The partners whose approval a submitted version needs, fixed when it is
-- submitted, and each one's decision (approved_at NULL: awaited).
CREATE TABLE draft_approvers (
  draft_id BIGINT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  partner_id BIGINT NOT NULL REFERENCES partners (id),
  position INTEGER NOT NULL,
  approved_by BIGINT,
  approved_by_name TEXT NOT NULL DEFAULT '',
  approved_at {{time}},
  PRIMARY KEY (draft_id, version, partner_id)
);
CREATE INDEX draft_approvers_partner ON draft_approvers (partner_id, approved_at);

-- Each version that went public, and who approved it.
CREATE TABLE publications (
  id {{id}},
  subject_kind TEXT NOT NULL,
  subject_id BIGINT NOT NULL,
  version INTEGER NOT NULL,
  published_at {{time}} NOT NULL,
  -- JSON: [{"partner_id":1,"account_id":7,"name":"…","at":"…"}]
  approvers TEXT NOT NULL
);
CREATE INDEX publications_subject ON publications (subject_kind, subject_id);
