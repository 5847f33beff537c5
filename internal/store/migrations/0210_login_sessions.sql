-- The office's sign-in sessions (not the programme's sessions): the data
-- alexedwards/scs keeps per session, found by the SHA-256 of the token in
-- the visitor's cookie, so that a copy of the database cannot be used to
-- sign in.
CREATE TABLE login_sessions (
  token_hash TEXT PRIMARY KEY,
  data {{bytes}} NOT NULL,
  expires_at {{time}} NOT NULL
);
CREATE INDEX login_sessions_expiry ON login_sessions (expires_at);
