/*
 * sqlite_oit.c — the OIT cycle on SQLite (issue 4; schema version 3 in migrations.c).
 *
 * Writes only ever INSERT (the schema's triggers refuse UPDATE and DELETE on the cycle's
 * tables): a submission or a clarification is its row and its URL rows in one BEGIN IMMEDIATE
 * transaction on the writer; confirmations of one agency go in one transaction too. Reads fold
 * the rows, oldest first, into "where each item stands" (struct oi_oit_item_state: the latest of
 * each kind, a draft only when newer than the last submitted row) or list every step of one item
 * for its history. Assignments of assessors are a plain table (insert or ignore, delete).
 *
 * store_oit.c has checked the arguments; what is left here is storage. Every statement is a
 * string constant with its values bound.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "sqlite_int.h"

#define SQ(st) ((struct sqlite_store *)(st))

/* ---- small helpers (the same shapes as sqlite_plan.c's, kept file-local) ---- */

/* Bind the values of s from types: 'l' long, 'i' int, 't' const char * (NULL binds NULL),
 * 'z' a long bound as NULL when 0. */
static void bind_va(sqlite3_stmt *s, const char *types, va_list ap)
{
	for (int i = 0; types[i]; i++) {
		switch (types[i]) {
		case 'l': sqlite3_bind_int64(s, i + 1, va_arg(ap, long)); break;
		case 'i': sqlite3_bind_int(s, i + 1, va_arg(ap, int)); break;
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

/* Run a write on c: 0 (*rowid, when not NULL, the row inserted), or -1 with err. */
static int run(struct conn *c, const char *sql, long *rowid, struct oi_error *err,
	       const char *types, ...)
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
	rc = rc == SQLITE_DONE ? 0 : conn_fail(c, "cannot store the OIT step", err);
	if (!rc && rowid)
		*rowid = (long)sqlite3_last_insert_rowid(c->db);
	conn_done(c, s);
	return rc;
}

static sqlite3_stmt *query(struct conn *c, const char *sql, struct oi_error *err,
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

/* Column i as text into dst (cap bytes, cut and NUL-terminated; NULL reads as ""). */
static void col_text(sqlite3_stmt *s, int i, char *dst, size_t cap)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(s, i) : 0;

	if (n > cap - 1)
		n = cap - 1;
	if (n)
		memcpy(dst, t, n);
	dst[n] = '\0';
}

static long col_long(sqlite3_stmt *s, int i)
{
	return (long)sqlite3_column_int64(s, i);
}

/* End a step loop: 0 when rc is SQLITE_DONE, else -1 with err; s given back. */
static int finish(struct conn *c, sqlite3_stmt *s, int rc, struct oi_error *err)
{
	rc = rc == SQLITE_DONE ? 0 : conn_fail(c, "cannot read the OIT records", err);
	conn_done(c, s);
	return rc;
}

/* Run fn on each write inside one transaction on the writer. */
static int in_transaction(struct sqlite_store *st, int (*fn)(struct conn *c, void *arg),
			  void *arg, struct oi_error *err)
{
	struct conn *c = writer_get(st);
	int rc = conn_exec(c, sql_begin, err);

	if (!rc) {
		rc = fn(c, arg);
		if (!rc && conn_exec(c, sql_commit, err))
			rc = -1;
		if (rc)
			conn_exec(c, sql_rollback, NULL);
	}
	writer_put(st);
	return rc;
}

/* ---- writes ---- */

static const char sql_sub_insert[] =
	"INSERT INTO oit_submissions (assessment_id, agency_id, item, has, explanation, "
	"submitted, by_user, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_url_insert[] =
	"INSERT INTO oit_urls (submission_id, seq, url) VALUES (?1, ?2, ?3)";
static const char sql_review_insert[] =
	"INSERT INTO oit_reviews (assessment_id, agency_id, item, round, submission_id, "
	"clarification_id, pass, comment, by_user, at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char sql_clar_insert[] =
	"INSERT INTO oit_clarifications (assessment_id, agency_id, item, review_id, text, by_user, "
	"at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_clar_url_insert[] =
	"INSERT INTO oit_clarification_urls (clarification_id, seq, url) VALUES (?1, ?2, ?3)";
static const char sql_conf_insert[] =
	"INSERT INTO oit_confirmations (assessment_id, agency_id, item, review_id, pass, by_user, "
	"at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

struct write_arg {
	void *row;
	size_t n;
	struct oi_error *err;
};

static int write_submission(struct conn *c, void *p)
{
	struct write_arg *a = p;
	struct oi_oit_submission *s = a->row;

	if (run(c, sql_sub_insert, &s->id, a->err, "lltitill", s->assessment_id, s->agency_id,
		s->item, (int)s->has, s->explanation, (int)s->submitted, s->by_user, (long)s->at))
		return -1;
	for (size_t i = 0; i < s->n_urls; i++)
		if (run(c, sql_url_insert, NULL, a->err, "lit", s->id, (int)i, s->urls[i]))
			return -1;
	return 0;
}

int sqlite_oit_submit(struct oi_store *st, struct oi_oit_submission *s, struct oi_error *err)
{
	struct write_arg a = {s, 1, err};

	s->at = (int64_t)time(NULL);
	return in_transaction(SQ(st), write_submission, &a, err);
}

static int write_review(struct conn *c, void *p)
{
	struct write_arg *a = p;
	struct oi_oit_review *r = a->row;

	return run(c, sql_review_insert, &r->id, a->err, "lltilzitll", r->assessment_id,
		   r->agency_id, r->item, r->round, r->submission_id, r->clarification_id,
		   (int)r->pass, r->comment, r->by_user, (long)r->at);
}

int sqlite_oit_review(struct oi_store *st, struct oi_oit_review *r, struct oi_error *err)
{
	struct write_arg a = {r, 1, err};

	r->at = (int64_t)time(NULL);
	return in_transaction(SQ(st), write_review, &a, err);
}

static int write_clarification(struct conn *c, void *p)
{
	struct write_arg *a = p;
	struct oi_oit_clarification *k = a->row;

	if (run(c, sql_clar_insert, &k->id, a->err, "lltltll", k->assessment_id, k->agency_id,
		k->item, k->review_id, k->text, k->by_user, (long)k->at))
		return -1;
	for (size_t i = 0; i < k->n_urls; i++)
		if (run(c, sql_clar_url_insert, NULL, a->err, "lit", k->id, (int)i, k->urls[i]))
			return -1;
	return 0;
}

int sqlite_oit_clarify(struct oi_store *st, struct oi_oit_clarification *k,
		       struct oi_error *err)
{
	struct write_arg a = {k, 1, err};

	k->at = (int64_t)time(NULL);
	return in_transaction(SQ(st), write_clarification, &a, err);
}

static int write_confirmations(struct conn *c, void *p)
{
	struct write_arg *a = p;
	struct oi_oit_confirmation *list = a->row;

	for (size_t i = 0; i < a->n; i++)
		if (run(c, sql_conf_insert, &list[i].id, a->err, "lltlill", list[i].assessment_id,
			list[i].agency_id, list[i].item, list[i].review_id, (int)list[i].pass,
			list[i].by_user, (long)list[i].at))
			return -1;
	return 0;
}

int sqlite_oit_confirm(struct oi_store *st, struct oi_oit_confirmation *list, size_t n,
		       struct oi_error *err)
{
	struct write_arg a = {list, n, err};
	int64_t now = (int64_t)time(NULL);

	for (size_t i = 0; i < n; i++)
		list[i].at = now;
	return in_transaction(SQ(st), write_confirmations, &a, err);
}

/* ---- states ---- */

static const char sql_subs[] =
	"SELECT s.id, s.item, s.has, s.explanation, s.submitted, s.by_user, "
	"COALESCE(u.username, ''), s.at FROM oit_submissions s LEFT JOIN users u ON u.id = "
	"s.by_user WHERE s.assessment_id = ?1 AND s.agency_id = ?2 ORDER BY s.id";
static const char sql_urls[] =
	"SELECT url FROM oit_urls WHERE submission_id = ?1 ORDER BY seq";
static const char sql_reviews[] =
	"SELECT r.id, r.item, r.round, r.submission_id, COALESCE(r.clarification_id, 0), r.pass, "
	"r.comment, r.by_user, COALESCE(u.username, ''), r.at FROM oit_reviews r LEFT JOIN users u "
	"ON u.id = r.by_user WHERE r.assessment_id = ?1 AND r.agency_id = ?2 ORDER BY r.id";
static const char sql_clars[] =
	"SELECT k.id, k.item, k.review_id, k.text, k.by_user, COALESCE(u.username, ''), k.at "
	"FROM oit_clarifications k LEFT JOIN users u ON u.id = k.by_user "
	"WHERE k.assessment_id = ?1 AND k.agency_id = ?2 ORDER BY k.id";
static const char sql_clar_urls[] =
	"SELECT url FROM oit_clarification_urls WHERE clarification_id = ?1 ORDER BY seq";
static const char sql_confs[] =
	"SELECT f.id, f.item, f.review_id, f.pass, f.by_user, COALESCE(u.username, ''), f.at "
	"FROM oit_confirmations f LEFT JOIN users u ON u.id = f.by_user "
	"WHERE f.assessment_id = ?1 AND f.agency_id = ?2 ORDER BY f.id";

struct states {
	struct oi_oit_item_state *v;
	size_t n, cap;
};

/* The state of item in *s, added (zeroed) when absent. */
static struct oi_oit_item_state *state_of(struct states *s, const char *item)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].item, item))
			return &s->v[i];
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	memset(&s->v[s->n], 0, sizeof s->v[s->n]);
	snprintf(s->v[s->n].item, sizeof s->v[s->n].item, "%s", item);
	return &s->v[s->n++];
}

