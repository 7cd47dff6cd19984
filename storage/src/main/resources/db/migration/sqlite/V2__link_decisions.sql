-- Harm Ledger, schema 2: clerical review decisions of record linkage (two victims are, or are not,
-- the same person), kept in the ledger like every other record and projected here.

CREATE TABLE link_decisions (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL,
  created_seq INTEGER NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  retracted   TEXT,
  victim_a    TEXT    NOT NULL REFERENCES victims (id),
  victim_b    TEXT    NOT NULL REFERENCES victims (id),
  decision    TEXT    NOT NULL,
  entry_seq   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX link_decisions_by_victim_a ON link_decisions (victim_a);
CREATE INDEX link_decisions_by_victim_b ON link_decisions (victim_b);
