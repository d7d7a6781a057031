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
 * string constant with its values bound (conn_query(), conn_run() of sqlite_stmt.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "sqlite_int.h"

#define SQ(st) ((struct sqlite_store *)(st))

/* The messages of failed writes and reads, after which SQLite's own follows. */
static const char what_store[] = "cannot store the OIT step";
static const char what_read[] = "cannot read the OIT records";

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

/* The URLs of the submission or clarification id, in order (sql: sql_url_insert or
 * sql_clar_url_insert). */
static int write_urls(struct conn *c, const char *sql, long id, char (*urls)[OI_URL_MAX],
		      size_t n, struct oi_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (conn_run(c, sql, what_store, NULL, err, "lit", id, (int)i, urls[i]))
			return -1;
	return 0;
}

static int write_submission(struct conn *c, void *arg, struct oi_error *err)
{
	struct oi_oit_submission *s = arg;

	if (conn_run(c, sql_sub_insert, what_store, &s->id, err, "lltitill", s->assessment_id,
		     s->agency_id, s->item, (int)s->has, s->explanation, (int)s->submitted,
		     s->by_user, (long)s->at))
		return -1;
	return write_urls(c, sql_url_insert, s->id, s->urls, s->n_urls, err);
}

int sqlite_oit_submit(struct oi_store *st, struct oi_oit_submission *s, struct oi_error *err)
{
	s->at = (int64_t)time(NULL);
	return writer_transaction(SQ(st), write_submission, s, err);
}

static int write_review(struct conn *c, void *arg, struct oi_error *err)
{
	struct oi_oit_review *r = arg;

	return conn_run(c, sql_review_insert, what_store, &r->id, err, "lltilzitll",
			r->assessment_id, r->agency_id, r->item, r->round, r->submission_id,
			r->clarification_id, (int)r->pass, r->comment, r->by_user, (long)r->at);
}

int sqlite_oit_review(struct oi_store *st, struct oi_oit_review *r, struct oi_error *err)
{
	r->at = (int64_t)time(NULL);
	return writer_transaction(SQ(st), write_review, r, err);
}

static int write_clarification(struct conn *c, void *arg, struct oi_error *err)
{
	struct oi_oit_clarification *k = arg;

	if (conn_run(c, sql_clar_insert, what_store, &k->id, err, "lltltll", k->assessment_id,
		     k->agency_id, k->item, k->review_id, k->text, k->by_user, (long)k->at))
		return -1;
	return write_urls(c, sql_clar_url_insert, k->id, k->urls, k->n_urls, err);
}

int sqlite_oit_clarify(struct oi_store *st, struct oi_oit_clarification *k,
		       struct oi_error *err)
{
	k->at = (int64_t)time(NULL);
	return writer_transaction(SQ(st), write_clarification, k, err);
}

struct confirmations {
	struct oi_oit_confirmation *list;
	size_t n;
};

static int write_confirmations(struct conn *c, void *arg, struct oi_error *err)
{
	struct confirmations *a = arg;

	for (size_t i = 0; i < a->n; i++) {
		struct oi_oit_confirmation *f = &a->list[i];

		if (conn_run(c, sql_conf_insert, what_store, &f->id, err, "lltlill",
			     f->assessment_id, f->agency_id, f->item, f->review_id, (int)f->pass,
			     f->by_user, (long)f->at))
			return -1;
	}
	return 0;
}

int sqlite_oit_confirm(struct oi_store *st, struct oi_oit_confirmation *list, size_t n,
		       struct oi_error *err)
{
	struct confirmations a = {list, n};
	int64_t now = (int64_t)time(NULL);

	for (size_t i = 0; i < n; i++)
		list[i].at = now;
	return writer_transaction(SQ(st), write_confirmations, &a, err);
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

/*
 * Hand the array v (n elements of size bytes) that a fold gathered with result rc to the
 * caller, sorted by cmp: 0 with *out and *n_out, or -1 with v freed when rc is not 0.
 */
static int sorted_out(int rc, void *v, size_t n, size_t size,
		      int (*cmp)(const void *a, const void *b), void **out, size_t *n_out)
{
	if (rc) {
		free(v);
		return -1;
	}
	if (n)
		qsort(v, n, size, cmp);
	*out = v;
	*n_out = n;
	return 0;
}

/* The state of item in *s, added (zeroed) when absent. */
static struct oi_oit_item_state *state_of(struct states *s, const char *item)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].item, item))
			return &s->v[i];
	s->v = array_grow(s->v, s->n, &s->cap, sizeof *s->v);
	memset(&s->v[s->n], 0, sizeof s->v[s->n]);
	snprintf(s->v[s->n].item, sizeof s->v[s->n].item, "%s", item);
	return &s->v[s->n++];
}

