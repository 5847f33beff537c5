-- The Collected Works: a collection's editorial side, its contributions
-- (chapters) with their authors, staff and languages, the hosts' approval of
-- each language's text, and the invitations to contributors. The public side
-- of a collection (slug, title, description, languages, release) is in
-- collections (0001).

-- When contributions are due, as an instant; NULL while none is set.
ALTER TABLE collections ADD COLUMN deadline {{time}};

-- The volume editors, each for one host partner.
CREATE TABLE collection_editors (
  collection_id BIGINT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  partner_id BIGINT NOT NULL REFERENCES partners (id),
  PRIMARY KEY (collection_id, account_id)
);

-- A contribution: one chapter of a collection, in the order of position.
CREATE TABLE contributions (
  id {{id}},
  collection_id BIGINT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  -- 1, 2, 3, … in the collection's order
  position INTEGER NOT NULL,
  -- the language the author writes in (BCP 47 base: zh, ru, en)
  lang TEXT NOT NULL,
  -- lang.Text JSON
  title TEXT NOT NULL DEFAULT '{}',
  abstract TEXT NOT NULL DEFAULT '{}',
  -- JSON: {"zh": ["…", …], "ru": […]}
  keywords TEXT NOT NULL DEFAULT '{}',
  -- invited, accepted, declined, submitted, in_editing, text_final
  state TEXT NOT NULL,
  -- the manuscript: a document whose revisions are the author's uploads
  -- and the editors' corrections; NULL until the first upload
  document_id BIGINT REFERENCES documents (id),
  -- grows with every change of the row, for forms that must not overwrite
  version INTEGER NOT NULL DEFAULT 1,
  created_at {{time}} NOT NULL,
  updated_at {{time}} NOT NULL
);
CREATE INDEX contributions_collection ON contributions (collection_id, position);

-- A contribution's authors, in order; a person need not have an account.
CREATE TABLE contribution_authors (
  contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (contribution_id, person_id)
);
CREATE INDEX contribution_authors_person ON contribution_authors (person_id);

-- Accounts that act for a person (an author's account, made on accepting an
-- invitation or linked by an organiser).
CREATE TABLE person_accounts (
  person_id BIGINT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, account_id)
);
CREATE INDEX person_accounts_account ON person_accounts (account_id);

-- Who translates and who reviews a contribution into a target language.
CREATE TABLE contribution_staff (
  contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- translator or reviewer
  role TEXT NOT NULL,
  PRIMARY KEY (contribution_id, lang, account_id, role)
);
CREATE INDEX contribution_staff_account ON contribution_staff (account_id);

-- Where each language's text of a contribution stands once the original is
-- final: the original language waits for the hosts' approval; each target
-- language goes in_translation, translated, in_review, reviewed, approved.
CREATE TABLE contribution_languages (
  contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at {{time}} NOT NULL,
  PRIMARY KEY (contribution_id, lang)
);

-- A host partner's approval of one language's text of a contribution, for
-- the exact version it saw: fingerprint is the text's hash then, snapshot
-- the document model (JSON) it approved, so that a later change shows the
-- approvers what changed. An approval whose fingerprint differs from the
-- current text's no longer counts.
CREATE TABLE contribution_approvals (
  contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  partner_id BIGINT NOT NULL REFERENCES partners (id),
  account_id BIGINT NOT NULL,
  account_name TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  snapshot TEXT NOT NULL,
  approved_at {{time}} NOT NULL,
  PRIMARY KEY (contribution_id, lang, partner_id)
);

-- Invitations to contribute, by e-mail in the invitee's language. Only the
-- token's SHA-256 is kept; the link carries the token itself.
CREATE TABLE contribution_invitations (
  id {{id}},
  contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  person_id BIGINT NOT NULL REFERENCES people (id),
  email TEXT NOT NULL,
  lang TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  -- pending, accepted, declined, revoked
  state TEXT NOT NULL,
  invited_by BIGINT NOT NULL,
  invited_by_name TEXT NOT NULL DEFAULT '',
  created_at {{time}} NOT NULL,
  answered_at {{time}},
  -- the account the acceptance made or linked
  account_id BIGINT
);
CREATE INDEX contribution_invitations_contribution ON contribution_invitations (contribution_id);

-- Editors' comments on a manuscript's blocks, in the revision they read.
CREATE TABLE manuscript_comments (
  id {{id}},
  contribution_id BIGINT NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
  revision INTEGER NOT NULL,
  block_id TEXT NOT NULL,
  account_id BIGINT NOT NULL,
  account_name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at {{time}} NOT NULL,
  resolved_at {{time}}
);
CREATE INDEX manuscript_comments_contribution ON manuscript_comments (contribution_id, revision);
