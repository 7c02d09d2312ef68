-- Notifications that leave the building. An event (a warning raised, later a duty
-- missed) for roles of a unit is written to the outbox in the transaction that records
-- it, with one delivery per channel an admin configured for those roles; a dispatcher
-- claims due deliveries under a lease, sends them, and records every attempt.
CREATE TABLE notification_channels (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('webhook', 'wecom', 'dingtalk')),
  url          text NOT NULL,
  -- The signing secret (webhook HMAC, DingTalk sign); never returned by the API.
  secret       text,
  roles        jsonb NOT NULL,
  property_id  text REFERENCES organisations (id),
  enabled      boolean NOT NULL,
  created_at   timestamptz NOT NULL,
  deleted_at   timestamptz
);

CREATE TABLE notification_outbox (
  id           bigserial PRIMARY KEY,
  -- One entry per event: `warning:<ticket>:<level>`.
  event_key    text NOT NULL,
  kind         text NOT NULL,
  property_id  text NOT NULL,
  unit_id      text NOT NULL,
  roles        jsonb NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL,
  CONSTRAINT notification_outbox_event_key UNIQUE (event_key)
);

-- (entry, channel) is the idempotency key: one delivery, sent until it succeeds once.
CREATE TABLE notification_deliveries (
  outbox_id     bigint NOT NULL REFERENCES notification_outbox (id),
  channel_id    text NOT NULL REFERENCES notification_channels (id),
  status        text NOT NULL CHECK (status IN ('pending', 'delivered', 'cancelled')),
  attempts      integer NOT NULL,
  next_at       timestamptz NOT NULL,
  lease_owner   text,
  lease_until   timestamptz,
  delivered_at  timestamptz,
  PRIMARY KEY (outbox_id, channel_id)
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (status, next_at);

CREATE TABLE notification_attempts (
  id             bigserial PRIMARY KEY,
  outbox_id      bigint NOT NULL,
  channel_id     text NOT NULL,
  at             timestamptz NOT NULL,
  ok             boolean NOT NULL,
  response_code  integer,
  error          text,
  FOREIGN KEY (outbox_id, channel_id) REFERENCES notification_deliveries (outbox_id, channel_id)
);
CREATE INDEX notification_attempts_delivery_idx ON notification_attempts (outbox_id, channel_id, id);
