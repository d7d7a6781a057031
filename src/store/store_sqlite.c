/*
 * store_sqlite.c — the store's operations on SQLite (the table of operations of store_int.h).
 *
 * store.c has checked every argument, so what is left here is storage: reads on a connection
 * of the pool, writes on the writer under its lock, several writes that belong together in one
 * BEGIN IMMEDIATE transaction, and constraint failures turned into messages that name the
 * thing (a taken username or agency code, a fiscal year already opened). Survey responses go
 * to the commit queue (commit_queue.c).
 *
 * Every statement is a string constant, prepared once per connection and cached there
 * (sqlite_db.c); every value goes in through a binding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "sqlite_int.h"

#define SQ(st) ((struct sqlite_store *)(st))

/* ---- rows to structs ---- */

/* Column i as a long; NULL reads as null_value (col_long() reads it as 0). */
static long col_long_or(sqlite3_stmt *s, int i, long null_value)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return null_value;
	return (long)sqlite3_column_int64(s, i);
}

#define USER_SELECT                                                                      \
	"SELECT u.id, u.username, u.role, COALESCE(u.agency_id, 0), COALESCE(a.code, ''), " \
	"u.password_hash FROM users u LEFT JOIN agencies a ON a.id = u.agency_id "
#define USER_COLUMNS 6

static void read_user(sqlite3_stmt *s, void *out)
{
	struct oi_user *u = out;
	char role[32];
	int r;

	memset(u, 0, sizeof *u);
	u->id = col_long(s, 0);
	col_text(s, 1, u->username, sizeof u->username);
	col_text(s, 2, role, sizeof role);
	r = oi_role_parse(role);
	u->role = r < 0 ? OI_ROLE_VIEWER : (enum oi_role)r;  /* the schema's CHECK rules out < 0 */
	u->agency_id = col_long(s, 3);
	col_text(s, 4, u->agency_code, sizeof u->agency_code);
	col_text(s, 5, u->password_hash, sizeof u->password_hash);
}

#define AGENCY_SELECT "SELECT a.id, a.code, a.name, a.type, a.province, a.parent_code "
#define AGENCY_COLUMNS 6

#define ASSESSMENT_SELECT                                                                \
	"SELECT id, fiscal_year, framework_id, survey_open, survey_close, oit_open, "      \
	"oit_close, review_open, review_close, clarify_open, clarify_close, publish_on "  \
	"FROM assessments "

static void read_assessment(sqlite3_stmt *s, void *out)
{
	struct oi_assessment *a = out;

	memset(a, 0, sizeof *a);
	a->id = col_long(s, 0);
	a->fiscal_year = (int)col_long(s, 1);
	col_text(s, 2, a->framework_id, sizeof a->framework_id);
	col_text(s, 3, a->survey_open, sizeof a->survey_open);
	col_text(s, 4, a->survey_close, sizeof a->survey_close);
	col_text(s, 5, a->oit_open, sizeof a->oit_open);
	col_text(s, 6, a->oit_close, sizeof a->oit_close);
	col_text(s, 7, a->review_open, sizeof a->review_open);
	col_text(s, 8, a->review_close, sizeof a->review_close);
	col_text(s, 9, a->clarify_open, sizeof a->clarify_open);
	col_text(s, 10, a->clarify_close, sizeof a->clarify_close);
	col_text(s, 11, a->publish_on, sizeof a->publish_on);
}

#define PART_SELECT                                                                      \
	"SELECT p.id, p.assessment_id, p.agency_id, p.staff_population, "                  \
	"p.service_population, p.iit_token, p.eit_token, p.iit_codes_required "
#define PART_COLUMNS 8

static void read_part_at(sqlite3_stmt *s, int i, struct oi_participation *p)
{
	memset(p, 0, sizeof *p);
	p->id = col_long(s, i);
	p->assessment_id = col_long(s, i + 1);
	p->agency_id = col_long(s, i + 2);
	p->staff_population = col_long_or(s, i + 3, -1);
	p->service_population = col_long_or(s, i + 4, -1);
	col_text(s, i + 5, p->iit_token, sizeof p->iit_token);
	col_text(s, i + 6, p->eit_token, sizeof p->eit_token);
	p->iit_codes_required = col_long(s, i + 7) != 0;
}

static void read_part(sqlite3_stmt *s, void *out)
{
	read_part_at(s, 0, out);
}

/* ---- small patterns ---- */

/* Parameter i of s: text when not NULL, else id when > 0; otherwise it stays NULL. */
static void bind_key(sqlite3_stmt *s, int i, const char *text, long id)
{
	if (text)
		sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
	else if (id > 0)
		sqlite3_bind_int64(s, i, id);
}

/*
 * Run a query for at most one row on c: parameter 1 is text (when not NULL) or id1 (when > 0),
 * parameter 2 is id2 (when > 0). 0 and fn(row, out) when there is a row, 1 when there is none,
 * -1 with err ("what: …") on failure.
 */
static int row_get(struct conn *c, const char *sql, const char *text, long id1, long id2,
		   void (*fn)(sqlite3_stmt *s, void *out), void *out, const char *what,
		   struct oi_error *err)
{
	sqlite3_stmt *s = conn_stmt(c, sql, err);

