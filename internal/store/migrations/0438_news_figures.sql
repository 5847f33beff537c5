-- Images in the body of a news post: each follows a numbered paragraph of
-- the body (after_paragraph 0 is before the first), the same in every
-- language, and has its own alt text, caption and credit per language,
-- approved with the post like the lead image's. Rows are in the post's
-- order (position), which is also their order after one paragraph.
CREATE TABLE news_figures (
  id {{id}},
  news_id BIGINT NOT NULL REFERENCES news_posts (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  image_id BIGINT NOT NULL REFERENCES media (id),
  after_paragraph INTEGER NOT NULL DEFAULT 0 CHECK (after_paragraph >= 0),
  alt TEXT NOT NULL DEFAULT '{}',
  caption TEXT NOT NULL DEFAULT '{}',
  credit TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX news_figures_news ON news_figures (news_id, position);
