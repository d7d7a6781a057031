/*
 * test_store.c — tests of the store (include/openita/store.h; src/store/) on SQLite files in
 * a fresh folder under /tmp per test: migrations at open and again at re-open, refusal of a
 * newer schema and of files that are not openita databases; every function's happy path and
 * its errors; sessions that expire; the group commit of survey responses (duplicates, access
 * codes, eight threads at once); the anonymity of the response table, read through a raw
 * SQLite handle; the online backup; daily counts, the response stream, access code lists and
 * the progress view.
 */
#include <pthread.h>
#include <sys/stat.h>

#include "storetest.h"

struct fixture {
	STORE_FIXTURE_FIELDS;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);

	assert_non_null(fx);
	store_fixture_open(fx, "store");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_fixture_close(fx);
	free(fx);
	return 0;
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* ---- helpers ---- */

/* The column names of a table, joined by ",", in table order. */
static void raw_columns(const char *path, const char *table, char *out, size_t size)
{
	char sql[128];
	sqlite3 *db;
	sqlite3_stmt *s;

	out[0] = '\0';
	snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", table);
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW) {
		size_t len = strlen(out);

		snprintf(out + len, size - len, "%s%s", len ? "," : "",
			 (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static long add_agency(struct oi_store *st, const char *code, const char *name)
{
	struct oi_agency a = {0};
	struct oi_error err;

	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	snprintf(a.province, sizeof a.province, "เชียงใหม่");
	if (oi_store_agency_add(st, &a, &err))
		fail_msg("agency %s: %s", code, err.message);
	assert_true(a.id > 0);
	return a.id;
}

static void fill_windows(struct oi_assessment *a, int fiscal_year)
{
	memset(a, 0, sizeof *a);
	a->fiscal_year = fiscal_year;
	snprintf(a->framework_id, sizeof a->framework_id, "ita-2565");
	snprintf(a->survey_open, sizeof a->survey_open, "2025-01-01");
	snprintf(a->survey_close, sizeof a->survey_close, "2025-03-31");
	snprintf(a->oit_open, sizeof a->oit_open, "2025-01-15");
	snprintf(a->oit_close, sizeof a->oit_close, "2025-04-30");
	snprintf(a->review_open, sizeof a->review_open, "2025-05-01");
	snprintf(a->review_close, sizeof a->review_close, "2025-05-31");
	snprintf(a->clarify_open, sizeof a->clarify_open, "2025-06-01");
	snprintf(a->clarify_close, sizeof a->clarify_close, "2025-06-15");
	snprintf(a->publish_on, sizeof a->publish_on, "2025-09-01");
}

static long add_assessment(struct oi_store *st, int fiscal_year)
{
	struct oi_assessment a;
	struct oi_error err;

	fill_windows(&a, fiscal_year);
	if (oi_store_assessment_add(st, &a, &err))
		fail_msg("assessment %d: %s", fiscal_year, err.message);
	assert_true(a.id > 0);
	return a.id;
}

/* An assessment and one agency taking part: the participation. */
static struct oi_participation add_participation(struct oi_store *st, const char *code)
{
	struct oi_participation p;
	struct oi_assessment cur;
	struct oi_error err;
	long assessment_id, agency_id = add_agency(st, code, "หน่วยงานทดสอบ");

	if (oi_store_assessment_current(st, &cur, &err) == 0)
		assessment_id = cur.id;
	else
		assessment_id = add_assessment(st, 2568);
	if (oi_store_participation_ensure(st, assessment_id, agency_id, &p, &err))
		fail_msg("participation: %s", err.message);
	return p;
}

static struct oi_response response(long participation_id, const char *instrument,
				   const char *hour, const char *nonce, const char *code)
{
	struct oi_response r;

	memset(&r, 0, sizeof r);
	r.participation_id = participation_id;
	snprintf(r.instrument, sizeof r.instrument, "%s", instrument);
	snprintf(r.hour, sizeof r.hour, "%s", hour);
	snprintf(r.answers, sizeof r.answers, "12345A0");
	snprintf(r.nonce, sizeof r.nonce, "%s", nonce);
	snprintf(r.access_code, sizeof r.access_code, "%s", code);
	return r;
}

static enum oi_submit_result submit(struct oi_store *st, const struct oi_response *r)
{
	enum oi_submit_result res = (enum oi_submit_result)-1;
	struct oi_error err;

	if (oi_store_response_submit(st, r, &res, &err))
		fail_msg("submit: %s", err.message);
	return res;
}

static void hash_of(unsigned char h[32], int seed)
{
	for (int i = 0; i < 32; i++)
		h[i] = (unsigned char)(seed * 31 + i);
}

/* ---- migrations and open ---- */

static void open_fresh_applies_every_migration(void **state)
{
	struct fixture *fx = *state;
	char sql[128];

	assert_true(oi_store_schema_latest() >= 1);
	assert_int_equal(oi_store_schema_version(fx->st), oi_store_schema_latest());
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM schema_migrations"),
			 oi_store_schema_latest());
	snprintf(sql, sizeof sql, "SELECT count(*) FROM schema_migrations WHERE version = %d "
		 "AND applied_at > 0", oi_store_schema_latest());
	assert_int_equal(raw_int(fx->path, sql), 1);
	assert_int_equal(oi_store_user_count(fx->st), 0);
	assert_int_equal(oi_store_agency_count(fx->st), 0);
}

static void pragma_text(const char *path, const char *sql, char *out, size_t size)
{
	sqlite3 *db;
	sqlite3_stmt *s;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
}

static void database_is_in_wal_mode(void **state)
{
	struct fixture *fx = *state;
	char mode[16];

	pragma_text(fx->path, "PRAGMA journal_mode", mode, sizeof mode);
	assert_string_equal(mode, "wal");
}

static void reopen_is_idempotent(void **state)
{
	struct fixture *fx = *state;
	struct oi_error err;

	add_agency(fx->st, "A01", "สำนักงาน ก");
	oi_store_close(fx->st);
	fx->st = NULL;
	for (int i = 0; i < 2; i++) {
		if (oi_store_open(fx->path, &fx->st, &err))
			fail_msg("reopen: %s", err.message);
		assert_int_equal(oi_store_schema_version(fx->st), oi_store_schema_latest());
		assert_int_equal(oi_store_agency_count(fx->st), 1);
		oi_store_close(fx->st);
		fx->st = NULL;
	}
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM schema_migrations"),
			 oi_store_schema_latest());
	assert_int_equal(oi_store_open(fx->path, &fx->st, &err), 0);
}

static void newer_schema_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct oi_store *st = (struct oi_store *)1;
	struct oi_error err;
	char sql[128];

	oi_store_close(fx->st);
	fx->st = NULL;
	snprintf(sql, sizeof sql, "INSERT INTO schema_migrations VALUES (%d, 0)",
		 oi_store_schema_latest() + 1);
	raw_exec(fx->path, sql);
	assert_int_equal(oi_store_open(fx->path, &st, &err), -1);
	assert_null(st);
	assert_error_contains(err, "newer than this program");
	assert_error_contains(err, fx->path);
}

