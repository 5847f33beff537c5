-- The videos of programme items (internal/video): a speech's recorded
-- video as uploaded (the original, kept), where its processing stands, and
-- what processing made of it (the web renditions and a poster). A speech
-- may have several over time; the newest is the current one.
CREATE TABLE videos (
  id {{id}},
  speech_id BIGINT NOT NULL REFERENCES speeches (id) ON DELETE CASCADE,
  -- the uploaded file in the blob store, never changed or removed by
  -- processing, and its size in bytes
  original_key TEXT NOT NULL,
  original_size BIGINT NOT NULL DEFAULT 0,
  -- queued, probing, processing, ready, failed
  state TEXT NOT NULL,
  -- why it failed, as a message key (video.error.*), and the details for
  -- the log (ffmpeg's own words), never shown to the organiser
  error_key TEXT NOT NULL DEFAULT '',
  error_detail TEXT NOT NULL DEFAULT '',
  -- ffprobe's JSON answer about the original, '' until probed
  probe TEXT NOT NULL DEFAULT '',
  -- remux (the video stream copied) or transcode, decided from the probe
  method TEXT NOT NULL DEFAULT '',
  duration_ms BIGINT NOT NULL DEFAULT 0,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  -- JSON: the original audio's loudness as measured by loudnorm's first
  -- pass ({"i": -23.1, "tp": …, "lra": …, "thresh": …, "offset": …}), ''
  -- until measured or when there is no audio
  loudness TEXT NOT NULL DEFAULT '',
  -- JSON: [{"name": "main", "key": "…", "width": 1920, "height": 1080,
  -- "size": …, "video_codec": "h264", "audio_codec": "aac", …}, …]
  renditions TEXT NOT NULL DEFAULT '[]',
  poster_key TEXT NOT NULL DEFAULT '',
  -- how far processing has got, in thousandths
  progress INTEGER NOT NULL DEFAULT 0,
  -- the job that processes it (River's river_job.id)
  job_id BIGINT,
  -- the worker processing it holds a lease, renewed while it works: a
  -- lease past its end (Unix milliseconds) is a worker that died
  lease_token TEXT NOT NULL DEFAULT '',
  lease_until_ms BIGINT,
  submitted_by_id BIGINT,
  submitted_by_name TEXT NOT NULL DEFAULT '',
  created_at {{time}} NOT NULL,
  updated_at {{time}} NOT NULL
);
CREATE INDEX videos_speech ON videos (speech_id, id);
CREATE INDEX videos_lease ON videos (state, lease_until_ms);
