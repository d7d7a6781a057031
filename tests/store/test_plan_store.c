/*
 * test_plan_store.c — the store's agency results and measures plans (store.h, issue 5;
 * src/store/sqlite_plan.c) on SQLite files in a fresh folder per test: a plan with every kind of
 * row round-trips equal to oi_plan_to_json() of the original; a second save replaces the first
 * (and leaves no rows of it); a missing plan is "not found" (1), distinct from an error; a save
 * that fails in the middle (a trigger refusing one row) rolls back and leaves the old plan;
 * invalid plans are refused before anything is written; results round-trip (indicators,
 * question scores, verdicts with comments, earlier years) and refuse another framework; the
 * national overview counts measures, reports and alerts.
 */
#include <math.h>
#include <sys/stat.h>

#include "openita/analysis.h"
#include "openita/plan.h"
#include "storetest.h"

struct fixture {
	STORE_FIXTURE_FIELDS;
	struct oi_agency a01, a02;
	struct oi_framework *fw;
};

static void add_agency(struct fixture *fx, struct oi_agency *a, const char *code)
{
	struct oi_error err;

	memset(a, 0, sizeof *a);
	snprintf(a->code, sizeof a->code, "%s", code);
	snprintf(a->name, sizeof a->name, "สำนักงานทดสอบ %s", code);
	if (oi_store_agency_add(fx->st, a, &err))
		fail_msg("agency: %s", err.message);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);

	assert_non_null(fx);
	store_fixture_open(fx, "plan");
	add_agency(fx, &fx->a01, "A01");
	add_agency(fx, &fx->a02, "A02");
	fx->fw = load_builtin("ita-2565");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_fixture_close(fx);
	oi_framework_free(fx->fw);
	free(fx);
	return 0;
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* A plan with every kind of row: `tag` goes into its texts so two plans differ. */
static struct oi_plan *full_plan(const char *tag, size_t n_measures)
{
	struct oi_plan *p = oi_plan_new("ita-2565", "A01", 2569);
	struct oi_committee *c;
	struct oi_committee_member *mb;

	p->result_year_be = 2568;
	oi_plan_set(p, &p->agency_name_th, "สำนักงานทดสอบ A01");
	oi_plan_set(p, &p->prepared_by_th, "นางสาวทดสอบ ระบบดี");
	oi_plan_set(p, &p->prepared_position_th, "นักวิเคราะห์นโยบายและแผน");
	for (size_t i = 0; i < n_measures; i++) {
		struct oi_measure *m = oi_plan_add_measure(p);
		char text[128];

		snprintf(text, sizeof text, "%s มาตรการที่ %zu \"ใส่เครื่องหมาย\" <b>&", tag, i + 1);
		oi_plan_set(p, &m->instrument, i % 2 ? "EIT" : "IIT");
		oi_plan_set(p, &m->source, i % 2 ? "e11" : "3");
		oi_plan_set(p, &m->issue_th, text);
		oi_plan_set(p, &m->finding_th, "คะแนนต่ำกว่าเกณฑ์\nบรรทัดที่สอง");
		oi_plan_set(p, &m->guideline_th, "เปิดเผยข้อมูลให้ครบ");
		oi_plan_measure_add_step(p, m, "ขั้นที่ 1");
		oi_plan_measure_add_step(p, m, "ขั้นที่ 2");
		oi_plan_set(p, &m->unit_th, "กองกลาง");
		oi_plan_set(p, &m->followup_th, "รายงานผู้บริหารทุกไตรมาส");
		if (i == 0) {
			struct oi_progress *g = &m->progress[0];

			g->status = OI_PROGRESS_IN_PROGRESS;
			oi_plan_set(p, &g->done_th, "จัดประชุมชี้แจงแล้ว");
			oi_plan_set(p, &g->suggestion_th, "ควรเพิ่มช่องทาง");
			oi_plan_set(p, &g->remark_th, "-");
			oi_plan_set(p, &g->evidence_url, "https://example.go.th/ita/1");
			oi_plan_set(p, &g->reported_on, "2026-03-31");
		}
	}
	c = oi_plan_add_committee(p);
	oi_plan_set(p, &c->instrument, "IIT");
	oi_plan_set(p, &c->name_th, "คณะทำงานด้าน IIT");
	oi_plan_set(p, &c->duties_th, "ขับเคลื่อนมาตรการ");
	mb = oi_plan_committee_add_member(p, c);
	oi_plan_set(p, &mb->name_th, "นายประธาน ทดสอบ");
	oi_plan_set(p, &mb->position_th, "ผู้อำนวยการ");
	mb->role = OI_ROLE_CHAIR;
	mb = oi_plan_committee_add_member(p, &p->committees[0]);
	oi_plan_set(p, &mb->name_th, "นางเลขา ทดสอบ");
	mb->role = OI_ROLE_SECRETARY;
	c = oi_plan_add_committee(p);
	oi_plan_set(p, &c->instrument, "");
	oi_plan_set(p, &c->name_th, "คณะทำงานภาพรวม");
	oi_plan_add_problem(p, "งบประมาณจำกัด");
	oi_plan_add_problem(p, tag);
	oi_plan_set(p, &p->memo.department_th, "สำนักงานทดสอบ A01 กองกลาง");
	oi_plan_set(p, &p->memo.reference_no, "ทส 0001/123");
	oi_plan_set(p, &p->memo.date, "2025-12-01");
	oi_plan_set(p, &p->memo.to_th, "ผู้อำนวยการ");
	oi_plan_set(p, &p->memo.signer_name_th, "นายลงนาม ทดสอบ");
	oi_plan_set(p, &p->memo.signer_position_th, "หัวหน้ากองกลาง");
	return p;
}