static void not_a_database_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct oi_store *st;
	struct oi_error err;
	char path[160];
	FILE *f;

	snprintf(path, sizeof path, "%s/junk.db", fx->dir);
	f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("this is a text file, not a database\n", f);
	fclose(f);
	assert_int_equal(oi_store_open(path, &st, &err), -1);
	assert_error_contains(err, "is not a database");
}

static void foreign_sqlite_database_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct oi_store *st;
	struct oi_error err;
	char path[160];
	sqlite3 *db;

	snprintf(path, sizeof path, "%s/other.db", fx->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(oi_store_open(path, &st, &err), -1);
	assert_error_contains(err, "not one of openita");
}

static void missing_folder_is_an_error(void **state)
{
	struct fixture *fx = *state;
	struct oi_store *st;
	struct oi_error err;
	char path[160];

	snprintf(path, sizeof path, "%s/no/such/folder/x.db", fx->dir);
	assert_int_equal(oi_store_open(path, &st, &err), -1);
	assert_error_contains(err, "cannot open the database");
	assert_int_equal(oi_store_open("postgres://db/openita", &st, &err), -1);
	assert_error_contains(err, "PostgreSQL is not supported yet");
}

/* ---- users and sessions ---- */

static void role_names_round_trip(void **state)
{
	(void)state;
	for (int r = 0; r < OI_ROLE__MAX; r++)
		assert_int_equal(oi_role_parse(oi_role_name((enum oi_role)r)), r);
	assert_string_equal(oi_role_name(OI_ROLE_AGENCY_ADMIN), "agency_admin");
	assert_int_equal(oi_role_parse("root"), -1);
	assert_int_equal(oi_role_parse(NULL), -1);
}

static void users_add_and_find(void **state)
{
	struct fixture *fx = *state;
	struct oi_user u;
	struct oi_error err;
	long agency = add_agency(fx->st, "A01", "สำนักงาน ก"), admin_id, officer_id;

	assert_int_equal(oi_store_user_add(fx->st, "admin", OI_ROLE_ADMIN, NULL, "$argon2id$x",
					   &admin_id, &err), 0);
	assert_int_equal(oi_store_user_add(fx->st, "a01", OI_ROLE_AGENCY_ADMIN, "A01",
					   "$argon2id$y", &officer_id, &err), 0);
	assert_int_equal(oi_store_user_add(fx->st, "viewer", OI_ROLE_VIEWER, "", "$argon2id$z",
					   NULL, &err), 0);
	assert_int_equal(oi_store_user_count(fx->st), 3);

	assert_int_equal(oi_store_user_by_name(fx->st, "a01", &u, &err), 0);
	assert_int_equal(u.id, officer_id);
	assert_string_equal(u.username, "a01");
	assert_int_equal(u.role, OI_ROLE_AGENCY_ADMIN);
	assert_int_equal(u.agency_id, agency);
	assert_string_equal(u.agency_code, "A01");
	assert_string_equal(u.password_hash, "$argon2id$y");

	assert_int_equal(oi_store_user_by_id(fx->st, admin_id, &u, &err), 0);
	assert_string_equal(u.username, "admin");
	assert_int_equal(u.role, OI_ROLE_ADMIN);
	assert_int_equal(u.agency_id, 0);
	assert_string_equal(u.agency_code, "");

	assert_int_equal(oi_store_user_by_name(fx->st, "nobody", &u, &err), 1);
	assert_int_equal(oi_store_user_by_id(fx->st, 9999, &u, &err), 1);

	assert_int_equal(oi_store_user_set_password(fx->st, admin_id, "$argon2id$new", &err), 0);
	assert_int_equal(oi_store_user_by_id(fx->st, admin_id, &u, &err), 0);
	assert_string_equal(u.password_hash, "$argon2id$new");
	assert_int_equal(oi_store_user_set_password(fx->st, 9999, "$argon2id$new", &err), -1);
	assert_error_contains(err, "no user with id 9999");
}

static void user_errors(void **state)
{
	struct fixture *fx = *state;
	struct oi_error err;

	add_agency(fx->st, "A01", "สำนักงาน ก");
	assert_int_equal(oi_store_user_add(fx->st, "admin", OI_ROLE_ADMIN, NULL, "h", NULL,
					   &err), 0);
	assert_int_equal(oi_store_user_add(fx->st, "admin", OI_ROLE_VIEWER, NULL, "h", NULL,
					   &err), -1);
	assert_error_contains(err, "username \"admin\" is already taken");
	assert_int_equal(oi_store_user_add(fx->st, "x", OI_ROLE_AGENCY_ADMIN, NULL, "h", NULL,
					   &err), -1);
	assert_error_contains(err, "agency admin needs an agency");
	assert_int_equal(oi_store_user_add(fx->st, "x", OI_ROLE_AGENCY_ADMIN, "", "h", NULL,
					   &err), -1);
	assert_error_contains(err, "agency admin needs an agency");
	assert_int_equal(oi_store_user_add(fx->st, "x", OI_ROLE_AGENCY_ADMIN, "Z99", "h", NULL,
					   &err), -1);
	assert_error_contains(err, "no agency with code \"Z99\"");
	assert_int_equal(oi_store_user_add(fx->st, "x", OI_ROLE_ASSESSOR, "A01", "h", NULL,
					   &err), -1);
	assert_error_contains(err, "only an agency_admin has an agency");
	assert_int_equal(oi_store_user_add(fx->st, "", OI_ROLE_ADMIN, NULL, "h", NULL, &err), -1);
	assert_error_contains(err, "the username is empty");
	assert_int_equal(oi_store_user_add(fx->st, "y", OI_ROLE_ADMIN, NULL, "", NULL, &err), -1);
	assert_error_contains(err, "the password hash is empty");
	assert_int_equal(oi_store_user_add(fx->st, "y", (enum oi_role)7, NULL, "h", NULL, &err),
			 -1);
	assert_error_contains(err, "unknown role");
	assert_int_equal(oi_store_user_count(fx->st), 1);
}

