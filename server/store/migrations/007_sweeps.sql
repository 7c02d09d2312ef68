-- When each periodic job (the sweep) last started, so that instances sharing the
-- database run it once per interval between them rather than once each.
CREATE TABLE periodic_runs (
  name        text PRIMARY KEY,
  started_at  timestamptz NOT NULL,
  instance    text NOT NULL
);
