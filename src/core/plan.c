/*
 * plan.c — the measures plan as a model: a plan and everything in it live in one arena; strings
 * change through oi_plan_set() and arrays grow through the _add functions, so freeing the plan
 * frees all at once. Also the calendar the plan needs (fiscal-year bounds, the 6- and 12-month
 * checkpoint dates, strict ISO dates with leap years), the alerts a plan raises as of a day, and
 * the Thai labels of statuses and committee roles.
 *
 * Arrays carry no capacity field: their capacity is implied by their length (0, then powers of
 * two from 4), and growing copies into a larger block of the arena. The old block stays until
 * the plan is freed; a plan is small (at most 500 measures) so the waste is bounded by the size
 * of the arrays themselves.
 */
#include <stdlib.h>
#include <string.h>

#include "plan_int.h"

/* ---- calendar --------------------------------------------------------------------------- */

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

static int digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Split a strict "YYYY-MM-DD" into its parts; false when it is not a calendar date. */
static bool parse_date(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	*y = digits(s, 4);
	*m = digits(s + 5, 2);
	*d = digits(s + 8, 2);
	if (*y < 0 || *m < 1 || *m > 12 || *d < 1)
		return false;
	return *d <= days_in_month(*y, *m);
}

bool plan_date_valid(const char *s)
{
	int y, m, d;

	return parse_date(s, &y, &m, &d) && y >= PLAN_DATE_YEAR_MIN && y <= PLAN_DATE_YEAR_MAX;
}

static void format_date(char out[11], int y, int m, int d)
{
	if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) {
		out[0] = '\0';
		return;
	}
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

void oi_fiscal_year_bounds(int fiscal_year_be, char start[11], char end[11])
{
	int ce = fiscal_year_be - 543;

	if (ce < 1 || ce > 9999) {
		start[0] = end[0] = '\0';
		return;
	}
	format_date(start, ce - 1, 10, 1);
	format_date(end, ce, 9, 30);
}

/*
 * Checkpoint 0 closes the first six months: the start plus six calendar months (the day kept,
 * or the month's last day when it has no such day, as common date libraries do), less one day.
 * 2022-10-01 → 2023-03-31; 2024-08-31 → 2025-02-27.
 */
void oi_measure_checkpoint_due(const struct oi_measure *m, int checkpoint, char due[11])
{
	int y, mo, d;

	due[0] = '\0';
	if (checkpoint == 1) {
		if (plan_date_valid(m->period_end))
			memcpy(due, m->period_end, 11);
		return;
	}
	if (checkpoint != 0 || !plan_date_valid(m->period_start))
		return;
	parse_date(m->period_start, &y, &mo, &d);
	mo += 6;
	if (mo > 12) {
		mo -= 12;
		y++;
	}
	if (d > days_in_month(y, mo))
		d = days_in_month(y, mo);
	if (--d == 0) {
		if (--mo == 0) {
			mo = 12;
			y--;
		}
		d = days_in_month(y, mo);
	}
	format_date(due, y, mo, d);
}

/* ---- the model -------------------------------------------------------------------------- */

static struct arena *plan_arena(struct oi_plan *plan)
{
	return &plan->priv->arena;
}

/* The capacity an array of n elements has (see the opening comment). */
static size_t implied_capacity(size_t n)
{
	size_t cap = 4;

	if (!n)
		return 0;
	while (cap < n)
		cap *= 2;
	return cap;
}

/* arr (n elements of size bytes) with room for one more, zeroed. */
static void *grow(struct oi_plan *plan, void *arr, size_t n, size_t size)
{
	size_t cap = implied_capacity(n);
	void *bigger;

	if (n < cap) {
		memset((char *)arr + n * size, 0, size);
		return arr;
	}
	bigger = arena_alloc(plan_arena(plan), (cap ? 2 * cap : 4) * size);
	if (n)
		memcpy(bigger, arr, n * size);
	return bigger;
}

struct oi_plan *oi_plan_new(const char *framework_id, const char *agency_code,
			    int fiscal_year_be)
{
	struct oi_plan *plan = xcalloc(1, sizeof *plan);
	char **strings[] = {
		&plan->framework_id, &plan->agency_code, &plan->agency_name_th,
		&plan->prepared_by_th, &plan->prepared_position_th, &plan->memo.department_th,
		&plan->memo.reference_no, &plan->memo.date, &plan->memo.subject_th,
		&plan->memo.to_th, &plan->memo.signer_name_th, &plan->memo.signer_position_th,
	};

	plan->priv = xcalloc(1, sizeof *plan->priv);
	arena_init(&plan->priv->arena);
	plan->priv->empty = arena_strdup(&plan->priv->arena, "");
	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
		*strings[i] = plan->priv->empty;
	oi_plan_set(plan, &plan->framework_id, framework_id);
	oi_plan_set(plan, &plan->agency_code, agency_code);
	plan->fiscal_year_be = fiscal_year_be;
	plan->result_year_be = fiscal_year_be - 1 >= 2500 ? fiscal_year_be - 1 : 0;
	return plan;
}

void oi_plan_free(struct oi_plan *plan)
{
	if (!plan)
		return;
	arena_release(&plan->priv->arena);
	free(plan->priv);
	free(plan);
}

void oi_plan_set(struct oi_plan *plan, char **field, const char *value)
{
	*field = value && *value ? arena_strdup(plan_arena(plan), value) : plan->priv->empty;
}

static void progress_init(struct oi_plan *plan, struct oi_progress *p)
{
	char *e = plan->priv->empty;

	p->status = OI_PROGRESS_NOT_REPORTED;
	p->done_th = p->suggestion_th = p->remark_th = p->evidence_url = p->reported_on = e;
}