	if (s) {
		bind_key(s, 1, text, id1);
		bind_key(s, 2, NULL, id2);
	}
	return row_one(c, s, fn, out, what, err);
}

/* row_get() on a reader of the pool. */
static int read_row(struct oi_store *st, const char *sql, const char *text, long id1, long id2,
		    void (*fn)(sqlite3_stmt *s, void *out), void *out, const char *what,
		    struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	int rc = row_get(c, sql, text, id1, id2, fn, out, what, err);

	reader_put(SQ(st), c);
	return rc;
}

/* A count(*) query without parameters; -1 on failure. */
static long read_count(struct oi_store *st, const char *sql)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *s = conn_stmt(c, sql, NULL);
	long n = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		n = col_long(s, 0);
	conn_done(c, s);
	reader_put(SQ(st), c);
	return n;
}

/* Run an INSERT/UPDATE/DELETE that is ready to step: its result code, the statement given back. */
static int step_done(struct conn *c, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	conn_done(c, s);
	return rc;
}

/*
 * Step the write s (prepared on c and bound; NULL: it did not prepare and err says so) and give
 * it back: 0 when it ran; `taken` when it failed with that extended result code (a constraint
 * the caller names in its own words, such as SQLITE_CONSTRAINT_UNIQUE; 0 for none); -1 with err
 * ("what: …") on any other failure.
 */
static int write_run(struct conn *c, sqlite3_stmt *s, int taken, const char *what,
		     struct oi_error *err)
{
	int rc;

	if (!s)
		return -1;
	rc = step_done(c, s);
	if (rc == SQLITE_DONE)
		return 0;
	if (taken && rc == taken)
		return rc;
	return conn_fail(c, what, err);
}

/*
 * A statement for sql on the writer of st, which stays locked for the caller: bind it, then
 * call write_end() or update_end() whatever happened. NULL (err filled) when it does not
 * prepare.
 */
static sqlite3_stmt *write_begin(struct sqlite_store *st, const char *sql, struct oi_error *err)
{
	return conn_stmt(writer_get(st), sql, err);
}

/* write_run() of the statement from write_begin(), then the writer given back; *rowid (when
 * not NULL and the statement ran) is the row it inserted. */
static int write_end(struct sqlite_store *st, sqlite3_stmt *s, int taken, const char *what,
		     long *rowid, struct oi_error *err)
{
	int rc = write_run(&st->writer, s, taken, what, err);

	if (rc == 0 && rowid)
		*rowid = (long)sqlite3_last_insert_rowid(st->writer.db);
	writer_put(st);
	return rc;
}

/* "No <thing> with id <id>", in Thai then in English; returns -1. */
static int no_such(struct oi_error *err, const char *thai, const char *english, long id)
{
	return oi_error_set(err, NULL, 0, 0, "ไม่พบ%sรหัส %ld (no %s with id %ld)", thai, id,
			    english, id);
}

/* write_end() of the UPDATE of the row with id: -1 with err naming the thing (no_such()) when
 * it changed no row. */
static int update_end(struct sqlite_store *st, sqlite3_stmt *s, const char *what,
		      const char *thai, const char *english, long id, struct oi_error *err)
{
	int rc = write_run(&st->writer, s, 0, what, err);

	if (rc == 0 && sqlite3_changes(st->writer.db) == 0)
		rc = no_such(err, thai, english, id);
	writer_put(st);
	return rc;
}

/* rows_each() of sql on c, parameter 1 bound to id1 and parameter 2 to text2 or id2 (as
 * bind_key() does). */
static int rows_on(struct conn *c, const char *sql, long id1, const char *text2, long id2,
		   int (*fn)(sqlite3_stmt *s, void *ctx), void *ctx, const char *what,
		   struct oi_error *err)
{
	sqlite3_stmt *s = conn_stmt(c, sql, err);

	if (s) {
		bind_key(s, 1, NULL, id1);
		bind_key(s, 2, text2, id2);
	}
	return rows_each(c, s, fn, ctx, what, err);
}

/* rows_on() on a reader of the pool. */
static int read_rows(struct oi_store *st, const char *sql, long id1, const char *text2, long id2,
		     int (*fn)(sqlite3_stmt *s, void *ctx), void *ctx, const char *what,
		     struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	int rc = rows_on(c, sql, id1, text2, id2, fn, ctx, what, err);

	reader_put(SQ(st), c);
	return rc;
}

static const char sql_assessment_exists[] = "SELECT 1 FROM assessments WHERE id = ?1";
static const char sql_agency_exists[] = "SELECT 1 FROM agencies WHERE id = ?1";
static const char sql_part_exists[] = "SELECT 1 FROM participations WHERE id = ?1";

/* 0 when the row with id exists (sql is one of the *_exists), else -1 with err naming it. */
static int must_exist(struct conn *c, const char *sql, long id, const char *thai,
		      const char *english, struct oi_error *err)
{
	int rc = row_get(c, sql, NULL, id, 0, NULL, NULL, "cannot read the database", err);

	return rc == 1 ? no_such(err, thai, english, id) : rc;
}

/* ---- lifecycle ---- */

static void sq_close(struct oi_store *base)
{
	struct sqlite_store *st = SQ(base);

	commit_queue_stop(st);
	sqlite_db_close(st);
	free(st->path);
	free(st);
}