/* The URLs of a submission or clarification (sql: sql_urls or sql_clar_urls). */
static int read_urls(struct conn *c, const char *sql, long id, char (*urls)[OI_URL_MAX],
		     size_t *n, struct oi_error *err)
{
	sqlite3_stmt *q = conn_query(c, sql, err, "l", id);
	int rc;

	if (!q)
		return -1;
	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (*n < OI_OIT_URLS_MAX)
			col_text(q, 0, urls[(*n)++], OI_URL_MAX);
	return conn_finish(c, q, rc, what_read, err);
}

/*
 * The row readers of fold_states(), one per table: the row of q (its item in column 1, already
 * looked up as x) into its place in x. as and ag are the assessment and agency of the query.
 */

/* A submission: the submitted one (which clears an older draft), or the draft. */
static void fold_submission(sqlite3_stmt *q, long as, long ag, struct oi_oit_item_state *x)
{
	struct oi_oit_submission *s = col_long(q, 4) ? &x->submission : &x->draft;

	if (s == &x->submission)
		memset(&x->draft, 0, sizeof x->draft);
	memset(s, 0, sizeof *s);
	s->id = col_long(q, 0);
	s->assessment_id = as;
	s->agency_id = ag;
	col_text(q, 1, s->item, sizeof s->item);
	s->has = col_long(q, 2) != 0;
	col_text(q, 3, s->explanation, sizeof s->explanation);
	s->submitted = col_long(q, 4) != 0;
	s->by_user = col_long(q, 5);
	col_text(q, 6, s->by_name, sizeof s->by_name);
	s->at = (int64_t)sqlite3_column_int64(q, 7);
}