static void assert_plan_equal(const struct oi_plan *want, const struct oi_plan *got)
{
	char *a = oi_plan_to_json(want), *b = oi_plan_to_json(got);

	assert_non_null(a);
	assert_non_null(b);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static struct oi_plan *load_ok(struct fixture *fx, long agency, int year)
{
	struct oi_plan *p = NULL;
	struct oi_error err;
	int rc = oi_store_plan_load(fx->st, agency, year, &p, &err);

	if (rc)
		fail_msg("plan load: %d %s", rc, rc < 0 ? err.message : "not found");
	return p;
}

static void plan_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct oi_plan *p = full_plan("แผนแรก", 3), *got;
	struct oi_error err;

	if (oi_store_plan_save(fx->st, fx->a01.id, p, &err))
		fail_msg("save: %s", err.message);
	got = load_ok(fx, fx->a01.id, 2569);
	assert_plan_equal(p, got);
	assert_int_equal(got->n_measures, 3);
	assert_int_equal(got->measures[0].n_steps, 2);
	assert_int_equal(got->measures[0].progress[0].status, OI_PROGRESS_IN_PROGRESS);
	assert_int_equal(got->committees[0].members[1].role, OI_ROLE_SECRETARY);
	oi_plan_free(got);
	oi_plan_free(p);
}

static void plan_empty_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct oi_plan *p = oi_plan_new("ita-2565", "A02", 2569), *got;
	struct oi_error err;

	if (oi_store_plan_save(fx->st, fx->a02.id, p, &err))
		fail_msg("save: %s", err.message);
	got = load_ok(fx, fx->a02.id, 2569);
	assert_plan_equal(p, got);
	oi_plan_free(got);
	oi_plan_free(p);
}

static void plan_save_replaces(void **state)
{
	struct fixture *fx = *state;
	struct oi_plan *first = full_plan("แผนแรก", 5), *second = full_plan("แผนที่สอง", 2), *got;
	struct oi_error err;

	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, first, &err), 0);
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, second, &err), 0);
	got = load_ok(fx, fx->a01.id, 2569);
	assert_plan_equal(second, got);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM plans"), 1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM plan_measures"), 2);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM plan_measure_steps"), 4);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM plan_progress"), 4);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM plan_committee_members"), 2);
	oi_plan_free(got);
	oi_plan_free(first);
	oi_plan_free(second);
}

