-- Reversals of penalty ledger entries: a warning level the engine later reports voided
-- (004 第十条(二)4: a non-responsibility statement the group accepted makes the complaint
-- invalid). The entry stays; its reversal references it, once. Scores net them out.
CREATE TABLE ledger_reversals (
  id           bigserial PRIMARY KEY,
  entry_id     bigint NOT NULL REFERENCES penalty_ledger (id),
  reason_zh    text NOT NULL,
  reason_en    text NOT NULL,
  reversed_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  CONSTRAINT ledger_reversals_entry_key UNIQUE (entry_id)
);
