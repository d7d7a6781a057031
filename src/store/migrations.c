/*
 * migrations.c — the SQLite store's schema, one script per version (see migrations.h).
 *
 * The SQL keeps to what PostgreSQL also reads where it can (CHECK, UNIQUE, REFERENCES, plain
 * types); what is SQLite's own is said where it appears: INTEGER PRIMARY KEY is the row id
 * (an identity column in PostgreSQL), WITHOUT ROWID keeps a table in primary-key order only.
 *
 * Anonymity by construction (store.h): responses hold the participation, the instrument, the
 * hour and the answers, nothing else. The nonces and the access codes sit in tables of their
 * own with no time and no reference to a response; WITHOUT ROWID keeps both in order of their
 * random keys, so not even a row id tells in what order they were written. Access codes keep
 * the order they were generated in through seq, a counter, not a time.
 *
 * Response counts: participations carries iit_responses and eit_responses, raised in the same
 * transaction that inserts each response (commit_queue.c), so the progress view of 8,300
 * agencies reads 8,300 rows instead of counting a million responses.
 */
#include "migrations.h"

static const char schema_v1[] =
	"CREATE TABLE agencies (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  code TEXT NOT NULL UNIQUE CHECK (code <> ''),\n"
	"  name TEXT NOT NULL CHECK (name <> ''),\n"
	"  type TEXT NOT NULL DEFAULT '',\n"
	"  province TEXT NOT NULL DEFAULT '',\n"
	"  parent_code TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"CREATE TABLE users (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  username TEXT NOT NULL UNIQUE CHECK (username <> ''),\n"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'agency_admin', 'assessor', 'viewer')),\n"
	"  agency_id INTEGER REFERENCES agencies (id),\n"
	"  password_hash TEXT NOT NULL,\n"
	"  CHECK ((role = 'agency_admin') = (agency_id IS NOT NULL))\n"
	");\n"
	/* token_hash: the SHA-256 of the cookie's token, never the token. */
	"CREATE TABLE sessions (\n"
	"  token_hash BLOB PRIMARY KEY,\n"
	"  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n"
	"  csrf TEXT NOT NULL,\n"
	"  expires_at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX sessions_by_user ON sessions (user_id);\n"
	/* Dates are ISO text "YYYY-MM-DD", '' when not set; they compare as text. */
	"CREATE TABLE assessments (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  fiscal_year INTEGER NOT NULL UNIQUE,\n"
	"  framework_id TEXT NOT NULL CHECK (framework_id <> ''),\n"
	"  survey_open TEXT NOT NULL DEFAULT '',\n"
	"  survey_close TEXT NOT NULL DEFAULT '',\n"
	"  oit_open TEXT NOT NULL DEFAULT '',\n"
	"  oit_close TEXT NOT NULL DEFAULT '',\n"
	"  review_open TEXT NOT NULL DEFAULT '',\n"
	"  review_close TEXT NOT NULL DEFAULT '',\n"
	"  clarify_open TEXT NOT NULL DEFAULT '',\n"
	"  clarify_close TEXT NOT NULL DEFAULT '',\n"
	"  publish_on TEXT NOT NULL DEFAULT ''\n"
	");\n"
	/* Populations: NULL while not entered. */
	"CREATE TABLE participations (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id),\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  staff_population INTEGER CHECK (staff_population >= 0),\n"
	"  service_population INTEGER CHECK (service_population >= 0),\n"
	"  iit_token TEXT NOT NULL UNIQUE,\n"
	"  eit_token TEXT NOT NULL UNIQUE,\n"
	"  iit_codes_required INTEGER NOT NULL DEFAULT 0 CHECK (iit_codes_required IN (0, 1)),\n"
	"  iit_responses INTEGER NOT NULL DEFAULT 0,\n"
	"  eit_responses INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE (assessment_id, agency_id)\n"
	");\n"
	"CREATE INDEX participations_by_agency ON participations (agency_id);\n"
	"CREATE TABLE responses (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  participation_id INTEGER NOT NULL REFERENCES participations (id),\n"
	"  instrument TEXT NOT NULL CHECK (instrument IN ('IIT', 'EIT')),\n"
	"  submitted_hour TEXT NOT NULL,\n"
	"  answers TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX responses_by_participation\n"
	"  ON responses (participation_id, instrument, submitted_hour);\n"
	"CREATE TABLE submission_nonces (\n"
	"  participation_id INTEGER NOT NULL REFERENCES participations (id),\n"
	"  nonce TEXT NOT NULL,\n"
	"  PRIMARY KEY (participation_id, nonce)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE access_codes (\n"
	"  participation_id INTEGER NOT NULL REFERENCES participations (id),\n"
	"  code TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  used INTEGER NOT NULL DEFAULT 0 CHECK (used IN (0, 1)),\n"
	"  PRIMARY KEY (participation_id, code),\n"
	"  UNIQUE (participation_id, seq)\n"
	") WITHOUT ROWID;\n"
	/* user_id 0 is the system; no foreign key, so the log outlives anything it names. */
	"CREATE TABLE audit_log (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at INTEGER NOT NULL,\n"
	"  user_id INTEGER NOT NULL,\n"
	"  action TEXT NOT NULL,\n"
	"  detail TEXT NOT NULL\n"
	");\n";

/*
 * Version 2 (issue 5): from result to action. An agency's result of a fiscal year (entered from
 * the result sheet it received, or computed) and the measures plan it writes for the next year,
 * in plain tables keyed by the parent row and a sequence number, so a plan is read in order and
 * replaced as a whole (oi_store_plan_save deletes its rows and writes them again in one
 * transaction). Scores are REAL within 0..100; an indicator, question or verdict with no row is
 * "no data". Texts are '' when not given, never NULL. The children name their parent without
 * ON DELETE CASCADE: the store deletes them itself, which reads the same in PostgreSQL.
 */
static const char schema_v2[] =
	"CREATE TABLE agency_results (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),\n"
	"  framework_id TEXT NOT NULL CHECK (framework_id <> ''),\n"
	"  source TEXT NOT NULL CHECK (source IN ('entered', 'computed')),\n"
	"  updated_at INTEGER NOT NULL,\n"
	"  UNIQUE (agency_id, fiscal_year)\n"
	");\n"
	"CREATE TABLE agency_result_indicators (\n"
	"  result_id INTEGER NOT NULL REFERENCES agency_results (id),\n"
	"  indicator TEXT NOT NULL,\n"
	"  score REAL NOT NULL CHECK (score >= 0 AND score <= 100),\n"
	"  PRIMARY KEY (result_id, indicator)\n"
	");\n"
	"CREATE TABLE agency_result_questions (\n"
	"  result_id INTEGER NOT NULL REFERENCES agency_results (id),\n"
	"  question TEXT NOT NULL,\n"
	"  score REAL NOT NULL CHECK (score >= 0 AND score <= 100),\n"
	"  PRIMARY KEY (result_id, question)\n"
	");\n"
	"CREATE TABLE agency_result_oit (\n"
	"  result_id INTEGER NOT NULL REFERENCES agency_results (id),\n"
	"  item TEXT NOT NULL,\n"
	"  passed INTEGER NOT NULL CHECK (passed IN (0, 1)),\n"
	"  comment TEXT NOT NULL DEFAULT '',\n"
	"  PRIMARY KEY (result_id, item)\n"
	");\n"
	/* Earlier years' indicator scores, for the comparison. */
	"CREATE TABLE agency_result_previous (\n"
	"  result_id INTEGER NOT NULL REFERENCES agency_results (id),\n"
	"  fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),\n"
	"  indicator TEXT NOT NULL,\n"
	"  score REAL NOT NULL CHECK (score >= 0 AND score <= 100),\n"
	"  PRIMARY KEY (result_id, fiscal_year, indicator)\n"
	");\n"
	"CREATE TABLE plans (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  fiscal_year INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2500 AND 2700),\n"
	"  result_year INTEGER NOT NULL,\n"
	"  framework_id TEXT NOT NULL,\n"
	"  agency_code TEXT NOT NULL,\n"
	"  agency_name TEXT NOT NULL,\n"
	"  prepared_by TEXT NOT NULL,\n"
	"  prepared_position TEXT NOT NULL,\n"
	"  memo_department TEXT NOT NULL,\n"
	"  memo_reference_no TEXT NOT NULL,\n"
	"  memo_date TEXT NOT NULL,\n"
	"  memo_subject TEXT NOT NULL,\n"
	"  memo_to TEXT NOT NULL,\n"
	"  memo_signer_name TEXT NOT NULL,\n"
	"  memo_signer_position TEXT NOT NULL,\n"
	"  updated_at INTEGER NOT NULL,\n"
	"  UNIQUE (agency_id, fiscal_year)\n"
	");\n"
	"CREATE TABLE plan_measures (\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans (id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  instrument TEXT NOT NULL,\n"
	"  source TEXT NOT NULL,\n"
	"  issue TEXT NOT NULL,\n"
	"  finding TEXT NOT NULL,\n"
	"  guideline TEXT NOT NULL,\n"
	"  period_start TEXT NOT NULL,\n"
	"  period_end TEXT NOT NULL,\n"
	"  unit TEXT NOT NULL,\n"
	"  followup TEXT NOT NULL,\n"
	"  PRIMARY KEY (plan_id, seq)\n"
	");\n"
	"CREATE TABLE plan_measure_steps (\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans (id),\n"
	"  measure_seq INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  step TEXT NOT NULL,\n"
	"  PRIMARY KEY (plan_id, measure_seq, seq)\n"
	");\n"
	/* One row per measure and checkpoint that has a report (status > 0 or any text). */
	"CREATE TABLE plan_progress (\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans (id),\n"
	"  measure_seq INTEGER NOT NULL,\n"
	"  checkpoint INTEGER NOT NULL CHECK (checkpoint IN (0, 1)),\n"
	"  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),\n"
	"  done TEXT NOT NULL,\n"
	"  suggestion TEXT NOT NULL,\n"
	"  remark TEXT NOT NULL,\n"
	"  evidence_url TEXT NOT NULL,\n"
	"  reported_on TEXT NOT NULL,\n"
	"  PRIMARY KEY (plan_id, measure_seq, checkpoint)\n"
	");\n"
	"CREATE TABLE plan_committees (\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans (id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  instrument TEXT NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  duties TEXT NOT NULL,\n"
	"  PRIMARY KEY (plan_id, seq)\n"
	");\n"
	"CREATE TABLE plan_committee_members (\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans (id),\n"
	"  committee_seq INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  position TEXT NOT NULL,\n"
	"  role TEXT NOT NULL CHECK (role IN ('chair', 'member', 'secretary')),\n"
	"  PRIMARY KEY (plan_id, committee_seq, seq)\n"
	");\n"
	"CREATE TABLE plan_problems (\n"
	"  plan_id INTEGER NOT NULL REFERENCES plans (id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  problem TEXT NOT NULL,\n"
	"  PRIMARY KEY (plan_id, seq)\n"
	");\n";

/*
 * Version 3 (issue 4): the OIT cycle. Every step is a row of its own and none is ever changed
 * or removed: submissions (drafts too) with their URLs, evidence captures, assessors' reviews,
 * the agencies' clarifications with their URLs, the NACC admin's confirmations. Triggers refuse
 * UPDATE and DELETE on them (SQLite's RAISE; PostgreSQL would use a trigger function or revoke
 * the privileges), so "nothing is overwritten" is the schema's rule, not only the code's. Only
 * the assignments of assessors to agencies are a plain table (assign, unassign).
 * A capture keeps the gzip copy of what the URL served (body_gz, NULL when nothing was fetched)
 * and names the agency and item it is evidence for, so the stored copy is served only to those
 * who may see that agency.
 */
#define APPEND_ONLY(t)                                                                    \
	"CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t " BEGIN\n"                     \
	"  SELECT RAISE(ABORT, '" t " is append-only');\nEND;\n"                            \
	"CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t " BEGIN\n"                     \
	"  SELECT RAISE(ABORT, '" t " is append-only');\nEND;\n"

static const char schema_v3[] =
	"CREATE TABLE oit_submissions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id),\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  item TEXT NOT NULL CHECK (item <> ''),\n"
	"  has INTEGER NOT NULL CHECK (has IN (0, 1)),\n"
	"  explanation TEXT NOT NULL,\n"
	"  submitted INTEGER NOT NULL CHECK (submitted IN (0, 1)),\n"
	"  by_user INTEGER NOT NULL REFERENCES users (id),\n"
	"  at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX oit_submissions_by_item ON oit_submissions (assessment_id, agency_id, item);\n"
	"CREATE TABLE oit_urls (\n"
	"  submission_id INTEGER NOT NULL REFERENCES oit_submissions (id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  url TEXT NOT NULL CHECK (url <> ''),\n"
	"  PRIMARY KEY (submission_id, seq)\n"
	");\n"
	"CREATE TABLE oit_reviews (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id),\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  item TEXT NOT NULL CHECK (item <> ''),\n"
	"  round INTEGER NOT NULL CHECK (round IN (1, 2)),\n"
	"  submission_id INTEGER NOT NULL REFERENCES oit_submissions (id),\n"
	"  clarification_id INTEGER REFERENCES oit_clarifications (id),\n"
	"  pass INTEGER NOT NULL CHECK (pass IN (0, 1)),\n"
	"  comment TEXT NOT NULL,\n"
	"  by_user INTEGER NOT NULL REFERENCES users (id),\n"
	"  at INTEGER NOT NULL,\n"
	"  CHECK ((round = 2) = (clarification_id IS NOT NULL))\n"
	");\n"
	"CREATE INDEX oit_reviews_by_item ON oit_reviews (assessment_id, agency_id, item);\n"
	"CREATE TABLE oit_clarifications (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id),\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  item TEXT NOT NULL CHECK (item <> ''),\n"
	"  review_id INTEGER NOT NULL REFERENCES oit_reviews (id),\n"
	"  text TEXT NOT NULL,\n"
	"  by_user INTEGER NOT NULL REFERENCES users (id),\n"
	"  at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX oit_clarifications_by_item ON oit_clarifications (assessment_id, agency_id, "
	"item);\n"
	"CREATE TABLE oit_clarification_urls (\n"
	"  clarification_id INTEGER NOT NULL REFERENCES oit_clarifications (id),\n"
	"  seq INTEGER NOT NULL,\n"
	"  url TEXT NOT NULL CHECK (url <> ''),\n"
	"  PRIMARY KEY (clarification_id, seq)\n"
	");\n"
	"CREATE TABLE oit_confirmations (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id),\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  item TEXT NOT NULL CHECK (item <> ''),\n"
	"  review_id INTEGER NOT NULL REFERENCES oit_reviews (id),\n"
	"  pass INTEGER NOT NULL CHECK (pass IN (0, 1)),\n"
	"  by_user INTEGER NOT NULL REFERENCES users (id),\n"
	"  at INTEGER NOT NULL\n"
	");\n"
	"CREATE INDEX oit_confirmations_by_item ON oit_confirmations (assessment_id, agency_id, "
	"item);\n"
	"CREATE TABLE evidence_captures (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id),\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  item TEXT NOT NULL CHECK (item <> ''),\n"
	"  submission_id INTEGER REFERENCES oit_submissions (id),\n"
	"  clarification_id INTEGER REFERENCES oit_clarifications (id),\n"
	"  url TEXT NOT NULL CHECK (url <> ''),\n"
	"  fetched_at INTEGER NOT NULL,\n"
	"  status INTEGER NOT NULL,\n"
	"  final_url TEXT NOT NULL,\n"
	"  content_type TEXT NOT NULL,\n"
	"  size INTEGER NOT NULL CHECK (size >= 0),\n"
	"  sha256 TEXT NOT NULL,\n"
	"  outcome TEXT NOT NULL CHECK (outcome <> ''),\n"
	"  error TEXT NOT NULL,\n"
	"  truncated INTEGER NOT NULL CHECK (truncated IN (0, 1)),\n"
	"  body_gz BLOB\n"
	");\n"
	"CREATE INDEX evidence_captures_by_url ON evidence_captures (agency_id, url);\n"
	"CREATE INDEX evidence_captures_by_submission ON evidence_captures (submission_id);\n"
	"CREATE INDEX evidence_captures_by_item ON evidence_captures (assessment_id, agency_id, "
	"item);\n"
	"CREATE TABLE assessor_assignments (\n"
	"  assessment_id INTEGER NOT NULL REFERENCES assessments (id),\n"
	"  assessor_id INTEGER NOT NULL REFERENCES users (id),\n"
	"  agency_id INTEGER NOT NULL REFERENCES agencies (id),\n"
	"  assigned_by INTEGER NOT NULL,\n"
	"  assigned_at INTEGER NOT NULL,\n"
	"  PRIMARY KEY (assessment_id, assessor_id, agency_id)\n"
	");\n"
	"CREATE INDEX assessor_assignments_by_agency ON assessor_assignments (assessment_id, "
	"agency_id);\n"
	APPEND_ONLY("oit_submissions")
	APPEND_ONLY("oit_urls")
	APPEND_ONLY("oit_reviews")
	APPEND_ONLY("oit_clarifications")
	APPEND_ONLY("oit_clarification_urls")
	APPEND_ONLY("oit_confirmations")
	APPEND_ONLY("evidence_captures");

/* The link monitor's false alarms: a text fingerprint for HTML pages (a new visitor count or
 * date is no change) and what a body served as application/octet-stream turned out to be.
 * NULL in the rows stored before. */
static const char schema_v4[] =
	"ALTER TABLE evidence_captures ADD COLUMN text_sha256 TEXT;\n"
	"ALTER TABLE evidence_captures ADD COLUMN sniffed TEXT;\n";

const struct store_migration store_migrations[] = {
	{1, "the first schema: users, sessions, agencies, assessments, participations, "
	    "responses, nonces, access codes, audit log", schema_v1},
	{2, "agency results and measures plans (issue 5)", schema_v2},
	{3, "the OIT cycle: submissions, evidence captures, reviews, clarifications, "
	    "confirmations, assessor assignments (issue 4)", schema_v3},
	{4, "evidence captures: the text fingerprint of HTML pages and the sniffed kind of "
	    "generic bodies", schema_v4},
};

const size_t store_migrations_count = sizeof store_migrations / sizeof *store_migrations;

int store_migrations_latest(void)
{
	return store_migrations[store_migrations_count - 1].version;
}
