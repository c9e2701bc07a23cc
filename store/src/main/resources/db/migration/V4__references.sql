-- What relationships and sightings point at: one row per (referenced id, version). A
-- relationship is released only with both its ends (docs/SHARING.md), so when an end gets a new
-- version the relationships pointing at it are looked up here and made members again, with new
-- dates added, so that added_after cursors see one that has just become releasable. Versions
-- stored before this migration are not indexed.
CREATE TABLE object_refs (
  ref_id VARCHAR(300) NOT NULL,
  version_ref BIGINT NOT NULL
);
CREATE INDEX object_refs_ref ON object_refs (ref_id);