static void sessions_put_get_expire_delete(void **state)
{
	struct fixture *fx = *state;
	unsigned char h1[32], h2[32];
	char csrf[OI_TOKEN_MAX];
	struct oi_user u;
	struct oi_error err;
	long uid;

	add_agency(fx->st, "A01", "สำนักงาน ก");
	assert_int_equal(oi_store_user_add(fx->st, "a01", OI_ROLE_AGENCY_ADMIN, "A01", "h", &uid,
					   &err), 0);
	hash_of(h1, 1);
	hash_of(h2, 2);
	assert_int_equal(oi_store_session_put(fx->st, h1, uid, "csrf-one", 1000, &err), 0);
	assert_int_equal(oi_store_session_get(fx->st, h1, 999, &u, csrf, &err), 0);
	assert_string_equal(csrf, "csrf-one");
	assert_int_equal(u.id, uid);
	assert_string_equal(u.agency_code, "A01");
	assert_int_equal(u.role, OI_ROLE_AGENCY_ADMIN);
	/* Unknown token, then expiry: at expires_at the session is gone, and stays gone. */
	assert_int_equal(oi_store_session_get(fx->st, h2, 999, &u, csrf, &err), 1);
	assert_int_equal(oi_store_session_get(fx->st, h1, 1000, &u, csrf, &err), 1);
	assert_int_equal(oi_store_session_get(fx->st, h1, 999, &u, csrf, &err), 1);
	/* Put again refreshes; delete removes. */
	assert_int_equal(oi_store_session_put(fx->st, h1, uid, "csrf-two", 5000, &err), 0);
	assert_int_equal(oi_store_session_put(fx->st, h1, uid, "csrf-three", 6000, &err), 0);
	assert_int_equal(oi_store_session_get(fx->st, h1, 5500, &u, csrf, &err), 0);
	assert_string_equal(csrf, "csrf-three");
	assert_int_equal(oi_store_session_delete(fx->st, h1, &err), 0);
	assert_int_equal(oi_store_session_get(fx->st, h1, 0, &u, csrf, &err), 1);
	/* A session of no user is refused. */
	assert_int_equal(oi_store_session_put(fx->st, h2, 4242, "c", 10, &err), -1);
	assert_error_contains(err, "no user with id 4242");
}

static void sessions_delete_user_keeps_one(void **state)
{
	struct fixture *fx = *state;
	unsigned char h[4][32];
	char csrf[OI_TOKEN_MAX];
	struct oi_user u;
	struct oi_error err;
	long a, b;

	assert_int_equal(oi_store_user_add(fx->st, "a", OI_ROLE_ADMIN, NULL, "h", &a, &err), 0);
	assert_int_equal(oi_store_user_add(fx->st, "b", OI_ROLE_VIEWER, NULL, "h", &b, &err), 0);
	for (int i = 0; i < 4; i++) {
		hash_of(h[i], i + 10);
		assert_int_equal(oi_store_session_put(fx->st, h[i], i < 3 ? a : b, "c", 100, &err),
				 0);
	}
	assert_int_equal(oi_store_session_delete_user(fx->st, a, h[1], &err), 0);
	assert_int_equal(oi_store_session_get(fx->st, h[0], 1, &u, csrf, &err), 1);
	assert_int_equal(oi_store_session_get(fx->st, h[1], 1, &u, csrf, &err), 0);
	assert_int_equal(oi_store_session_get(fx->st, h[2], 1, &u, csrf, &err), 1);
	assert_int_equal(oi_store_session_get(fx->st, h[3], 1, &u, csrf, &err), 0);
	assert_int_equal(oi_store_session_delete_user(fx->st, a, NULL, &err), 0);
	assert_int_equal(oi_store_session_get(fx->st, h[1], 1, &u, csrf, &err), 1);
	assert_int_equal(oi_store_session_get(fx->st, h[3], 1, &u, csrf, &err), 0);
}

/* ---- agencies ---- */

static void agencies_add_and_find(void **state)
{
	struct fixture *fx = *state;
	struct oi_agency a = {0}, got;
	struct oi_error err;

	snprintf(a.code, sizeof a.code, "1234500000");
	snprintf(a.name, sizeof a.name, "องค์การบริหารส่วนตำบลบ้านใหม่");
	snprintf(a.type, sizeof a.type, "อปท.");
	snprintf(a.province, sizeof a.province, "ลำพูน");
	snprintf(a.parent_code, sizeof a.parent_code, "P01");
	assert_int_equal(oi_store_agency_add(fx->st, &a, &err), 0);
	assert_true(a.id > 0);
	assert_int_equal(oi_store_agency_by_code(fx->st, "1234500000", &got, &err), 0);
	assert_int_equal(got.id, a.id);
	assert_string_equal(got.name, a.name);
	assert_string_equal(got.type, "อปท.");
	assert_string_equal(got.province, "ลำพูน");
	assert_string_equal(got.parent_code, "P01");
	assert_int_equal(oi_store_agency_by_id(fx->st, a.id, &got, &err), 0);
	assert_string_equal(got.code, "1234500000");
	assert_int_equal(oi_store_agency_by_code(fx->st, "nope", &got, &err), 1);
	assert_int_equal(oi_store_agency_by_id(fx->st, a.id + 100, &got, &err), 1);
	assert_int_equal(oi_store_agency_count(fx->st), 1);
}

static void agency_errors(void **state)
{
	struct fixture *fx = *state;
	struct oi_agency a = {0};
	struct oi_error err;

	add_agency(fx->st, "A01", "สำนักงาน ก");
	snprintf(a.code, sizeof a.code, "A01");
	snprintf(a.name, sizeof a.name, "อื่น");
	assert_int_equal(oi_store_agency_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "agency code \"A01\" already exists");
	assert_error_contains(err, "รหัสหน่วยงาน \"A01\" มีอยู่แล้ว");
	a.code[0] = '\0';
	assert_int_equal(oi_store_agency_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "the agency code is empty");
	snprintf(a.code, sizeof a.code, "A02");
	a.name[0] = '\0';
	assert_int_equal(oi_store_agency_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "the agency name is empty");
	snprintf(a.name, sizeof a.name, "x");
	snprintf(a.code, sizeof a.code, "A/02");
	assert_int_equal(oi_store_agency_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "must not contain spaces");
	assert_int_equal(oi_store_agency_count(fx->st), 1);
}