static int sq_schema_version(struct oi_store *st)
{
	return SQ(st)->schema_version;
}

static int sq_backup(struct oi_store *st, const char *dest, struct oi_error *err)
{
	return sqlite_db_backup(SQ(st), dest, err);
}

/* ---- users ---- */

static const char sql_agency_id_by_code[] = "SELECT id FROM agencies WHERE code = ?1";
static const char sql_user_insert[] =
	"INSERT INTO users (username, role, agency_id, password_hash) VALUES (?1, ?2, ?3, ?4)";

static int sq_user_add(struct oi_store *base, const char *username, enum oi_role role,
		       const char *agency_code, const char *password_hash, long *id_out,
		       struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = writer_get(st);
	sqlite3_stmt *s;
	long agency_id = 0;
	int rc = -1;

	if (*agency_code) {
		int found = row_get(c, sql_agency_id_by_code, agency_code, 0, 0, read_id,
				    &agency_id, "cannot read the agencies", err);

		if (found == 1)
			oi_error_set(err, NULL, 0, 0, "ไม่พบหน่วยงานรหัส \"%s\" (no agency with "
				     "code \"%s\")", agency_code, agency_code);
		if (found)
			goto out;
	}
	if (!(s = conn_stmt(c, sql_user_insert, err)))
		goto out;
	sqlite3_bind_text(s, 1, username, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, oi_role_name(role), -1, SQLITE_STATIC);
	if (agency_id)
		sqlite3_bind_int64(s, 3, agency_id);
	sqlite3_bind_text(s, 4, password_hash, -1, SQLITE_STATIC);
	rc = write_run(c, s, SQLITE_CONSTRAINT_UNIQUE, "cannot add the user", err);
	if (rc == 0 && id_out)
		*id_out = (long)sqlite3_last_insert_rowid(c->db);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		rc = oi_error_set(err, NULL, 0, 0, "ชื่อผู้ใช้ \"%s\" มีผู้ใช้แล้ว (username \"%s\" is "
				  "already taken)", username, username);
out:
	writer_put(st);
	return rc;
}

static const char sql_user_by_name[] = USER_SELECT "WHERE u.username = ?1";
static const char sql_user_by_id[] = USER_SELECT "WHERE u.id = ?1";

static int sq_user_by_name(struct oi_store *st, const char *username, struct oi_user *out,
			   struct oi_error *err)
{
	return read_row(st, sql_user_by_name, username, 0, 0, read_user, out,
			"cannot read the users", err);
}

static int sq_user_by_id(struct oi_store *st, long id, struct oi_user *out,
			 struct oi_error *err)
{
	return read_row(st, sql_user_by_id, NULL, id, 0, read_user, out, "cannot read the users",
			err);
}

