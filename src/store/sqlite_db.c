/*
 * sqlite_db.c — the SQLite store's connections: opening them with the pragmas every connection
 * needs (WAL, synchronous=FULL, a busy timeout, foreign keys), a cache of prepared statements
 * per connection, the pool of read connections and the lock of the write connection, the
 * migrations applied at open, and the online backup.
 *
 * Pragmas: journal_mode=WAL is a property of the file, set by the writer at open; synchronous,
 * foreign_keys and busy_timeout are per connection and set on each. Readers also get
 * query_only, so a slip that writes through a reader fails loudly instead of racing the
 * writer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "migrations.h"
#include "sqlite_int.h"

/* ---- statements ---- */

const char sql_begin[] = "BEGIN IMMEDIATE";
const char sql_commit[] = "COMMIT";
const char sql_rollback[] = "ROLLBACK";

sqlite3_stmt *conn_stmt(struct conn *c, const char *sql, struct oi_error *err)
{
	sqlite3_stmt *s = NULL;
	int slot = -1;

	for (int i = 0; i < SQLITE_STMT_CACHE; i++) {
		if (c->cache[i].sql == sql) {
			if (!c->cache[i].busy) {
				c->cache[i].busy = true;
				return c->cache[i].stmt;
			}
			slot = -1;      /* in use further up this thread's stack: a fresh copy */
			break;
		}
		if (!c->cache[i].sql && slot < 0)
			slot = i;
	}
	if (slot >= 0) {
		if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) !=
		    SQLITE_OK) {
			conn_fail(c, "cannot prepare a statement", err);
			sqlite3_finalize(s);
			return NULL;
		}
		c->cache[slot].sql = sql;
		c->cache[slot].stmt = s;
		c->cache[slot].busy = true;
		return s;
	}
	if (sqlite3_prepare_v2(c->db, sql, -1, &s, NULL) != SQLITE_OK) {
		conn_fail(c, "cannot prepare a statement", err);
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

void conn_done(struct conn *c, sqlite3_stmt *s)
{
	if (!s)
		return;
	for (int i = 0; i < SQLITE_STMT_CACHE; i++) {
		if (c->cache[i].stmt == s) {
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			c->cache[i].busy = false;
			return;
		}
	}
	sqlite3_finalize(s);
}

int conn_fail(struct conn *c, const char *what, struct oi_error *err)
{
	return oi_error_set(err, NULL, 0, 0, "%s: %s", what, sqlite3_errmsg(c->db));
}

int conn_exec(struct conn *c, const char *sql, struct oi_error *err)
{
	sqlite3_stmt *s = conn_stmt(c, sql, err);
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		conn_fail(c, "database statement failed", err);
		conn_done(c, s);
		return -1;
	}
	conn_done(c, s);
	return 0;
}