static void agency_import_all_or_nothing(void **state)
{
	struct fixture *fx = *state;
	struct oi_agency list[4];
	struct oi_agency got;
	struct oi_error err;

	add_agency(fx->st, "B03", "มีอยู่ก่อน");
	memset(list, 0, sizeof list);
	for (int i = 0; i < 4; i++) {
		snprintf(list[i].code, sizeof list[i].code, "B%02d", i + 1);
		snprintf(list[i].name, sizeof list[i].name, "หน่วยงาน %d", i + 1);
	}
	/* Row 3 (B03) is taken: nothing of the four is stored. */
	assert_int_equal(oi_store_agency_import(fx->st, list, 4, &err), -1);
	assert_error_contains(err, "row 3: agency code \"B03\" already exists");
	assert_int_equal(oi_store_agency_count(fx->st), 1);
	assert_int_equal(oi_store_agency_by_code(fx->st, "B01", &got, &err), 1);
	for (int i = 0; i < 4; i++)
		assert_int_equal(list[i].id, 0);
	/* Fixed: all four go in, with ids. */
	snprintf(list[2].code, sizeof list[2].code, "B33");
	assert_int_equal(oi_store_agency_import(fx->st, list, 4, &err), 0);
	assert_int_equal(oi_store_agency_count(fx->st), 5);
	for (int i = 0; i < 4; i++) {
		assert_true(list[i].id > 0);
		assert_int_equal(oi_store_agency_by_code(fx->st, list[i].code, &got, &err), 0);
		assert_int_equal(got.id, list[i].id);
	}
}

static void agency_import_duplicate_within_batch(void **state)
{
	struct fixture *fx = *state;
	struct oi_agency list[3];
	struct oi_error err;

	memset(list, 0, sizeof list);
	for (int i = 0; i < 3; i++) {
		snprintf(list[i].code, sizeof list[i].code, "%s", i == 2 ? "C01" : i ? "C02" : "C01");
		snprintf(list[i].name, sizeof list[i].name, "หน่วยงาน");
	}
	assert_int_equal(oi_store_agency_import(fx->st, list, 3, &err), -1);
	assert_error_contains(err, "row 3: agency code \"C01\" already exists");
	assert_int_equal(oi_store_agency_count(fx->st), 0);
	/* A bad row is refused before anything is written, naming the row. */
	list[2].name[0] = '\0';
	snprintf(list[2].code, sizeof list[2].code, "C03");
	assert_int_equal(oi_store_agency_import(fx->st, list, 3, &err), -1);
	assert_error_contains(err, "แถวที่ 3");
	assert_error_contains(err, "the agency name is empty");
	assert_int_equal(oi_store_agency_count(fx->st), 0);
}

/* ---- assessments ---- */

static void assessments_add_current_list_update(void **state)
{
	struct fixture *fx = *state;
	struct oi_assessment a, got, *list;
	struct oi_error err;
	size_t n;
	long id67, id68;

	assert_int_equal(oi_store_assessment_current(fx->st, &got, &err), 1);
	assert_int_equal(oi_store_assessment_list(fx->st, &list, &n, &err), 0);
	assert_int_equal(n, 0);
	free(list);
	id68 = add_assessment(fx->st, 2568);
	id67 = add_assessment(fx->st, 2567);
	assert_int_equal(oi_store_assessment_current(fx->st, &got, &err), 0);
	assert_int_equal(got.id, id68);
	assert_int_equal(got.fiscal_year, 2568);
	assert_string_equal(got.framework_id, "ita-2565");
	assert_string_equal(got.survey_open, "2025-01-01");
	assert_string_equal(got.publish_on, "2025-09-01");
	assert_int_equal(oi_store_assessment_list(fx->st, &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].fiscal_year, 2568);
	assert_int_equal(list[1].fiscal_year, 2567);
	assert_int_equal(list[1].id, id67);
	free(list);

	fill_windows(&a, 2568);
	a.id = id68;
	snprintf(a.survey_close, sizeof a.survey_close, "2025-04-15");
	a.publish_on[0] = '\0';
	assert_int_equal(oi_store_assessment_update(fx->st, &a, &err), 0);
	assert_int_equal(oi_store_assessment_by_id(fx->st, id68, &got, &err), 0);
	assert_string_equal(got.survey_close, "2025-04-15");
	assert_string_equal(got.publish_on, "");
	assert_string_equal(got.clarify_close, "2025-06-15");
	assert_int_equal(oi_store_assessment_by_id(fx->st, 999, &got, &err), 1);
	a.id = 999;
	assert_int_equal(oi_store_assessment_update(fx->st, &a, &err), -1);
	assert_error_contains(err, "no assessment with id 999");
}

static void assessment_errors(void **state)
{
	struct fixture *fx = *state;
	struct oi_assessment a;
	struct oi_error err;

	add_assessment(fx->st, 2568);
	fill_windows(&a, 2568);
	assert_int_equal(oi_store_assessment_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "fiscal year 2568 already has an assessment");
	fill_windows(&a, 2569);
	snprintf(a.oit_close, sizeof a.oit_close, "2025-02-30");
	assert_int_equal(oi_store_assessment_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "the oit dates must be real dates");
	fill_windows(&a, 2569);
	snprintf(a.survey_close, sizeof a.survey_close, "2024-12-31");
	assert_int_equal(oi_store_assessment_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "the survey window opens after it closes");
	fill_windows(&a, 2025);
	assert_int_equal(oi_store_assessment_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "not a Buddhist Era year");
	fill_windows(&a, 2569);
	a.framework_id[0] = '\0';
	assert_int_equal(oi_store_assessment_add(fx->st, &a, &err), -1);
	assert_error_contains(err, "the framework id is empty");
	fill_windows(&a, 2569);
	assert_int_equal(oi_store_assessment_add(fx->st, &a, &err), 0);
}

/* ---- participations ---- */

