/*
 * sqlite_int.h — the SQLite implementation's state and the pieces its files share, private to
 * src/store/.
 *
 * Files:
 *   sqlite_db.c      connections (pragmas, a statement cache each), the pool of readers, the
 *                    writer lock, migrations at open, close, online backup
 *   sqlite_stmt.c    what the operation files share around a statement: binding, running,
 *                    stepping, columns, a transaction on the writer, growing arrays of rows
 *   store_sqlite.c   the domain operations and the table of operations (struct store_ops)
 *   commit_queue.c   the group commit of survey responses on a thread of its own
 *
 * Concurrency: SQLITE_READERS read connections handed out by a mutex and a condition variable;
 * one write connection behind write_lock, shared by the callers' writes and the commit thread.
 * Every connection is opened with SQLITE_OPEN_NOMUTEX: the pool and the lock guarantee that
 * one thread at a time uses it. WAL lets the readers run while the writer commits.
 */
#ifndef OPENITA_STORE_SQLITE_INT_H
#define OPENITA_STORE_SQLITE_INT_H

#include <pthread.h>
#include <stdbool.h>

#include <sqlite3.h>

#include "store_int.h"

#define SQLITE_READERS 4        /* read connections in the pool */
#define SQLITE_STMT_CACHE 64    /* prepared statements kept per connection */
#define SQLITE_BUSY_MS 10000    /* how long to wait for another process's lock */

/*
 * One connection and its prepared statements, keyed by the address of their SQL text (every
 * statement is a string constant, so the address names it).
 */
struct conn {
	sqlite3 *db;
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
		bool busy;              /* handed out and not yet given back with conn_done() */
	} cache[SQLITE_STMT_CACHE];
};

struct commit_queue;

struct sqlite_store {
	struct oi_store base;           /* first: a struct oi_store * points here */
	char *path;
	int schema_version;

	pthread_mutex_t write_lock;     /* held while writer is in use */
	struct conn writer;

	pthread_mutex_t pool_lock;
	pthread_cond_t pool_free;       /* signalled when a reader is given back */
	struct conn readers[SQLITE_READERS];
	bool reader_busy[SQLITE_READERS];

	struct commit_queue *queue;
};

/* ---- sqlite_db.c ---- */

/*
 * Open the connections of st at path, set the pragmas, apply the missing migrations and set
 * st->schema_version. st must be zeroed with path set. On failure everything opened is closed
 * again (sqlite_db_close() is not needed) and err says why.
 */
int sqlite_db_open(struct sqlite_store *st, struct oi_error *err);

/* Close every connection (finalizing their statements) and destroy the locks. */
void sqlite_db_close(struct sqlite_store *st);

/* oi_store_backup() for SQLite. */
int sqlite_db_backup(struct sqlite_store *st, const char *dest, struct oi_error *err);

/*
 * A prepared statement for sql (a string constant) on c, reset and unbound; NULL with err filled
 * when it does not prepare. Give it back with conn_done() whatever happens. A statement still
 * in use (a nested call on the same connection) gets a fresh uncached copy.
 */
sqlite3_stmt *conn_stmt(struct conn *c, const char *sql, struct oi_error *err);

/* Give a statement from conn_stmt() back: reset it (ending its read) and clear its bindings,
 * or finalize it when it was not cached. NULL is ignored. */
void conn_done(struct conn *c, sqlite3_stmt *s);

/* The transaction statements, one address each so each is cached once per connection. */
extern const char sql_begin[];     /* "BEGIN IMMEDIATE": take the write lock at once */
extern const char sql_commit[];
extern const char sql_rollback[];

/* Run sql (one statement, no result rows wanted) on c: 0, or -1 with err filled. */
int conn_exec(struct conn *c, const char *sql, struct oi_error *err);

/* Fill err with "what: SQLite's message" for the last failure on c; returns -1. */
int conn_fail(struct conn *c, const char *what, struct oi_error *err);

/*
 * A read connection from the pool, waiting while all are in use. A thread that already holds
 * one of st's readers (a callback of oi_store_responses_each calling the store again) gets the
 * same one back, so nested reads cannot exhaust the pool. Give it back with reader_put().
 */
struct conn *reader_get(struct sqlite_store *st);
void reader_put(struct sqlite_store *st, struct conn *c);

/* The write connection, locked for the caller until writer_put(). */
struct conn *writer_get(struct sqlite_store *st);
void writer_put(struct sqlite_store *st);

