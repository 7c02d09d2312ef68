-- People and machines that may act: users with a role and the properties they are
-- assigned; API keys, sessions and one-time setup tokens, each kept only as a hash.
CREATE TABLE users (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'quality', 'manager', 'viewer')),
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL,
  disabled_at    timestamptz,
  CONSTRAINT users_name_key UNIQUE (name)
);

CREATE TABLE user_properties (
  user_id      text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  property_id  text NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, property_id)
);

CREATE TABLE api_keys (
  id            text PRIMARY KEY,
  user_id       text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name          text NOT NULL,
  key_hash      text NOT NULL,
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE setup_tokens (
  token_hash  text PRIMARY KEY,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