static bool is_base64url(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

static void participation_ensure_tokens(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p1, p1again, p2;
	struct oi_error err;
	long as = add_assessment(fx->st, 2568);
	long a1 = add_agency(fx->st, "A01", "ก"), a2 = add_agency(fx->st, "A02", "ข");

	assert_int_equal(oi_store_participation_get(fx->st, as, a1, &p1, &err), 1);
	assert_int_equal(oi_store_participation_ensure(fx->st, as, a1, &p1, &err), 0);
	assert_true(p1.id > 0);
	assert_int_equal(p1.assessment_id, as);
	assert_int_equal(p1.agency_id, a1);
	assert_int_equal(p1.staff_population, -1);
	assert_int_equal(p1.service_population, -1);
	assert_false(p1.iit_codes_required);
	assert_int_equal(strlen(p1.iit_token), 22);
	assert_int_equal(strlen(p1.eit_token), 22);
	assert_true(is_base64url(p1.iit_token));
	assert_true(is_base64url(p1.eit_token));
	assert_string_not_equal(p1.iit_token, p1.eit_token);
	/* Ensure again: the same participation, the same tokens. */
	assert_int_equal(oi_store_participation_ensure(fx->st, as, a1, &p1again, &err), 0);
	assert_int_equal(p1again.id, p1.id);
	assert_string_equal(p1again.iit_token, p1.iit_token);
	assert_int_equal(oi_store_participation_ensure(fx->st, as, a2, &p2, &err), 0);
	assert_int_not_equal(p2.id, p1.id);
	assert_string_not_equal(p2.iit_token, p1.iit_token);
	assert_string_not_equal(p2.eit_token, p1.eit_token);
	assert_int_equal(oi_store_participation_get(fx->st, as, a2, &p1again, &err), 0);
	assert_int_equal(p1again.id, p2.id);
	/* Unknown assessment or agency. */
	assert_int_equal(oi_store_participation_ensure(fx->st, 77, a1, &p2, &err), -1);
	assert_error_contains(err, "no assessment with id 77");
	assert_int_equal(oi_store_participation_ensure(fx->st, as, 88, &p2, &err), -1);
	assert_error_contains(err, "no agency with id 88");
}

static void participation_ensure_all_creates_missing(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p, again;
	struct oi_agency_progress *rows;
	struct oi_error err;
	size_t n;
	long as = add_assessment(fx->st, 2568), first = add_agency(fx->st, "A00", "ก");

	assert_int_equal(oi_store_participation_ensure(fx->st, as, first, &p, &err), 0);
	for (int i = 1; i <= 50; i++) {
		char code[16];

		snprintf(code, sizeof code, "A%02d", i);
		add_agency(fx->st, code, "หน่วยงาน");
	}
	assert_int_equal(oi_store_participation_ensure_all(fx->st, as, &err), 0);
	assert_int_equal(oi_store_participation_ensure_all(fx->st, as, &err), 0);
	assert_int_equal(oi_store_progress(fx->st, as, 0, &rows, &n, &err), 0);
	assert_int_equal(n, 51);
	free(rows);
	assert_int_equal(oi_store_participation_get(fx->st, as, first, &again, &err), 0);
	assert_string_equal(again.iit_token, p.iit_token);
	assert_int_equal(raw_int(fx->path, "SELECT count(DISTINCT iit_token) + "
				 "count(DISTINCT eit_token) FROM participations"), 102);
	assert_int_equal(oi_store_participation_ensure_all(fx->st, 999, &err), -1);
	assert_error_contains(err, "no assessment with id 999");
}

static void participation_by_token_and_set(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01"), got;
	struct oi_error err;
	char instrument[8];

	assert_int_equal(oi_store_participation_by_token(fx->st, p.iit_token, &got, instrument,
							 &err), 0);
	assert_int_equal(got.id, p.id);
	assert_string_equal(instrument, "IIT");
	assert_int_equal(oi_store_participation_by_token(fx->st, p.eit_token, &got, instrument,
							 &err), 0);
	assert_int_equal(got.id, p.id);
	assert_string_equal(instrument, "EIT");
	assert_int_equal(oi_store_participation_by_token(fx->st, "AAAAAAAAAAAAAAAAAAAAAA", &got,
							 instrument, &err), 1);
	assert_int_equal(oi_store_participation_by_token(fx->st, "", &got, instrument, &err), 1);

	assert_int_equal(oi_store_participation_set(fx->st, p.id, 120, -1, true, &err), 0);
	assert_int_equal(oi_store_participation_by_token(fx->st, p.iit_token, &got, NULL, &err),
			 0);
	assert_int_equal(got.staff_population, 120);
	assert_int_equal(got.service_population, -1);
	assert_true(got.iit_codes_required);
	assert_int_equal(oi_store_participation_set(fx->st, p.id, -1, 5000, false, &err), 0);
	assert_int_equal(oi_store_participation_get(fx->st, p.assessment_id, p.agency_id, &got,
						    &err), 0);
	assert_int_equal(got.staff_population, 120);
	assert_int_equal(got.service_population, 5000);
	assert_false(got.iit_codes_required);
	assert_int_equal(oi_store_participation_set(fx->st, p.id, 0, 0, false, &err), 0);
	assert_int_equal(oi_store_participation_get(fx->st, p.assessment_id, p.agency_id, &got,
						    &err), 0);
	assert_int_equal(got.staff_population, 0);
	assert_int_equal(got.service_population, 0);
	assert_int_equal(oi_store_participation_set(fx->st, p.id, -2, 0, false, &err), -1);
	assert_error_contains(err, "staff population");
	assert_int_equal(oi_store_participation_set(fx->st, p.id + 50, 1, 1, false, &err), -1);
	assert_error_contains(err, "no participation with id");
}

/* ---- responses ---- */

static void submit_stored_and_duplicate(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	struct oi_response r = response(p.id, "EIT", "2025-02-01T09", "nonce-1", "");

	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_DUPLICATE);
	r = response(p.id, "EIT", "2025-02-01T09", "nonce-2", "");
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	/* No nonce: no duplicate guard. */
	r = response(p.id, "EIT", "2025-02-01T10", "", "");
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM responses"), 4);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission_nonces"), 2);
	assert_int_equal(raw_int(fx->path, "SELECT eit_responses FROM participations"), 4);
	assert_int_equal(raw_int(fx->path, "SELECT iit_responses FROM participations"), 0);
}

