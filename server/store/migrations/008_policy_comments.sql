-- A comment with each policy version (why it was drafted) and with each activation and
-- rollback (why it went live, or back). Optional: null when none was given. The API
-- bounds it (at most 500 characters, no control characters); the store checks its text.
ALTER TABLE policy_versions ADD COLUMN comment text;
ALTER TABLE policy_activations ADD COLUMN comment text;
