/*
 * sqlite_plan.c — agency results and measures plans on SQLite (issue 5; schema version 2 in
 * migrations.c).
 *
 * A result or a plan is one parent row (agency_results, plans; one per agency and fiscal year)
 * and child rows in order of a sequence number. Saving replaces the whole thing in one BEGIN
 * IMMEDIATE transaction on the writer: find the parent, delete its children, update it (or
 * insert it), insert the children again. Any failure rolls the transaction back, so the old
 * rows stay as they were. Loading reads the parent and each child table in order on one reader
 * and builds the core's structs (struct oi_agency_result, struct oi_plan) through their own
 * functions, so the core keeps owning its memory rules.
 *
 * store.c has checked the arguments (texts, dates, bounds); what is left here is storage.
 * Every statement is a string constant with its values bound (conn_query(), conn_run()).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "openita/analysis.h"
#include "openita/plan.h"
#include "sqlite_int.h"

#define SQ(st) ((struct sqlite_store *)(st))

/*
 * The id of the parent row of (agency_id, fiscal_year) with sql ("SELECT id FROM … WHERE
 * agency_id = ?1 AND fiscal_year = ?2"): 0 and *id, 1 when there is none, -1 on failure.
 */
static int parent_id(struct conn *c, const char *sql, long agency_id, int fiscal_year, long *id,
		     struct oi_error *err)
{
	return row_one(c, conn_query(c, sql, err, "li", agency_id, fiscal_year), read_id, id,
		       "cannot read the database", err);
}

/* Delete the child rows of the parent row id: each of the n statements of clear ("DELETE FROM
 * … WHERE …_id = ?1"). 0, or -1 with err ("what: …"). */
static int clear_children(struct conn *c, const char *const *clear, size_t n, long id,
			  const char *what, struct oi_error *err)
{
	for (size_t k = 0; k < n; k++)
		if (conn_run(c, clear[k], what, NULL, err, "l", id))
			return -1;
	return 0;
}

/* ---- results ---- */

static const char sql_result_id[] =
	"SELECT id FROM agency_results WHERE agency_id = ?1 AND fiscal_year = ?2";
static const char sql_result_insert[] =
	"INSERT INTO agency_results (agency_id, fiscal_year, framework_id, source, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_result_update[] =
	"UPDATE agency_results SET framework_id = ?2, source = ?3, updated_at = ?4 WHERE id = ?1";
static const char *const sql_result_clear[] = {
	"DELETE FROM agency_result_indicators WHERE result_id = ?1",
	"DELETE FROM agency_result_questions WHERE result_id = ?1",
	"DELETE FROM agency_result_oit WHERE result_id = ?1",
	"DELETE FROM agency_result_previous WHERE result_id = ?1",
};
static const char sql_result_indicator[] =
	"INSERT INTO agency_result_indicators (result_id, indicator, score) VALUES (?1, ?2, ?3)";
static const char sql_result_question[] =
	"INSERT INTO agency_result_questions (result_id, question, score) VALUES (?1, ?2, ?3)";
static const char sql_result_oit[] =
	"INSERT INTO agency_result_oit (result_id, item, passed, comment) VALUES (?1, ?2, ?3, ?4)";
static const char sql_result_previous[] =
	"INSERT INTO agency_result_previous (result_id, fiscal_year, indicator, score) "
	"VALUES (?1, ?2, ?3, ?4)";

/* The parent row of the result (cleared of its children, or new): *id. */
static int result_parent(struct conn *c, long agency_id, const struct oi_agency_result *ar,
			 const char *source, long *id, struct oi_error *err)
{
	const char *what = "cannot save the result";
	long now = (long)time(NULL);
	int rc = parent_id(c, sql_result_id, agency_id, ar->fiscal_year_be, id, err);

	if (rc < 0)
		return -1;
	if (rc == 1)
		return conn_run(c, sql_result_insert, what, id, err, "littl", agency_id,
				ar->fiscal_year_be, ar->fw->id, source, now);
	if (clear_children(c, sql_result_clear, sizeof sql_result_clear / sizeof *sql_result_clear,
			   *id, what, err))
		return -1;
	return conn_run(c, sql_result_update, what, NULL, err, "lttl", *id, ar->fw->id, source,
			now);
}