static void plan_not_found_is_distinct(void **state)
{
	struct fixture *fx = *state;
	struct oi_plan *p = (struct oi_plan *)&p, *plan = full_plan("x", 1);
	struct oi_error err;

	assert_int_equal(oi_store_plan_load(fx->st, fx->a01.id, 2569, &p, &err), 1);
	assert_null(p);
	/* another year, another agency: still not found */
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, plan, &err), 0);
	assert_int_equal(oi_store_plan_load(fx->st, fx->a01.id, 2570, &p, &err), 1);
	assert_int_equal(oi_store_plan_load(fx->st, fx->a02.id, 2569, &p, &err), 1);
	assert_null(p);
	/* a bad argument is an error, not "not found" */
	assert_int_equal(oi_store_plan_load(fx->st, 0, 2569, &p, &err), -1);
	oi_plan_free(plan);
}

static void plan_failed_save_keeps_the_old_plan(void **state)
{
	struct fixture *fx = *state;
	struct oi_plan *old = full_plan("แผนเดิม", 3), *bad = full_plan("boom", 4), *got;
	struct oi_error err;

	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, old, &err), 0);
	/* The last rows a save writes are the problems: refuse one, after everything else of the
	 * new plan has been written in the transaction. */
	raw_exec(fx->path, "CREATE TRIGGER refuse_boom BEFORE INSERT ON plan_problems "
			   "WHEN NEW.problem = 'boom' BEGIN SELECT RAISE(ABORT, 'boom refused'); END");
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, bad, &err), -1);
	assert_non_null(strstr(err.message, "boom refused"));
	got = load_ok(fx, fx->a01.id, 2569);
	assert_plan_equal(old, got);
	oi_plan_free(got);
	/* and the store still works afterwards */
	raw_exec(fx->path, "DROP TRIGGER refuse_boom");
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, bad, &err), 0);
	got = load_ok(fx, fx->a01.id, 2569);
	assert_plan_equal(bad, got);
	oi_plan_free(got);
	oi_plan_free(old);
	oi_plan_free(bad);
}

static void plan_invalid_is_refused_before_writing(void **state)
{
	struct fixture *fx = *state;
	struct oi_plan *p;
	struct oi_error err;
	char *long_text;

	p = full_plan("x", 1);
	oi_plan_set(p, &p->measures[0].period_end, "2026-02-30");
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, p, &err), -1);
	oi_plan_free(p);

	p = full_plan("x", 1);
	oi_plan_set(p, &p->measures[0].issue_th, "\xe0\xb8");   /* cut UTF-8 */
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, p, &err), -1);
	assert_non_null(strstr(err.message, "UTF-8"));
	oi_plan_free(p);

	p = full_plan("x", 1);
	long_text = malloc(9000);
	memset(long_text, 'a', 8999);
	long_text[8999] = '\0';
	oi_plan_add_problem(p, long_text);
	free(long_text);
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, p, &err), -1);
	oi_plan_free(p);

	p = full_plan("x", 1);
	p->fiscal_year_be = 2025;   /* a Common Era year by mistake */
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, p, &err), -1);
	oi_plan_free(p);

	p = full_plan("x", 1);
	oi_plan_set(p, &p->problems_th[0], "มี\x01อักขระควบคุม");
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, p, &err), -1);
	oi_plan_free(p);

	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM plans"), 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM plan_measures"), 0);
}

/* A result of A01 for 2568 under fw: indicators 1..9, two failed OIT items with comments, a
 * question score, two earlier years. */
static struct oi_agency_result *sample_result(const struct oi_framework *fw)
{
	struct oi_agency_result *ar = oi_agency_result_new(fw, "A01");
	long o1 = oi_framework_find_oit_item(fw, fw->oit_items[0].code);

	ar->fiscal_year_be = 2568;
	for (size_t i = 0; i + 1 < fw->n_indicators; i++) {
		ar->result.has_indicator[i] = true;
		ar->result.indicator[i] = 80.0 + (double)i * 1.25;
	}
	ar->question_score[0] = 71.5;
	assert_true(o1 >= 0);
	ar->verdict[0] = 0;
	ar->comment[0] = malloc(64);
	snprintf(ar->comment[0], 64, "%s", "ไม่พบข้อมูลผู้บริหาร");
	ar->verdict[1] = 1;
	ar->verdict[2] = 0;
	for (int y = 0; y < 2; y++) {
		struct oi_previous_result *pr = &ar->previous[ar->n_previous++];

		pr->fiscal_year_be = 2566 + y;
		pr->result.has_indicator[0] = true;
		pr->result.indicator[0] = 70.0 + y;
		pr->result.has_indicator[2] = true;
		pr->result.indicator[2] = 60.5 + y;
	}
	oi_agency_result_finish(ar);
	return ar;
}

