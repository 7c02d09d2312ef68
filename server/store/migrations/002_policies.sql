-- Policy versions of a scope (group, branch or property), numbered 1, 2, … Content is
-- never updated; only the status moves: draft -> active -> retired (and back to
-- active by a rollback). A new version must name the scope's latest as its base.
CREATE TABLE policy_versions (
  id               text PRIMARY KEY,
  scope_id         text NOT NULL REFERENCES organisations (id),
  version          integer NOT NULL CHECK (version >= 1),
  source           text NOT NULL,
  hash             text NOT NULL,
  base_version_id  text REFERENCES policy_versions (id),
  status           text NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  CONSTRAINT policy_versions_scope_version_key UNIQUE (scope_id, version)
);
-- Exactly one active version per scope, whatever the writers do.
CREATE UNIQUE INDEX policy_versions_one_active ON policy_versions (scope_id) WHERE status = 'active';

-- Every activation and rollback of a scope, in order (seq). previous_activation_id is
-- the activation a rollback returns to, so successive rollbacks walk back the stack.
CREATE TABLE policy_activations (
  id                      bigserial PRIMARY KEY,
  scope_id                text NOT NULL REFERENCES organisations (id),
  seq                     integer NOT NULL,
  version_id              text NOT NULL REFERENCES policy_versions (id),
  previous_activation_id  bigint REFERENCES policy_activations (id),
  kind                    text NOT NULL CHECK (kind IN ('activate', 'rollback')),
  actor                   text NOT NULL,
  at                      timestamptz NOT NULL,
  CONSTRAINT policy_activations_scope_seq_key UNIQUE (scope_id, seq)
);