/* One statement run once (pragmas at open): not worth a cache slot. */
static int exec_once(struct conn *c, const char *sql, struct oi_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		oi_error_set(err, NULL, 0, 0, "%s: %s", sql, msg ? msg : sqlite3_errmsg(c->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The single integer a query gives (0 when it gives no row): 0, or -1 with err filled. */
static int query_int(struct conn *c, const char *sql, long *out, struct oi_error *err)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(c->db, sql, -1, &s, NULL) != SQLITE_OK) {
		conn_fail(c, "cannot read the database", err);
		sqlite3_finalize(s);
		return -1;
	}
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? (long)sqlite3_column_int64(s, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		conn_fail(c, "cannot read the database", err);
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

/* ---- connections ---- */

static void conn_close(struct conn *c)
{
	for (int i = 0; i < SQLITE_STMT_CACHE; i++)
		sqlite3_finalize(c->cache[i].stmt);
	memset(c->cache, 0, sizeof c->cache);
	sqlite3_close(c->db);
	c->db = NULL;
}

/* Open c on path with flags and the per-connection pragmas. */
static int conn_open(struct conn *c, const char *path, int flags, bool reader,
		     struct oi_error *err)
{
	int rc;

	memset(c, 0, sizeof *c);
	rc = sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		oi_error_set(err, path, 0, 0, "cannot open the database: %s",
			     c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		conn_close(c);
		return -1;
	}
	sqlite3_extended_result_codes(c->db, 1);
	sqlite3_busy_timeout(c->db, SQLITE_BUSY_MS);
	if (exec_once(c, "PRAGMA synchronous = FULL", err) ||
	    exec_once(c, "PRAGMA foreign_keys = ON", err) ||
	    exec_once(c, reader ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -65536",
		      err) ||
	    (reader && exec_once(c, "PRAGMA query_only = ON", err))) {
		conn_close(c);
		return -1;
	}
	return 0;
}

/* The writer: create the file if needed, refuse what is not a writable database, set WAL. */
static int writer_open(struct sqlite_store *st, struct oi_error *err)
{
	struct conn *c = &st->writer;
	sqlite3_stmt *s = NULL;
	const char *mode;
	long n;

	if (conn_open(c, st->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, false, err))
		return -1;
	/* The first read of the file tells whether it is a database at all. */
	if (query_int(c, "SELECT count(*) FROM sqlite_master", &n, err)) {
		if ((sqlite3_errcode(c->db) & 0xff) == SQLITE_NOTADB)
			oi_error_set(err, st->path, 0, 0, "is not a database (SQLite says: %s)",
				     sqlite3_errmsg(c->db));
		else
			oi_error_set(err, st->path, 0, 0, "cannot read the database: %s",
				     sqlite3_errmsg(c->db));
		goto fail;
	}
	if (sqlite3_db_readonly(c->db, "main") == 1) {
		oi_error_set(err, st->path, 0, 0, "cannot write the database (check the "
			     "permissions of the file and of its folder)");
		goto fail;
	}
	if (sqlite3_prepare_v2(c->db, "PRAGMA journal_mode = WAL", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		oi_error_set(err, st->path, 0, 0, "cannot switch the database to WAL mode: %s",
			     sqlite3_errmsg(c->db));
		goto fail;
	}
	mode = (const char *)sqlite3_column_text(s, 0);
	if (!mode || strcmp(mode, "wal")) {
		oi_error_set(err, st->path, 0, 0, "cannot switch the database to WAL mode (it "
			     "stays in \"%s\" mode; a database must be a file on a local disk)",
			     mode ? mode : "?");
		goto fail;
	}
	sqlite3_finalize(s);
	return 0;
fail:
	sqlite3_finalize(s);
	conn_close(c);
	return -1;
}

/* ---- migrations ---- */

static int schema_now(struct conn *c, int *version, struct oi_error *err)
{
	long v;

	if (query_int(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &v, err))
		return -1;
	*version = (int)v;
	return 0;
}

static int newer_schema(struct sqlite_store *st, int version, struct oi_error *err)
{
	return oi_error_set(err, st->path, 0, 0, "the database is at schema version %d, newer "
			    "than this program knows (%d): run the newer openita that wrote it, "
			    "or restore a backup made by this version", version,
			    store_migrations_latest());
}

/* Apply migration m in its own transaction unless another process already has. */
static int apply_migration(struct sqlite_store *st, const struct store_migration *m,
			   struct oi_error *err)
{
	struct conn *c = &st->writer;
	char *msg = NULL;
	sqlite3_stmt *s = NULL;
	int version;

	if (exec_once(c, "BEGIN IMMEDIATE", err))
		return -1;
	if (schema_now(c, &version, err))
		goto fail;
	if (version > store_migrations_latest()) {
		newer_schema(st, version, err);
		goto fail;
	}
	if (version >= m->version)
		return exec_once(c, "COMMIT", err);
	if (version != m->version - 1) {
		oi_error_set(err, st->path, 0, 0, "cannot apply migration %d: the database is at "
			     "version %d", m->version, version);
		goto fail;
	}
	if (sqlite3_exec(c->db, m->sql, NULL, NULL, &msg) != SQLITE_OK) {
		oi_error_set(err, st->path, 0, 0, "cannot apply migration %d (%s): %s",
			     m->version, m->about, msg ? msg : sqlite3_errmsg(c->db));
		sqlite3_free(msg);
		goto fail;
	}
	if (sqlite3_prepare_v2(c->db, "INSERT INTO schema_migrations (version, applied_at) "
			       "VALUES (?1, ?2)", -1, &s, NULL) != SQLITE_OK)
		goto fail_db;
	sqlite3_bind_int(s, 1, m->version);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)time(NULL));
	if (sqlite3_step(s) != SQLITE_DONE)
		goto fail_db;
	sqlite3_finalize(s);
	s = NULL;
	if (exec_once(c, "COMMIT", err))
		goto fail;
	return 0;
fail_db:
	oi_error_set(err, st->path, 0, 0, "cannot record migration %d: %s", m->version,
		     sqlite3_errmsg(c->db));
fail:
	sqlite3_finalize(s);
	sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

static int migrate(struct sqlite_store *st, struct oi_error *err)
{
	struct conn *c = &st->writer;
	long has_table, others;
	int version;

	if (query_int(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
		      "name = 'schema_migrations'", &has_table, err) ||
	    query_int(c, "SELECT count(*) FROM sqlite_master WHERE name <> 'schema_migrations' "
		      "AND name NOT LIKE 'sqlite!_%' ESCAPE '!'", &others, err))
		return -1;
	if (!has_table && others)
		return oi_error_set(err, st->path, 0, 0, "is an SQLite database but not one of "
				    "openita (it has tables but no schema_migrations)");
	if (!has_table &&
	    exec_once(c, "CREATE TABLE IF NOT EXISTS schema_migrations (\n"
		      "  version INTEGER PRIMARY KEY,\n"
		      "  applied_at INTEGER NOT NULL\n"
		      ")", err))
		return -1;
	if (schema_now(c, &version, err))
		return -1;
	if (version > store_migrations_latest())
		return newer_schema(st, version, err);
	for (size_t i = 0; i < store_migrations_count; i++)
		if (store_migrations[i].version > version &&
		    apply_migration(st, &store_migrations[i], err))
			return -1;
	if (schema_now(c, &st->schema_version, err))
		return -1;
	return 0;
}

/* ---- open and close ---- */

int sqlite_db_open(struct sqlite_store *st, struct oi_error *err)
{
	int opened = 0;

	if (!sqlite3_threadsafe())
		return oi_error_set(err, NULL, 0, 0, "the SQLite library was built without "
				    "thread support");
	pthread_mutex_init(&st->write_lock, NULL);
	pthread_mutex_init(&st->pool_lock, NULL);
	pthread_cond_init(&st->pool_free, NULL);
	if (writer_open(st, err))
		goto fail_locks;
	if (migrate(st, err))
		goto fail_writer;
	for (; opened < SQLITE_READERS; opened++)
		if (conn_open(&st->readers[opened], st->path, SQLITE_OPEN_READWRITE, true, err))
			goto fail_readers;
	return 0;
fail_readers:
	while (opened-- > 0)
		conn_close(&st->readers[opened]);
fail_writer:
	conn_close(&st->writer);
fail_locks:
	pthread_cond_destroy(&st->pool_free);
	pthread_mutex_destroy(&st->pool_lock);
	pthread_mutex_destroy(&st->write_lock);
	return -1;
}

void sqlite_db_close(struct sqlite_store *st)
{
	/* The writer closes last: the last connection to close checkpoints the WAL into the
	 * database file and removes it. */
	for (int i = 0; i < SQLITE_READERS; i++)
		conn_close(&st->readers[i]);
	conn_close(&st->writer);
	pthread_cond_destroy(&st->pool_free);
	pthread_mutex_destroy(&st->pool_lock);
	pthread_mutex_destroy(&st->write_lock);
}

/* ---- the pool and the writer lock ---- */

/* The reader this thread holds (for nested reads on one store), and how deep. */
static _Thread_local struct sqlite_store *held_store;
static _Thread_local struct conn *held_conn;
static _Thread_local unsigned held_depth;

struct conn *reader_get(struct sqlite_store *st)
{
	struct conn *c = NULL;

	if (held_depth && held_store == st) {
		held_depth++;
		return held_conn;
	}
	pthread_mutex_lock(&st->pool_lock);
	for (;;) {
		for (int i = 0; i < SQLITE_READERS && !c; i++) {
			if (!st->reader_busy[i]) {
				st->reader_busy[i] = true;
				c = &st->readers[i];
			}
		}
		if (c)
			break;
		pthread_cond_wait(&st->pool_free, &st->pool_lock);
	}
	pthread_mutex_unlock(&st->pool_lock);
	if (!held_depth) {
		held_store = st;
		held_conn = c;
		held_depth = 1;
	}
	return c;
}

void reader_put(struct sqlite_store *st, struct conn *c)
{
	if (held_depth && held_store == st && held_conn == c) {
		if (--held_depth)
			return;
		held_store = NULL;
		held_conn = NULL;
	}
	pthread_mutex_lock(&st->pool_lock);
	st->reader_busy[c - st->readers] = false;
	pthread_cond_signal(&st->pool_free);
	pthread_mutex_unlock(&st->pool_lock);
}

struct conn *writer_get(struct sqlite_store *st)
{
	pthread_mutex_lock(&st->write_lock);
	return &st->writer;
}

void writer_put(struct sqlite_store *st)
{
	pthread_mutex_unlock(&st->write_lock);
}

/* ---- backup ---- */

int sqlite_db_backup(struct sqlite_store *st, const char *dest, struct oi_error *err)
{
	sqlite3 *out = NULL;
	sqlite3_backup *b;
	struct conn *c;
	int fd, rc;

	/* O_EXCL: refuse an existing file without a window for another to appear. 0600: the
	 * copy holds password hashes and session keys, like the database. */
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return oi_error_set(err, dest, 0, 0, "already exists; a backup is written "
					    "to a new file only");
		return oi_error_set(err, dest, 0, 0, "cannot create the backup: %s",
				    strerror(errno));
	}
	close(fd);
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		oi_error_set(err, dest, 0, 0, "cannot open the backup: %s",
			     out ? sqlite3_errmsg(out) : "out of memory");
		goto fail;
	}
	c = reader_get(st);
	b = sqlite3_backup_init(out, "main", c->db, "main");
	if (!b) {
		reader_put(st, c);
		oi_error_set(err, dest, 0, 0, "cannot start the backup: %s", sqlite3_errmsg(out));
		goto fail;
	}
	/* One step copies every page under one read transaction: a consistent snapshot, while
	 * WAL lets the writer go on committing. */
	for (int tries = 0;; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries == 100)
			break;
		sqlite3_sleep(50);
	}
	sqlite3_backup_finish(b);
	reader_put(st, c);
	if (rc != SQLITE_DONE) {
		oi_error_set(err, dest, 0, 0, "the backup failed: %s", sqlite3_errstr(rc));
		goto fail;
	}
	if (sqlite3_close(out) != SQLITE_OK) {
		oi_error_set(err, dest, 0, 0, "cannot finish the backup: %s", sqlite3_errmsg(out));
		goto fail;
	}
	return 0;
fail:
	sqlite3_close(out);
	unlink(dest);
	return -1;
}
