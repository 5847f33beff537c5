-- The event log: an append-only record of every change of state, who made
-- it and when. The application only inserts; the triggers below refuse any
-- UPDATE or DELETE, whoever sends it.
CREATE TABLE events (
  id {{id}},
  at {{time}} NOT NULL,
  -- 0 is the system or a command-line tool
  actor_id BIGINT NOT NULL DEFAULT 0,
  actor_name TEXT NOT NULL DEFAULT '',
  -- a dotted verb: forum.edit, approval.approve, signin.success
  action TEXT NOT NULL,
  -- kind:id, as forum:3
  subject TEXT NOT NULL DEFAULT '',
  partner_id BIGINT,
  -- JSON, or NULL
  before_state TEXT,
  after_state TEXT,
  note TEXT NOT NULL DEFAULT '',
  client_addr TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_subject ON events (subject, id);
CREATE INDEX events_actor ON events (actor_id, id);

{{sqlite}}CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
{{sqlite}}CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
{{postgres}}CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$;
{{postgres}}CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();