static const char sql_user_password[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";

static int sq_user_set_password(struct oi_store *base, long id, const char *password_hash,
				struct oi_error *err)
{
	sqlite3_stmt *s = write_begin(SQ(base), sql_user_password, err);

	if (s) {
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_text(s, 2, password_hash, -1, SQLITE_STATIC);
	}
	return update_end(SQ(base), s, "cannot change the password", "ผู้ใช้", "user", id, err);
}

static long sq_user_count(struct oi_store *st)
{
	return read_count(st, "SELECT count(*) FROM users");
}

/* ---- sessions ---- */

static const char sql_session_put[] =
	"INSERT INTO sessions (token_hash, user_id, csrf, expires_at) VALUES (?1, ?2, ?3, ?4) "
	"ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, "
	"csrf = excluded.csrf, expires_at = excluded.expires_at";

static int sq_session_put(struct oi_store *base, const unsigned char token_hash[32],
			  long user_id, const char *csrf, int64_t expires_at,
			  struct oi_error *err)
{
	sqlite3_stmt *s = write_begin(SQ(base), sql_session_put, err);
	int rc;

	if (s) {
		sqlite3_bind_blob(s, 1, token_hash, 32, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, user_id);
		sqlite3_bind_text(s, 3, csrf, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, expires_at);
	}
	rc = write_end(SQ(base), s, SQLITE_CONSTRAINT_FOREIGNKEY, "cannot store the session", NULL,
		       err);
	if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
		rc = oi_error_set(err, NULL, 0, 0, "no user with id %ld", user_id);
	return rc;
}

static const char sql_session_get[] =
	"SELECT u.id, u.username, u.role, COALESCE(u.agency_id, 0), COALESCE(a.code, ''), "
	"u.password_hash, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
	"LEFT JOIN agencies a ON a.id = u.agency_id WHERE s.token_hash = ?1";
static const char sql_session_delete[] = "DELETE FROM sessions WHERE token_hash = ?1";

static int sq_session_delete(struct oi_store *base, const unsigned char token_hash[32],
			     struct oi_error *err)
{
	sqlite3_stmt *s = write_begin(SQ(base), sql_session_delete, err);

	if (s)
		sqlite3_bind_blob(s, 1, token_hash, 32, SQLITE_STATIC);
	return write_end(SQ(base), s, 0, "cannot delete the session", NULL, err);
}

/* What read_session() reads into, and whether the session it found had expired. */
struct session_row {
	int64_t now;
	struct oi_user *user;   /* may be NULL */
	char *csrf;             /* OI_TOKEN_MAX bytes; may be NULL */
	bool expired;
};

/* A row_one() reader of sql_session_get (ctx: struct session_row): the user and CSRF token of a
 * session not yet expired. */
static void read_session(sqlite3_stmt *s, void *ctx)
{
	struct session_row *r = ctx;

	if ((int64_t)sqlite3_column_int64(s, 7) <= r->now) {
		r->expired = true;
		return;
	}
	if (r->user)
		read_user(s, r->user);
	if (r->csrf)
		col_text(s, 6, r->csrf, OI_TOKEN_MAX);
}

static int sq_session_get(struct oi_store *base, const unsigned char token_hash[32],
			  int64_t now, struct oi_user *user, char csrf[OI_TOKEN_MAX],
			  struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = reader_get(st);
	sqlite3_stmt *s = conn_stmt(c, sql_session_get, err);
	struct session_row r = {now, user, csrf, false};
	int rc;

	if (s)
		sqlite3_bind_blob(s, 1, token_hash, 32, SQLITE_STATIC);
	rc = row_one(c, s, read_session, &r, "cannot read the session", err);
	reader_put(st, c);
	/* An expired session is of no use to anyone: drop it now (best effort). */
	if (r.expired) {
		rc = 1;
		sq_session_delete(base, token_hash, NULL);
	}
	return rc;
}

static const char sql_session_delete_user[] =
	"DELETE FROM sessions WHERE user_id = ?1 AND (?2 IS NULL OR token_hash <> ?2)";

static int sq_session_delete_user(struct oi_store *base, long user_id,
				  const unsigned char *keep_hash, struct oi_error *err)
{
	sqlite3_stmt *s = write_begin(SQ(base), sql_session_delete_user, err);

	if (s) {
		sqlite3_bind_int64(s, 1, user_id);
		if (keep_hash)
			sqlite3_bind_blob(s, 2, keep_hash, 32, SQLITE_STATIC);
	}
	return write_end(SQ(base), s, 0, "cannot delete the sessions", NULL, err);
}

/* ---- agencies ---- */

static const char sql_agency_insert[] =
	"INSERT INTO agencies (code, name, type, province, parent_code) "
	"VALUES (?1, ?2, ?3, ?4, ?5)";

/* Insert a on c (a->id set); row > 0 names the row of an import in messages. */
static int agency_insert(struct conn *c, struct oi_agency *a, size_t row, struct oi_error *err)
{
	sqlite3_stmt *s = conn_stmt(c, sql_agency_insert, err);
	char where_th[48] = "", where_en[48] = "";
	int rc;

	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, a->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, a->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, a->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, a->province, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, a->parent_code, -1, SQLITE_STATIC);
	rc = write_run(c, s, SQLITE_CONSTRAINT_UNIQUE, "cannot add the agency", err);
	if (rc == 0)
		a->id = (long)sqlite3_last_insert_rowid(c->db);
	if (rc != SQLITE_CONSTRAINT_UNIQUE)
		return rc;
	if (row) {
		snprintf(where_th, sizeof where_th, "แถวที่ %zu: ", row);
		snprintf(where_en, sizeof where_en, "row %zu: ", row);
	}
	return oi_error_set(err, NULL, 0, 0, "%sรหัสหน่วยงาน \"%s\" มีอยู่แล้ว (%sagency code "
			    "\"%s\" already exists)", where_th, a->code, where_en, a->code);
}

static int sq_agency_add(struct oi_store *base, struct oi_agency *a, struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = writer_get(st);
	int rc = agency_insert(c, a, 0, err);

	writer_put(st);
	return rc;
}

static int sq_agency_import(struct oi_store *base, struct oi_agency *list, size_t n,
			    struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = writer_get(st);
	int rc = conn_exec(c, sql_begin, err);

	if (!rc) {
		for (size_t i = 0; !rc && i < n; i++)
			rc = agency_insert(c, &list[i], i + 1, err);
		if ((rc = conn_tx_end(c, rc, err)))
			for (size_t i = 0; i < n; i++)
				list[i].id = 0;
	}
	writer_put(st);
	return rc;
}

static const char sql_agency_by_code[] = AGENCY_SELECT "FROM agencies a WHERE a.code = ?1";
static const char sql_agency_by_id[] = AGENCY_SELECT "FROM agencies a WHERE a.id = ?1";

static int sq_agency_by_code(struct oi_store *st, const char *code, struct oi_agency *out,
			     struct oi_error *err)
{
	return read_row(st, sql_agency_by_code, code, 0, 0, read_agency, out,
			"cannot read the agencies", err);
}

static int sq_agency_by_id(struct oi_store *st, long id, struct oi_agency *out,
			   struct oi_error *err)
{
	return read_row(st, sql_agency_by_id, NULL, id, 0, read_agency, out,
			"cannot read the agencies", err);
}

static long sq_agency_count(struct oi_store *st)
{
	return read_count(st, "SELECT count(*) FROM agencies");
}

/* ---- assessments ---- */

