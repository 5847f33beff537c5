-- Documents (the manuscripts of speeches, contributions, news posts and
-- primary sources) and every revision of each. A revision keeps the file as
-- uploaded (in the blob store, under source_key) and the document model read
-- from it, as JSON (docs/document-model.md); images of the model are blobs
-- under doc-media/<name>, named by their content.

CREATE TABLE documents (
  id {{id}},
  lang TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  created_at {{time}} NOT NULL
);

CREATE TABLE document_revisions (
  id {{id}},
  document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- 1, 2, 3, … per document, in the order revisions arrived
  number INTEGER NOT NULL,
  source_name TEXT NOT NULL,
  -- "docx" or "markdown"
  source_type TEXT NOT NULL,
  source_key TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  model TEXT NOT NULL,
  -- who uploaded it (an account's login or a person's name) and why
  uploaded_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_at {{time}} NOT NULL,
  UNIQUE (document_id, number)
);