static void submit_access_codes(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	struct oi_participation q = add_participation(fx->st, "A02");
	char (*codes)[OI_CODE_MAX];
	bool *used;
	size_t n;
	struct oi_error err;
	struct oi_response r;

	assert_int_equal(oi_store_access_codes_add(fx->st, p.id, 3, &err), 0);
	assert_int_equal(oi_store_access_codes_list(fx->st, p.id, &codes, &used, &n, &err), 0);
	assert_int_equal(n, 3);

	/* Unknown code: refused, and its nonce is not spent. */
	r = response(p.id, "IIT", "2025-02-01T09", "n1", "ZZZZZZZZ");
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_CODE_INVALID);
	/* Another participation's code does not count here. */
	r = response(q.id, "IIT", "2025-02-01T09", "n1", codes[0]);
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_CODE_INVALID);
	/* Right code, the same nonce as the refused try: stored. */
	r = response(p.id, "IIT", "2025-02-01T09", "n1", codes[0]);
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	/* The same code again with a new form: used. */
	r = response(p.id, "IIT", "2025-02-01T09", "n2", codes[0]);
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_CODE_INVALID);
	/* Resending the form that was stored: a duplicate, whatever the code. */
	r = response(p.id, "IIT", "2025-02-01T09", "n1", codes[1]);
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_DUPLICATE);
	r = response(p.id, "IIT", "2025-02-01T10", "n3", codes[1]);
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	free(codes);
	free(used);

	assert_int_equal(oi_store_access_codes_list(fx->st, p.id, &codes, &used, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_true(used[0]);
	assert_true(used[1]);
	assert_false(used[2]);
	free(codes);
	free(used);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM responses"), 2);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission_nonces"), 2);
}

static void submit_errors(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	enum oi_submit_result res;
	struct oi_error err;
	struct oi_response r;

	r = response(p.id + 100, "IIT", "2025-02-01T09", "n", "");
	assert_int_equal(oi_store_response_submit(fx->st, &r, &res, &err), -1);
	assert_error_contains(err, "no participation with id");
	r = response(p.id + 100, "IIT", "2025-02-01T09", "", "");
	assert_int_equal(oi_store_response_submit(fx->st, &r, &res, &err), -1);
	assert_error_contains(err, "no participation with id");
	r = response(p.id, "OIT", "2025-02-01T09", "n", "");
	assert_int_equal(oi_store_response_submit(fx->st, &r, &res, &err), -1);
	assert_error_contains(err, "instrument must be \"IIT\" or \"EIT\"");
	r = response(p.id, "IIT", "2025-02-01 09", "n", "");
	assert_int_equal(oi_store_response_submit(fx->st, &r, &res, &err), -1);
	assert_error_contains(err, "YYYY-MM-DDTHH");
	r = response(p.id, "IIT", "2025-02-01T24", "n", "");
	assert_int_equal(oi_store_response_submit(fx->st, &r, &res, &err), -1);
	r = response(p.id, "IIT", "2025-02-01T09", "n", "");
	r.answers[0] = '\0';
	assert_int_equal(oi_store_response_submit(fx->st, &r, &res, &err), -1);
	assert_error_contains(err, "answers");
	snprintf(r.answers, sizeof r.answers, "12 3");
	assert_int_equal(oi_store_response_submit(fx->st, &r, &res, &err), -1);
	/* A failed item leaves nothing behind, and the next one goes through. */
	snprintf(r.answers, sizeof r.answers, "123");
	assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM responses"), 1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM submission_nonces"), 1);
}

#define THREADS 8
#define PER_THREAD 200

struct worker {
	struct oi_store *st;
	long participation[2];
	int index;
	int stored, duplicate, failed;
	long reads_ok;
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;

	for (int i = 0; i < PER_THREAD; i++) {
		struct oi_response r;
		enum oi_submit_result res;
		struct oi_error err;
		char nonce[32];

		snprintf(nonce, sizeof nonce, "t%d-%d", w->index, i);
		r = response(w->participation[i % 2], i % 3 ? "IIT" : "EIT", "2025-02-03T11",
			     nonce, "");
		if (oi_store_response_submit(w->st, &r, &res, &err))
			w->failed++;
		else if (res == OI_SUBMIT_STORED)
			w->stored++;
		/* Every tenth form is sent twice (a double click). */
		if (i % 10 == 0) {
			if (oi_store_response_submit(w->st, &r, &res, &err))
				w->failed++;
			else if (res == OI_SUBMIT_DUPLICATE)
				w->duplicate++;
		}
		/* Reads in parallel with the commits. */
		if (i % 20 == 0) {
			struct oi_participation got;

			if (oi_store_participation_get(w->st, 1, 1, &got, &err) >= 0)
				w->reads_ok++;
		}
	}
	return NULL;
}

static void group_commit_from_eight_threads(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	struct oi_participation q = add_participation(fx->st, "A02");
	struct worker w[THREADS];
	pthread_t th[THREADS];
	struct oi_agency_progress *rows;
	struct oi_error err;
	size_t n;
	int stored = 0, duplicate = 0;
	long iit = 0, eit = 0;

	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct worker){.st = fx->st, .participation = {p.id, q.id}, .index = i};
		assert_int_equal(pthread_create(&th[i], NULL, worker_run, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(w[i].failed, 0);
		assert_int_equal(w[i].reads_ok, PER_THREAD / 20);
		stored += w[i].stored;
		duplicate += w[i].duplicate;
	}
	assert_int_equal(stored, THREADS * PER_THREAD);
	assert_int_equal(duplicate, THREADS * PER_THREAD / 10);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM responses"),
			 THREADS * PER_THREAD);
	assert_int_equal(oi_store_progress(fx->st, p.assessment_id, 0, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		iit += rows[i].iit_responses;
		eit += rows[i].eit_responses;
	}
	free(rows);
	assert_int_equal(iit + eit, THREADS * PER_THREAD);
	assert_int_equal(iit, raw_int(fx->path, "SELECT count(*) FROM responses "
				      "WHERE instrument = 'IIT'"));
	assert_int_equal(eit, raw_int(fx->path, "SELECT count(*) FROM responses "
				      "WHERE instrument = 'EIT'"));
}

static void responses_table_holds_only_the_answers(void **state)
{
	struct fixture *fx = *state;
	char cols[256];

	raw_columns(fx->path, "responses", cols, sizeof cols);
	assert_string_equal(cols, "id,participation_id,instrument,submitted_hour,answers");
	/* No time and no response id beside the nonces and the codes. */
	raw_columns(fx->path, "submission_nonces", cols, sizeof cols);
	assert_string_equal(cols, "participation_id,nonce");
	raw_columns(fx->path, "access_codes", cols, sizeof cols);
	assert_string_equal(cols, "participation_id,code,seq,used");
	/* WITHOUT ROWID: stored in order of their keys only. */
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_master WHERE name IN "
				 "('submission_nonces', 'access_codes') AND sql LIKE "
				 "'%WITHOUT ROWID%'"), 2);
}

/* ---- backup ---- */

