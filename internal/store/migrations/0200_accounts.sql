-- Accounts and partner teams: who may sign in to the office, and in which
-- partner's team with which role. Login sessions live elsewhere
-- (login_sessions); an account's session_epoch tells them when every session
-- of the account has ended.

CREATE TABLE accounts (
  id {{id}},
  -- lower-cased; the sign-in name
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  -- the office's language: zh, ru or en
  lang TEXT NOT NULL,
  -- argon2id in PHC form ($argon2id$v=19$m=…,t=…,p=…$salt$hash); empty
  -- for an account that cannot sign in with a password
  password_hash TEXT NOT NULL DEFAULT '',
  admin BOOLEAN NOT NULL DEFAULT FALSE,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  -- base32 TOTP secret; set and not enabled while enrolment awaits its
  -- first code
  totp_secret TEXT NOT NULL DEFAULT '',
  totp_enabled BOOLEAN NOT NULL DEFAULT FALSE,
  -- the last 30-second step whose code was accepted, so that a code is
  -- used once
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  -- raised by a password change and by "sign out everywhere"; a login
  -- session made under a smaller epoch is over
  session_epoch BIGINT NOT NULL DEFAULT 0,
  created_at {{time}} NOT NULL
);

-- An account's roles in partners' teams: several partners, several roles
-- at one partner.
CREATE TABLE memberships (
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  partner_id BIGINT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  PRIMARY KEY (account_id, partner_id, role)
);
CREATE INDEX memberships_partner ON memberships (partner_id);

-- Invitations of an e-mail address into a partner's team. Only the
-- SHA-256 of the token is kept.
CREATE TABLE invitations (
  id {{id}},
  partner_id BIGINT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  lang TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  invited_by BIGINT REFERENCES accounts (id) ON DELETE SET NULL,
  created_at {{time}} NOT NULL,
  expires_at {{time}} NOT NULL,
  accepted_at {{time}},
  revoked_at {{time}},
  -- the account that accepted
  account_id BIGINT REFERENCES accounts (id) ON DELETE SET NULL
);
CREATE INDEX invitations_partner ON invitations (partner_id);

-- Password reset tokens (their SHA-256), single use.
CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at {{time}} NOT NULL,
  expires_at {{time}} NOT NULL,
  used_at {{time}}
);
CREATE INDEX password_resets_account ON password_resets (account_id);

-- Failed sign-ins per key: "account:" and the e-mail address tried, or
-- "address:" and the client's address. A window of 15 minutes opens at
-- a key's first failure; the fifth failure in it locks the key until
-- locked_until.
CREATE TABLE login_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start {{time}} NOT NULL,
  locked_until {{time}}
);