static const char sql_assessment_insert[] =
	"INSERT INTO assessments (fiscal_year, framework_id, survey_open, survey_close, "
	"oit_open, oit_close, review_open, review_close, clarify_open, clarify_close, "
	"publish_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_assessment_update[] =
	"UPDATE assessments SET survey_open = ?3, survey_close = ?4, oit_open = ?5, "
	"oit_close = ?6, review_open = ?7, review_close = ?8, clarify_open = ?9, "
	"clarify_close = ?10, publish_on = ?11 WHERE id = ?1";

/* Bind the windows of a to parameters 3..11. */
static void bind_windows(sqlite3_stmt *s, const struct oi_assessment *a)
{
	const char *w[] = {a->survey_open, a->survey_close, a->oit_open, a->oit_close,
			   a->review_open, a->review_close, a->clarify_open, a->clarify_close,
			   a->publish_on};

	for (int i = 0; i < 9; i++)
		sqlite3_bind_text(s, 3 + i, w[i], -1, SQLITE_STATIC);
}

static int sq_assessment_add(struct oi_store *base, struct oi_assessment *a,
			     struct oi_error *err)
{
	sqlite3_stmt *s = write_begin(SQ(base), sql_assessment_insert, err);
	int rc;

	if (s) {
		sqlite3_bind_int(s, 1, a->fiscal_year);
		sqlite3_bind_text(s, 2, a->framework_id, -1, SQLITE_STATIC);
		bind_windows(s, a);
	}
	rc = write_end(SQ(base), s, SQLITE_CONSTRAINT_UNIQUE, "cannot add the assessment", &a->id,
		       err);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		rc = oi_error_set(err, NULL, 0, 0, "ปีงบประมาณ %d เปิดการประเมินไว้แล้ว (fiscal year "
				  "%d already has an assessment)", a->fiscal_year, a->fiscal_year);
	return rc;
}

static int sq_assessment_update(struct oi_store *base, const struct oi_assessment *a,
				struct oi_error *err)
{
	sqlite3_stmt *s = write_begin(SQ(base), sql_assessment_update, err);

	if (s) {
		sqlite3_bind_int64(s, 1, a->id);
		bind_windows(s, a);
	}
	return update_end(SQ(base), s, "cannot change the assessment", "การประเมิน", "assessment",
			  a->id, err);
}

static const char sql_assessment_by_id[] = ASSESSMENT_SELECT "WHERE id = ?1";
static const char sql_assessment_current[] =
	ASSESSMENT_SELECT "ORDER BY fiscal_year DESC LIMIT 1";
static const char sql_assessment_list[] = ASSESSMENT_SELECT "ORDER BY fiscal_year DESC";

static int sq_assessment_by_id(struct oi_store *st, long id, struct oi_assessment *out,
			       struct oi_error *err)
{
	return read_row(st, sql_assessment_by_id, NULL, id, 0, read_assessment, out,
			"cannot read the assessments", err);
}

static int sq_assessment_current(struct oi_store *st, struct oi_assessment *out,
				 struct oi_error *err)
{
	return read_row(st, sql_assessment_current, NULL, 0, 0, read_assessment, out,
			"cannot read the assessments", err);
}

static int sq_assessment_list(struct oi_store *st, struct oi_assessment **out, size_t *n,
			      struct oi_error *err)
{
	struct rows rows = {.size = sizeof **out, .read = read_assessment};

	if (read_rows(st, sql_assessment_list, 0, NULL, 0, rows_read, &rows,
		      "cannot read the assessments", err))
		return rows_fail(&rows);
	*out = rows_take(&rows, n);
	return 0;
}

/* ---- participations ---- */

static const char sql_part_get[] =
	PART_SELECT "FROM participations p WHERE p.assessment_id = ?1 AND p.agency_id = ?2";
static const char sql_part_insert[] =
	"INSERT INTO participations (assessment_id, agency_id, iit_token, eit_token) "
	"VALUES (?1, ?2, ?3, ?4)";

/* Insert the participation of the agency in the assessment with fresh tokens (on c, which the
 * caller holds; both exist, the participation does not). */
static int part_insert(struct conn *c, long assessment_id, long agency_id, struct oi_error *err)
{
	/* 128 random bits per token: a clash is a failing random source, not bad luck; a few
	 * tries then an error. */
	for (int tries = 0; tries < 4; tries++) {
		char iit[OI_TOKEN_MAX], eit[OI_TOKEN_MAX];
		sqlite3_stmt *s;
		int rc;

		store_random_token(iit);
		store_random_token(eit);
		if (!strcmp(iit, eit))
			continue;
		if (!(s = conn_stmt(c, sql_part_insert, err)))
			return -1;
		sqlite3_bind_int64(s, 1, assessment_id);
		sqlite3_bind_int64(s, 2, agency_id);
		sqlite3_bind_text(s, 3, iit, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, eit, -1, SQLITE_TRANSIENT);
		rc = write_run(c, s, SQLITE_CONSTRAINT_UNIQUE, "cannot add the participation", err);
		if (rc != SQLITE_CONSTRAINT_UNIQUE)
			return rc;
	}
	return oi_error_set(err, NULL, 0, 0, "cannot draw unique survey link tokens (is the "
			    "random source broken?)");
}

