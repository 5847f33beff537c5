-- A video made to illustrate, not recorded by the speaker (the demo's
-- videos: an abstract picture and a synthesised voice): the public speech
-- page says so under the player, so that no one takes it for the speech.
ALTER TABLE videos ADD COLUMN illustration BOOLEAN NOT NULL DEFAULT FALSE;