struct oi_measure *oi_plan_add_measure(struct oi_plan *plan)
{
	struct oi_measure *m;
	char *e = plan->priv->empty, start[11], end[11];

	plan->measures = grow(plan, plan->measures, plan->n_measures, sizeof *plan->measures);
	m = &plan->measures[plan->n_measures++];
	m->instrument = m->source = m->issue_th = m->finding_th = m->guideline_th = e;
	m->unit_th = m->followup_th = e;
	m->steps_th = NULL;
	m->n_steps = 0;
	oi_fiscal_year_bounds(plan->fiscal_year_be, start, end);
	oi_plan_set(plan, &m->period_start, start);
	oi_plan_set(plan, &m->period_end, end);
	for (int i = 0; i < OI_PLAN_CHECKPOINTS; i++)
		progress_init(plan, &m->progress[i]);
	return m;
}

void oi_plan_measure_add_step(struct oi_plan *plan, struct oi_measure *m, const char *step)
{
	m->steps_th = grow(plan, m->steps_th, m->n_steps, sizeof *m->steps_th);
	oi_plan_set(plan, &m->steps_th[m->n_steps++], step);
}

struct oi_committee *oi_plan_add_committee(struct oi_plan *plan)
{
	struct oi_committee *c;
	char *e = plan->priv->empty;

	plan->committees = grow(plan, plan->committees, plan->n_committees,
				sizeof *plan->committees);
	c = &plan->committees[plan->n_committees++];
	c->instrument = c->name_th = c->duties_th = e;
	c->members = NULL;
	c->n_members = 0;
	return c;
}

struct oi_committee_member *oi_plan_committee_add_member(struct oi_plan *plan,
							 struct oi_committee *c)
{
	struct oi_committee_member *mb;

	c->members = grow(plan, c->members, c->n_members, sizeof *c->members);
	mb = &c->members[c->n_members++];
	mb->name_th = mb->position_th = plan->priv->empty;
	mb->role = OI_ROLE_MEMBER;
	return mb;
}

void oi_plan_add_problem(struct oi_plan *plan, const char *problem_th)
{
	plan->problems_th = grow(plan, plan->problems_th, plan->n_problems,
				 sizeof *plan->problems_th);
	oi_plan_set(plan, &plan->problems_th[plan->n_problems++], problem_th);
}

void oi_plan_remove_measure(struct oi_plan *plan, size_t i)
{
	if (i >= plan->n_measures)
		return;
	memmove(&plan->measures[i], &plan->measures[i + 1],
		(plan->n_measures - i - 1) * sizeof *plan->measures);
	plan->n_measures--;
}

/* ---- alerts ----------------------------------------------------------------------------- */

static void add_alert(struct oi_plan_alert *alerts, size_t max, size_t *n,
		      enum oi_plan_alert_kind kind, size_t measure, int checkpoint,
		      const char *due)
{
	if (*n < max) {
		struct oi_plan_alert *a = &alerts[*n];

		a->kind = kind;
		a->measure = measure;
		a->checkpoint = checkpoint;
		memcpy(a->due, due, 11);
	}
	(*n)++;
}

/* The status of the latest checkpoint that has a report; NOT_REPORTED when none has. */
static enum oi_progress_status last_reported(const struct oi_measure *m)
{
	for (int i = OI_PLAN_CHECKPOINTS - 1; i >= 0; i--)
		if (m->progress[i].status != OI_PROGRESS_NOT_REPORTED)
			return m->progress[i].status;
	return OI_PROGRESS_NOT_REPORTED;
}

size_t oi_plan_alerts(const struct oi_plan *plan, const char *today,
		      struct oi_plan_alert *alerts, size_t max)
{
	size_t n = 0;

	if (!plan_date_valid(today))
		return 0;
	for (size_t i = 0; i < plan->n_measures; i++) {
		const struct oi_measure *m = &plan->measures[i];
		char due[11];

		/* ISO dates of four-digit years compare as strings. */
		if (plan_date_valid(m->period_end) && strcmp(m->period_end, today) < 0 &&
		    last_reported(m) != OI_PROGRESS_DONE)
			add_alert(alerts, max, &n, OI_ALERT_OVERDUE, i, -1, m->period_end);
		for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++) {
			oi_measure_checkpoint_due(m, cp, due);
			if (due[0] && strcmp(due, today) < 0 &&
			    m->progress[cp].status == OI_PROGRESS_NOT_REPORTED)
				add_alert(alerts, max, &n, OI_ALERT_REPORT_MISSING, i, cp, due);
		}
	}
	return n;
}

/* ---- labels ----------------------------------------------------------------------------- */

const char *oi_progress_status_th(enum oi_progress_status s)
{
	switch (s) {
	case OI_PROGRESS_NOT_REPORTED: return "ยังไม่รายงาน";
	case OI_PROGRESS_NOT_DONE: return "ยังไม่ดำเนินการ";
	case OI_PROGRESS_IN_PROGRESS: return "อยู่ระหว่างดำเนินการ";
	case OI_PROGRESS_DONE: return "ดำเนินการแล้ว";
	}
	return "";
}

const char *oi_committee_role_th(enum oi_committee_role r)
{
	switch (r) {
	case OI_ROLE_CHAIR: return "ประธาน";
	case OI_ROLE_MEMBER: return "คณะทำงาน";
	case OI_ROLE_SECRETARY: return "เลขานุการ";
	}
	return "";
}
