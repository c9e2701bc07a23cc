-- A version's first contribution is implied by the version row itself (its owner, the node it
-- was received from, and now the agreement it came under), so a bulk import writes no
-- provenance row per object. Versions stored earlier keep their first contribution in
-- contributions (V3); the store reads either.
ALTER TABLE object_versions ADD COLUMN agreement VARCHAR(300);
