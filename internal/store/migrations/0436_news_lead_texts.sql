-- A news post's lead image has its own alt text, caption and credit,
-- approved with the post like its other texts; the library's texts are
-- only what a new use of the image starts from. Posts with a lead image
-- take the library's texts as they are now, and so do the working copies
-- (drafts) of such posts.
ALTER TABLE news_posts ADD COLUMN lead_alt TEXT NOT NULL DEFAULT '{}';
ALTER TABLE news_posts ADD COLUMN lead_caption TEXT NOT NULL DEFAULT '{}';
ALTER TABLE news_posts ADD COLUMN lead_credit TEXT NOT NULL DEFAULT '{}';
UPDATE news_posts SET
  lead_alt = (SELECT m.alt FROM media m WHERE m.id = news_posts.lead_image_id),
  lead_caption = (SELECT m.caption FROM media m WHERE m.id = news_posts.lead_image_id),
  lead_credit = (SELECT m.credit FROM media m WHERE m.id = news_posts.lead_image_id)
  WHERE lead_image_id IS NOT NULL AND EXISTS (SELECT 1 FROM media m WHERE m.id = news_posts.lead_image_id);
{{sqlite}}UPDATE drafts SET content = (SELECT json_set(drafts.content, '$.LeadAlt', json(m.alt), '$.LeadCaption', json(m.caption), '$.LeadCredit', json(m.credit)) FROM media m WHERE m.id = json_extract(drafts.content, '$.LeadImageID')) WHERE subject_kind = 'news' AND EXISTS (SELECT 1 FROM media m WHERE m.id = json_extract(drafts.content, '$.LeadImageID'));
{{postgres}}UPDATE drafts SET content = (SELECT (drafts.content::jsonb || jsonb_build_object('LeadAlt', m.alt::jsonb, 'LeadCaption', m.caption::jsonb, 'LeadCredit', m.credit::jsonb))::text FROM media m WHERE m.id = (drafts.content::jsonb ->> 'LeadImageID')::bigint) WHERE subject_kind = 'news' AND EXISTS (SELECT 1 FROM media m WHERE m.id = (drafts.content::jsonb ->> 'LeadImageID')::bigint);
