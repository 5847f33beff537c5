-- The office's side of collections and invitations to contribute.

-- Grows with every change a collection's office form makes, so that a form
-- loaded before another's save does not overwrite it.
ALTER TABLE collections ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Why an invitee declined, in their words; empty when they gave none.
ALTER TABLE contribution_invitations ADD COLUMN reason TEXT NOT NULL DEFAULT '';
