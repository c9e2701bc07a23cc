-- Provenance: one row per contribution of a version to this node (who sent it, from which peer
-- node, under which agreement). at is a date from the store clock, unique in the store, and the
-- row's key. A version's first contribution is recorded in the same step as the version, so its
-- at is the version's own number (at = version_ref = first_added): a bulk import writes one row
-- per version, keyed in insertion order, and no other index. The rare later contributions (the
-- identical version sent again by another organisation, from another node or under another
-- agreement) get a fresh at and are also listed in contribution_extras, so the contributions of
-- a version are its own number looked up as a primary key plus those rows (as for
-- collection_extra_members).
CREATE TABLE contributions (
  at BIGINT PRIMARY KEY,
  version_ref BIGINT NOT NULL,
  organisation VARCHAR(300) NOT NULL,
  node VARCHAR(300),
  agreement VARCHAR(300)
);

CREATE TABLE contribution_extras (
  at BIGINT PRIMARY KEY,
  version_ref BIGINT NOT NULL
);
CREATE INDEX contribution_extras_version ON contribution_extras (version_ref);

-- Versions stored before this migration: their first contribution, by their owner, from the
-- node they were received from (no agreement was recorded then).
INSERT INTO contributions (at, version_ref, organisation, node, agreement)
  SELECT first_added, first_added, owner, received_from, NULL FROM object_versions;
