-- For a version pulled from a peer node: the organisation on this node that received it (its
-- first recipient), which the release rule needs for onward sharing (docs/SHARING.md, rule 5).
ALTER TABLE object_versions ADD COLUMN received_by VARCHAR(300);