/* The URLs of a submission or clarification (sql: sql_urls or sql_clar_urls). */
static int read_urls(struct conn *c, const char *sql, long id, char (*urls)[OI_URL_MAX],
		     size_t *n, struct oi_error *err)
{
	sqlite3_stmt *q = query(c, sql, err, "l", id);
	int rc;

	if (!q)
		return -1;
	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (*n < OI_OIT_URLS_MAX)
			col_text(q, 0, urls[(*n)++], OI_URL_MAX);
	return finish(c, q, rc, err);
}

static void read_submission(sqlite3_stmt *q, long assessment_id, long agency_id,
			    struct oi_oit_submission *s)
{
	memset(s, 0, sizeof *s);
	s->id = col_long(q, 0);
	s->assessment_id = assessment_id;
	s->agency_id = agency_id;
	col_text(q, 1, s->item, sizeof s->item);
	s->has = col_long(q, 2) != 0;
	col_text(q, 3, s->explanation, sizeof s->explanation);
	s->submitted = col_long(q, 4) != 0;
	s->by_user = col_long(q, 5);
	col_text(q, 6, s->by_name, sizeof s->by_name);
	s->at = (int64_t)sqlite3_column_int64(q, 7);
}

static void read_review(sqlite3_stmt *q, long assessment_id, long agency_id,
			struct oi_oit_review *r)
{
	memset(r, 0, sizeof *r);
	r->id = col_long(q, 0);
	r->assessment_id = assessment_id;
	r->agency_id = agency_id;
	col_text(q, 1, r->item, sizeof r->item);
	r->round = (int)col_long(q, 2);
	r->submission_id = col_long(q, 3);
	r->clarification_id = col_long(q, 4);
	r->pass = col_long(q, 5) != 0;
	col_text(q, 6, r->comment, sizeof r->comment);
	r->by_user = col_long(q, 7);
	col_text(q, 8, r->by_name, sizeof r->by_name);
	r->at = (int64_t)sqlite3_column_int64(q, 9);
}