static void backup_copy_is_consistent(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	struct oi_store *copy;
	struct oi_agency_progress *rows;
	struct oi_error err;
	char dest[160], check[32];
	size_t n;
	struct stat sb;

	for (int i = 0; i < 25; i++) {
		char nonce[16];
		struct oi_response r;

		snprintf(nonce, sizeof nonce, "n%d", i);
		r = response(p.id, i % 2 ? "IIT" : "EIT", "2025-02-01T09", nonce, "");
		assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	}
	snprintf(dest, sizeof dest, "%s/backup.db", fx->dir);
	assert_int_equal(oi_store_backup(fx->st, dest, &err), 0);
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	pragma_text(dest, "PRAGMA integrity_check", check, sizeof check);
	assert_string_equal(check, "ok");
	assert_int_equal(oi_store_open(dest, &copy, &err), 0);
	assert_int_equal(oi_store_schema_version(copy), oi_store_schema_latest());
	assert_int_equal(oi_store_agency_count(copy), 1);
	assert_int_equal(oi_store_progress(copy, p.assessment_id, 0, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].iit_responses, 12);
	assert_int_equal(rows[0].eit_responses, 13);
	free(rows);
	oi_store_close(copy);
	assert_int_equal(raw_int(dest, "SELECT count(*) FROM responses"), 25);
	/* The original goes on. */
	assert_int_equal(oi_store_agency_count(fx->st), 1);
}

/* Submitters for the backup under load: each sends its forms, all stored. */
struct loader {
	struct oi_store *st;
	long participation;
	int index, stored;
};

static void *loader_run(void *arg)
{
	struct loader *l = arg;

	for (int i = 0; i < 150; i++) {
		struct oi_response r;
		enum oi_submit_result res;
		struct oi_error err;
		char nonce[32];

		snprintf(nonce, sizeof nonce, "L%d-%d", l->index, i);
		r = response(l->participation, i % 2 ? "IIT" : "EIT", "2025-02-01T09", nonce, "");
		if (!oi_store_response_submit(l->st, &r, &res, &err) && res == OI_SUBMIT_STORED)
			l->stored++;
	}
	return NULL;
}

static void backup_while_submitting_is_a_snapshot(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	struct loader l[4];
	pthread_t th[4];
	struct oi_error err;
	char dest[160], check[32];
	long rows, counted;

	for (int i = 0; i < 4; i++) {
		l[i] = (struct loader){.st = fx->st, .participation = p.id, .index = i};
		assert_int_equal(pthread_create(&th[i], NULL, loader_run, &l[i]), 0);
	}
	snprintf(dest, sizeof dest, "%s/during.db", fx->dir);
	assert_int_equal(oi_store_backup(fx->st, dest, &err), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(l[i].stored, 150);
	}
	/* However many responses the copy caught, it caught each one whole: the counters, the
	 * rows and the nonces agree. */
	pragma_text(dest, "PRAGMA integrity_check", check, sizeof check);
	assert_string_equal(check, "ok");
	rows = raw_int(dest, "SELECT count(*) FROM responses");
	counted = raw_int(dest, "SELECT iit_responses + eit_responses FROM participations");
	assert_int_equal(counted, rows);
	assert_int_equal(raw_int(dest, "SELECT count(*) FROM submission_nonces"), rows);
	assert_true(rows >= 0 && rows <= 600);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM responses"), 600);
}

static void backup_refuses_existing_dest(void **state)
{
	struct fixture *fx = *state;
	struct oi_error err;
	char dest[160];

	assert_int_equal(oi_store_backup(fx->st, fx->path, &err), -1);
	assert_error_contains(err, "already exists");
	snprintf(dest, sizeof dest, "%s/no/such/dir/b.db", fx->dir);
	assert_int_equal(oi_store_backup(fx->st, dest, &err), -1);
	assert_error_contains(err, "cannot create the backup");
	assert_int_equal(oi_store_agency_count(fx->st), 0);
}

/* ---- views ---- */

