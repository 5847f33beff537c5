-- Two-step sign-in's recovery codes: single-use codes that stand in for a
-- one-time code when the authenticator is lost. Only their SHA-256 is
-- kept (they are random, so a slow hash adds nothing); a code is deleted
-- when used, and a new set replaces the whole old one.
CREATE TABLE recovery_codes (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  created_at {{time}} NOT NULL,
  PRIMARY KEY (account_id, code_hash)
);
