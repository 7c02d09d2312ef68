-- Duties: obligations on a schedule that are not tickets (004 第十条(一)3(4) the Friday
-- summary; 002 the hotline desk's daily review). An occurrence is named by its nominal
-- local date; a fulfilment is recorded once per property, duty and occurrence.
CREATE TABLE duty_fulfilments (
  id           bigserial PRIMARY KEY,
  property_id  text NOT NULL REFERENCES organisations (id),
  duty_id      text NOT NULL,
  occurrence   text NOT NULL CHECK (occurrence LIKE '____-__-__'),
  unit_id      text NOT NULL,
  done_at      timestamptz NOT NULL,
  recorded_by  text NOT NULL,
  note         text,
  recorded_at  timestamptz NOT NULL,
  CONSTRAINT duty_fulfilments_occurrence_key UNIQUE (property_id, duty_id, occurrence)
);

-- When the service first saw each duty of a property: occurrences due before it are
-- reported but never charged (a duty added today does not owe last month).
CREATE TABLE duty_watch (
  property_id  text NOT NULL REFERENCES organisations (id),
  duty_id      text NOT NULL,
  since        timestamptz NOT NULL,
  CONSTRAINT duty_watch_key UNIQUE (property_id, duty_id)
);

-- The warning level a late or missing occurrence raised, charged once to the owing unit.
CREATE TABLE duty_ledger (
  id           bigserial PRIMARY KEY,
  property_id  text NOT NULL REFERENCES organisations (id),
  duty_id      text NOT NULL,
  occurrence   text NOT NULL CHECK (occurrence LIKE '____-__-__'),
  level        text NOT NULL,
  points       numeric(12, 2) NOT NULL,
  unit_id      text NOT NULL,
  period       text NOT NULL CHECK (period LIKE '____-__'),
  reached_at   timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  CONSTRAINT duty_ledger_occurrence_key UNIQUE (property_id, duty_id, occurrence)
);
CREATE INDEX duty_ledger_unit_period_idx ON duty_ledger (unit_id, period);