static void daily_counts_by_day(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	static const char *const hours[] = {"2025-02-02T23", "2025-02-01T08", "2025-02-02T00",
					    "2025-02-01T09", "2025-02-02T13", "2025-02-05T07"};
	char (*days)[11];
	long *counts;
	size_t n;
	struct oi_error err;

	for (size_t i = 0; i < sizeof hours / sizeof *hours; i++) {
		struct oi_response r = response(p.id, "IIT", hours[i], "", "");

		assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	}
	{
		struct oi_response r = response(p.id, "EIT", "2025-01-01T01", "", "");

		assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	}
	/* counted on the day in Bangkok: 2025-02-02T23 UTC is 06:00 on the 3rd there */
	assert_int_equal(oi_store_daily_counts(fx->st, p.id, "IIT", &days, &counts, &n, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(days[0], "2025-02-01");
	assert_int_equal(counts[0], 2);
	assert_string_equal(days[1], "2025-02-02");
	assert_int_equal(counts[1], 2);
	assert_string_equal(days[2], "2025-02-03");
	assert_int_equal(counts[2], 1);
	assert_string_equal(days[3], "2025-02-05");
	assert_int_equal(counts[3], 1);
	free(days);
	free(counts);
	assert_int_equal(oi_store_daily_counts(fx->st, p.id, "EIT", &days, &counts, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(days[0], "2025-01-01");
	free(days);
	free(counts);
	assert_int_equal(oi_store_daily_counts(fx->st, p.id + 9, "EIT", &days, &counts, &n, &err),
			 0);
	assert_int_equal(n, 0);
	free(days);
	free(counts);
	assert_int_equal(oi_store_daily_counts(fx->st, p.id, "X", &days, &counts, &n, &err), -1);
}

struct collect {
	struct oi_store *st;
	char all[1024];
	int seen, stop_after;
	int nested_ok;
};

static int collect_answers(const char *answers, void *ctx)
{
	struct collect *c = ctx;
	size_t len = strlen(c->all);

	snprintf(c->all + len, sizeof c->all - len, "%s%s", len ? "|" : "", answers);
	c->seen++;
	/* Reading the store from inside the stream must not run out of connections. */
	if (c->st) {
		struct oi_agency a;
		struct oi_error err;

		for (int i = 0; i < 8; i++)
			if (oi_store_agency_by_code(c->st, "A01", &a, &err) == 0)
				c->nested_ok++;
	}
	return c->stop_after && c->seen >= c->stop_after;
}

static void responses_each_streams_and_stops(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	static const char *const answers[] = {"111", "222", "333", "444"};
	struct collect c;
	struct oi_error err;

	for (int i = 0; i < 4; i++) {
		struct oi_response r = response(p.id, "IIT", "2025-02-01T09", "", "");

		snprintf(r.answers, sizeof r.answers, "%s", answers[i]);
		assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	}
	{
		struct oi_response r = response(p.id, "EIT", "2025-02-01T09", "", "");

		assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	}
	memset(&c, 0, sizeof c);
	c.st = fx->st;
	assert_int_equal(oi_store_responses_each(fx->st, p.id, "IIT", collect_answers, &c, &err),
			 0);
	assert_string_equal(c.all, "111|222|333|444");
	assert_int_equal(c.nested_ok, 4 * 8);
	memset(&c, 0, sizeof c);
	c.stop_after = 2;
	assert_int_equal(oi_store_responses_each(fx->st, p.id, "IIT", collect_answers, &c, &err),
			 0);
	assert_string_equal(c.all, "111|222");
	memset(&c, 0, sizeof c);
	assert_int_equal(oi_store_responses_each(fx->st, p.id, "EIT", collect_answers, &c, &err),
			 0);
	assert_string_equal(c.all, "12345A0");
}

static void access_codes_list_in_order(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation p = add_participation(fx->st, "A01");
	char (*codes)[OI_CODE_MAX], (*again)[OI_CODE_MAX];
	bool *used;
	size_t n, m;
	struct oi_error err;

	assert_int_equal(oi_store_access_codes_list(fx->st, p.id, &codes, &used, &n, &err), 0);
	assert_int_equal(n, 0);
	free(codes);
	free(used);
	assert_int_equal(oi_store_access_codes_add(fx->st, p.id, 300, &err), 0);
	assert_int_equal(oi_store_access_codes_list(fx->st, p.id, &codes, &used, &n, &err), 0);
	assert_int_equal(n, 300);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(strlen(codes[i]), 8);
		assert_int_equal(strspn(codes[i], "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"), 8);
		assert_false(used[i]);
	}
	free(used);
	assert_int_equal(raw_int(fx->path, "SELECT count(DISTINCT code) FROM access_codes"), 300);
	/* More codes come after the first ones, in the order generated. */
	assert_int_equal(oi_store_access_codes_add(fx->st, p.id, 5, &err), 0);
	assert_int_equal(oi_store_access_codes_list(fx->st, p.id, &again, &used, &m, &err), 0);
	assert_int_equal(m, 305);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(again[i], codes[i]);
	free(codes);
	free(again);
	free(used);
	assert_int_equal(oi_store_access_codes_add(fx->st, p.id, 10001, &err), -1);
	assert_error_contains(err, "at most 10000");
	assert_int_equal(oi_store_access_codes_add(fx->st, p.id + 40, 1, &err), -1);
	assert_error_contains(err, "no participation with id");
}

static void progress_counts_and_restriction(void **state)
{
	struct fixture *fx = *state;
	struct oi_participation b = add_participation(fx->st, "B01");
	struct oi_participation a = add_participation(fx->st, "A01");
	struct oi_agency_progress *rows;
	struct oi_error err;
	size_t n;

	for (int i = 0; i < 5; i++) {
		struct oi_response r = response(i < 3 ? a.id : b.id, i % 2 ? "EIT" : "IIT",
						"2025-02-01T09", "", "");

		assert_int_equal(submit(fx->st, &r), OI_SUBMIT_STORED);
	}
	assert_int_equal(oi_store_participation_set(fx->st, a.id, 40, 900, true, &err), 0);
	assert_int_equal(oi_store_progress(fx->st, a.assessment_id, 0, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].agency.code, "A01");   /* by agency code */
	assert_string_equal(rows[1].agency.code, "B01");
	assert_string_equal(rows[0].agency.province, "เชียงใหม่");
	assert_int_equal(rows[0].part.id, a.id);
	assert_int_equal(rows[0].part.staff_population, 40);
	assert_true(rows[0].part.iit_codes_required);
	assert_string_equal(rows[0].part.iit_token, a.iit_token);
	assert_int_equal(rows[0].iit_responses, 2);
	assert_int_equal(rows[0].eit_responses, 1);
	assert_int_equal(rows[1].iit_responses, 1);
	assert_int_equal(rows[1].eit_responses, 1);
	free(rows);
	assert_int_equal(oi_store_progress(fx->st, a.assessment_id, b.agency_id, &rows, &n, &err),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].agency.code, "B01");
	free(rows);
	assert_int_equal(oi_store_progress(fx->st, a.assessment_id + 5, 0, &rows, &n, &err), 0);
	assert_int_equal(n, 0);
	free(rows);
}

static void audit_is_written(void **state)
{
	struct fixture *fx = *state;
	struct oi_error err;

	assert_int_equal(oi_store_audit(fx->st, 0, "agency_import", "42 agencies", &err), 0);
	assert_int_equal(oi_store_audit(fx->st, 7, "login", NULL, &err), 0);
	assert_int_equal(oi_store_audit(fx->st, 7, "", "x", &err), -1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM audit_log"), 2);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM audit_log WHERE user_id = 0 AND "
				 "action = 'agency_import' AND detail = '42 agencies' AND at > 0"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(open_fresh_applies_every_migration),
		T(database_is_in_wal_mode),
		T(reopen_is_idempotent),
		T(newer_schema_is_refused),
		T(not_a_database_is_refused),
		T(foreign_sqlite_database_is_refused),
		T(missing_folder_is_an_error),
		T(role_names_round_trip),
		T(users_add_and_find),
		T(user_errors),
		T(sessions_put_get_expire_delete),
		T(sessions_delete_user_keeps_one),
		T(agencies_add_and_find),
		T(agency_errors),
		T(agency_import_all_or_nothing),
		T(agency_import_duplicate_within_batch),
		T(assessments_add_current_list_update),
		T(assessment_errors),
		T(participation_ensure_tokens),
		T(participation_ensure_all_creates_missing),
		T(participation_by_token_and_set),
		T(submit_stored_and_duplicate),
		T(submit_access_codes),
		T(submit_errors),
		T(group_commit_from_eight_threads),
		T(responses_table_holds_only_the_answers),
		T(backup_copy_is_consistent),
		T(backup_while_submitting_is_a_snapshot),
		T(backup_refuses_existing_dest),
		T(daily_counts_by_day),
		T(responses_each_streams_and_stops),
		T(access_codes_list_in_order),
		T(progress_counts_and_restriction),
		T(audit_is_written),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