/* ---- sqlite_stmt.c ---- */

/*
 * The bindings of conn_query() and conn_run(): one letter per parameter, in order, each taking
 * one argument: 'l' a long, 'i' an int, 'd' a double, 'z' a long bound as NULL when it is 0,
 * 't' a const char * (NULL binds NULL; the text must outlive the step: SQLITE_STATIC).
 */

/* A statement for sql on c with its parameters bound from types, for the caller to step and
 * give back (conn_done(), or conn_finish() after a step loop); NULL with err filled when it
 * does not prepare. */
sqlite3_stmt *conn_query(struct conn *c, const char *sql, struct oi_error *err,
			 const char *types, ...);

/* Run a write (no result rows) on c with its parameters bound from types: 0 and *rowid (when
 * not NULL) the row it inserted, or -1 with err ("what: SQLite's message"). */
int conn_run(struct conn *c, const char *sql, const char *what, long *rowid,
	     struct oi_error *err, const char *types, ...);

/* End a step loop over s: rc is the last sqlite3_step() result, or -1 when the loop stopped on
 * a failure of its own that already filled err. 0 when rc is SQLITE_DONE; -1 otherwise, with
 * err ("what: …") unless rc was -1. s is given back either way. */
int conn_finish(struct conn *c, sqlite3_stmt *s, int rc, const char *what,
		struct oi_error *err);

/* End the transaction begun on c (conn_exec(c, sql_begin, …)): commit when rc is 0, else roll
 * back (a failed commit rolls back too). rc, or -1 when the commit failed (err says why). */
int conn_tx_end(struct conn *c, int rc, struct oi_error *err);

/* fn(writer, arg, err) inside one BEGIN IMMEDIATE transaction on the writer of st, held for
 * the whole of it: committed when fn returns 0, rolled back otherwise. 0, or -1 with err. */
int writer_transaction(struct sqlite_store *st,
		       int (*fn)(struct conn *c, void *arg, struct oi_error *err), void *arg,
		       struct oi_error *err);

/*
 * Step s (from conn_query() or conn_stmt() on c; NULL: it did not prepare and err says so) for
 * at most one row, then give it back: 0 and fn(s, out) (when fn is not NULL) when there is a
 * row, 1 when there is none, -1 with err ("what: …") when the step fails.
 */
int row_one(struct conn *c, sqlite3_stmt *s, void (*fn)(sqlite3_stmt *s, void *out), void *out,
	    const char *what, struct oi_error *err);

/* A row_one() or struct rows reader: column 0 as a long into *(long *)out. */
void read_id(sqlite3_stmt *s, void *out);

/* Column i as text into dst (cap bytes, cut and NUL-terminated; NULL reads as ""). */
void col_text(sqlite3_stmt *s, int i, char *dst, size_t cap);

/* Column i as text, "" for NULL; valid until the next step or reset of s. */
const char *col_str(sqlite3_stmt *s, int i);

/* Column i as a long (NULL reads as 0). */
long col_long(sqlite3_stmt *s, int i);

/* The agency in columns i..i+5 (id, code, name, type, province, parent_code) into *a. */
void col_agency(sqlite3_stmt *s, int i, struct oi_agency *a);

/* A row_one() or struct rows reader: col_agency() of columns 0..5 into out (struct oi_agency). */
void read_agency(sqlite3_stmt *s, void *out);

/* p (an array of *cap elements of size bytes, n of them used) with room for one more: p itself
 * when there is room, else reallocated to twice the capacity (16 at first). */
void *array_grow(void *p, size_t n, size_t *cap, size_t size);

/*
 * Step s (from conn_query() or conn_stmt() on c; NULL: it did not prepare and err says so)
 * through its rows, calling fn(s, ctx) on each until fn returns non-zero (a stop, not a
 * failure), then give s back. 0, or -1 with err ("what: …") when a step fails.
 */
int rows_each(struct conn *c, sqlite3_stmt *s, int (*fn)(sqlite3_stmt *s, void *ctx),
	      void *ctx, const char *what, struct oi_error *err);

/* A growing array of the rows of a query, elements of `size` bytes each filled by read();
 * zero it but for size and read. The array is malloc'd: rows_take() hands it over, rows_fail()
 * frees it. */
struct rows {
	void *data;
	size_t n, cap, size;
	void (*read)(sqlite3_stmt *s, void *row);
};

/* A new zeroed element at the end of r, for the caller to fill. */
void *rows_add(struct rows *r);

