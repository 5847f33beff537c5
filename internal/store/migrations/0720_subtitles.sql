-- Subtitle tracks of the programme's items (internal/subtitle): one per
-- speech and language, replaced whole when a new file is uploaded or a
-- translation comes back from the workbench.
CREATE TABLE subtitle_tracks (
  id {{id}},
  speech_id BIGINT NOT NULL REFERENCES speeches (id) ON DELETE CASCADE,
  -- the track's language: zh, ru or en
  lang TEXT NOT NULL,
  -- who made the text: human (written or translated by people), machine
  -- (machine-translated from another track) or automatic (speech
  -- recognition); viewers are told which
  provenance TEXT NOT NULL,
  -- the language of the track this one was translated from, or '' for
  -- one written in its own language
  source_lang TEXT NOT NULL DEFAULT '',
  -- JSON: [{"index": 1, "start": 560, "end": 3100, "lines": ["…"]}],
  -- times in milliseconds from the media's first frame
  cues TEXT NOT NULL,
  -- the name of the file it was read from, or '' when none was uploaded
  file_name TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  created_by_name TEXT NOT NULL DEFAULT '',
  created_at {{time}} NOT NULL,
  UNIQUE (speech_id, lang)
);
