// Schema history. Version 1 holds every table the stages need; the layout
// follows the PRISMA 2020 flow: sources -> search runs / import files ->
// records -> duplicates -> screening decisions -> reports and studies ->
// outcome data -> analyses. Every state change also appends to `events`.
#include "db/migrations.hpp"

namespace prismaflow::db {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE sources(
  source_id   INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('database','register','other')),
  created_at  TEXT NOT NULL
);

-- A saved search (PRISMA-S: every query as run).
CREATE TABLE searches(
  search_id   INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources(source_id),
  name        TEXT NOT NULL UNIQUE,
  query       TEXT NOT NULL,
  mindate     TEXT, maxdate TEXT, datetype TEXT,
  created_at  TEXT NOT NULL
);

-- One execution of a search: initial, update, resume or replay.
CREATE TABLE search_runs(
  run_id            INTEGER PRIMARY KEY,
  search_id         INTEGER NOT NULL REFERENCES searches(search_id),
  kind              TEXT NOT NULL CHECK (kind IN ('initial','update','replay')),
  status            TEXT NOT NULL CHECK (status IN ('running','complete','failed')),
  started_at        TEXT NOT NULL,
  finished_at       TEXT,
  query_sent        TEXT NOT NULL,
  query_translation TEXT,
  warnings          TEXT,
  errors            TEXT,
  count             INTEGER,
  mindate TEXT, maxdate TEXT, datetype TEXT,
  params_json       TEXT,
  pmid_list_sha256  TEXT,
  n_new             INTEGER, n_present INTEGER, n_gone INTEGER,
  review_version    INTEGER NOT NULL DEFAULT 1
);

-- The PMIDs a run's esearch returned (slices unioned), for resume and update.
CREATE TABLE run_pmids(
  run_id   INTEGER NOT NULL REFERENCES search_runs(run_id) ON DELETE CASCADE,
  pmid     TEXT NOT NULL,
  fetched  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, pmid)
) WITHOUT ROWID;

