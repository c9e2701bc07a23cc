-- The directory: organisations, users, API tokens and agreements (org.kuroshio.sharing.Directory).
-- Common to H2 2.x and PostgreSQL, in the store's style: times are BIGINT microseconds since the
-- epoch, no foreign keys (JdbcDirectory checks references and serialises its writers).

-- A partner organisation; id is its STIX identity id.
CREATE TABLE organisations (
  id VARCHAR(100) PRIMARY KEY,
  name VARCHAR(250) NOT NULL,
  created BIGINT NOT NULL
);

-- A user account. roles is a comma-separated list of Role names; password_hash is a
-- Credentials.hashPassword result, or NULL for a tokens-only account.
CREATE TABLE users (
  name VARCHAR(64) PRIMARY KEY,
  organisation VARCHAR(100) NOT NULL,
  roles VARCHAR(200) NOT NULL,
  password_hash VARCHAR(300),
  disabled BOOLEAN NOT NULL,
  created BIGINT NOT NULL
);
CREATE INDEX users_organisation ON users (organisation, name);

-- An API token: only the SHA-256 (lower-case hex) of its secret is kept. num orders tokens issued
-- at the same instant.
CREATE TABLE tokens (
  id UUID PRIMARY KEY,
  num BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
  user_name VARCHAR(64) NOT NULL,
  sha256 CHAR(64) NOT NULL UNIQUE,
  label VARCHAR(200) NOT NULL,
  created BIGINT NOT NULL,
  expires BIGINT,
  revoked BIGINT
);
CREATE INDEX tokens_user ON tokens (user_name, created);

-- Every version of every agreement, as its STIX object's compact JSON; the current version of an
-- agreement is the row with the greatest modified.
CREATE TABLE agreements (
  id VARCHAR(100) NOT NULL,
  modified BIGINT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (id, modified)
);
