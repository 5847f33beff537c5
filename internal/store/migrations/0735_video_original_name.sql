-- The name of the file a video was made of, as it was given (tandem video
-- attach's FILE): the office lists every video of an item by its file's
-- name, including those that did not come through an upload, whose name
-- the uploads table keeps. '' for videos recorded before.
ALTER TABLE videos ADD COLUMN original_name TEXT NOT NULL DEFAULT '';
