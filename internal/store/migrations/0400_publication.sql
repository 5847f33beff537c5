-- What the public sees of partners, people and news is what their hosts
-- approved: each row says whether it is published, as forums already do.
-- Rows written before the office existed were public, and stay so.
ALTER TABLE news_posts ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE partners ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE people ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;

-- The order of sessions and speeches as the office arranges them, among
-- those that start at the same time.
ALTER TABLE sessions ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE speeches ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
