-- Kuroshio store schema, common to H2 2.x and PostgreSQL.
-- Times are BIGINT microseconds since the epoch; version keys are fixed-width UTC texts with nine
-- fractional digits, so that equal instants have equal keys whatever precision the object used.
-- No foreign keys: the single writer keeps the tables consistent, and every extra index costs
-- import speed (H2 adds one per foreign key).

-- One row: the last date_added handed out. Writers lock it (SELECT ... FOR UPDATE) for the whole
-- transaction, which serialises writers across processes and makes commits follow allocation order.
CREATE TABLE store_clock (
  id INT PRIMARY KEY,
  last_date_added BIGINT NOT NULL
);
INSERT INTO store_clock (id, last_date_added) VALUES (1, 0);

-- num is a compact surrogate used in the membership table and its indexes instead of the id.
CREATE TABLE collections (
  id VARCHAR(100) PRIMARY KEY,
  num INT GENERATED ALWAYS AS IDENTITY UNIQUE,
  title VARCHAR(1000) NOT NULL,
  description VARCHAR,
  alias VARCHAR(250),
  media_types VARCHAR(4000) NOT NULL
);

-- Every version of every object. first_added is the date_added of the version's first membership,
-- unique in the store, so it doubles as the version's key. (object_id, version_key) is unique by
-- the single writer's checks; the index on object_id alone is narrower than a unique index on
-- both. body is the compact JSON in UTF-8.
CREATE TABLE object_versions (
  first_added BIGINT PRIMARY KEY,
  object_id VARCHAR(300) NOT NULL,
  object_type VARCHAR(250) NOT NULL,
  spec_version VARCHAR(20) NOT NULL,
  version_key VARCHAR(30) NOT NULL,
  version_text VARCHAR(40) NOT NULL,
  keyed_by_date BOOLEAN NOT NULL,
  revoked BOOLEAN NOT NULL,
  owner VARCHAR(300) NOT NULL,
  domains VARCHAR(1000) NOT NULL,
  tlp VARCHAR(20),
  release_to VARCHAR NOT NULL,
  received_from VARCHAR(300),
  body BYTEA NOT NULL
);
CREATE INDEX object_versions_id ON object_versions (object_id);

-- Every (type, spec_version) pair the store has seen, numbered. The membership table carries the
-- number (kind), so that one narrow index serves match[type] and match[spec_version]: a filter
-- becomes a few kind numbers, each an index range in date_added order. Codes are allocated by the
-- single writer and never change.
CREATE TABLE object_kinds (
  code INT PRIMARY KEY,
  object_type VARCHAR(250) NOT NULL,
  spec_version VARCHAR(20) NOT NULL
);
CREATE UNIQUE INDEX object_kinds_name ON object_kinds (object_type, spec_version);

-- Collection membership: one row per (collection, version), with its own date_added (unique in the
-- store), the version's kind, and the object's first/last flags within the collection, maintained
-- by every write. Everything else about the version (id, version key, body) is read through the
-- join on version_ref, so the table and its indexes hold only numbers. (version_ref, coll) is
-- unique by the single writer's checks. A version's first membership has date_added = version_ref
-- (both are the date allocated when the version arrived), so the memberships of a version are
-- found by primary key, plus the rows of collection_extra_members; there is no index on
-- version_ref, which is one B-tree fewer for every imported object.
CREATE TABLE collection_objects (
  date_added BIGINT PRIMARY KEY,
  coll INT NOT NULL,
  version_ref BIGINT NOT NULL,
  kind INT NOT NULL,
  is_first BOOLEAN NOT NULL,
  is_last BOOLEAN NOT NULL
);
CREATE INDEX collection_objects_page ON collection_objects (coll, date_added);
CREATE INDEX collection_objects_kind ON collection_objects (coll, kind, date_added);

-- The memberships whose date_added is not their version_ref: a version added to a second
-- collection, or again after a delete. Rare; a bulk import of new objects writes none.
CREATE TABLE collection_extra_members (
  date_added BIGINT PRIMARY KEY,
  coll INT NOT NULL,
  version_ref BIGINT NOT NULL
);
CREATE UNIQUE INDEX collection_extra_members_version ON collection_extra_members (version_ref, coll);

CREATE TABLE statuses (
  id VARCHAR(100) PRIMARY KEY,
  body VARCHAR NOT NULL,
  updated BIGINT NOT NULL
);
