-- Each ticket's standing at its last evaluation (PUT, import or sweep), so the list of
-- tickets by next due (GET /v1/tickets) reads an index rather than evaluating every open
-- ticket per request. Rewritten at each evaluation of the ticket as stored (`hash`);
-- an evaluation of an older version of the ticket, or an earlier one, never overwrites it.
-- `due_at` orders the list: the earliest breached due for a breached ticket, else the
-- next due of a running clock; null (last) for a closed ticket or one with nothing due.
CREATE TABLE ticket_status (
  ticket_id       text PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  property_id     text NOT NULL,
  unit_id         text NOT NULL,
  open            boolean NOT NULL,
  due_at          timestamptz,
  next_due_clock  text,
  next_due_at     timestamptz,
  breached        jsonb NOT NULL,
  warning         text,
  hash            text NOT NULL,
  evaluated_at    timestamptz NOT NULL
);
CREATE INDEX ticket_status_due_idx ON ticket_status (open, due_at, ticket_id);
CREATE INDEX ticket_status_property_due_idx ON ticket_status (property_id, open, due_at, ticket_id);
CREATE INDEX ticket_status_unit_due_idx ON ticket_status (unit_id, open, due_at, ticket_id);