static void read_clarification(sqlite3_stmt *q, long assessment_id, long agency_id,
			       struct oi_oit_clarification *k)
{
	memset(k, 0, sizeof *k);
	k->id = col_long(q, 0);
	k->assessment_id = assessment_id;
	k->agency_id = agency_id;
	col_text(q, 1, k->item, sizeof k->item);
	k->review_id = col_long(q, 2);
	col_text(q, 3, k->text, sizeof k->text);
	k->by_user = col_long(q, 4);
	col_text(q, 5, k->by_name, sizeof k->by_name);
	k->at = (int64_t)sqlite3_column_int64(q, 6);
}

static void read_confirmation(sqlite3_stmt *q, long assessment_id, long agency_id,
			      struct oi_oit_confirmation *f)
{
	memset(f, 0, sizeof *f);
	f->id = col_long(q, 0);
	f->assessment_id = assessment_id;
	f->agency_id = agency_id;
	col_text(q, 1, f->item, sizeof f->item);
	f->review_id = col_long(q, 2);
	f->pass = col_long(q, 3) != 0;
	f->by_user = col_long(q, 4);
	col_text(q, 5, f->by_name, sizeof f->by_name);
	f->at = (int64_t)sqlite3_column_int64(q, 6);
}

static int fold_states(struct conn *c, long as, long ag, struct states *s, struct oi_error *err)
{
	sqlite3_stmt *q;
	int rc;
	char item[OI_OIT_ITEM_MAX];

	if (!(q = query(c, sql_subs, err, "ll", as, ag)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct oi_oit_item_state *x;

		col_text(q, 1, item, sizeof item);
		x = state_of(s, item);
		if (col_long(q, 4)) {
			read_submission(q, as, ag, &x->submission);
			memset(&x->draft, 0, sizeof x->draft);
		} else {
			read_submission(q, as, ag, &x->draft);
		}
	}
	if (finish(c, q, rc, err))
		return -1;
	if (!(q = query(c, sql_reviews, err, "ll", as, ag)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct oi_oit_item_state *x;

		col_text(q, 1, item, sizeof item);
		x = state_of(s, item);
		read_review(q, as, ag, col_long(q, 2) == 2 ? &x->review2 : &x->review1);
	}
	if (finish(c, q, rc, err))
		return -1;
	if (!(q = query(c, sql_clars, err, "ll", as, ag)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		col_text(q, 1, item, sizeof item);
		read_clarification(q, as, ag, &state_of(s, item)->clarification);
	}
	if (finish(c, q, rc, err))
		return -1;
	if (!(q = query(c, sql_confs, err, "ll", as, ag)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		col_text(q, 1, item, sizeof item);
		read_confirmation(q, as, ag, &state_of(s, item)->confirmation);
	}
	if (finish(c, q, rc, err))
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		struct oi_oit_item_state *x = &s->v[i];

		if ((x->submission.id &&
		     read_urls(c, sql_urls, x->submission.id, x->submission.urls,
			       &x->submission.n_urls, err)) ||
		    (x->draft.id && read_urls(c, sql_urls, x->draft.id, x->draft.urls,
					      &x->draft.n_urls, err)) ||
		    (x->clarification.id &&
		     read_urls(c, sql_clar_urls, x->clarification.id, x->clarification.urls,
			       &x->clarification.n_urls, err)))
			return -1;
	}
	return 0;
}

static int cmp_state(const void *a, const void *b)
{
	return strcmp(((const struct oi_oit_item_state *)a)->item,
		      ((const struct oi_oit_item_state *)b)->item);
}

int sqlite_oit_states(struct oi_store *st, long assessment_id, long agency_id,
		      struct oi_oit_item_state **out, size_t *n, struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	struct states s = {0};
	int rc = fold_states(c, assessment_id, agency_id, &s, err);

	reader_put(SQ(st), c);
	if (rc) {
		free(s.v);
		return -1;
	}
	if (s.n)
		qsort(s.v, s.n, sizeof *s.v, cmp_state);
	*out = s.v;
	*n = s.n;
	return 0;
}

/* ---- history ---- */

static const char sql_hist_subs[] =
	"SELECT s.id, s.at, s.by_user, COALESCE(u.username, ''), s.submitted, s.has, "
	"s.explanation, (SELECT count(*) FROM oit_urls WHERE submission_id = s.id), "
	"COALESCE((SELECT url FROM oit_urls WHERE submission_id = s.id ORDER BY seq LIMIT 1), '') "
	"FROM oit_submissions s LEFT JOIN users u ON u.id = s.by_user "
	"WHERE s.assessment_id = ?1 AND s.agency_id = ?2 AND s.item = ?3";
static const char sql_hist_reviews[] =
	"SELECT r.id, r.at, r.by_user, COALESCE(u.username, ''), r.round, r.pass, r.comment "
	"FROM oit_reviews r LEFT JOIN users u ON u.id = r.by_user "
	"WHERE r.assessment_id = ?1 AND r.agency_id = ?2 AND r.item = ?3";
static const char sql_hist_clars[] =
	"SELECT k.id, k.at, k.by_user, COALESCE(u.username, ''), k.text, "
	"(SELECT count(*) FROM oit_clarification_urls WHERE clarification_id = k.id), "
	"COALESCE((SELECT url FROM oit_clarification_urls WHERE clarification_id = k.id "
	"ORDER BY seq LIMIT 1), '') "
	"FROM oit_clarifications k LEFT JOIN users u ON u.id = k.by_user "
	"WHERE k.assessment_id = ?1 AND k.agency_id = ?2 AND k.item = ?3";
static const char sql_hist_confs[] =
	"SELECT f.id, f.at, f.by_user, COALESCE(u.username, ''), f.pass "
	"FROM oit_confirmations f LEFT JOIN users u ON u.id = f.by_user "
	"WHERE f.assessment_id = ?1 AND f.agency_id = ?2 AND f.item = ?3";
static const char sql_hist_captures[] =
	"SELECT id, fetched_at, url, outcome, status FROM evidence_captures "
	"WHERE assessment_id = ?1 AND agency_id = ?2 AND item = ?3";

struct events {
	struct oi_oit_event *v;
	size_t n, cap;
};

static struct oi_oit_event *event_add(struct events *e, enum oi_oit_event_kind kind,
				      sqlite3_stmt *q)
{
	struct oi_oit_event *x;

	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->v = xrealloc(e->v, e->cap * sizeof *e->v);
	}
	x = &e->v[e->n++];
	memset(x, 0, sizeof *x);
	x->kind = kind;
	x->id = col_long(q, 0);
	x->at = (int64_t)sqlite3_column_int64(q, 1);
	return x;
}

static int history(struct conn *c, long as, long ag, const char *item, struct events *e,
		   struct oi_error *err)
{
	sqlite3_stmt *q;
	int rc;

	if (!(q = query(c, sql_hist_subs, err, "llt", as, ag, item)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct oi_oit_event *x = event_add(e, OI_OIT_EVENT_SUBMISSION, q);

		x->by_user = col_long(q, 2);
		col_text(q, 3, x->by_name, sizeof x->by_name);
		x->submitted = col_long(q, 4) != 0;
		x->has = col_long(q, 5) != 0;
		col_text(q, 6, x->text, sizeof x->text);
		x->n_urls = (size_t)col_long(q, 7);
		col_text(q, 8, x->url, sizeof x->url);
	}
	if (finish(c, q, rc, err) || !(q = query(c, sql_hist_reviews, err, "llt", as, ag, item)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct oi_oit_event *x = event_add(e, OI_OIT_EVENT_REVIEW, q);

		x->by_user = col_long(q, 2);
		col_text(q, 3, x->by_name, sizeof x->by_name);
		x->round = (int)col_long(q, 4);
		x->pass = col_long(q, 5) != 0;
		col_text(q, 6, x->text, sizeof x->text);
	}
	if (finish(c, q, rc, err) || !(q = query(c, sql_hist_clars, err, "llt", as, ag, item)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct oi_oit_event *x = event_add(e, OI_OIT_EVENT_CLARIFICATION, q);

		x->by_user = col_long(q, 2);
		col_text(q, 3, x->by_name, sizeof x->by_name);
		col_text(q, 4, x->text, sizeof x->text);
		x->n_urls = (size_t)col_long(q, 5);
		col_text(q, 6, x->url, sizeof x->url);
	}
	if (finish(c, q, rc, err) || !(q = query(c, sql_hist_confs, err, "llt", as, ag, item)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct oi_oit_event *x = event_add(e, OI_OIT_EVENT_CONFIRMATION, q);

		x->by_user = col_long(q, 2);
		col_text(q, 3, x->by_name, sizeof x->by_name);
		x->pass = col_long(q, 4) != 0;
	}
	if (finish(c, q, rc, err) ||
	    !(q = query(c, sql_hist_captures, err, "llt", as, ag, item)))
		return -1;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct oi_oit_event *x = event_add(e, OI_OIT_EVENT_CAPTURE, q);

		col_text(q, 2, x->url, sizeof x->url);
		col_text(q, 3, x->outcome, sizeof x->outcome);
		x->status = col_long(q, 4);
	}
	return finish(c, q, rc, err);
}

/* The place of an event in the cycle: submission, its capture, review, clarification,
 * re-review, confirmation. */
static int cycle_order(const struct oi_oit_event *e)
{
	switch (e->kind) {
	case OI_OIT_EVENT_SUBMISSION: return 0;
	case OI_OIT_EVENT_CAPTURE: return 1;
	case OI_OIT_EVENT_REVIEW: return e->round == 2 ? 4 : 2;
	case OI_OIT_EVENT_CLARIFICATION: return 3;
	case OI_OIT_EVENT_CONFIRMATION: return 5;
	}
	return 6;
}

/* Time order (times are seconds); within one second, the order of the cycle, then by id. */
static int cmp_event(const void *pa, const void *pb)
{
	const struct oi_oit_event *a = pa, *b = pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (cycle_order(a) != cycle_order(b))
		return cycle_order(a) - cycle_order(b);
	return a->id < b->id ? -1 : a->id > b->id;
}

int sqlite_oit_history(struct oi_store *st, long assessment_id, long agency_id,
		       const char *item, struct oi_oit_event **out, size_t *n,
		       struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	struct events e = {0};
	int rc = history(c, assessment_id, agency_id, item, &e, err);

	reader_put(SQ(st), c);
	if (rc) {
		free(e.v);
		return -1;
	}
	if (e.n)
		qsort(e.v, e.n, sizeof *e.v, cmp_event);
	*out = e.v;
	*n = e.n;
	return 0;
}

/* ---- assignments, lists ---- */

static const char sql_assign_add[] =
	"INSERT OR IGNORE INTO assessor_assignments (assessment_id, assessor_id, agency_id, "
	"assigned_by, assigned_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_assign_remove[] =
	"DELETE FROM assessor_assignments WHERE assessment_id = ?1 AND assessor_id = ?2 "
	"AND agency_id = ?3";
static const char sql_assign_check[] =
	"SELECT 1 FROM assessor_assignments WHERE assessment_id = ?1 AND assessor_id = ?2 "
	"AND agency_id = ?3";
static const char sql_assign_list[] =
	"SELECT s.assessor_id, u.username, a.id, a.code, a.name, a.type, a.province, "
	"a.parent_code FROM assessor_assignments s JOIN users u ON u.id = s.assessor_id "
	"JOIN agencies a ON a.id = s.agency_id WHERE s.assessment_id = ?1 "
	"AND (?2 = 0 OR s.assessor_id = ?2) ORDER BY a.code, u.username";
static const char sql_user_list[] =
	"SELECT u.id, u.username, COALESCE(u.agency_id, 0), COALESCE(a.code, '') FROM users u "
	"LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.role = ?1 ORDER BY u.username";
static const char sql_agency_list[] =
	"SELECT id, code, name, type, province, parent_code FROM agencies ORDER BY code";

int sqlite_assignment_add(struct oi_store *st, long assessment_id, long assessor_id,
			  long agency_id, long by_user, struct oi_error *err)
{
	struct conn *c = writer_get(SQ(st));
	int rc = run(c, sql_assign_add, NULL, err, "lllll", assessment_id, assessor_id, agency_id,
		     by_user, (long)time(NULL));

	writer_put(SQ(st));
	return rc;
}

int sqlite_assignment_remove(struct oi_store *st, long assessment_id, long assessor_id,
			     long agency_id, struct oi_error *err)
{
	struct conn *c = writer_get(SQ(st));
	int rc = run(c, sql_assign_remove, NULL, err, "lll", assessment_id, assessor_id,
		     agency_id);

	writer_put(SQ(st));
	return rc;
}

int sqlite_assignment_check(struct oi_store *st, long assessment_id, long assessor_id,
			    long agency_id, struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = query(c, sql_assign_check, err, "lll", assessment_id, assessor_id,
				agency_id);
	int rc = -1;

	if (q) {
		int step = sqlite3_step(q);

		rc = step == SQLITE_ROW ? 0 : step == SQLITE_DONE ? 1 : -1;
		if (rc < 0)
			conn_fail(c, "cannot read the assignments", err);
		conn_done(c, q);
	}
	reader_put(SQ(st), c);
	return rc;
}

static void read_agency_at(sqlite3_stmt *q, int i, struct oi_agency *a)
{
	memset(a, 0, sizeof *a);
	a->id = col_long(q, i);
	col_text(q, i + 1, a->code, sizeof a->code);
	col_text(q, i + 2, a->name, sizeof a->name);
	col_text(q, i + 3, a->type, sizeof a->type);
	col_text(q, i + 4, a->province, sizeof a->province);
	col_text(q, i + 5, a->parent_code, sizeof a->parent_code);
}

/* Read every row of q into a growing array of elements of size `size` through fn. */
static int read_all(struct conn *c, sqlite3_stmt *q, size_t size,
		    void (*fn)(sqlite3_stmt *q, void *row), void **out, size_t *n,
		    struct oi_error *err)
{
	size_t cap = 0;
	char *v = NULL;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * size);
		}
		memset(v + *n * size, 0, size);
		fn(q, v + *n * size);
		(*n)++;
	}
	if (finish(c, q, rc, err)) {
		free(v);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

static void row_assignment(sqlite3_stmt *q, void *p)
{
	struct oi_assignment *a = p;

	a->assessor_id = col_long(q, 0);
	col_text(q, 1, a->assessor_name, sizeof a->assessor_name);
	read_agency_at(q, 2, &a->agency);
}

static void row_user(sqlite3_stmt *q, void *p)
{
	struct oi_user *u = p;

	u->id = col_long(q, 0);
	col_text(q, 1, u->username, sizeof u->username);
	u->agency_id = col_long(q, 2);
	col_text(q, 3, u->agency_code, sizeof u->agency_code);
}

static void row_agency(sqlite3_stmt *q, void *p)
{
	read_agency_at(q, 0, p);
}

int sqlite_assignment_list(struct oi_store *st, long assessment_id, long assessor_id,
			   struct oi_assignment **out, size_t *n, struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = query(c, sql_assign_list, err, "ll", assessment_id,
				assessor_id > 0 ? assessor_id : 0L);
	int rc = q ? read_all(c, q, sizeof **out, row_assignment, (void **)out, n, err) : -1;

	reader_put(SQ(st), c);
	return rc;
}

int sqlite_user_list(struct oi_store *st, enum oi_role role, struct oi_user **out, size_t *n,
		     struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = query(c, sql_user_list, err, "t", oi_role_name(role));
	int rc = q ? read_all(c, q, sizeof **out, row_user, (void **)out, n, err) : -1;

	for (size_t i = 0; !rc && i < *n; i++)
		(*out)[i].role = role;
	reader_put(SQ(st), c);
	return rc;
}

int sqlite_agency_list(struct oi_store *st, struct oi_agency **out, size_t *n,
		       struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = query(c, sql_agency_list, err, "");
	int rc = q ? read_all(c, q, sizeof **out, row_agency, (void **)out, n, err) : -1;

	reader_put(SQ(st), c);
	return rc;
}

/* ---- captures ---- */

#define CAPTURE_COLUMNS                                                                   \
	"id, assessment_id, agency_id, item, COALESCE(submission_id, 0), "                  \
	"COALESCE(clarification_id, 0), url, fetched_at, status, final_url, content_type, "  \
	"size, sha256, outcome, error, truncated, COALESCE(length(body_gz), 0) "

static const char sql_capture_insert[] =
	"INSERT INTO evidence_captures (assessment_id, agency_id, item, submission_id, "
	"clarification_id, url, fetched_at, status, final_url, content_type, size, sha256, "
	"outcome, error, truncated, body_gz) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
static const char sql_capture_get[] =
	"SELECT " CAPTURE_COLUMNS ", body_gz FROM evidence_captures WHERE id = ?1";
static const char sql_capture_latest[] =
	"SELECT " CAPTURE_COLUMNS " FROM evidence_captures WHERE agency_id = ?1 AND url = ?2 "
	"AND (?3 = 0 OR outcome = 'ok') ORDER BY id DESC LIMIT 1";
static const char sql_capture_baseline[] =
	"SELECT " CAPTURE_COLUMNS " FROM evidence_captures WHERE (submission_id = ?1 OR "
	"clarification_id = ?2) AND url = ?3 ORDER BY id LIMIT 1";

static void read_capture(sqlite3_stmt *q, struct oi_capture_row *c)
{
	memset(c, 0, sizeof *c);
	c->id = col_long(q, 0);
	c->assessment_id = col_long(q, 1);
	c->agency_id = col_long(q, 2);
	col_text(q, 3, c->item, sizeof c->item);
	c->submission_id = col_long(q, 4);
	c->clarification_id = col_long(q, 5);
	col_text(q, 6, c->url, sizeof c->url);
	c->fetched_at = (int64_t)sqlite3_column_int64(q, 7);
	c->status = col_long(q, 8);
	col_text(q, 9, c->final_url, sizeof c->final_url);
	col_text(q, 10, c->content_type, sizeof c->content_type);
	c->size = (uint64_t)sqlite3_column_int64(q, 11);
	col_text(q, 12, c->sha256, sizeof c->sha256);
	col_text(q, 13, c->outcome, sizeof c->outcome);
	col_text(q, 14, c->error, sizeof c->error);
	c->truncated = col_long(q, 15) != 0;
	c->body_gz_len = (size_t)col_long(q, 16);
}

int sqlite_capture_add(struct oi_store *st, struct oi_capture_row *k, const void *body_gz,
		       size_t body_gz_len, struct oi_error *err)
{
	struct conn *c = writer_get(SQ(st));
	sqlite3_stmt *s = conn_stmt(c, sql_capture_insert, err);
	int rc = -1;

	if (s) {
		sqlite3_bind_int64(s, 1, k->assessment_id);
		sqlite3_bind_int64(s, 2, k->agency_id);
		sqlite3_bind_text(s, 3, k->item, -1, SQLITE_STATIC);
		if (k->submission_id)
			sqlite3_bind_int64(s, 4, k->submission_id);
		if (k->clarification_id)
			sqlite3_bind_int64(s, 5, k->clarification_id);
		sqlite3_bind_text(s, 6, k->url, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 7, k->fetched_at);
		sqlite3_bind_int64(s, 8, k->status);
		sqlite3_bind_text(s, 9, k->final_url, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 10, k->content_type, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 11, (sqlite3_int64)k->size);
		sqlite3_bind_text(s, 12, k->sha256, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 13, k->outcome, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 14, k->error, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 15, k->truncated ? 1 : 0);
		if (body_gz_len)
			sqlite3_bind_blob(s, 16, body_gz, (int)body_gz_len, SQLITE_STATIC);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : conn_fail(c, "cannot store the capture",
								    err);
		if (!rc)
			k->id = (long)sqlite3_last_insert_rowid(c->db);
		conn_done(c, s);
	}
	writer_put(SQ(st));
	return rc;
}

/* One capture row by sql and its bound key; body (may be NULL) gets column 17's blob. */
static int capture_one_row(struct oi_store *st, sqlite3_stmt *(*bind)(struct conn *c,
								   void *key,
								   struct oi_error *err),
			   void *key, struct oi_capture_row *out, unsigned char **body,
			   struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = bind(c, key, err);
	int rc = -1;

	if (q) {
		int step = sqlite3_step(q);

		if (step == SQLITE_ROW) {
			read_capture(q, out);
			if (body && out->body_gz_len) {
				const void *blob = sqlite3_column_blob(q, 17);
				size_t len = (size_t)sqlite3_column_bytes(q, 17);

				*body = xmalloc(len ? len : 1);
				if (len)
					memcpy(*body, blob, len);
				out->body_gz_len = len;
			}
			rc = 0;
		} else if (step == SQLITE_DONE) {
			rc = 1;
		} else {
			conn_fail(c, "cannot read the captures", err);
		}
		conn_done(c, q);
	}
	reader_put(SQ(st), c);
	return rc;
}

struct capture_key {
	long id, id2;          /* the capture, agency or submission; the clarification */
	const char *url;
	int ok_only;
};

static sqlite3_stmt *bind_get(struct conn *c, void *p, struct oi_error *err)
{
	return query(c, sql_capture_get, err, "l", ((struct capture_key *)p)->id);
}

static sqlite3_stmt *bind_latest(struct conn *c, void *p, struct oi_error *err)
{
	struct capture_key *k = p;

	return query(c, sql_capture_latest, err, "lti", k->id, k->url, k->ok_only);
}

static sqlite3_stmt *bind_baseline(struct conn *c, void *p, struct oi_error *err)
{
	struct capture_key *k = p;

	return query(c, sql_capture_baseline, err, "llt", k->id, k->id2, k->url);
}

int sqlite_capture_get(struct oi_store *st, long id, struct oi_capture_row *out,
		       unsigned char **body, struct oi_error *err)
{
	struct capture_key k = {id, 0, NULL, 0};

	return capture_one_row(st, bind_get, &k, out, body, err);
}

int sqlite_capture_latest(struct oi_store *st, long agency_id, const char *url, bool ok_only,
			  struct oi_capture_row *out, struct oi_error *err)
{
	struct capture_key k = {agency_id, 0, url, ok_only ? 1 : 0};

	return capture_one_row(st, bind_latest, &k, out, NULL, err);
}

int sqlite_capture_baseline(struct oi_store *st, long submission_id, long clarification_id,
			    const char *url, struct oi_capture_row *out, struct oi_error *err)
{
	struct capture_key k = {submission_id, clarification_id, url, 0};

	return capture_one_row(st, bind_baseline, &k, out, NULL, err);
}
