-- Tickets as received, upserted by id. `body` is the ticket without its events, `hash`
-- a digest of the whole canonical ticket, so sending the same ticket again changes nothing.
CREATE TABLE tickets (
  id           text PRIMARY KEY,
  property_id  text NOT NULL REFERENCES organisations (id),
  unit_id      text NOT NULL,
  category     text NOT NULL,
  priority     text NOT NULL,
  created_at   timestamptz NOT NULL,
  body         jsonb NOT NULL,
  hash         text NOT NULL,
  received_at  timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX tickets_property_created_idx ON tickets (property_id, created_at);
CREATE INDEX tickets_unit_idx ON tickets (unit_id);

-- A ticket's events in the order received; `at` as sent (with its offset), `occurred_at` the same instant for queries.
CREATE TABLE ticket_events (
  ticket_id    text NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  seq          integer NOT NULL,
  type         text NOT NULL,
  at           text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  by           text,
  note         text,
  PRIMARY KEY (ticket_id, seq)
);
