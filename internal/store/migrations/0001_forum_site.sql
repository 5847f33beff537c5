-- The public forum site: partners, people, forums and their programmes,
-- news and media. Multilingual texts are JSON (see internal/lang): a value per
-- language, the source language and which languages are complete.

-- Bumped by every change to what the public site shows; servers compare it
-- to decide whether their rendered pages are still current.
CREATE TABLE site_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO site_state (id, version) VALUES (1, 1);

CREATE TABLE media (
  id {{id}},
  kind TEXT NOT NULL,
  blob_key TEXT NOT NULL,
  content_type TEXT NOT NULL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  alt TEXT NOT NULL DEFAULT '{}',
  caption TEXT NOT NULL DEFAULT '{}',
  credit TEXT NOT NULL DEFAULT '{}',
  -- true for a generated or drawn image, which pages label as an illustration
  illustration BOOLEAN NOT NULL DEFAULT FALSE,
  rights TEXT NOT NULL DEFAULT '',
  created_at {{time}} NOT NULL
);

-- Scaled copies of an image for pages (srcset).
CREATE TABLE media_renditions (
  media_id BIGINT NOT NULL REFERENCES media (id) ON DELETE CASCADE,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  blob_key TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  PRIMARY KEY (media_id, width, content_type)
);

CREATE TABLE partners (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  country TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '{}',
  logo_id BIGINT REFERENCES media (id)
);

CREATE TABLE people (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  names TEXT NOT NULL,
  position TEXT NOT NULL DEFAULT '{}',
  bio TEXT NOT NULL DEFAULT '{}',
  partner_id BIGINT REFERENCES partners (id),
  affiliation TEXT NOT NULL DEFAULT '{}',
  photo_id BIGINT REFERENCES media (id)
);

CREATE TABLE forums (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  theme TEXT NOT NULL DEFAULT '{}',
  summary TEXT NOT NULL DEFAULT '{}',
  note TEXT NOT NULL DEFAULT '{}',
  starts_at {{time}} NOT NULL,
  ends_at {{time}} NOT NULL,
  time_zone TEXT NOT NULL,
  venue TEXT NOT NULL DEFAULT '{}',
  online BOOLEAN NOT NULL DEFAULT FALSE,
  languages TEXT NOT NULL,
  published BOOLEAN NOT NULL DEFAULT FALSE
);

-- A forum's host partners, in the order they are named.
CREATE TABLE forum_hosts (
  forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
  partner_id BIGINT NOT NULL REFERENCES partners (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (forum_id, partner_id)
);

CREATE TABLE sessions (
  id {{id}},
  forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  starts_at {{time}} NOT NULL,
  ends_at {{time}} NOT NULL,
  room TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX sessions_forum ON sessions (forum_id, starts_at);

CREATE TABLE speeches (
  id {{id}},
  forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
  session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  slug TEXT NOT NULL,
  speaker_id BIGINT NOT NULL REFERENCES people (id),
  kind TEXT NOT NULL,
  delivery TEXT NOT NULL DEFAULT '',
  original_lang TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '{}',
  body TEXT NOT NULL DEFAULT '{}',
  starts_at {{time}} NOT NULL,
  ends_at {{time}} NOT NULL,
  UNIQUE (forum_id, slug)
);
CREATE INDEX speeches_session ON speeches (session_id, starts_at);
CREATE INDEX speeches_speaker ON speeches (speaker_id);

-- A publication released at a forum; for now announced, later built.
CREATE TABLE collections (
  id {{id}},
  forum_id BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '{}',
  languages TEXT NOT NULL,
  released_at {{time}} NOT NULL
);

CREATE TABLE news_posts (
  id {{id}},
  slug TEXT NOT NULL UNIQUE,
  forum_id BIGINT REFERENCES forums (id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  dateline TEXT NOT NULL DEFAULT '{}',
  summary TEXT NOT NULL DEFAULT '{}',
  body TEXT NOT NULL DEFAULT '{}',
  source TEXT NOT NULL DEFAULT '{}',
  published_at {{time}} NOT NULL,
  lead_image_id BIGINT REFERENCES media (id)
);
CREATE INDEX news_posts_published ON news_posts (published_at);
