-- What a speech's video and subtitles show the public waits for every
-- host partner of the forum, as the forum's other products do: a host's
-- organiser or editor approves one exact video (by its id: a new upload
-- needs approving anew) and one exact version of a subtitle track (by the
-- hash of what it shows). Until all have, the version approved before
-- stays public.

-- A video is public from approved_at (every host approved it) while it is
-- the newest such; withdrawn_at records who took it down and when, and a
-- withdrawal clears the approvals of every video of its speech.
ALTER TABLE videos ADD COLUMN approved_at {{time}};
ALTER TABLE videos ADD COLUMN withdrawn_at {{time}};
ALTER TABLE videos ADD COLUMN withdrawn_by_name TEXT NOT NULL DEFAULT '';

-- A host partner's approval of a video, by one person who approves for
-- that host only.
CREATE TABLE video_approvals (
  video_id BIGINT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
  partner_id BIGINT NOT NULL REFERENCES partners (id),
  account_id BIGINT NOT NULL,
  account_name TEXT NOT NULL,
  approved_at {{time}} NOT NULL,
  PRIMARY KEY (video_id, partner_id)
);

-- The version of a track the public sees: its cues as approved (JSON, as
-- cues; NULL while no version was approved), who made that text and from
-- which language, when that version was made (public_created_at, so that
-- a translation is compared with the original's version the public sees)
-- and the hash of that version (subtitle.Track.Hash).
ALTER TABLE subtitle_tracks ADD COLUMN public_cues TEXT;
ALTER TABLE subtitle_tracks ADD COLUMN public_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE subtitle_tracks ADD COLUMN public_provenance TEXT NOT NULL DEFAULT '';
ALTER TABLE subtitle_tracks ADD COLUMN public_source_lang TEXT NOT NULL DEFAULT '';
ALTER TABLE subtitle_tracks ADD COLUMN public_created_at {{time}};
ALTER TABLE subtitle_tracks ADD COLUMN published_at {{time}};

-- A host partner's approval of a track's version whose hash is hash: a
-- new upload or a translation written over it changes the hash, and the
-- approval counts no more.
CREATE TABLE subtitle_approvals (
  track_id BIGINT NOT NULL REFERENCES subtitle_tracks (id) ON DELETE CASCADE,
  partner_id BIGINT NOT NULL REFERENCES partners (id),
  account_id BIGINT NOT NULL,
  account_name TEXT NOT NULL,
  hash TEXT NOT NULL,
  approved_at {{time}} NOT NULL,
  PRIMARY KEY (track_id, partner_id)
);
