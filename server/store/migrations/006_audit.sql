-- Who did what, when; for policy changes the versions before and after. Actors are
-- kept as text (no foreign key) so the log outlives the users it names.
CREATE TABLE audit_log (
  id                 bigserial PRIMARY KEY,
  at                 timestamptz NOT NULL,
  actor              text NOT NULL,
  action             text NOT NULL,
  scope_id           text,
  before_version_id  text,
  after_version_id   text,
  detail             jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_scope_at_idx ON audit_log (scope_id, at);
CREATE INDEX audit_log_actor_at_idx ON audit_log (actor, at);
