-- The penalty ledger: each warning level a ticket reaches, recorded once, with the
-- points charged to a unit in a period ("2026-03"). Unit scores are sums over it.
CREATE TABLE penalty_ledger (
  id           bigserial PRIMARY KEY,
  ticket_id    text NOT NULL REFERENCES tickets (id),
  level        text NOT NULL,
  points       numeric(12, 2) NOT NULL,
  unit_id      text NOT NULL,
  period       text NOT NULL CHECK (period LIKE '____-__'),
  reached_at   timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  CONSTRAINT penalty_ledger_ticket_level_key UNIQUE (ticket_id, level)
);
CREATE INDEX penalty_ledger_unit_period_idx ON penalty_ledger (unit_id, period);
CREATE INDEX penalty_ledger_period_idx ON penalty_ledger (period);