static int result_rows(struct conn *c, long id, const struct oi_agency_result *ar,
		       struct oi_error *err)
{
	const struct oi_framework *fw = ar->fw;
	const char *what = "cannot save the result";

	for (size_t i = 0; i < fw->n_indicators; i++)
		if (ar->result.has_indicator[i] &&
		    conn_run(c, sql_result_indicator, what, NULL, err, "ltd", id,
			     fw->indicators[i].code, ar->result.indicator[i]))
			return -1;
	for (size_t q = 0; ar->question_score && q < fw->n_questions; q++)
		if (!isnan(ar->question_score[q]) &&
		    conn_run(c, sql_result_question, what, NULL, err, "ltd", id,
			     fw->questions[q].code, ar->question_score[q]))
			return -1;
	for (size_t k = 0; ar->verdict && k < fw->n_oit_items; k++)
		if (ar->verdict[k] >= 0 &&
		    conn_run(c, sql_result_oit, what, NULL, err, "ltit", id, fw->oit_items[k].code,
			     (int)ar->verdict[k],
			     ar->comment && ar->comment[k] ? ar->comment[k] : ""))
			return -1;
	for (size_t p = 0; p < ar->n_previous; p++)
		for (size_t i = 0; i < fw->n_indicators; i++)
			if (ar->previous[p].result.has_indicator[i] &&
			    conn_run(c, sql_result_previous, what, NULL, err, "litd", id,
				     ar->previous[p].fiscal_year_be, fw->indicators[i].code,
				     ar->previous[p].result.indicator[i]))
				return -1;
	return 0;
}

struct result_save {
	long agency_id;
	const struct oi_agency_result *ar;
	const char *source;
};

/* writer_transaction() of a result save (arg: struct result_save): the parent, then its rows. */
static int result_write(struct conn *c, void *arg, struct oi_error *err)
{
	const struct result_save *a = arg;
	long id = 0;

	if (result_parent(c, a->agency_id, a->ar, a->source, &id, err))
		return -1;
	return result_rows(c, id, a->ar, err);
}

int sqlite_result_save(struct oi_store *base, long agency_id, const struct oi_agency_result *ar,
		       const char *source, struct oi_error *err)
{
	struct result_save a = {agency_id, ar, source};

	return writer_transaction(SQ(base), result_write, &a, err);
}

static const char sql_result_head[] =
	"SELECT r.id, r.framework_id, a.code, a.name FROM agency_results r "
	"JOIN agencies a ON a.id = r.agency_id WHERE r.agency_id = ?1 AND r.fiscal_year = ?2";
static const char sql_result_indicators[] =
	"SELECT indicator, score FROM agency_result_indicators WHERE result_id = ?1";
static const char sql_result_questions[] =
	"SELECT question, score FROM agency_result_questions WHERE result_id = ?1";
static const char sql_result_oits[] =
	"SELECT item, passed, comment FROM agency_result_oit WHERE result_id = ?1";
static const char sql_result_previouses[] =
	"SELECT fiscal_year, indicator, score FROM agency_result_previous WHERE result_id = ?1 "
	"ORDER BY fiscal_year, indicator";

static long question_index(const struct oi_framework *fw, const char *code)
{
	for (size_t q = 0; q < fw->n_questions; q++)
		if (!strcmp(fw->questions[q].code, code))
			return (long)q;
	return -1;
}

static int unknown_code(struct oi_error *err, const char *what, const char *code)
{
	return oi_error_set(err, NULL, 0, 0, "ผลการประเมินที่บันทึกไว้มี%s \"%s\" ซึ่งไม่มีในกรอบการ"
			    "ประเมิน (the stored result has %s \"%s\", unknown to the framework)",
			    what, code, what, code);
}

/* The previous year entry of ar for year, added (oldest first, the most recent kept). */
static struct oi_previous_result *previous_of(struct oi_agency_result *ar, int year)
{
	if (ar->n_previous && ar->previous[ar->n_previous - 1].fiscal_year_be == year)
		return &ar->previous[ar->n_previous - 1];
	if (ar->n_previous == OI_MAX_PREVIOUS) {
		memmove(&ar->previous[0], &ar->previous[1],
			(OI_MAX_PREVIOUS - 1) * sizeof ar->previous[0]);
		ar->n_previous--;
	}
	memset(&ar->previous[ar->n_previous], 0, sizeof ar->previous[0]);
	ar->previous[ar->n_previous].fiscal_year_be = year;
	return &ar->previous[ar->n_previous++];
}