static int sq_participation_ensure(struct oi_store *base, long assessment_id, long agency_id,
				   struct oi_participation *out, struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = writer_get(st);
	struct oi_participation tmp;
	int rc;

	if (!out)
		out = &tmp;
	rc = row_get(c, sql_part_get, NULL, assessment_id, agency_id, read_part, out,
		     "cannot read the participations", err);
	if (rc == 1) {
		rc = -1;
		if (must_exist(c, sql_assessment_exists, assessment_id, "การประเมิน",
			       "assessment", err) ||
		    must_exist(c, sql_agency_exists, agency_id, "หน่วยงาน", "agency", err) ||
		    part_insert(c, assessment_id, agency_id, err))
			goto out;
		rc = row_get(c, sql_part_get, NULL, assessment_id, agency_id, read_part, out,
			     "cannot read the participations", err);
		if (rc == 1)
			rc = oi_error_set(err, NULL, 0, 0, "the new participation is not there");
	}
out:
	writer_put(st);
	return rc;
}

static const char sql_agencies_without_part[] =
	"SELECT a.id FROM agencies a WHERE NOT EXISTS (SELECT 1 FROM participations p "
	"WHERE p.assessment_id = ?1 AND p.agency_id = a.id) ORDER BY a.id";

static int sq_participation_ensure_all(struct oi_store *base, long assessment_id,
				       struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = writer_get(st);
	struct rows ids = {.size = sizeof(long), .read = read_id};
	int rc = must_exist(c, sql_assessment_exists, assessment_id, "การประเมิน", "assessment",
			    err);

	if (!rc && !(rc = conn_exec(c, sql_begin, err))) {
		rc = rows_on(c, sql_agencies_without_part, assessment_id, NULL, 0, rows_read, &ids,
			     "cannot read the agencies", err);
		for (size_t i = 0; !rc && i < ids.n; i++)
			rc = part_insert(c, assessment_id, ((long *)ids.data)[i], err);
		rc = conn_tx_end(c, rc, err);
	}
	writer_put(st);
	free(ids.data);
	return rc;
}

static const char sql_part_by_token[] =
	PART_SELECT ", CASE WHEN p.iit_token = ?1 THEN 'IIT' ELSE 'EIT' END "
	"FROM participations p WHERE p.iit_token = ?1 OR p.eit_token = ?1";

struct part_token {
	struct oi_participation *part;
	char *instrument;
};

static void read_part_token(sqlite3_stmt *s, void *out)
{
	struct part_token *pt = out;

	read_part_at(s, 0, pt->part);
	if (pt->instrument)
		col_text(s, PART_COLUMNS, pt->instrument, 8);
}

static int sq_participation_by_token(struct oi_store *st, const char *token,
				     struct oi_participation *out, char instrument[8],
				     struct oi_error *err)
{
	struct oi_participation tmp;
	struct part_token pt = {out ? out : &tmp, instrument};

	return read_row(st, sql_part_by_token, token, 0, 0, read_part_token, &pt,
			"cannot read the participations", err);
}

static int sq_participation_get(struct oi_store *st, long assessment_id, long agency_id,
				struct oi_participation *out, struct oi_error *err)
{
	struct oi_participation tmp;

	return read_row(st, sql_part_get, NULL, assessment_id, agency_id, read_part,
			out ? out : &tmp, "cannot read the participations", err);
}

static const char sql_part_set[] =
	"UPDATE participations SET "
	"staff_population = CASE WHEN ?2 = -1 THEN staff_population ELSE ?2 END, "
	"service_population = CASE WHEN ?3 = -1 THEN service_population ELSE ?3 END, "
	"iit_codes_required = ?4 WHERE id = ?1";

static int sq_participation_set(struct oi_store *base, long participation_id,
				long staff_population, long service_population,
				bool iit_codes_required, struct oi_error *err)
{
	sqlite3_stmt *s = write_begin(SQ(base), sql_part_set, err);

	if (s) {
		sqlite3_bind_int64(s, 1, participation_id);
		sqlite3_bind_int64(s, 2, staff_population);
		sqlite3_bind_int64(s, 3, service_population);
		sqlite3_bind_int(s, 4, iit_codes_required);
	}
	return update_end(SQ(base), s, "cannot change the participation", "การเข้าร่วมประเมิน",
			  "participation", participation_id, err);
}

/* ---- responses ---- */

static int sq_response_submit(struct oi_store *st, const struct oi_response *r,
			      enum oi_submit_result *result, struct oi_error *err)
{
	return commit_queue_submit(SQ(st), r, result, err);
}

static const char sql_progress_all[] =
	"SELECT a.id, a.code, a.name, a.type, a.province, a.parent_code, "
	"p.id, p.assessment_id, p.agency_id, p.staff_population, p.service_population, "
	"p.iit_token, p.eit_token, p.iit_codes_required, p.iit_responses, p.eit_responses "
	"FROM participations p JOIN agencies a ON a.id = p.agency_id "
	"WHERE p.assessment_id = ?1 ORDER BY a.code";
static const char sql_progress_one[] =
	"SELECT a.id, a.code, a.name, a.type, a.province, a.parent_code, "
	"p.id, p.assessment_id, p.agency_id, p.staff_population, p.service_population, "
	"p.iit_token, p.eit_token, p.iit_codes_required, p.iit_responses, p.eit_responses "
	"FROM participations p JOIN agencies a ON a.id = p.agency_id "
	"WHERE p.assessment_id = ?1 AND p.agency_id = ?2";

