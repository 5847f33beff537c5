-- A translation's segment confirmed again with another translation replaces
-- the unit it gave the memory before (see translate.MemoryUnit.Supersedes):
-- the old unit is retired, kept with retired_at but no longer suggested,
-- listed or exported. Rows are never deleted, so that ids keep growing
-- (SQLite would give a deleted greatest id again) and every index that
-- reads rows by id greater than the last it saw misses none.
ALTER TABLE tm_units ADD COLUMN retired_at {{time}};

-- Each retirement of a unit (retired true) and each return of a retired
-- unit to use (retired false: the same translation confirmed again), in
-- order, per pair: every server process's index reads the entries of its
-- pair with an id greater than the last it saw and marks its units as the
-- last entry of each says.
CREATE TABLE tm_retirements (
  id {{id}},
  from_lang TEXT NOT NULL,
  to_lang TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES tm_units (id) ON DELETE CASCADE,
  retired BOOLEAN NOT NULL,
  at {{time}} NOT NULL
);
CREATE INDEX tm_retirements_pair ON tm_retirements (from_lang, to_lang, id);
CREATE INDEX tm_retirements_unit ON tm_retirements (unit_id);

-- The units a translation gave, found by origin when one of its segments
-- is confirmed again.
CREATE INDEX tm_units_origin ON tm_units (from_lang, to_lang, origin);

-- The units that segments confirmed again before this migration left
-- behind: of the live units of one translation with the same source text,
-- only the newest stays in use. No index holds units while migrations run.
UPDATE tm_units SET retired_at = changed_at WHERE origin LIKE 'translation:%' AND EXISTS (
  SELECT 1 FROM tm_units n
  WHERE n.from_lang = tm_units.from_lang AND n.to_lang = tm_units.to_lang AND n.origin = tm_units.origin
    AND n.source = tm_units.source AND n.source_codes = tm_units.source_codes
    AND (n.changed_at > tm_units.changed_at OR (n.changed_at = tm_units.changed_at AND n.id > tm_units.id)));
