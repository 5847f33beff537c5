-- Editions of the Collected Works (internal/edition): a collection in one
-- language, or two for a parallel edition, with its formats, ISBNs,
-- publisher of record, release and front matter; the files each build
-- made; and the host partners' approvals of the built proofs.
CREATE TABLE editions (
  id {{id}},
  collection_id BIGINT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  -- the edition's address on the public site and in file names
  slug TEXT NOT NULL UNIQUE,
  -- base languages, space-separated: one, or two (verso first)
  languages TEXT NOT NULL,
  -- formats, space-separated: web epub pdf
  formats TEXT NOT NULL,
  -- JSON: {"epub": "9787…", "pdf": "…"}, thirteen digits each
  isbns TEXT NOT NULL DEFAULT '{}',
  -- the publisher of record, one of the forum's host partners, with its
  -- imprint per language (JSON {"zh": "…"})
  publisher_id BIGINT NOT NULL REFERENCES partners (id),
  publisher_name TEXT NOT NULL DEFAULT '{}',
  publisher_place TEXT NOT NULL DEFAULT '{}',
  -- the release instant, NULL while none is set, and the IANA zone it was
  -- entered in (Asia/Shanghai)
  release_at {{time}},
  time_zone TEXT NOT NULL DEFAULT '',
  -- ISO 3166-1 alpha-2 codes, space-separated, or WORLD
  territories TEXT NOT NULL DEFAULT '',
  -- JSON: {"zh": ["line", …]}, the imprint page's block as entered
  imprint TEXT NOT NULL DEFAULT '{}',
  -- JSON: {"zh": "Markdown"}, the volume editors' preface
  preface TEXT NOT NULL DEFAULT '{}',
  -- page or chapter
  note_numbering TEXT NOT NULL DEFAULT 'chapter',
  -- a5, a4, b5 or 16k
  page_size TEXT NOT NULL DEFAULT 'a5',
  doi_prefix TEXT NOT NULL DEFAULT '',
  sample_isbn BOOLEAN NOT NULL DEFAULT FALSE,
  -- draft, proofs, approved, scheduled, released
  state TEXT NOT NULL,
  -- grows with every change of the row, for forms that must not overwrite
  version INTEGER NOT NULL DEFAULT 1,
  -- the latest change of what the book says (not of its state): a book's
  -- Modified time is never older
  edited_at {{time}} NOT NULL,
  released_at {{time}},
  created_at {{time}} NOT NULL,
  -- the latest build, for the office's progress: its job, where it stands
  -- (queued, running, done, failed), the format being built, units done
  -- of total (chapters times formats) and the error that stopped it
  build_job_id BIGINT,
  build_state TEXT NOT NULL DEFAULT '',
  build_format TEXT NOT NULL DEFAULT '',
  build_done INTEGER NOT NULL DEFAULT 0,
  build_total INTEGER NOT NULL DEFAULT 0,
  build_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX editions_collection ON editions (collection_id);
CREATE INDEX editions_due ON editions (state, release_at);

-- The file a build made of each format: fingerprint is the hash of the
-- inputs it was made from (a build whose inputs did not change reuses it),
-- sha256 the file's own hash, which names it in the blob store.
CREATE TABLE edition_files (
  edition_id BIGINT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
  format TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  built_at {{time}} NOT NULL,
  PRIMARY KEY (edition_id, format)
);

-- A host partner's approval of an edition's built proofs, for the files
-- whose combined hash is fingerprint: a rebuild that changes any file's
-- bytes makes it count no more.
CREATE TABLE edition_proof_approvals (
  edition_id BIGINT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
  partner_id BIGINT NOT NULL REFERENCES partners (id),
  account_id BIGINT NOT NULL,
  account_name TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  approved_at {{time}} NOT NULL,
  PRIMARY KEY (edition_id, partner_id)
);
