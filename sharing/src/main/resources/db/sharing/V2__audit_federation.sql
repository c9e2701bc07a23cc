-- Audit log and federation state, common to H2 2.x and PostgreSQL.
-- Times are BIGINT microseconds since the epoch. No foreign keys: the node is the only writer.

-- The hash-chained audit log (docs/SHARING.md, "Audit"). One row per release; agreements and
-- items are the canonical JSON arrays of the entry, exactly the texts that the chain hash covers.
-- An append writes one row here and one row per distinct agreement into audit_agreements, and
-- moves audit_head, all in one transaction.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at_micros BIGINT NOT NULL,
  user_name VARCHAR(256) NOT NULL,
  organisation VARCHAR(300) NOT NULL,
  action VARCHAR(100) NOT NULL,
  collection VARCHAR(300),
  agreements VARCHAR NOT NULL,
  items TEXT NOT NULL,
  prev_hash CHAR(64) NOT NULL,
  hash CHAR(64) NOT NULL
);
CREATE INDEX audit_log_organisation ON audit_log (organisation, seq);
CREATE INDEX audit_log_user ON audit_log (user_name, seq);
CREATE INDEX audit_log_at ON audit_log (at_micros);

-- Which entries released an object (query by object id). Derived from items, not hashed, and
-- filled behind the log (up to audit_indexed.seq), not by the append: one index row per released
-- object costs more than the rest of an append together, and appends run on every read.
CREATE TABLE audit_objects (
  object_id VARCHAR(300) NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (object_id, seq)
);
CREATE TABLE audit_indexed (
  id INT PRIMARY KEY,
  seq BIGINT NOT NULL
);
INSERT INTO audit_indexed (id, seq) VALUES (1, 0);

-- Which entries released something under an agreement. Derived from items; not hashed.
CREATE TABLE audit_agreements (
  agreement VARCHAR(300) NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (agreement, seq)
);

-- The chain's head: the last sequence number and hash, moved in the same transaction as every
-- append, so that removing the last entries (which leaves an intact, shorter chain) is detected.
CREATE TABLE audit_head (
  id INT PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash CHAR(64) NOT NULL,
  updated_micros BIGINT NOT NULL
);
INSERT INTO audit_head (id, seq, hash, updated_micros)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', 0);

-- Federation peers. The credentials are kept in clear: the node must present them to the peer.
-- auth_kind is 'bearer' (auth_secret is the token, auth_user null) or 'basic'. The collection
-- lists are collection ids separated by single spaces ('' for none).
CREATE TABLE peers (
  id VARCHAR(64) PRIMARY KEY,
  base_url VARCHAR(2000) NOT NULL,
  auth_kind VARCHAR(10) NOT NULL,
  auth_user VARCHAR(256),
  auth_secret VARCHAR(4096) NOT NULL,
  organisation VARCHAR(300) NOT NULL,
  pull_collections VARCHAR NOT NULL,
  push_collections VARCHAR NOT NULL,
  interval_seconds INT NOT NULL,
  enabled BOOLEAN NOT NULL,
  created_micros BIGINT NOT NULL,
  updated_micros BIGINT NOT NULL
);

-- Per (peer, collection): the pull cursor (the added_after text last fully stored) and health.
CREATE TABLE peer_state (
  peer_id VARCHAR(64) NOT NULL,
  collection_id VARCHAR(100) NOT NULL,
  added_after VARCHAR(64),
  cursor_micros BIGINT,
  failures INT NOT NULL,
  last_error VARCHAR(1000),
  last_failure_micros BIGINT,
  last_success_micros BIGINT,
  next_attempt_micros BIGINT,
  PRIMARY KEY (peer_id, collection_id)
);
