-- Settings of the site that the commands run beside the server read: the
-- public address tandem serve was given (base_url), which the editions'
-- files name, so that `tandem edition build` and a worker make the same
-- bytes as the office.
CREATE TABLE site_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