/* A review of round 1 or 2. */
static void fold_review(sqlite3_stmt *q, long as, long ag, struct oi_oit_item_state *x)
{
	struct oi_oit_review *r = col_long(q, 2) == 2 ? &x->review2 : &x->review1;

	memset(r, 0, sizeof *r);
	r->id = col_long(q, 0);
	r->assessment_id = as;
	r->agency_id = ag;
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

static void fold_clarification(sqlite3_stmt *q, long as, long ag, struct oi_oit_item_state *x)
{
	struct oi_oit_clarification *k = &x->clarification;

	memset(k, 0, sizeof *k);
	k->id = col_long(q, 0);
	k->assessment_id = as;
	k->agency_id = ag;
	col_text(q, 1, k->item, sizeof k->item);
	k->review_id = col_long(q, 2);
	col_text(q, 3, k->text, sizeof k->text);
	k->by_user = col_long(q, 4);
	col_text(q, 5, k->by_name, sizeof k->by_name);
	k->at = (int64_t)sqlite3_column_int64(q, 6);
}

static void fold_confirmation(sqlite3_stmt *q, long as, long ag, struct oi_oit_item_state *x)
{
	struct oi_oit_confirmation *f = &x->confirmation;

	memset(f, 0, sizeof *f);
	f->id = col_long(q, 0);
	f->assessment_id = as;
	f->agency_id = ag;
	col_text(q, 1, f->item, sizeof f->item);
	f->review_id = col_long(q, 2);
	f->pass = col_long(q, 3) != 0;
	f->by_user = col_long(q, 4);
	col_text(q, 5, f->by_name, sizeof f->by_name);
	f->at = (int64_t)sqlite3_column_int64(q, 6);
}

/* The tables fold_states() reads, oldest row first in each, and the reader of their rows. */
static const struct {
	const char *sql;
	void (*read)(sqlite3_stmt *q, long as, long ag, struct oi_oit_item_state *x);
} state_reads[] = {
	{sql_subs, fold_submission},
	{sql_reviews, fold_review},
	{sql_clars, fold_clarification},
	{sql_confs, fold_confirmation},
};

/* What fold_row() folds into: the states, the query's keys, the reader of the table's rows. */
struct fold {
	struct states *states;
	long as, ag;
	void (*read)(sqlite3_stmt *q, long as, long ag, struct oi_oit_item_state *x);
};

/* A rows_each() callback of fold_states(): the row into the state of its item (ctx: struct
 * fold). */
static int fold_row(sqlite3_stmt *q, void *ctx)
{
	const struct fold *f = ctx;
	char item[OI_OIT_ITEM_MAX];

	col_text(q, 1, item, sizeof item);
	f->read(q, f->as, f->ag, state_of(f->states, item));
	return 0;
}

static int fold_states(struct conn *c, long as, long ag, struct states *s, struct oi_error *err)
{
	for (size_t k = 0; k < sizeof state_reads / sizeof *state_reads; k++) {
		struct fold f = {s, as, ag, state_reads[k].read};

		if (rows_each(c, conn_query(c, state_reads[k].sql, err, "ll", as, ag), fold_row, &f,
			      what_read, err))
			return -1;
	}
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
	return sorted_out(rc, s.v, s.n, sizeof *s.v, cmp_state, (void **)out, n);
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

/*
 * The row readers of history(), one per table: the columns after id and at (0 and 1, which
 * history_row() reads) into x.
 */

static void event_submission(sqlite3_stmt *q, struct oi_oit_event *x)
{
	x->by_user = col_long(q, 2);
	col_text(q, 3, x->by_name, sizeof x->by_name);
	x->submitted = col_long(q, 4) != 0;
	x->has = col_long(q, 5) != 0;
	col_text(q, 6, x->text, sizeof x->text);
	x->n_urls = (size_t)col_long(q, 7);
	col_text(q, 8, x->url, sizeof x->url);
}

static void event_review(sqlite3_stmt *q, struct oi_oit_event *x)
{
	x->by_user = col_long(q, 2);
	col_text(q, 3, x->by_name, sizeof x->by_name);
	x->round = (int)col_long(q, 4);
	x->pass = col_long(q, 5) != 0;
	col_text(q, 6, x->text, sizeof x->text);
}

static void event_clarification(sqlite3_stmt *q, struct oi_oit_event *x)
{
	x->by_user = col_long(q, 2);
	col_text(q, 3, x->by_name, sizeof x->by_name);
	col_text(q, 4, x->text, sizeof x->text);
	x->n_urls = (size_t)col_long(q, 5);
	col_text(q, 6, x->url, sizeof x->url);
}

static void event_confirmation(sqlite3_stmt *q, struct oi_oit_event *x)
{
	x->by_user = col_long(q, 2);
	col_text(q, 3, x->by_name, sizeof x->by_name);
	x->pass = col_long(q, 4) != 0;
}

static void event_capture(sqlite3_stmt *q, struct oi_oit_event *x)
{
	col_text(q, 2, x->url, sizeof x->url);
	col_text(q, 3, x->outcome, sizeof x->outcome);
	x->status = col_long(q, 4);
}

/* The tables history() reads, the kind of event each row is, and the reader of their rows. */
static const struct history_read {
	const char *sql;
	enum oi_oit_event_kind kind;
	void (*read)(sqlite3_stmt *q, struct oi_oit_event *x);
} history_reads[] = {
	{sql_hist_subs, OI_OIT_EVENT_SUBMISSION, event_submission},
	{sql_hist_reviews, OI_OIT_EVENT_REVIEW, event_review},
	{sql_hist_clars, OI_OIT_EVENT_CLARIFICATION, event_clarification},
	{sql_hist_confs, OI_OIT_EVENT_CONFIRMATION, event_confirmation},
	{sql_hist_captures, OI_OIT_EVENT_CAPTURE, event_capture},
};

/* What history_row() adds to: the events, and the table being read. */
struct history_pass {
	struct events *events;
	const struct history_read *how;
};

/* A rows_each() callback of history(): the row as a new event of the table's kind (ctx: struct
 * history_pass). */
static int history_row(sqlite3_stmt *q, void *ctx)
{
	struct history_pass *h = ctx;
	struct events *e = h->events;
	struct oi_oit_event *x;

	e->v = array_grow(e->v, e->n, &e->cap, sizeof *e->v);
	x = &e->v[e->n++];
	memset(x, 0, sizeof *x);
	x->kind = h->how->kind;
	x->id = col_long(q, 0);
	x->at = (int64_t)sqlite3_column_int64(q, 1);
	h->how->read(q, x);
	return 0;
}

static int history(struct conn *c, long as, long ag, const char *item, struct events *e,
		   struct oi_error *err)
{
	for (size_t k = 0; k < sizeof history_reads / sizeof *history_reads; k++) {
		struct history_pass h = {e, &history_reads[k]};

		if (rows_each(c, conn_query(c, history_reads[k].sql, err, "llt", as, ag, item),
			      history_row, &h, what_read, err))
			return -1;
	}
	return 0;
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
	return sorted_out(rc, e.v, e.n, sizeof *e.v, cmp_event, (void **)out, n);
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
	int rc = conn_run(c, sql_assign_add, what_store, NULL, err, "lllll", assessment_id,
			  assessor_id, agency_id, by_user, (long)time(NULL));

	writer_put(SQ(st));
	return rc;
}

int sqlite_assignment_remove(struct oi_store *st, long assessment_id, long assessor_id,
			     long agency_id, struct oi_error *err)
{
	struct conn *c = writer_get(SQ(st));
	int rc = conn_run(c, sql_assign_remove, what_store, NULL, err, "lll", assessment_id,
			  assessor_id, agency_id);

	writer_put(SQ(st));
	return rc;
}

int sqlite_assignment_check(struct oi_store *st, long assessment_id, long assessor_id,
			    long agency_id, struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = conn_query(c, sql_assign_check, err, "lll", assessment_id, assessor_id,
				     agency_id);
	int rc = row_one(c, q, NULL, NULL, "cannot read the assignments", err);

	reader_put(SQ(st), c);
	return rc;
}

/* Every row of q (NULL: it did not prepare, err says so) read by read() into a new array
 * *out of elements of size bytes (NULL when there are no rows), *n. 0, or -1 with err. */
static int read_list(struct conn *c, sqlite3_stmt *q, size_t size,
		     void (*read)(sqlite3_stmt *q, void *row), void **out, size_t *n,
		     struct oi_error *err)
{
	struct rows r = {.size = size, .read = read};

	if (rows_each(c, q, rows_read, &r, what_read, err))
		return rows_fail(&r);
	*out = r.data;
	*n = r.n;
	return 0;
}

static void row_assignment(sqlite3_stmt *q, void *p)
{
	struct oi_assignment *a = p;

	a->assessor_id = col_long(q, 0);
	col_text(q, 1, a->assessor_name, sizeof a->assessor_name);
	col_agency(q, 2, &a->agency);
}

static void row_user(sqlite3_stmt *q, void *p)
{
	struct oi_user *u = p;

	u->id = col_long(q, 0);
	col_text(q, 1, u->username, sizeof u->username);
	u->agency_id = col_long(q, 2);
	col_text(q, 3, u->agency_code, sizeof u->agency_code);
}

int sqlite_assignment_list(struct oi_store *st, long assessment_id, long assessor_id,
			   struct oi_assignment **out, size_t *n, struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = conn_query(c, sql_assign_list, err, "ll", assessment_id,
				     assessor_id > 0 ? assessor_id : 0L);
	int rc = read_list(c, q, sizeof **out, row_assignment, (void **)out, n, err);

	reader_put(SQ(st), c);
	return rc;
}

int sqlite_user_list(struct oi_store *st, enum oi_role role, struct oi_user **out, size_t *n,
		     struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = conn_query(c, sql_user_list, err, "t", oi_role_name(role));
	int rc = read_list(c, q, sizeof **out, row_user, (void **)out, n, err);

	for (size_t i = 0; !rc && i < *n; i++)
		(*out)[i].role = role;
	reader_put(SQ(st), c);
	return rc;
}

int sqlite_agency_list(struct oi_store *st, struct oi_agency **out, size_t *n,
		       struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	sqlite3_stmt *q = conn_query(c, sql_agency_list, err, "");
	int rc = read_list(c, q, sizeof **out, read_agency, (void **)out, n, err);

	reader_put(SQ(st), c);
	return rc;
}

/* ---- captures ---- */

#define CAPTURE_COLUMNS                                                                   \
	"id, assessment_id, agency_id, item, COALESCE(submission_id, 0), "                  \
	"COALESCE(clarification_id, 0), url, fetched_at, status, final_url, content_type, "  \
	"size, sha256, outcome, error, truncated, COALESCE(length(body_gz), 0), "             \
	"COALESCE(text_sha256, ''), COALESCE(sniffed, '') "

static const char sql_capture_insert[] =
	"INSERT INTO evidence_captures (assessment_id, agency_id, item, submission_id, "
	"clarification_id, url, fetched_at, status, final_url, content_type, size, sha256, "
	"outcome, error, truncated, body_gz, text_sha256, sniffed) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
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
	col_text(q, 17, c->text_sha256, sizeof c->text_sha256);
	col_text(q, 18, c->sniffed, sizeof c->sniffed);
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
		if (k->text_sha256[0])
			sqlite3_bind_text(s, 17, k->text_sha256, -1, SQLITE_STATIC);
		if (k->sniffed[0])
			sqlite3_bind_text(s, 18, k->sniffed, -1, SQLITE_STATIC);
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : conn_fail(c, "cannot store the capture",
								    err);
		if (!rc)
			k->id = (long)sqlite3_last_insert_rowid(c->db);
		conn_done(c, s);
	}
	writer_put(SQ(st));
	return rc;
}

