-- An upload's last response no longer waits for its checksum and its move
-- into the blob store: a job does both once every byte has arrived. The
-- state says how far an upload got: receiving (bytes still to come),
-- received (all here, in the staging folder; the job queued; sha256 set
-- once it has read the file), stored (in the blob store, completed_at set).
ALTER TABLE uploads ADD COLUMN state TEXT NOT NULL DEFAULT 'receiving';
ALTER TABLE uploads ADD COLUMN received_at {{time}};
UPDATE uploads SET state = 'stored', received_at = completed_at WHERE completed_at IS NOT NULL;