static int result_read_rows(struct conn *c, long id, struct oi_agency_result *ar,
			    struct oi_error *err)
{
	const struct oi_framework *fw = ar->fw;
	const char *what = "cannot read the result";
	sqlite3_stmt *s;
	int rc;

	if (!(s = conn_query(c, sql_result_indicators, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long i = oi_framework_find_indicator(fw, col_str(s, 0));

		if (i < 0) {
			rc = unknown_code(err, "ตัวชี้วัด", col_str(s, 0));
			break;
		}
		ar->result.has_indicator[i] = true;
		ar->result.indicator[i] = sqlite3_column_double(s, 1);
	}
	if (conn_finish(c, s, rc, what, err))
		return -1;

	if (!(s = conn_query(c, sql_result_questions, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long q = question_index(fw, col_str(s, 0));

		if (q < 0) {
			rc = unknown_code(err, "ข้อคำถาม", col_str(s, 0));
			break;
		}
		ar->question_score[q] = sqlite3_column_double(s, 1);
	}
	if (conn_finish(c, s, rc, what, err))
		return -1;

	if (!(s = conn_query(c, sql_result_oits, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long k = oi_framework_find_oit_item(fw, col_str(s, 0));
		const char *comment = col_str(s, 2);

		if (k < 0) {
			rc = unknown_code(err, "ข้อ OIT", col_str(s, 0));
			break;
		}
		ar->verdict[k] = (signed char)(sqlite3_column_int(s, 1) ? 1 : 0);
		/* analysis.h: comment[k] is owned by ar and freed by oi_agency_result_free() */
		if (*comment && ar->comment) {
			free(ar->comment[k]);
			size_t len = strlen(comment) + 1;

			ar->comment[k] = memcpy(xmalloc(len), comment, len);
		}
	}
	if (conn_finish(c, s, rc, what, err))
		return -1;

	if (!(s = conn_query(c, sql_result_previouses, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct oi_previous_result *p = previous_of(ar, sqlite3_column_int(s, 0));
		long i = oi_framework_find_indicator(fw, col_str(s, 1));

		if (i < 0) {
			rc = unknown_code(err, "ตัวชี้วัด", col_str(s, 1));
			break;
		}
		p->result.has_indicator[i] = true;
		p->result.indicator[i] = sqlite3_column_double(s, 2);
	}
	return conn_finish(c, s, rc, what, err);
}

int sqlite_result_load(struct oi_store *base, long agency_id, int fiscal_year_be,
		       const struct oi_framework *fw, struct oi_agency_result **out,
		       struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = reader_get(st);
	struct oi_agency_result *ar = NULL;
	sqlite3_stmt *s = conn_query(c, sql_result_head, err, "li", agency_id, fiscal_year_be);
	long id = 0;
	int rc = -1;

	*out = NULL;
	if (!s)
		goto done;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		id = (long)sqlite3_column_int64(s, 0);
		if (strcmp(col_str(s, 1), fw->id)) {
			rc = oi_error_set(err, NULL, 0, 0, "ผลการประเมินปี %d บันทึกไว้ตามกรอบ %s ไม่ใช่ "
					  "%s (the result of %d was stored under %s, not %s)",
					  fiscal_year_be, col_str(s, 1), fw->id, fiscal_year_be,
					  col_str(s, 1), fw->id);
		} else {
			ar = oi_agency_result_new(fw, col_str(s, 2));
			oi_agency_result_set_name(ar, col_str(s, 3));
			ar->fiscal_year_be = fiscal_year_be;
			rc = 0;
		}
	} else if (rc == SQLITE_DONE) {
		rc = 1;
	} else {
		rc = conn_fail(c, "cannot read the result", err);
	}
	conn_done(c, s);
	if (rc == 0 && result_read_rows(c, id, ar, err))
		rc = -1;
done:
	reader_put(st, c);
	if (rc) {
		oi_agency_result_free(ar);
		return rc;
	}
	for (size_t p = 0; p < ar->n_previous; p++)
		oi_result_finish(fw, &ar->previous[p].result);
	oi_agency_result_finish(ar);
	*out = ar;
	return 0;
}

/* ---- plans ---- */

static const char sql_plan_id[] =
	"SELECT id FROM plans WHERE agency_id = ?1 AND fiscal_year = ?2";
static const char sql_plan_insert[] =
	"INSERT INTO plans (agency_id, fiscal_year, result_year, framework_id, agency_code, "
	"agency_name, prepared_by, prepared_position, memo_department, memo_reference_no, "
	"memo_date, memo_subject, memo_to, memo_signer_name, memo_signer_position, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
static const char sql_plan_update[] =
	"UPDATE plans SET agency_id = ?1, fiscal_year = ?2, result_year = ?3, framework_id = ?4, "
	"agency_code = ?5, agency_name = ?6, prepared_by = ?7, prepared_position = ?8, "
	"memo_department = ?9, memo_reference_no = ?10, memo_date = ?11, memo_subject = ?12, "
	"memo_to = ?13, memo_signer_name = ?14, memo_signer_position = ?15, updated_at = ?16 "
	"WHERE id = ?17";
static const char *const sql_plan_clear[] = {
	"DELETE FROM plan_measures WHERE plan_id = ?1",
	"DELETE FROM plan_measure_steps WHERE plan_id = ?1",
	"DELETE FROM plan_progress WHERE plan_id = ?1",
	"DELETE FROM plan_committees WHERE plan_id = ?1",
	"DELETE FROM plan_committee_members WHERE plan_id = ?1",
	"DELETE FROM plan_problems WHERE plan_id = ?1",
};
static const char sql_plan_measure[] =
	"INSERT INTO plan_measures (plan_id, seq, instrument, source, issue, finding, guideline, "
	"period_start, period_end, unit, followup) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_plan_step[] =
	"INSERT INTO plan_measure_steps (plan_id, measure_seq, seq, step) VALUES (?1, ?2, ?3, ?4)";
static const char sql_plan_progress[] =
	"INSERT INTO plan_progress (plan_id, measure_seq, checkpoint, status, done, suggestion, "
	"remark, evidence_url, reported_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_plan_committee[] =
	"INSERT INTO plan_committees (plan_id, seq, instrument, name, duties) "
	"VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_plan_member[] =
	"INSERT INTO plan_committee_members (plan_id, committee_seq, seq, name, position, role) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_plan_problem[] =
	"INSERT INTO plan_problems (plan_id, seq, problem) VALUES (?1, ?2, ?3)";

static const char *const role_names[] = {"chair", "member", "secretary"};

static int plan_parent(struct conn *c, long agency_id, const struct oi_plan *p, long *id,
		       struct oi_error *err)
{
	const char *what = "cannot save the plan";
	long now = (long)time(NULL);
	const struct oi_memo *m = &p->memo;
	int rc = parent_id(c, sql_plan_id, agency_id, p->fiscal_year_be, id, err);

	if (rc < 0)
		return -1;
	if (rc == 1)
		return conn_run(c, sql_plan_insert, what, id, err, "liittttttttttttl", agency_id,
				p->fiscal_year_be, p->result_year_be, p->framework_id,
				p->agency_code, p->agency_name_th, p->prepared_by_th,
				p->prepared_position_th, m->department_th, m->reference_no,
				m->date, m->subject_th, m->to_th, m->signer_name_th,
				m->signer_position_th, now);
	if (clear_children(c, sql_plan_clear, sizeof sql_plan_clear / sizeof *sql_plan_clear, *id,
			   what, err))
		return -1;
	return conn_run(c, sql_plan_update, what, NULL, err, "liittttttttttttll", agency_id,
			p->fiscal_year_be, p->result_year_be, p->framework_id, p->agency_code,
			p->agency_name_th, p->prepared_by_th, p->prepared_position_th,
			m->department_th, m->reference_no, m->date, m->subject_th, m->to_th,
			m->signer_name_th, m->signer_position_th, now, *id);
}

static int plan_rows(struct conn *c, long id, const struct oi_plan *p, struct oi_error *err)
{
	const char *what = "cannot save the plan";

	for (size_t i = 0; i < p->n_measures; i++) {
		const struct oi_measure *m = &p->measures[i];

		if (conn_run(c, sql_plan_measure, what, NULL, err, "littttttttt", id, (int)i,
			     m->instrument, m->source, m->issue_th, m->finding_th, m->guideline_th,
			     m->period_start, m->period_end, m->unit_th, m->followup_th))
			return -1;
		for (size_t k = 0; k < m->n_steps; k++)
			if (conn_run(c, sql_plan_step, what, NULL, err, "liit", id, (int)i, (int)k,
				     m->steps_th[k]))
				return -1;
		for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++) {
			const struct oi_progress *g = &m->progress[cp];

			if (conn_run(c, sql_plan_progress, what, NULL, err, "liiittttt", id, (int)i,
				     cp, (int)g->status, g->done_th, g->suggestion_th, g->remark_th,
				     g->evidence_url, g->reported_on))
				return -1;
		}
	}
	for (size_t i = 0; i < p->n_committees; i++) {
		const struct oi_committee *cm = &p->committees[i];

		if (conn_run(c, sql_plan_committee, what, NULL, err, "littt", id, (int)i,
			     cm->instrument, cm->name_th, cm->duties_th))
			return -1;
		for (size_t k = 0; k < cm->n_members; k++)
			if (conn_run(c, sql_plan_member, what, NULL, err, "liittt", id, (int)i,
				     (int)k, cm->members[k].name_th, cm->members[k].position_th,
				     role_names[cm->members[k].role]))
				return -1;
	}
	for (size_t i = 0; i < p->n_problems; i++)
		if (conn_run(c, sql_plan_problem, what, NULL, err, "lit", id, (int)i,
			     p->problems_th[i]))
			return -1;
	return 0;
}

struct plan_save {
	long agency_id;
	const struct oi_plan *plan;
};

/* writer_transaction() of a plan save (arg: struct plan_save): the parent, then its rows. */
static int plan_write(struct conn *c, void *arg, struct oi_error *err)
{
	const struct plan_save *a = arg;
	long id = 0;

	if (plan_parent(c, a->agency_id, a->plan, &id, err))
		return -1;
	return plan_rows(c, id, a->plan, err);
}

int sqlite_plan_save(struct oi_store *base, long agency_id, const struct oi_plan *plan,
		     struct oi_error *err)
{
	struct plan_save a = {agency_id, plan};

	return writer_transaction(SQ(base), plan_write, &a, err);
}

static const char sql_plan_head[] =
	"SELECT id, fiscal_year, result_year, framework_id, agency_code, agency_name, prepared_by, "
	"prepared_position, memo_department, memo_reference_no, memo_date, memo_subject, memo_to, "
	"memo_signer_name, memo_signer_position FROM plans WHERE agency_id = ?1 AND fiscal_year = ?2";
static const char sql_plan_measures[] =
	"SELECT seq, instrument, source, issue, finding, guideline, period_start, period_end, unit, "
	"followup FROM plan_measures WHERE plan_id = ?1 ORDER BY seq";
static const char sql_plan_steps[] =
	"SELECT measure_seq, step FROM plan_measure_steps WHERE plan_id = ?1 "
	"ORDER BY measure_seq, seq";
static const char sql_plan_progresses[] =
	"SELECT measure_seq, checkpoint, status, done, suggestion, remark, evidence_url, "
	"reported_on FROM plan_progress WHERE plan_id = ?1 ORDER BY measure_seq, checkpoint";
static const char sql_plan_committees[] =
	"SELECT seq, instrument, name, duties FROM plan_committees WHERE plan_id = ?1 ORDER BY seq";
static const char sql_plan_members[] =
	"SELECT committee_seq, name, position, role FROM plan_committee_members WHERE plan_id = ?1 "
	"ORDER BY committee_seq, seq";
static const char sql_plan_problems[] =
	"SELECT problem FROM plan_problems WHERE plan_id = ?1 ORDER BY seq";

static int corrupt(struct oi_error *err, const char *table)
{
	return oi_error_set(err, NULL, 0, 0, "แผนที่บันทึกไว้ไม่สมบูรณ์ (plan rows of %s do not "
			    "match their parent)", table);
}

/* The head row of a plan into a new plan *out; *id its row. 1 when none. */
static int plan_read_head(struct conn *c, long agency_id, int fiscal_year_be, long *id,
			  struct oi_plan **out, struct oi_error *err)
{
	sqlite3_stmt *s = conn_query(c, sql_plan_head, err, "li", agency_id, fiscal_year_be);
	struct oi_plan *p;
	int rc;

	if (!s)
		return -1;
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		rc = rc == SQLITE_DONE ? 1 : conn_fail(c, "cannot read the plan", err);
		conn_done(c, s);
		return rc;
	}
	*id = (long)sqlite3_column_int64(s, 0);
	p = oi_plan_new(col_str(s, 3), col_str(s, 4), sqlite3_column_int(s, 1));
	p->result_year_be = sqlite3_column_int(s, 2);
	oi_plan_set(p, &p->agency_name_th, col_str(s, 5));
	oi_plan_set(p, &p->prepared_by_th, col_str(s, 6));
	oi_plan_set(p, &p->prepared_position_th, col_str(s, 7));
	oi_plan_set(p, &p->memo.department_th, col_str(s, 8));
	oi_plan_set(p, &p->memo.reference_no, col_str(s, 9));
	oi_plan_set(p, &p->memo.date, col_str(s, 10));
	oi_plan_set(p, &p->memo.subject_th, col_str(s, 11));
	oi_plan_set(p, &p->memo.to_th, col_str(s, 12));
	oi_plan_set(p, &p->memo.signer_name_th, col_str(s, 13));
	oi_plan_set(p, &p->memo.signer_position_th, col_str(s, 14));
	conn_done(c, s);
	*out = p;
	return 0;
}

static int plan_read_rows(struct conn *c, long id, struct oi_plan *p, struct oi_error *err)
{
	const char *what = "cannot read the plan";
	sqlite3_stmt *s;
	int rc;

	if (!(s = conn_query(c, sql_plan_measures, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct oi_measure *m;

		if (sqlite3_column_int64(s, 0) != (sqlite3_int64)p->n_measures) {
			rc = corrupt(err, "plan_measures");
			break;
		}
		m = oi_plan_add_measure(p);
		oi_plan_set(p, &m->instrument, col_str(s, 1));
		oi_plan_set(p, &m->source, col_str(s, 2));
		oi_plan_set(p, &m->issue_th, col_str(s, 3));
		oi_plan_set(p, &m->finding_th, col_str(s, 4));
		oi_plan_set(p, &m->guideline_th, col_str(s, 5));
		oi_plan_set(p, &m->period_start, col_str(s, 6));
		oi_plan_set(p, &m->period_end, col_str(s, 7));
		oi_plan_set(p, &m->unit_th, col_str(s, 8));
		oi_plan_set(p, &m->followup_th, col_str(s, 9));
	}
	if (conn_finish(c, s, rc, what, err))
		return -1;

	if (!(s = conn_query(c, sql_plan_steps, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_int64 ms = sqlite3_column_int64(s, 0);

		if (ms < 0 || (size_t)ms >= p->n_measures) {
			rc = corrupt(err, "plan_measure_steps");
			break;
		}
		oi_plan_measure_add_step(p, &p->measures[ms], col_str(s, 1));
	}
	if (conn_finish(c, s, rc, what, err))
		return -1;

	if (!(s = conn_query(c, sql_plan_progresses, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_int64 ms = sqlite3_column_int64(s, 0);
		int cp = sqlite3_column_int(s, 1), status = sqlite3_column_int(s, 2);
		struct oi_progress *g;

		if (ms < 0 || (size_t)ms >= p->n_measures || cp < 0 || cp >= OI_PLAN_CHECKPOINTS ||
		    status < 0 || status > OI_PROGRESS_DONE) {
			rc = corrupt(err, "plan_progress");
			break;
		}
		g = &p->measures[ms].progress[cp];
		g->status = (enum oi_progress_status)status;
		oi_plan_set(p, &g->done_th, col_str(s, 3));
		oi_plan_set(p, &g->suggestion_th, col_str(s, 4));
		oi_plan_set(p, &g->remark_th, col_str(s, 5));
		oi_plan_set(p, &g->evidence_url, col_str(s, 6));
		oi_plan_set(p, &g->reported_on, col_str(s, 7));
	}
	if (conn_finish(c, s, rc, what, err))
		return -1;

	if (!(s = conn_query(c, sql_plan_committees, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct oi_committee *cm;

		if (sqlite3_column_int64(s, 0) != (sqlite3_int64)p->n_committees) {
			rc = corrupt(err, "plan_committees");
			break;
		}
		cm = oi_plan_add_committee(p);
		oi_plan_set(p, &cm->instrument, col_str(s, 1));
		oi_plan_set(p, &cm->name_th, col_str(s, 2));
		oi_plan_set(p, &cm->duties_th, col_str(s, 3));
	}
	if (conn_finish(c, s, rc, what, err))
		return -1;

	if (!(s = conn_query(c, sql_plan_members, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		sqlite3_int64 cs = sqlite3_column_int64(s, 0);
		struct oi_committee_member *mb;
		const char *role = col_str(s, 3);

		if (cs < 0 || (size_t)cs >= p->n_committees) {
			rc = corrupt(err, "plan_committee_members");
			break;
		}
		mb = oi_plan_committee_add_member(p, &p->committees[cs]);
		oi_plan_set(p, &mb->name_th, col_str(s, 1));
		oi_plan_set(p, &mb->position_th, col_str(s, 2));
		mb->role = !strcmp(role, "chair")	   ? OI_ROLE_CHAIR
			   : !strcmp(role, "secretary") ? OI_ROLE_SECRETARY
							 : OI_ROLE_MEMBER;
	}
	if (conn_finish(c, s, rc, what, err))
		return -1;

	if (!(s = conn_query(c, sql_plan_problems, err, "l", id)))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		oi_plan_add_problem(p, col_str(s, 0));
	return conn_finish(c, s, rc, what, err);
}

int sqlite_plan_load(struct oi_store *base, long agency_id, int fiscal_year_be,
		     struct oi_plan **out, struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = reader_get(st);
	struct oi_plan *p = NULL;
	long id = 0;
	int rc = plan_read_head(c, agency_id, fiscal_year_be, &id, &p, err);

	if (rc == 0 && plan_read_rows(c, id, p, err))
		rc = -1;
	reader_put(st, c);
	if (rc) {
		oi_plan_free(p);
		p = NULL;
	}
	*out = p;
	return rc;
}

static const char sql_plan_list[] =
	"SELECT a.id, a.code, a.name, a.type, a.province, a.parent_code, p.id IS NOT NULL, "
	"(SELECT count(*) FROM plan_measures m WHERE m.plan_id = p.id), "
	"EXISTS (SELECT 1 FROM agency_results r WHERE r.agency_id = a.id AND "
	"r.fiscal_year = ?2) "
	"FROM agencies a LEFT JOIN plans p ON p.agency_id = a.id AND p.fiscal_year = ?1 "
	"ORDER BY a.code";

int sqlite_plan_list(struct oi_store *base, int fiscal_year_be, struct oi_plan_overview **out,
		     size_t *n, struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = reader_get(st);
	sqlite3_stmt *s = conn_query(c, sql_plan_list, err, "ii", fiscal_year_be, fiscal_year_be - 1);
	struct oi_plan_overview *rows = NULL;
	size_t used = 0, cap = 0;
	int rc = -1;

	if (s) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct oi_plan_overview *o;

			rows = array_grow(rows, used, &cap, sizeof *rows);
			o = &rows[used++];
			memset(o, 0, sizeof *o);
			o->agency.id = (long)sqlite3_column_int64(s, 0);
			snprintf(o->agency.code, sizeof o->agency.code, "%s", col_str(s, 1));
			snprintf(o->agency.name, sizeof o->agency.name, "%s", col_str(s, 2));
			snprintf(o->agency.type, sizeof o->agency.type, "%s", col_str(s, 3));
			snprintf(o->agency.province, sizeof o->agency.province, "%s", col_str(s, 4));
			snprintf(o->agency.parent_code, sizeof o->agency.parent_code, "%s",
				 col_str(s, 5));
			o->has_plan = sqlite3_column_int(s, 6) != 0;
			o->n_measures = (size_t)sqlite3_column_int64(s, 7);
			o->has_result = sqlite3_column_int(s, 8) != 0;
		}
		rc = conn_finish(c, s, rc, "cannot read the plans", err);
	}
	reader_put(st, c);
	if (rc) {
		free(rows);
		return -1;
	}
	*out = rows ? rows : xcalloc(1, sizeof *rows);
	*n = used;
	return 0;
}

/* Two plain scans and a merge here: the same rows through two LEFT JOINs cost several times
 * as much (an index search per measure and checkpoint; docs/BENCHMARKS.md). */
static const char sql_plan_measure_dates[] =
	"SELECT m.plan_id, p.agency_id, m.seq, m.period_start, m.period_end "
	"FROM plans p JOIN plan_measures m ON m.plan_id = p.id WHERE p.fiscal_year = ?1";
static const char sql_plan_progress_status[] =
	"SELECT g.plan_id, g.measure_seq, g.checkpoint, g.status "
	"FROM plans p JOIN plan_progress g ON g.plan_id = p.id "
	"WHERE p.fiscal_year = ?1 AND g.status > 0";

struct measure_key {
	long plan_id, seq;
	size_t row;                    /* index into the result rows (measures only) */
	int checkpoint, status;        /* progress only */
};

static int by_plan_seq(const void *a, const void *b)
{
	const struct measure_key *x = a, *y = b;

	if (x->plan_id != y->plan_id)
		return (x->plan_id > y->plan_id) - (x->plan_id < y->plan_id);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

int sqlite_plan_measure_dates(struct oi_store *base, int fiscal_year_be,
			      struct store_measure_dates **out, size_t *n, struct oi_error *err)
{
	struct sqlite_store *st = SQ(base);
	struct conn *c = reader_get(st);
	sqlite3_stmt *s = conn_query(c, sql_plan_measure_dates, err, "i", fiscal_year_be);
	struct store_measure_dates *rows = NULL, *sorted = NULL;
	struct measure_key *keys = NULL, *prog = NULL;
	size_t used = 0, cap = 0, kcap = 0, n_prog = 0, pcap = 0;
	int rc = -1;

	if (s) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct store_measure_dates *r;

			rows = array_grow(rows, used, &cap, sizeof *rows);
			keys = array_grow(keys, used, &kcap, sizeof *keys);
			r = &rows[used];
			memset(r, 0, sizeof *r);
			keys[used].plan_id = (long)sqlite3_column_int64(s, 0);
			r->agency_id = (long)sqlite3_column_int64(s, 1);
			keys[used].seq = (long)sqlite3_column_int64(s, 2);
			keys[used].row = used;
			snprintf(r->period_start, sizeof r->period_start, "%s", col_str(s, 3));
			snprintf(r->period_end, sizeof r->period_end, "%s", col_str(s, 4));
			used++;
		}
		rc = conn_finish(c, s, rc, "cannot read the plans' measures", err);
	}
	s = rc ? NULL : conn_query(c, sql_plan_progress_status, err, "i", fiscal_year_be);
	if (s) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			struct measure_key *g;

			prog = array_grow(prog, n_prog, &pcap, sizeof *prog);
			g = &prog[n_prog++];
			g->plan_id = (long)sqlite3_column_int64(s, 0);
			g->seq = (long)sqlite3_column_int64(s, 1);
			g->checkpoint = sqlite3_column_int(s, 2);
			g->status = sqlite3_column_int(s, 3);
		}
		rc = conn_finish(c, s, rc, "cannot read the plans' progress", err);
	} else {
		rc = -1;
	}
	reader_put(st, c);
	if (rc == 0) {
		/* measures in (plan, seq) order, so one plan's (one agency's) are together; each
		 * takes the statuses of its progress rows, found by a merge of the two orders */
		size_t g = 0;

		if (used)
			qsort(keys, used, sizeof *keys, by_plan_seq);
		if (n_prog)
			qsort(prog, n_prog, sizeof *prog, by_plan_seq);
		sorted = xcalloc(used ? used : 1, sizeof *sorted);
		for (size_t i = 0; i < used; i++) {
			struct store_measure_dates *r = &sorted[i];

			*r = rows[keys[i].row];
			while (g < n_prog && by_plan_seq(&prog[g], &keys[i]) < 0)
				g++;
			for (; g < n_prog && by_plan_seq(&prog[g], &keys[i]) == 0; g++)
				if (prog[g].checkpoint >= 0 &&
				    prog[g].checkpoint < OI_PLAN_CHECKPOINTS &&
				    prog[g].status > 0 && prog[g].status <= OI_PROGRESS_DONE)
					r->status[prog[g].checkpoint] = (unsigned char)prog[g].status;
		}
	}
	free(rows);
	free(keys);
	free(prog);
	if (rc) {
		free(sorted);
		return -1;
	}
	*out = sorted;
	*n = used;
	return 0;
}
