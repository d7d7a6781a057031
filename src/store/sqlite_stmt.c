/*
 * sqlite_stmt.c — the small pieces every SQLite operation file (store_sqlite.c, sqlite_plan.c,
 * sqlite_oit.c) uses around a cached prepared statement: values bound from a string of types,
 * a write run to its end, a query stepped to its end, columns read into the library's structs,
 * a transaction on the writer, and a growing array of rows.
 *
 * Nothing here writes SQL: callers pass their own string constants (the cache of sqlite_db.c
 * keys on their addresses) and every value goes in through a binding.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "sqlite_int.h"

/* ---- binding, running, stepping ---- */

/* Bind the values of s from types, one letter per parameter in order (sqlite_int.h). */
static void bind_va(sqlite3_stmt *s, const char *types, va_list ap)
{
	for (int i = 0; types[i]; i++) {
		switch (types[i]) {
		case 'l': sqlite3_bind_int64(s, i + 1, va_arg(ap, long)); break;
		case 'i': sqlite3_bind_int(s, i + 1, va_arg(ap, int)); break;
		case 'd': sqlite3_bind_double(s, i + 1, va_arg(ap, double)); break;
		case 'z': {
			long v = va_arg(ap, long);

			if (v)
				sqlite3_bind_int64(s, i + 1, v);
			break;
		}
		default: {
			const char *t = va_arg(ap, const char *);

			if (t)
				sqlite3_bind_text(s, i + 1, t, -1, SQLITE_STATIC);
			break;
		}
		}
	}
}

sqlite3_stmt *conn_query(struct conn *c, const char *sql, struct oi_error *err,
			 const char *types, ...)
{
	sqlite3_stmt *s = conn_stmt(c, sql, err);
	va_list ap;

	if (!s)
		return NULL;
	va_start(ap, types);
	bind_va(s, types, ap);
	va_end(ap);
	return s;
}

int conn_run(struct conn *c, const char *sql, const char *what, long *rowid,
	     struct oi_error *err, const char *types, ...)
{
	sqlite3_stmt *s = conn_stmt(c, sql, err);
	va_list ap;
	int rc;

	if (!s)
		return -1;
	va_start(ap, types);
	bind_va(s, types, ap);
	va_end(ap);
	rc = sqlite3_step(s);
	rc = rc == SQLITE_DONE ? 0 : conn_fail(c, what, err);
	if (!rc && rowid)
		*rowid = (long)sqlite3_last_insert_rowid(c->db);
	conn_done(c, s);
	return rc;
}

int conn_finish(struct conn *c, sqlite3_stmt *s, int rc, const char *what,
		struct oi_error *err)
{
	if (rc != SQLITE_DONE && rc != -1)
		rc = conn_fail(c, what, err);
	else
		rc = rc == -1 ? -1 : 0;
	conn_done(c, s);
	return rc;
}

int conn_tx_end(struct conn *c, int rc, struct oi_error *err)
{
	if (!rc && conn_exec(c, sql_commit, err))
		rc = -1;
	if (rc)
		conn_exec(c, sql_rollback, NULL);
	return rc;
}

int writer_transaction(struct sqlite_store *st,
		       int (*fn)(struct conn *c, void *arg, struct oi_error *err), void *arg,
		       struct oi_error *err)
{
	struct conn *c = writer_get(st);
	int rc = conn_exec(c, sql_begin, err);

	if (!rc)
		rc = conn_tx_end(c, fn(c, arg, err), err);
	writer_put(st);
	return rc;
}

int row_one(struct conn *c, sqlite3_stmt *s, void (*fn)(sqlite3_stmt *s, void *out), void *out,
	    const char *what, struct oi_error *err)
{
	int rc = -1;

	if (!s)
		return -1;
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		if (fn)
			fn(s, out);
		rc = 0;
		break;
	case SQLITE_DONE:
		rc = 1;
		break;
	default:
		conn_fail(c, what, err);
	}
	conn_done(c, s);
	return rc;
}

/* ---- columns ---- */

void col_text(sqlite3_stmt *s, int i, char *dst, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(s, i) : 0;

	if (n > cap - 1)
		n = cap - 1;
	if (n)
		memcpy(dst, t, n);
	dst[n] = '\0';
}

const char *col_str(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

long col_long(sqlite3_stmt *s, int i)
{
	return (long)sqlite3_column_int64(s, i);
}

void read_id(sqlite3_stmt *s, void *out)
{
	*(long *)out = col_long(s, 0);
}

void col_agency(sqlite3_stmt *s, int i, struct oi_agency *a)
{
	memset(a, 0, sizeof *a);
	a->id = col_long(s, i);
	col_text(s, i + 1, a->code, sizeof a->code);
	col_text(s, i + 2, a->name, sizeof a->name);
	col_text(s, i + 3, a->type, sizeof a->type);
	col_text(s, i + 4, a->province, sizeof a->province);
	col_text(s, i + 5, a->parent_code, sizeof a->parent_code);
}

void read_agency(sqlite3_stmt *s, void *out)
{
	col_agency(s, 0, out);
}

/* ---- rows ---- */

void *array_grow(void *p, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(p, *cap * size);
}

int rows_each(struct conn *c, sqlite3_stmt *s, int (*fn)(sqlite3_stmt *s, void *ctx),
	      void *ctx, const char *what, struct oi_error *err)
{
	int rc;

	if (!s)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (fn(s, ctx)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	return conn_finish(c, s, rc, what, err);
}

void *rows_add(struct rows *r)
{
	char *row;

	r->data = array_grow(r->data, r->n, &r->cap, r->size);
	row = (char *)r->data + r->n++ * r->size;
	memset(row, 0, r->size);
	return row;
}

int rows_read(sqlite3_stmt *s, void *ctx)
{
	struct rows *r = ctx;

	r->read(s, rows_add(r));
	return 0;
}

void *rows_take(struct rows *r, size_t *n)
{
	*n = r->n;
	return r->data ? r->data : xcalloc(1, r->size);
}

int rows_fail(struct rows *r)
{
	free(r->data);
	r->data = NULL;
	return -1;
}