/* A rows_each() callback: the row read by ctx's read() into a new element of ctx (struct
 * rows). */
int rows_read(sqlite3_stmt *s, void *ctx);

/* The array of r for the caller to free, never NULL (one zeroed element when there are no
 * rows); *n its length. */
void *rows_take(struct rows *r, size_t *n);

/* Free the array of r after a failure; returns -1. */
int rows_fail(struct rows *r);

/* ---- commit_queue.c ---- */

/* Start the commit thread of st (its writer must be open): 0, or -1 with err filled. */
int commit_queue_start(struct sqlite_store *st, struct oi_error *err);

/* Queue r and wait until the batch carrying it is committed and synced (or failed). */
int commit_queue_submit(struct sqlite_store *st, const struct oi_response *r,
			enum oi_submit_result *result, struct oi_error *err);

/* Refuse new submissions, answer every queued one, stop and join the thread, free the queue.
 * Does nothing when the queue was never started. */
void commit_queue_stop(struct sqlite_store *st);

/* ---- sqlite_plan.c: agency results and measures plans (store.h's contracts) ---- */

int sqlite_result_save(struct oi_store *st, long agency_id, const struct oi_agency_result *ar,
		       const char *source, struct oi_error *err);
int sqlite_result_load(struct oi_store *st, long agency_id, int fiscal_year_be,
		       const struct oi_framework *fw, struct oi_agency_result **out,
		       struct oi_error *err);
int sqlite_plan_save(struct oi_store *st, long agency_id, const struct oi_plan *plan,
		     struct oi_error *err);
int sqlite_plan_load(struct oi_store *st, long agency_id, int fiscal_year_be,
		     struct oi_plan **out, struct oi_error *err);
int sqlite_plan_list(struct oi_store *st, int fiscal_year_be, struct oi_plan_overview **out,
		     size_t *n, struct oi_error *err);
int sqlite_plan_measure_dates(struct oi_store *st, int fiscal_year_be,
			      struct store_measure_dates **out, size_t *n, struct oi_error *err);

/* ---- sqlite_oit.c: the OIT cycle (store.h's contracts, issue 4) ---- */

int sqlite_oit_submit(struct oi_store *st, struct oi_oit_submission *s, struct oi_error *err);
int sqlite_oit_review(struct oi_store *st, struct oi_oit_review *r, struct oi_error *err);
int sqlite_oit_clarify(struct oi_store *st, struct oi_oit_clarification *c,
		       struct oi_error *err);
int sqlite_oit_confirm(struct oi_store *st, struct oi_oit_confirmation *list, size_t n,
		       struct oi_error *err);
int sqlite_oit_states(struct oi_store *st, long assessment_id, long agency_id,
		      struct oi_oit_item_state **out, size_t *n, struct oi_error *err);
int sqlite_oit_history(struct oi_store *st, long assessment_id, long agency_id,
		       const char *item, struct oi_oit_event **out, size_t *n,
		       struct oi_error *err);
int sqlite_assignment_add(struct oi_store *st, long assessment_id, long assessor_id,
			  long agency_id, long by_user, struct oi_error *err);
int sqlite_assignment_remove(struct oi_store *st, long assessment_id, long assessor_id,
			     long agency_id, struct oi_error *err);
int sqlite_assignment_check(struct oi_store *st, long assessment_id, long assessor_id,
			    long agency_id, struct oi_error *err);
int sqlite_assignment_list(struct oi_store *st, long assessment_id, long assessor_id,
			   struct oi_assignment **out, size_t *n, struct oi_error *err);
int sqlite_user_list(struct oi_store *st, enum oi_role role, struct oi_user **out, size_t *n,
		     struct oi_error *err);
int sqlite_agency_list(struct oi_store *st, struct oi_agency **out, size_t *n,
		       struct oi_error *err);
int sqlite_capture_add(struct oi_store *st, struct oi_capture_row *c, const void *body_gz,
		       size_t body_gz_len, struct oi_error *err);
int sqlite_capture_get(struct oi_store *st, long id, struct oi_capture_row *out,
		       unsigned char **body, struct oi_error *err);
int sqlite_capture_latest(struct oi_store *st, long agency_id, const char *url, bool ok_only,
			  struct oi_capture_row *out, struct oi_error *err);
int sqlite_capture_baseline(struct oi_store *st, long submission_id, long clarification_id,
			    const char *url,
			    struct oi_capture_row *out, struct oi_error *err);

#endif