static void read_progress(sqlite3_stmt *s, void *out)
{
	struct oi_agency_progress *p = out;

	col_agency(s, 0, &p->agency);
	read_part_at(s, AGENCY_COLUMNS, &p->part);
	p->iit_responses = col_long(s, AGENCY_COLUMNS + PART_COLUMNS);
	p->eit_responses = col_long(s, AGENCY_COLUMNS + PART_COLUMNS + 1);
}

static int sq_progress(struct oi_store *st, long assessment_id, long agency_id,
		       struct oi_agency_progress **out, size_t *n, struct oi_error *err)
{
	struct rows rows = {.size = sizeof **out, .read = read_progress};

	if (read_rows(st, agency_id > 0 ? sql_progress_one : sql_progress_all, assessment_id, NULL,
		      agency_id, rows_read, &rows, "cannot read the progress", err))
		return rows_fail(&rows);
	*out = rows_take(&rows, n);
	return 0;
}

/* The day in Thailand (UTC+7) of the UTC hour a response was stored with. */
static const char sql_daily_counts[] =
	"SELECT date(submitted_hour || ':00', '+7 hours') AS day, count(*) FROM responses "
	"WHERE participation_id = ?1 AND instrument = ?2 GROUP BY day ORDER BY day";

/* A rows_each() callback: a day and its count into two arrays (ctx: struct rows[2]). */
static int read_day_count(sqlite3_stmt *s, void *ctx)
{
	struct rows *r = ctx;
	char (*day)[11] = rows_add(&r[0]);
	long *count = rows_add(&r[1]);

	col_text(s, 0, *day, sizeof *day);
	*count = col_long(s, 1);
	return 0;
}

static int sq_daily_counts(struct oi_store *st, long participation_id, const char *instrument,
			   char (**days)[11], long **counts, size_t *n, struct oi_error *err)
{
	struct rows r[2] = {{.size = sizeof **days}, {.size = sizeof **counts}};

	if (read_rows(st, sql_daily_counts, participation_id, instrument, 0, read_day_count, r,
		      "cannot count the responses", err)) {
		rows_fail(&r[0]);
		return rows_fail(&r[1]);
	}
	*days = rows_take(&r[0], n);
	*counts = rows_take(&r[1], n);
	return 0;
}

static const char sql_responses_each[] =
	"SELECT answers FROM responses WHERE participation_id = ?1 AND instrument = ?2 "
	"ORDER BY id";

/* The caller's function of oi_store_responses_each() and its context. */
struct answers_fn {
	int (*fn)(const char *answers, void *ctx);
	void *ctx;
};

/* A rows_each() callback: the row's answers to the caller's function (ctx: struct answers_fn). */
static int call_answers(sqlite3_stmt *s, void *ctx)
{
	const struct answers_fn *a = ctx;

	return a->fn(col_str(s, 0), a->ctx);
}

static int sq_responses_each(struct oi_store *st, long participation_id,
			     const char *instrument, int (*fn)(const char *answers, void *ctx),
			     void *ctx, struct oi_error *err)
{
	struct answers_fn a = {fn, ctx};

	return read_rows(st, sql_responses_each, participation_id, instrument, 0, call_answers, &a,
			 "cannot read the responses", err);
}

/* ---- access codes ---- */

static const char sql_codes_seq[] =
	"SELECT COALESCE(MAX(seq), 0) FROM access_codes WHERE participation_id = ?1";
static const char sql_code_insert[] =
	"INSERT INTO access_codes (participation_id, code, seq) VALUES (?1, ?2, ?3)";

/* Insert one fresh access code numbered seq (on the writer c, in the caller's transaction). */
static int code_insert(struct conn *c, long participation_id, long seq, struct oi_error *err)
{
	/* 32^8 codes: a clash is rare; retry it with another draw. */
	for (int tries = 0; tries < 16; tries++) {
		char code[STORE_ACCESS_CODE_LEN + 1];
		sqlite3_stmt *s = conn_stmt(c, sql_code_insert, err);
		int rc;

		if (!s)
			return -1;
		store_random_access_code(code);
		sqlite3_bind_int64(s, 1, participation_id);
		sqlite3_bind_text(s, 2, code, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 3, seq);
		rc = write_run(c, s, SQLITE_CONSTRAINT_PRIMARYKEY, "cannot add the access codes",
			       err);
		if (rc != SQLITE_CONSTRAINT_PRIMARYKEY)
			return rc;
	}
	return conn_fail(c, "cannot add the access codes", err);
}

static int sq_access_codes_add(struct oi_store *base, long participation_id, size_t n,
			       struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = writer_get(st);
	long seq = 0;
	int rc = must_exist(c, sql_part_exists, participation_id, "การเข้าร่วมประเมิน",
			    "participation", err);

	if (!rc && !(rc = conn_exec(c, sql_begin, err))) {
		if (row_get(c, sql_codes_seq, NULL, participation_id, 0, read_id, &seq,
			    "cannot read the access codes", err) < 0)
			rc = -1;
		for (size_t i = 0; !rc && i < n; i++)
			rc = code_insert(c, participation_id, ++seq, err);
		rc = conn_tx_end(c, rc, err);
	}
	writer_put(st);
	return rc;
}

