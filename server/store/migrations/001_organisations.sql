-- Organisations: a group, its branches, their properties. One table, so a policy's
-- scope (group, branch or property) is one foreign key. Parent kinds (a branch under
-- a group, a property under a branch) are checked by the repository.
CREATE TABLE organisations (
  id          text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('group', 'branch', 'property')),
  parent_id   text REFERENCES organisations (id),
  name        text NOT NULL,
  households  integer CHECK (households >= 0),
  time_zone   text,
  created_at  timestamptz NOT NULL,
  CHECK ((kind = 'group') = (parent_id IS NULL)),
  CHECK (kind <> 'property' OR (households IS NOT NULL AND time_zone IS NOT NULL)),
  CHECK (kind = 'property' OR (households IS NULL AND time_zone IS NULL))
);
CREATE INDEX organisations_parent_idx ON organisations (parent_id);

-- The responsible units of a property ("sunrise-garden/engineering"), charged with penalties.
CREATE TABLE units (
  id           text PRIMARY KEY,
  property_id  text NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name         text NOT NULL
);
CREATE INDEX units_property_idx ON units (property_id);
