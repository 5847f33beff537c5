-- Translations of documents, segment by segment (internal/translate). A
-- translation follows one revision of its document into one language; its
-- segments are the sentences of that revision (tandem's segmentation), each
-- with its translation, state and version.

CREATE TABLE translations (
  id {{id}},
  document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  source_lang TEXT NOT NULL,
  lang TEXT NOT NULL,
  -- the number of the document revision the segments are cut from
  revision INTEGER NOT NULL,
  -- whose text it is: "contribution", "speech", "news", … and its id
  owner_kind TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  created_at {{time}} NOT NULL,
  updated_at {{time}} NOT NULL,
  UNIQUE (document_id, lang)
);
CREATE INDEX translations_owner ON translations (owner_kind, owner_id);

CREATE TABLE translation_segments (
  id {{id}},
  translation_id BIGINT NOT NULL REFERENCES translations (id) ON DELETE CASCADE,
  -- block id (or unit id) + "/" + the sentence's number in it; unique
  -- among the segments not archived
  key TEXT NOT NULL,
  position INTEGER NOT NULL,
  block_id TEXT NOT NULL,
  block_kind TEXT NOT NULL,
  -- contents as JSON: runs of text and inline codes
  source TEXT NOT NULL,
  source_hash TEXT NOT NULL,
  -- characters of the source's text, for progress
  chars INTEGER NOT NULL,
  target TEXT NOT NULL DEFAULT '[]',
  state TEXT NOT NULL,
  -- +1 on every change; a save names the version it edited
  version INTEGER NOT NULL DEFAULT 1,
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at {{time}} NOT NULL,
  -- the reviewer's comment, and whether the segment was returned with it
  comment TEXT NOT NULL DEFAULT '',
  returned BOOLEAN NOT NULL DEFAULT FALSE,
  -- when the source changed under a translation: the translation and the
  -- source before the change (needs_review)
  previous TEXT NOT NULL DEFAULT '[]',
  previous_source TEXT NOT NULL DEFAULT '[]',
  -- set when a later revision no longer has the sentence: kept, not shown
  archived_at {{time}}
);
CREATE INDEX translation_segments_order ON translation_segments (translation_id, archived_at, position);
CREATE INDEX translation_segments_hash ON translation_segments (translation_id, source_hash);