static const char sql_codes_list[] =
	"SELECT code, used FROM access_codes WHERE participation_id = ?1 ORDER BY seq";

/* A rows_each() callback: a code and whether it is used into two arrays (ctx: struct rows[2]). */
static int read_code_used(sqlite3_stmt *s, void *ctx)
{
	struct rows *r = ctx;
	char (*code)[OI_CODE_MAX] = rows_add(&r[0]);
	bool *used = rows_add(&r[1]);

	col_text(s, 0, *code, sizeof *code);
	*used = col_long(s, 1) != 0;
	return 0;
}

static int sq_access_codes_list(struct oi_store *st, long participation_id,
				char (**codes)[OI_CODE_MAX], bool **used, size_t *n,
				struct oi_error *err)
{
	struct rows r[2] = {{.size = sizeof **codes}, {.size = sizeof **used}};

	if (read_rows(st, sql_codes_list, participation_id, NULL, 0, read_code_used, r,
		      "cannot read the access codes", err)) {
		rows_fail(&r[0]);
		return rows_fail(&r[1]);
	}
	*codes = rows_take(&r[0], n);
	*used = rows_take(&r[1], n);
	return 0;
}

/* ---- audit ---- */

static const char sql_audit[] =
	"INSERT INTO audit_log (at, user_id, action, detail) VALUES (?1, ?2, ?3, ?4)";

static int sq_audit(struct oi_store *base, long user_id, const char *action, const char *detail,
		    struct oi_error *err)
{
	sqlite3_stmt *s = write_begin(SQ(base), sql_audit, err);

	if (s) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)time(NULL));
		sqlite3_bind_int64(s, 2, user_id);
		sqlite3_bind_text(s, 3, action, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, detail, -1, SQLITE_STATIC);
	}
	return write_end(SQ(base), s, 0, "cannot write the audit log", NULL, err);
}

/* ---- the table and open ---- */

static const struct store_ops sqlite_ops = {
	.name = "sqlite",
	.close = sq_close,
	.schema_version = sq_schema_version,
	.backup = sq_backup,
	.user_add = sq_user_add,
	.user_by_name = sq_user_by_name,
	.user_by_id = sq_user_by_id,
	.user_set_password = sq_user_set_password,
	.user_count = sq_user_count,
	.session_put = sq_session_put,
	.session_get = sq_session_get,
	.session_delete = sq_session_delete,
	.session_delete_user = sq_session_delete_user,
	.agency_add = sq_agency_add,
	.agency_import = sq_agency_import,
	.agency_by_code = sq_agency_by_code,
	.agency_by_id = sq_agency_by_id,
	.agency_count = sq_agency_count,
	.assessment_add = sq_assessment_add,
	.assessment_update = sq_assessment_update,
	.assessment_by_id = sq_assessment_by_id,
	.assessment_current = sq_assessment_current,
	.assessment_list = sq_assessment_list,
	.participation_ensure = sq_participation_ensure,
	.participation_ensure_all = sq_participation_ensure_all,
	.participation_by_token = sq_participation_by_token,
	.participation_get = sq_participation_get,
	.participation_set = sq_participation_set,
	.response_submit = sq_response_submit,
	.progress = sq_progress,
	.daily_counts = sq_daily_counts,
	.responses_each = sq_responses_each,
	.access_codes_add = sq_access_codes_add,
	.access_codes_list = sq_access_codes_list,
	.audit = sq_audit,
	.result_save = sqlite_result_save,
	.result_load = sqlite_result_load,
	.plan_save = sqlite_plan_save,
	.plan_load = sqlite_plan_load,
	.plan_list = sqlite_plan_list,
	.plan_measure_dates = sqlite_plan_measure_dates,
	.oit_submit = sqlite_oit_submit,
	.oit_review = sqlite_oit_review,
	.oit_clarify = sqlite_oit_clarify,
	.oit_confirm = sqlite_oit_confirm,
	.oit_states = sqlite_oit_states,
	.oit_history = sqlite_oit_history,
	.assignment_add = sqlite_assignment_add,
	.assignment_remove = sqlite_assignment_remove,
	.assignment_check = sqlite_assignment_check,
	.assignment_list = sqlite_assignment_list,
	.user_list = sqlite_user_list,
	.agency_list = sqlite_agency_list,
	.capture_add = sqlite_capture_add,
	.capture_get = sqlite_capture_get,
	.capture_latest = sqlite_capture_latest,
	.capture_baseline = sqlite_capture_baseline,
};

int store_sqlite_open(const char *path, struct oi_store **out, struct oi_error *err)
{
	struct sqlite_store *st = xcalloc(1, sizeof *st);
	size_t len = strlen(path);

	st->base.ops = &sqlite_ops;
	st->path = xmalloc(len + 1);
	memcpy(st->path, path, len + 1);
	if (sqlite_db_open(st, err))
		goto fail;
	if (commit_queue_start(st, err)) {
		sqlite_db_close(st);
		goto fail;
	}
	*out = &st->base;
	return 0;
fail:
	free(st->path);
	free(st);
	return -1;
}
