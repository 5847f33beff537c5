-- The site's own short texts as documents to translate (internal/sitetext):
-- per forum and source language, one document whose blocks are the texts
-- written in that language, read from the drafts; its translations are
-- ordinary translations (owner_kind "site", owner_id the forum).
CREATE TABLE site_documents (
  forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
  source_lang TEXT NOT NULL,
  document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  PRIMARY KEY (forum_id, source_lang)
);

-- What a text of a draft said in a target language when its translation
-- last saw it: when the text was read into the document, or when a
-- confirmed translation was written back. A write-back finds the draft's
-- value still the same, or reports that someone changed it meanwhile
-- instead of overwriting it.
CREATE TABLE site_text_bases (
  document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  lang TEXT NOT NULL,
  -- the text's name: "forum-3-title", "person-5-bio"
  field TEXT NOT NULL,
  -- the source text the translation's segments were cut from
  source TEXT NOT NULL,
  -- the draft's value in lang then, and whether it was complete
  target TEXT NOT NULL,
  done BOOLEAN NOT NULL,
  PRIMARY KEY (document_id, lang, field)
);
