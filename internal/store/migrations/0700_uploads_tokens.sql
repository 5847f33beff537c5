-- Resumable uploads (internal/upload) and the API tokens that, beside the
-- office's session, let a program upload (internal/account).

-- An upload through /api/uploads/: created unfinished when the tus client
-- asks for it, completed once every byte has arrived and the file is in the
-- blob store. Only completed uploads are shown anywhere.
CREATE TABLE uploads (
  id {{id}},
  -- the tus upload's id, part of its URL
  tus_id TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- the programme item (speech) the file is for
  speech_id BIGINT NOT NULL REFERENCES speeches (id) ON DELETE CASCADE,
  -- as the client named it, in any script; never used as a path
  filename TEXT NOT NULL,
  filetype TEXT NOT NULL DEFAULT '',
  size BIGINT NOT NULL,
  -- hex SHA-256 of the whole file and its key in the blob store, set at
  -- completion
  sha256 TEXT NOT NULL DEFAULT '',
  blob_key TEXT NOT NULL DEFAULT '',
  created_at {{time}} NOT NULL,
  completed_at {{time}}
);
CREATE INDEX uploads_speech ON uploads (speech_id);
CREATE INDEX uploads_unfinished ON uploads (created_at) WHERE completed_at IS NULL;

-- An account's API token: only its SHA-256 is kept; the token itself is
-- shown once, when made.
CREATE TABLE api_tokens (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at {{time}} NOT NULL,
  last_used_at {{time}},
  revoked_at {{time}}
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);