/* Where read_capture_body() puts a capture row and (when body is not NULL) its blob. */
struct capture_out {
	struct oi_capture_row *row;
	unsigned char **body;
};

/* A row_one() reader: the capture (ctx: struct capture_out) and column 19's blob, copied. */
static void read_capture_body(sqlite3_stmt *q, void *ctx)
{
	struct capture_out *o = ctx;

	read_capture(q, o->row);
	if (o->body && o->row->body_gz_len) {
		const void *blob = sqlite3_column_blob(q, 19);
		size_t len = (size_t)sqlite3_column_bytes(q, 19);

		*o->body = xmalloc(len ? len : 1);
		if (len)
			memcpy(*o->body, blob, len);
		o->row->body_gz_len = len;
	}
}

/* One capture row by sql and its bound key; body (may be NULL) gets column 17's blob. */
static int capture_one_row(struct oi_store *st, sqlite3_stmt *(*bind)(struct conn *c,
								   void *key,
								   struct oi_error *err),
			   void *key, struct oi_capture_row *out, unsigned char **body,
			   struct oi_error *err)
{
	struct conn *c = reader_get(SQ(st));
	struct capture_out o = {out, body};
	int rc = row_one(c, bind(c, key, err), read_capture_body, &o, "cannot read the captures",
			 err);

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
	return conn_query(c, sql_capture_get, err, "l", ((struct capture_key *)p)->id);
}

static sqlite3_stmt *bind_latest(struct conn *c, void *p, struct oi_error *err)
{
	struct capture_key *k = p;

	return conn_query(c, sql_capture_latest, err, "lti", k->id, k->url, k->ok_only);
}

static sqlite3_stmt *bind_baseline(struct conn *c, void *p, struct oi_error *err)
{
	struct capture_key *k = p;

	return conn_query(c, sql_capture_baseline, err, "llt", k->id, k->id2, k->url);
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
