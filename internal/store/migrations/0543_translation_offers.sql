-- The translation an uploaded XLIFF file offered for a segment that was
-- changed in tandem as well since the file was downloaded (a conflict):
-- kept so that the file's text is not lost once its report is left, shown
-- in the workbench as a suggestion and taken or dropped from there. It goes
-- when the segment is next confirmed.
CREATE TABLE translation_offers (
  segment_id BIGINT PRIMARY KEY REFERENCES translation_segments (id) ON DELETE CASCADE,
  -- contents as JSON, as translation_segments.target
  target TEXT NOT NULL,
  -- the state the file gives it
  state TEXT NOT NULL,
  -- the uploaded file's name, who uploaded it and when
  file_name TEXT NOT NULL,
  offered_by TEXT NOT NULL,
  offered_at {{time}} NOT NULL
);
