-- The installation's translation memory and the forums' termbases.

-- One translation unit of the memory: a confirmed segment in one language
-- pair (from_lang → to_lang). The texts are kept twice: plain, which the
-- fuzzy index compares, and with their inline codes as JSON of
-- interchange.Content, which a suggestion inserts and TMX export writes.
-- A unit with the same pair and texts is one unit: saving it again
-- updates changed_at and changed_by. Lookups load a pair's units in id
-- order and then only rows with a greater id, so that the index of every
-- server process stays current.
CREATE TABLE tm_units (
  id {{id}},
  from_lang TEXT NOT NULL,
  to_lang TEXT NOT NULL,
  source TEXT NOT NULL,
  target TEXT NOT NULL,
  source_codes TEXT NOT NULL DEFAULT '',
  target_codes TEXT NOT NULL DEFAULT '',
  context TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT '',
  collection_id BIGINT REFERENCES collections (id) ON DELETE SET NULL,
  changed_by TEXT NOT NULL DEFAULT '',
  changed_at {{time}} NOT NULL,
  -- a hash of source and target with their codes, so that a duplicate is
  -- found by index whatever the texts' length
  text_key TEXT NOT NULL
);
CREATE INDEX tm_units_pair ON tm_units (from_lang, to_lang, id);
CREATE UNIQUE INDEX tm_units_text ON tm_units (from_lang, to_lang, text_key);
CREATE INDEX tm_units_collection ON tm_units (collection_id);

-- A forum's termbase: one entry per concept (a person, an institution, a
-- treaty's title), with its terms in each language.
CREATE TABLE termbase_entries (
  id {{id}},
  forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
  subject TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at {{time}} NOT NULL
);
CREATE INDEX termbase_entries_forum ON termbase_entries (forum_id, id);

CREATE TABLE termbase_terms (
  id {{id}},
  entry_id BIGINT NOT NULL REFERENCES termbase_entries (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  lang TEXT NOT NULL,
  text TEXT NOT NULL,
  -- preferred, admitted, deprecated, forbidden, or '' when unsaid
  status TEXT NOT NULL DEFAULT '' CHECK (status IN ('', 'preferred', 'admitted', 'deprecated', 'forbidden')),
  part_of_speech TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX termbase_terms_entry ON termbase_terms (entry_id, position);