static void result_round_trip(void **state)
{
	struct fixture *fx = *state;
	struct oi_agency_result *ar = sample_result(fx->fw), *got = NULL;
	struct oi_error err;

	if (oi_store_result_save(fx->st, fx->a01.id, ar, "entered", &err))
		fail_msg("save: %s", err.message);
	assert_int_equal(oi_store_result_load(fx->st, fx->a01.id, 2568, fx->fw, &got, &err), 0);
	assert_non_null(got);
	assert_string_equal(got->agency_code, "A01");
	assert_string_equal(got->agency_name, "สำนักงานทดสอบ A01");
	assert_int_equal(got->fiscal_year_be, 2568);
	for (size_t i = 0; i < fx->fw->n_indicators; i++) {
		assert_int_equal(got->result.has_indicator[i], ar->result.has_indicator[i]);
		if (ar->result.has_indicator[i])
			assert_true(got->result.indicator[i] == ar->result.indicator[i]);
	}
	assert_false(got->result.complete);
	assert_true(got->question_score[0] == 71.5);
	assert_true(isnan(got->question_score[1]));
	assert_int_equal(got->verdict[0], 0);
	assert_string_equal(got->comment[0], "ไม่พบข้อมูลผู้บริหาร");
	assert_int_equal(got->verdict[1], 1);
	assert_int_equal(got->verdict[2], 0);
	assert_null(got->comment[2]);
	assert_int_equal(got->verdict[3], -1);
	assert_int_equal(got->n_previous, 2);
	assert_int_equal(got->previous[0].fiscal_year_be, 2566);
	assert_int_equal(got->previous[1].fiscal_year_be, 2567);
	assert_true(got->previous[1].result.indicator[2] == 61.5);
	assert_false(got->previous[1].result.has_indicator[1]);
	oi_agency_result_free(got);

	/* replace: fewer indicators, no earlier years */
	ar->n_previous = 0;
	ar->result.has_indicator[1] = false;
	assert_int_equal(oi_store_result_save(fx->st, fx->a01.id, ar, "entered", &err), 0);
	assert_int_equal(oi_store_result_load(fx->st, fx->a01.id, 2568, fx->fw, &got, &err), 0);
	assert_false(got->result.has_indicator[1]);
	assert_int_equal(got->n_previous, 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM agency_results"), 1);
	oi_agency_result_free(got);
	oi_agency_result_free(ar);
}

static void result_not_found_and_errors(void **state)
{
	struct fixture *fx = *state;
	struct oi_agency_result *ar = sample_result(fx->fw), *got = NULL;
	struct oi_framework *other = load_builtin("ita-2568");
	struct oi_error err;

	assert_int_equal(oi_store_result_load(fx->st, fx->a01.id, 2568, fx->fw, &got, &err), 1);
	assert_null(got);
	ar->result.indicator[0] = 100.5;
	assert_int_equal(oi_store_result_save(fx->st, fx->a01.id, ar, "entered", &err), -1);
	ar->result.indicator[0] = NAN;
	assert_int_equal(oi_store_result_save(fx->st, fx->a01.id, ar, "entered", &err), -1);
	ar->result.indicator[0] = 90;
	assert_int_equal(oi_store_result_save(fx->st, fx->a01.id, ar, "guessed", &err), -1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM agency_results"), 0);
	assert_int_equal(oi_store_result_save(fx->st, fx->a01.id, ar, "computed", &err), 0);
	assert_int_equal(oi_store_result_load(fx->st, fx->a01.id, 2568, other, &got, &err), -1);
	assert_null(got);
	assert_non_null(strstr(err.message, "ita-2565"));
	oi_framework_free(other);
	oi_agency_result_free(ar);
}

/* The overview's counts of one plan, checked kind by kind against oi_plan_alerts. */
static void assert_counts(const struct oi_plan_overview *o, const struct oi_plan *p,
			  const char *today)
{
	struct oi_plan_alert alerts[64];
	size_t n = oi_plan_alerts(p, today, alerts, 64), overdue = 0, reported = 0;

	for (size_t i = 0; i < n; i++)
		overdue += alerts[i].kind == OI_ALERT_OVERDUE;
	for (size_t m = 0; m < p->n_measures; m++)
		for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++)
			reported += p->measures[m].progress[cp].status != OI_PROGRESS_NOT_REPORTED;
	assert_int_equal(o->n_measures, p->n_measures);
	assert_int_equal(o->n_reported, reported);
	assert_int_equal(o->n_overdue, overdue);
	assert_int_equal(o->n_missing, n - overdue);
}

static void overview_counts_measures_and_alerts(void **state)
{
	struct fixture *fx = *state;
	struct oi_plan *p = full_plan("x", 3), *q = full_plan("y", 5), *later = full_plan("z", 4);
	struct oi_agency_result *ar = sample_result(fx->fw);
	struct oi_plan_overview *rows = NULL;
	struct oi_error err;
	size_t n = 0;

	/* A02's plan: one measure done at 12 months, one ended early and in progress, one
	 * with no dates at all (raises nothing) */
	oi_plan_set(q, &q->agency_code, "A02");
	q->measures[1].progress[1].status = OI_PROGRESS_DONE;
	oi_plan_set(q, &q->measures[2].period_end, "2026-01-31");
	q->measures[2].progress[0].status = OI_PROGRESS_IN_PROGRESS;
	oi_plan_set(q, &q->measures[3].period_start, "");
	oi_plan_set(q, &q->measures[3].period_end, "");
	/* A01's plan of the next year must not count in 2569 */
	later->fiscal_year_be = 2570;
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, p, &err), 0);
	assert_int_equal(oi_store_plan_save(fx->st, fx->a02.id, q, &err), 0);
	assert_int_equal(oi_store_plan_save(fx->st, fx->a01.id, later, &err), 0);
	assert_int_equal(oi_store_result_save(fx->st, fx->a01.id, ar, "entered", &err), 0);
	for (size_t d = 0; d < 4; d++) {
		static const char *const days[] = {"2025-10-01", "2026-04-15", "2026-10-15",
						   "2027-12-31"};

		if (oi_store_plan_overview(fx->st, 2569, days[d], &rows, &n, &err))
			fail_msg("overview: %s", err.message);
		assert_int_equal(n, 2);
		assert_string_equal(rows[0].agency.code, "A01");
		assert_true(rows[0].has_plan);
		assert_true(rows[0].has_result);
		assert_counts(&rows[0], p, days[d]);
		assert_string_equal(rows[1].agency.code, "A02");
		assert_true(rows[1].has_plan);
		assert_false(rows[1].has_result);
		assert_counts(&rows[1], q, days[d]);
		if (d == 2)
			assert_true(rows[0].n_overdue + rows[0].n_missing > 0);
		free(rows);
	}
	assert_int_equal(oi_store_plan_overview(fx->st, 2568, "2026-10-15", &rows, &n, &err), 0);
	assert_false(rows[0].has_plan);
	assert_int_equal(rows[0].n_measures + rows[0].n_reported + rows[0].n_overdue +
			 rows[0].n_missing, 0);
	free(rows);
	assert_int_equal(oi_store_plan_overview(fx->st, 2569, "yesterday", &rows, &n, &err), -1);
	oi_agency_result_free(ar);
	oi_plan_free(p);
	oi_plan_free(q);
	oi_plan_free(later);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(plan_round_trip),
		T(plan_empty_round_trip),
		T(plan_save_replaces),
		T(plan_not_found_is_distinct),
		T(plan_failed_save_keeps_the_old_plan),
		T(plan_invalid_is_refused_before_writing),
		T(result_round_trip),
		T(result_not_found_and_errors),
		T(overview_counts_measures_and_alerts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
