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

const struct store_migration store_migrations[] = {
	{1, "the first schema: users, sessions, agencies, assessments, participations, "
	    "responses, nonces, access codes, audit log", schema_v1},
};

const size_t store_migrations_count = sizeof store_migrations / sizeof *store_migrations;

int store_migrations_latest(void)
{
	return store_migrations[store_migrations_count - 1].version;
}
