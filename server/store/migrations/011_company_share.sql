-- Reds a company raises when the same problem reaches 5% of all its households (004
-- 第十一条(三)2), one per problem per window, charged to the company (a branch) as a unit.
CREATE TABLE company_share_ledger (
  id           bigserial PRIMARY KEY,
  company_id   text NOT NULL REFERENCES organisations (id),
  cluster      text NOT NULL,
  ticket_id    text NOT NULL,
  households   integer NOT NULL,
  total        integer NOT NULL,
  level        text NOT NULL,
  points       numeric(12, 2) NOT NULL,
  unit_id      text NOT NULL,
  period       text NOT NULL CHECK (period LIKE '____-__'),
  reached_at   timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  CONSTRAINT company_share_ledger_key UNIQUE (company_id, cluster, reached_at)
);
CREATE INDEX company_share_ledger_unit_period_idx ON company_share_ledger (unit_id, period);
