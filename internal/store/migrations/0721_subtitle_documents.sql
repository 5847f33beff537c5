-- Subtitle tracks as documents to translate (internal/subtrans): per speech
-- and the language of a track written in its own language, one document
-- whose blocks are the track's cues ("cue-12"); its translations are
-- ordinary translations (owner_kind "subtitles", owner_id the speech), and
-- a translation complete and reviewed becomes the track of its language.
CREATE TABLE subtitle_documents (
  speech_id BIGINT NOT NULL REFERENCES speeches (id) ON DELETE CASCADE,
  source_lang TEXT NOT NULL,
  document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  PRIMARY KEY (speech_id, source_lang)
);
