/*
 * storetest.h — what the store tests share (test_store.c, test_plan_store.c,
 * test_oit_store.c): a fresh folder under /tmp per test holding an open store at
 * FOLDER/openita.db, removed with everything in it afterwards; and raw SQLite access to the
 * file, for what the store's API does not show (the schema, its triggers, the rows as stored).
 */
#ifndef OPENITA_STORETEST_H
#define OPENITA_STORETEST_H

#include <dirent.h>

#include <sqlite3.h>

#include "openita/store.h"
#include "testutil.h"

/* The fields a store test's fixture begins with; store_fixture_open/close work on them. */
#define STORE_FIXTURE_FIELDS \
	char dir[64];        \
	char path[128];      \
	struct oi_store *st

/* Make /tmp/openita-NAME-XXXXXX and open a store in it, or the test fails. */
static inline void store_open_in_temp_(char *dir, size_t dir_size, char *path, size_t path_size,
				       struct oi_store **st, const char *name)
{
	struct oi_error err;

	snprintf(dir, dir_size, "/tmp/openita-%s-XXXXXX", name);
	assert_non_null(mkdtemp(dir));
	snprintf(path, path_size, "%s/openita.db", dir);
	if (oi_store_open(path, st, &err))
		fail_msg("cannot open %s: %s", path, err.message);
}

/* Close st and remove dir with the files in it. */
static inline void store_remove_temp_(struct oi_store *st, const char *dir)
{
	struct dirent *e;
	DIR *d;

	oi_store_close(st);
	d = opendir(dir);
	while (d && (e = readdir(d))) {
		char p[512];

		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

#define store_fixture_open(fx, name)                                                     \
	store_open_in_temp_((fx)->dir, sizeof(fx)->dir, (fx)->path, sizeof(fx)->path, &(fx)->st, \
			    (name))
#define store_fixture_close(fx) store_remove_temp_((fx)->st, (fx)->dir)

/* The single integer a query gives on a raw connection to path (-1 without a row). */
static inline long raw_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	long v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

/* Run sql (no rows) on a raw connection to path: SQLite's result code; *msg (when msg is not
 * NULL) is SQLite's message, for sqlite3_free(). */
static inline int raw_try(const char *path, const char *sql, char **msg)
{
	sqlite3 *db;
	int rc;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	rc = sqlite3_exec(db, sql, NULL, NULL, msg);
	sqlite3_close(db);
	return rc;
}

/* Run sql on a raw connection to path (a test's own change to the database), or fail. */
static inline void raw_exec(const char *path, const char *sql)
{
	char *msg = NULL;

	if (raw_try(path, sql, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_free(msg);
}

#endif