-- Raw E-utilities response bodies (zstd), so records re-parse offline.
CREATE TABLE raw_responses(
  response_id INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES search_runs(run_id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  endpoint    TEXT NOT NULL,
  params      TEXT NOT NULL,
  http_status INTEGER,
  body_zstd   BLOB NOT NULL,
  body_bytes  INTEGER NOT NULL,
  body_sha256 TEXT NOT NULL,
  received_at TEXT NOT NULL,
  UNIQUE (run_id, seq)
);

-- One imported export file; the hash makes re-imports no-ops.
CREATE TABLE import_files(
  import_id   INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources(source_id),
  path        TEXT NOT NULL,
  format      TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  n_records   INTEGER NOT NULL,
  n_skipped   INTEGER NOT NULL DEFAULT 0,
  skipped     TEXT,
  imported_at TEXT NOT NULL,
  review_version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (source_id, sha256)
);

-- Records as identified: one row per record per source, never deleted.
CREATE TABLE records(
  record_id        INTEGER PRIMARY KEY,
  source_id        INTEGER NOT NULL REFERENCES sources(source_id),
  run_id           INTEGER REFERENCES search_runs(run_id),
  import_id        INTEGER REFERENCES import_files(import_id),
  source_record_id TEXT,
  pmid             TEXT,
  doi              TEXT,
  title            TEXT NOT NULL DEFAULT '',
  abstract         TEXT NOT NULL DEFAULT '',
  authors          TEXT NOT NULL DEFAULT '',
  year             INTEGER,
  journal          TEXT NOT NULL DEFAULT '',
  volume TEXT, issue TEXT, pages TEXT,
  publication_types TEXT NOT NULL DEFAULT '',
  keywords         TEXT NOT NULL DEFAULT '',
  mesh             TEXT NOT NULL DEFAULT '',
  language         TEXT,
  record_json      TEXT NOT NULL DEFAULT '{}',
  raw_format       TEXT,
  raw_zstd         BLOB,
  deleted          INTEGER NOT NULL DEFAULT 0,
  review_version   INTEGER NOT NULL DEFAULT 1,
  added_at         TEXT NOT NULL
);
CREATE INDEX records_pmid ON records(pmid);
CREATE INDEX records_doi ON records(doi);
CREATE UNIQUE INDEX records_pubmed_once ON records(source_id, pmid) WHERE run_id IS NOT NULL;

CREATE TABLE record_ids(
  record_id INTEGER NOT NULL REFERENCES records(record_id),
  id_type   TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (id_type, value, record_id)
) WITHOUT ROWID;

-- duplicate -> kept. Undone links stay for the audit trail.
CREATE TABLE duplicate_links(
  link_id      INTEGER PRIMARY KEY,
  duplicate_id INTEGER NOT NULL REFERENCES records(record_id),
  kept_id      INTEGER NOT NULL REFERENCES records(record_id),
  method       TEXT NOT NULL,
  score        REAL,
  created_at   TEXT NOT NULL,
  undone_at    TEXT,
  CHECK (duplicate_id <> kept_id)
);
CREATE UNIQUE INDEX duplicate_links_active ON duplicate_links(duplicate_id) WHERE undone_at IS NULL;

-- Pairs in the uncertain band, for `dedup review`.
CREATE TABLE dedup_candidates(
  record_a  INTEGER NOT NULL REFERENCES records(record_id),
  record_b  INTEGER NOT NULL REFERENCES records(record_id),
  score     REAL NOT NULL,
  status    TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','duplicate','distinct')),
  decided_by TEXT, decided_at TEXT,
  PRIMARY KEY (record_a, record_b)
) WITHOUT ROWID;

CREATE TABLE exclusion_reasons(
  reason     TEXT PRIMARY KEY,
  origin     TEXT NOT NULL CHECK (origin IN ('protocol','added')),
  created_at TEXT NOT NULL
);

-- Every screening decision. A later decision by the same reviewer at the same
-- stage supersedes the earlier one (kept for the audit trail and undo).
CREATE TABLE screening_decisions(
  decision_id  INTEGER PRIMARY KEY,
  record_id    INTEGER NOT NULL REFERENCES records(record_id),
  stage        TEXT NOT NULL CHECK (stage IN ('ta','ft')),
  reviewer     TEXT NOT NULL,
  role         TEXT NOT NULL DEFAULT 'reviewer' CHECK (role IN ('reviewer','resolution','automation')),
  decision     TEXT NOT NULL CHECK (decision IN ('include','exclude','maybe','not_retrieved')),
  reason       TEXT,
  note         TEXT,
  decided_at   TEXT NOT NULL,
  superseded   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX screening_current ON screening_decisions(record_id, stage) WHERE superseded = 0;

CREATE TABLE studies(
  study_id   INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

-- A report is a record assessed at full text; it can belong to one study.
CREATE TABLE study_reports(
  record_id  INTEGER PRIMARY KEY REFERENCES records(record_id),
  study_id   INTEGER NOT NULL REFERENCES studies(study_id),
  linked_at  TEXT NOT NULL
);

CREATE TABLE outcomes(
  outcome_id INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  label      TEXT NOT NULL,
  data_type  TEXT NOT NULL CHECK (data_type IN ('binary','continuous','generic'))
);

CREATE TABLE outcome_data(
  row_id     INTEGER PRIMARY KEY,
  study_id   INTEGER NOT NULL REFERENCES studies(study_id),
  outcome_id INTEGER NOT NULL REFERENCES outcomes(outcome_id),
  extractor  TEXT NOT NULL DEFAULT '',
  subgroup   TEXT NOT NULL DEFAULT '',
  timepoint  TEXT NOT NULL DEFAULT '',
  events_t REAL, total_t REAL, events_c REAL, total_c REAL,
  mean_t REAL, sd_t REAL, n_t REAL, mean_c REAL, sd_c REAL, n_c REAL,
  yi REAL, vi REAL, se REAL, estimate REAL, ci_lower REAL, ci_upper REAL,
  effect_measure TEXT,
  source_note TEXT,
  UNIQUE (study_id, outcome_id, extractor, subgroup, timepoint)
);

CREATE TABLE risk_of_bias(
  study_id  INTEGER NOT NULL REFERENCES studies(study_id),
  extractor TEXT NOT NULL DEFAULT '',
  domain    TEXT NOT NULL,
  judgement TEXT NOT NULL CHECK (judgement IN ('low','some concerns','high')),
  support   TEXT,
  PRIMARY KEY (study_id, extractor, domain)
);

CREATE TABLE analyses(
  analysis_id  INTEGER PRIMARY KEY,
  outcome_id   INTEGER NOT NULL REFERENCES outcomes(outcome_id),
  measure      TEXT NOT NULL,
  method       TEXT NOT NULL,
  test         TEXT NOT NULL,
  level        REAL NOT NULL,
  input_sha256 TEXT NOT NULL,
  result_json  TEXT NOT NULL,
  software     TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  UNIQUE (outcome_id, measure, method, test, level)
);

-- What prioritised screening trained on, for the report (PRISMA item 8, RAISE).
CREATE TABLE ranking_runs(
  ranking_id     INTEGER PRIMARY KEY,
  stage          TEXT NOT NULL,
  model          TEXT NOT NULL,
  settings_json  TEXT NOT NULL,
  n_included     INTEGER NOT NULL,
  n_excluded     INTEGER NOT NULL,
  decisions_sha256 TEXT NOT NULL,
  created_at     TEXT NOT NULL
);

-- Append-only audit log: who, when, what changed, before and after.
CREATE TABLE events(
  event_id  INTEGER PRIMARY KEY AUTOINCREMENT,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  command   TEXT NOT NULL,
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json  TEXT
);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

CREATE TABLE review_info(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// Fetched records point into their efetch reply (kept in raw_responses)
// instead of holding a second compressed copy of their XML (issue 3, speed).
constexpr std::string_view kV2 = R"sql(
ALTER TABLE records ADD COLUMN raw_response_id INTEGER REFERENCES raw_responses(response_id);
ALTER TABLE records ADD COLUMN raw_offset INTEGER;
ALTER TABLE records ADD COLUMN raw_length INTEGER;
)sql";

// Why dedup asked about a pair (issue 4): the rule that held it below the
// merge threshold, a shared DOI, or its score. NULL on rows written before.
constexpr std::string_view kV3 = R"sql(
ALTER TABLE dedup_candidates ADD COLUMN reason TEXT;
)sql";

// A record's PMC id becomes a column like its PMID and DOI. record_ids held
// those three again, one row apiece, and only its pmcid rows were ever read
// (by dedup); writing its three b-trees was a fifth of a fetch's storing
// time (issue 3, speed). The records_pmid and records_doi indexes already
// serve lookups by PMID and DOI.
constexpr std::string_view kV4 = R"sql(
ALTER TABLE records ADD COLUMN pmcid TEXT;
UPDATE records SET pmcid = (SELECT min(i.value) FROM record_ids i
                            WHERE i.record_id = records.record_id AND i.id_type = 'pmcid');
DROP TABLE record_ids;
)sql";

// The characteristics of each included study (PRISMA 2020 item 17; RevMan's
// "Characteristics of included studies"): one row per study and extractor,
// the agreed row having extractor ''.
constexpr std::string_view kV5 = R"sql(
CREATE TABLE study_characteristics(
  study_id      INTEGER NOT NULL REFERENCES studies(study_id),
  extractor     TEXT NOT NULL DEFAULT '',
  design        TEXT NOT NULL DEFAULT '',
  setting       TEXT NOT NULL DEFAULT '',
  participants  TEXT NOT NULL DEFAULT '',
  n_randomised  INTEGER CHECK (n_randomised IS NULL OR n_randomised >= 0),
  interventions TEXT NOT NULL DEFAULT '',
  comparators   TEXT NOT NULL DEFAULT '',
  outcomes      TEXT NOT NULL DEFAULT '',
  registration  TEXT NOT NULL DEFAULT '',
  funding       TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (study_id, extractor)
);
)sql";

// records.record_json no longer repeats the title and the abstract's
// section texts that the row's columns hold (fetch/record_json.hpp). The
// tables do not change; the version does, so that an earlier prismaflow,
// which would read such rows as having no title or abstract, refuses the
// database. Rows stored whole before stay as they are and read the same.
constexpr std::string_view kV6 = R"sql(
-- no table changes: rows written from now on hold the compact record_json
)sql";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "initial schema", kV1},
      {2, "records point into their raw response", kV2},
      {3, "dedup candidates say why they were held", kV3},
      {4, "records carry their PMC id; record_ids goes", kV4},
      {5, "characteristics of included studies", kV5},
      {6, "record_json leaves the title and abstract texts to their columns", kV6},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace prismaflow::db
