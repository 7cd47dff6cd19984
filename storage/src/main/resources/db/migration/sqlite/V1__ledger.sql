-- Harm Ledger, schema 1. The ledger table is the record of truth; every other table is a
-- projection of it that `verify` recomputes and compares column by column. A record's current
-- value is not copied: `entry_seq` points at the ledger entry whose payload it is, so state rows
-- stay small (fast to scan for a tally) and the value itself is covered by the hash chain.

CREATE TABLE ledger (
  seq         INTEGER PRIMARY KEY,
  at          TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  record_type TEXT    NOT NULL,
  record_id   TEXT    NOT NULL,
  payload     TEXT    NOT NULL,
  prev_hash   TEXT    NOT NULL,
  hash        TEXT    NOT NULL
);
CREATE INDEX ledger_by_record ON ledger (record_type, record_id, seq);

CREATE TABLE archives (
  sha256     TEXT PRIMARY KEY,
  media_type TEXT    NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB    NOT NULL
);

CREATE TABLE campaigns (
  id           TEXT PRIMARY KEY,
  version      INTEGER NOT NULL,
  created_seq  INTEGER NOT NULL,
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  retracted    TEXT,
  name         TEXT    NOT NULL,
  start_date   TEXT    NOT NULL,
  end_date     TEXT    NOT NULL,
  south        REAL,
  west         REAL,
  north        REAL,
  east         REAL,
  entry_seq    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sources (
  id             TEXT PRIMARY KEY,
  version        INTEGER NOT NULL,
  created_seq    INTEGER NOT NULL,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL,
  retracted      TEXT,
  kind           TEXT    NOT NULL,
  publisher      TEXT    NOT NULL,
  role           TEXT    NOT NULL,
  published      TEXT,
  confidential   INTEGER NOT NULL,
  archive_sha256 TEXT,
  entry_seq      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE incidents (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL,
  created_seq INTEGER NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  retracted   TEXT,
  campaign_id TEXT REFERENCES campaigns (id),
  title       TEXT    NOT NULL,
  start_date  TEXT    NOT NULL,
  end_date    TEXT    NOT NULL,
  lat         REAL,
  lon         REAL,
  grade       TEXT,
  entry_seq   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX incidents_by_campaign ON incidents (campaign_id, start_date);

CREATE TABLE incident_gradings (
  incident_id TEXT    NOT NULL REFERENCES incidents (id),
  n           INTEGER NOT NULL,
  grade       TEXT    NOT NULL,
  on_date     TEXT    NOT NULL,
  PRIMARY KEY (incident_id, n)
) WITHOUT ROWID;

CREATE TABLE claims (
  id            TEXT PRIMARY KEY,
  version       INTEGER NOT NULL,
  created_seq   INTEGER NOT NULL,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  retracted     TEXT,
  source_id     TEXT    NOT NULL REFERENCES sources (id),
  claimant_name TEXT,
  claimant_role TEXT,
  subject_kind  TEXT    NOT NULL,
  campaign_id   TEXT REFERENCES campaigns (id),
  scope_key     TEXT    NOT NULL,
  killed_min    INTEGER,
  killed_max    INTEGER,
  injured_min   INTEGER,
  injured_max   INTEGER,
  dated         TEXT,
  status        TEXT    NOT NULL,
  agg_start     TEXT,
  agg_end       TEXT,
  agg_south     REAL,
  agg_west      REAL,
  agg_north     REAL,
  agg_east      REAL,
  entry_seq     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX claims_by_source ON claims (source_id);
CREATE INDEX claims_by_campaign ON claims (campaign_id) WHERE campaign_id IS NOT NULL; -- aggregate claims only

CREATE TABLE claim_incidents (
  claim_id    TEXT NOT NULL REFERENCES claims (id),
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  PRIMARY KEY (claim_id, incident_id)
) WITHOUT ROWID;
CREATE INDEX claim_incidents_by_incident ON claim_incidents (incident_id);

CREATE TABLE cases (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL,
  created_seq INTEGER NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  retracted   TEXT,
  belligerent TEXT    NOT NULL,
  campaign_id TEXT REFERENCES campaigns (id),
  state       TEXT    NOT NULL,
  entry_seq   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX cases_by_campaign ON cases (campaign_id);

CREATE TABLE case_steps (
  case_id              TEXT    NOT NULL REFERENCES cases (id),
  n                    INTEGER NOT NULL,
  state                TEXT    NOT NULL,
  on_date              TEXT    NOT NULL,
  reason               TEXT,
  conceded_killed_min  INTEGER,
  conceded_killed_max  INTEGER,
  conceded_injured_min INTEGER,
  conceded_injured_max INTEGER,
  PRIMARY KEY (case_id, n)
) WITHOUT ROWID;

CREATE TABLE case_incidents (
  case_id     TEXT NOT NULL REFERENCES cases (id),
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  PRIMARY KEY (case_id, incident_id)
) WITHOUT ROWID;
CREATE INDEX case_incidents_by_incident ON case_incidents (incident_id);

CREATE TABLE victims (
  id          TEXT PRIMARY KEY,
  version     INTEGER NOT NULL,
  created_seq INTEGER NOT NULL,
  created_at  TEXT    NOT NULL,
  updated_at  TEXT    NOT NULL,
  retracted   TEXT,
  incident_id TEXT REFERENCES incidents (id),
  outcome     TEXT    NOT NULL,
  confidential INTEGER NOT NULL,
  entry_seq   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX victims_by_incident ON victims (incident_id);

CREATE TABLE victim_sources (
  victim_id TEXT NOT NULL REFERENCES victims (id),
  source_id TEXT NOT NULL REFERENCES sources (id),
  PRIMARY KEY (victim_id, source_id)
) WITHOUT ROWID;
