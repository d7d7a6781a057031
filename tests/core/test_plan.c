/*
 * test_plan.c — the measures plan (src/core/plan.c, plan_json.c, plan_draft.c): the model and
 * its arrays, the calendar (leap years, fiscal years, checkpoint dates), alerts as of several
 * days, JSON that round-trips byte for byte, every kind of fault named with its JSON path, the
 * bounds, and a draft from a hand-built result and analysis of ita-2565 and a hand-built
 * playbook.
 */
#include <math.h>

#include "openita/plan.h"
#include "plan_int.h"
#include "testutil.h"

/* ---- model and calendar ----------------------------------------------------------------- */

static void dates_are_strict_calendar_dates(void **state)
{
	(void)state;
	assert_true(plan_date_valid("2024-02-29"));
	assert_true(plan_date_valid("2000-02-29"));
	assert_false(plan_date_valid("2023-02-29"));
	assert_false(plan_date_valid("1900-02-29"));
	assert_false(plan_date_valid("2024-02-30"));
	assert_false(plan_date_valid("2024-04-31"));
	assert_true(plan_date_valid("2024-12-31"));
	assert_false(plan_date_valid("2024-13-01"));
	assert_false(plan_date_valid("2024-00-10"));
	assert_false(plan_date_valid("2024-1-01"));
	assert_false(plan_date_valid("2024-01-01 "));
	assert_false(plan_date_valid("2024/01/01"));
	assert_false(plan_date_valid("2567-01-01"));   /* a Buddhist Era year */
	assert_false(plan_date_valid(""));
}

static void fiscal_years_and_checkpoints(void **state)
{
	struct oi_plan *plan = oi_plan_new("ita-2565", "A00001", 2566);
	struct oi_measure *m;
	char start[11], end[11], due[11];

	(void)state;
	oi_fiscal_year_bounds(2566, start, end);
	assert_string_equal(start, "2022-10-01");
	assert_string_equal(end, "2023-09-30");
	oi_fiscal_year_bounds(2568, start, end);
	assert_string_equal(start, "2024-10-01");
	assert_string_equal(end, "2025-09-30");

	m = oi_plan_add_measure(plan);
	assert_string_equal(m->period_start, "2022-10-01");    /* the plan's fiscal year */
	assert_string_equal(m->period_end, "2023-09-30");
	oi_measure_checkpoint_due(m, 0, due);
	assert_string_equal(due, "2023-03-31");                 /* 31 มี.ค. 2566 */
	oi_measure_checkpoint_due(m, 1, due);
	assert_string_equal(due, "2023-09-30");
	oi_plan_set(plan, &m->period_start, "2023-08-31");
	oi_measure_checkpoint_due(m, 0, due);
	assert_string_equal(due, "2024-02-28");                 /* 29 Feb 2024 less a day */
	oi_plan_set(plan, &m->period_start, "2024-08-31");
	oi_measure_checkpoint_due(m, 0, due);
	assert_string_equal(due, "2025-02-27");                 /* 28 Feb 2025 less a day */
	oi_plan_set(plan, &m->period_start, "2023-07-01");
	oi_measure_checkpoint_due(m, 0, due);
	assert_string_equal(due, "2023-12-31");
	oi_plan_set(plan, &m->period_start, "2023-09-01");
	oi_measure_checkpoint_due(m, 0, due);
	assert_string_equal(due, "2024-02-29");                 /* leap day */
	oi_plan_set(plan, &m->period_start, "");
	oi_measure_checkpoint_due(m, 0, due);
	assert_string_equal(due, "");
	oi_measure_checkpoint_due(m, 2, due);
	assert_string_equal(due, "");
	oi_plan_free(plan);
}

static void new_plan_is_empty_never_null(void **state)
{
	struct oi_plan *plan = oi_plan_new("ita-2565", NULL, 2566);
	struct oi_committee *c;
	struct oi_committee_member *mb;

	(void)state;
	assert_string_equal(plan->framework_id, "ita-2565");
	assert_string_equal(plan->agency_code, "");
	assert_string_equal(plan->memo.subject_th, "");
	assert_int_equal(plan->result_year_be, 2565);
	assert_int_equal(plan->n_measures, 0);
	c = oi_plan_add_committee(plan);
	for (int i = 0; i < 20; i++) {
		mb = oi_plan_committee_add_member(plan, c);
		oi_plan_set(plan, &mb->name_th, i % 2 ? "นายหนึ่ง" : "นางสอง");
	}
	assert_int_equal(c->n_members, 20);
	assert_int_equal(c->members[0].role, OI_ROLE_MEMBER);
	assert_string_equal(c->members[19].name_th, "นายหนึ่ง");
	assert_string_equal(c->instrument, "");
	for (int i = 0; i < 9; i++)
		oi_plan_add_problem(plan, i == 8 ? "ปัญหาสุดท้าย" : "ปัญหา");
	assert_string_equal(plan->problems_th[8], "ปัญหาสุดท้าย");
	assert_string_equal(oi_progress_status_th(OI_PROGRESS_DONE), "ดำเนินการแล้ว");
	assert_string_equal(oi_progress_status_th(OI_PROGRESS_NOT_DONE), "ยังไม่ดำเนินการ");
	assert_string_equal(oi_progress_status_th(OI_PROGRESS_IN_PROGRESS), "อยู่ระหว่างดำเนินการ");
	assert_string_equal(oi_committee_role_th(OI_ROLE_CHAIR), "ประธาน");
	assert_string_equal(oi_committee_role_th(OI_ROLE_SECRETARY), "เลขานุการ");
	oi_plan_free(plan);
	oi_plan_free(NULL);
}

static void remove_measure_keeps_the_order(void **state)
{
	struct oi_plan *plan = oi_plan_new("ita-2565", "A00001", 2566);
	char name[16];

	(void)state;
	for (int i = 0; i < 9; i++) {
		struct oi_measure *m = oi_plan_add_measure(plan);

		snprintf(name, sizeof name, "m%d", i);
		oi_plan_set(plan, &m->issue_th, name);
		for (int k = 0; k <= i; k++)
			oi_plan_measure_add_step(plan, m, name);
	}
	oi_plan_remove_measure(plan, 0);
	oi_plan_remove_measure(plan, 3);              /* m4 */
	oi_plan_remove_measure(plan, plan->n_measures - 1);
	oi_plan_remove_measure(plan, 99);             /* out of range: nothing */
	assert_int_equal(plan->n_measures, 6);
	{
		const char *want[] = {"m1", "m2", "m3", "m5", "m6", "m7"};

		for (size_t i = 0; i < 6; i++)
			assert_string_equal(plan->measures[i].issue_th, want[i]);
	}
	assert_int_equal(plan->measures[3].n_steps, 6);
	assert_string_equal(plan->measures[3].steps_th[5], "m5");
	oi_plan_add_measure(plan);                    /* grows after a removal */
	assert_int_equal(plan->n_measures, 7);
	assert_string_equal(plan->measures[5].issue_th, "m7");
	assert_string_equal(plan->measures[6].issue_th, "");
	while (plan->n_measures)
		oi_plan_remove_measure(plan, 0);
	oi_plan_add_measure(plan);
	assert_int_equal(plan->n_measures, 1);
	oi_plan_free(plan);
}

/* ---- alerts ----------------------------------------------------------------------------- */

static void alerts_as_of_several_days(void **state)
{
	struct oi_plan *plan = oi_plan_new("ita-2565", "A00001", 2566);
	struct oi_plan_alert a[8];
	struct oi_measure *m;

	(void)state;
	oi_plan_add_measure(plan);                    /* 0: nothing reported */
	m = oi_plan_add_measure(plan);                /* 1: 6-month report in progress */
	m->progress[0].status = OI_PROGRESS_IN_PROGRESS;
	m = oi_plan_add_measure(plan);                /* 2: done at 6 months */
	m->progress[0].status = OI_PROGRESS_DONE;
	m->progress[1].status = OI_PROGRESS_DONE;

	assert_int_equal(oi_plan_alerts(plan, "2023-03-31", a, 8), 0);    /* due today: not late */
	assert_int_equal(oi_plan_alerts(plan, "2023-04-01", a, 8), 1);
	assert_int_equal(a[0].kind, OI_ALERT_REPORT_MISSING);
	assert_int_equal(a[0].measure, 0);
	assert_int_equal(a[0].checkpoint, 0);
	assert_string_equal(a[0].due, "2023-03-31");

	assert_int_equal(oi_plan_alerts(plan, "2023-09-30", a, 8), 1);
	assert_int_equal(oi_plan_alerts(plan, "2023-10-01", a, 8), 5);
	/* measure 0: overdue, 6 and 12 missing; measure 1: overdue (in progress), 12 missing */
	assert_int_equal(a[0].kind, OI_ALERT_OVERDUE);
	assert_int_equal(a[0].checkpoint, -1);
	assert_string_equal(a[0].due, "2023-09-30");
	assert_int_equal(a[1].checkpoint, 0);
	assert_int_equal(a[2].checkpoint, 1);
	assert_int_equal(a[2].kind, OI_ALERT_REPORT_MISSING);
	assert_int_equal(a[3].measure, 1);
	assert_int_equal(a[3].kind, OI_ALERT_OVERDUE);
	assert_int_equal(a[4].measure, 1);
	assert_int_equal(a[4].checkpoint, 1);

	/* the last report decides: done at 12 months clears OVERDUE */
	plan->measures[1].progress[1].status = OI_PROGRESS_DONE;
	assert_int_equal(oi_plan_alerts(plan, "2023-10-01", a, 8), 3);
	/* a later "not done" after an earlier "done" is overdue again */
	plan->measures[2].progress[1].status = OI_PROGRESS_NOT_DONE;
	assert_int_equal(oi_plan_alerts(plan, "2023-10-01", a, 8), 4);
	assert_int_equal(a[3].measure, 2);
	assert_int_equal(a[3].kind, OI_ALERT_OVERDUE);
	/* room for fewer: the count is still all of them */
	assert_int_equal(oi_plan_alerts(plan, "2024-01-01", a, 2), 4);
	assert_int_equal(oi_plan_alerts(plan, "2024-01-01", NULL, 0), 4);
	/* no dates, or a bad today: no alerts */
	assert_int_equal(oi_plan_alerts(plan, "2566-10-01", a, 8), 0);
	assert_int_equal(oi_plan_alerts(plan, "yesterday", a, 8), 0);
	oi_plan_set(plan, &plan->measures[0].period_start, "");
	oi_plan_set(plan, &plan->measures[0].period_end, "");
	assert_int_equal(oi_plan_alerts(plan, "2024-01-01", a, 8), 1);
	assert_int_equal(a[0].measure, 2);
	oi_plan_free(plan);
}

/* ---- JSON ------------------------------------------------------------------------------- */

static struct oi_plan *full_plan(void)
{
	struct oi_plan *plan = oi_plan_new("ita-2565", "A00001", 2566);
	struct oi_measure *m;
	struct oi_committee *c;
	struct oi_committee_member *mb;

	oi_plan_set(plan, &plan->agency_name_th, "องค์การบริหารส่วนตำบลโคกกลอย");
	oi_plan_set(plan, &plan->prepared_by_th, "นางสาวใจดี มีสุข");
	oi_plan_set(plan, &plan->prepared_position_th, "นักวิเคราะห์นโยบายและแผน");
	oi_plan_set(plan, &plan->memo.department_th, "สำนักปลัด องค์การบริหารส่วนตำบลโคกกลอย");
	oi_plan_set(plan, &plan->memo.reference_no, "พง 71901/123");
	oi_plan_set(plan, &plan->memo.date, "2022-11-01");
	oi_plan_set(plan, &plan->memo.to_th, "นายกองค์การบริหารส่วนตำบลโคกกลอย");
	m = oi_plan_add_measure(plan);
	oi_plan_set(plan, &m->instrument, "IIT");
	oi_plan_set(plan, &m->source, "i13");
	oi_plan_set(plan, &m->issue_th, "การใช้อำนาจ");
	oi_plan_set(plan, &m->finding_th, "คะแนน 89.00 ต่ำกว่าเกณฑ์ 90\nบรรทัดที่สอง \"อ้าง\" \\");
	oi_plan_measure_add_step(plan, m, "ประชุมชี้แจง");
	oi_plan_measure_add_step(plan, m, "ประกาศแนวทาง");
	m->progress[0].status = OI_PROGRESS_IN_PROGRESS;
	oi_plan_set(plan, &m->progress[0].done_th, "ประชุมแล้ว 1 ครั้ง");
	oi_plan_set(plan, &m->progress[0].evidence_url, "https://example.go.th/ita/o43.pdf");
	oi_plan_set(plan, &m->progress[0].reported_on, "2023-03-31");
	m = oi_plan_add_measure(plan);
	oi_plan_set(plan, &m->instrument, "OIT");
	oi_plan_set(plan, &m->period_start, "2023-01-01");
	m->progress[1].status = OI_PROGRESS_DONE;
	c = oi_plan_add_committee(plan);
	oi_plan_set(plan, &c->instrument, "EIT");
	oi_plan_set(plan, &c->name_th, "คณะทำงานด้าน EIT");
	mb = oi_plan_committee_add_member(plan, c);
	mb->role = OI_ROLE_CHAIR;
	oi_plan_set(plan, &mb->name_th, "นายวิโรธ ขนานแก้ว");
	mb = oi_plan_committee_add_member(plan, c);
	mb->role = OI_ROLE_SECRETARY;
	oi_plan_add_problem(plan, "บุคลากรไม่เข้าใจตัวชี้วัด");
	return plan;
}

static char *roundtrip(const char *json)
{
	struct oi_plan *plan;
	struct oi_error err;
	char *out;

	if (oi_plan_read_json("plan.json", json, strlen(json), &plan, &err)) {
		char line[2048];

		fail_msg("%s", oi_error_format(&err, line, sizeof line));
	}
	out = oi_plan_to_json(plan);
	assert_non_null(out);
	oi_plan_free(plan);
	return out;
}

static void json_round_trip_is_byte_equal(void **state)
{
	struct oi_plan *plan = full_plan(), *back;
	struct oi_error err;
	char *first = oi_plan_to_json(plan), *second;

	(void)state;
	assert_non_null(first);
	second = roundtrip(first);
	assert_string_equal(first, second);
	assert_int_equal(oi_plan_read_json("plan.json", first, strlen(first), &back, &err), 0);
	assert_int_equal(back->n_measures, 2);
	assert_int_equal(back->measures[0].progress[0].status, OI_PROGRESS_IN_PROGRESS);
	assert_int_equal(back->measures[0].progress[1].status, OI_PROGRESS_NOT_REPORTED);
	assert_int_equal(back->measures[1].progress[1].status, OI_PROGRESS_DONE);
	assert_string_equal(back->measures[1].period_start, "2023-01-01");
	assert_string_equal(back->measures[1].period_end, "2023-09-30");
	assert_string_equal(back->measures[0].finding_th, plan->measures[0].finding_th);
	assert_int_equal(back->committees[0].members[1].role, OI_ROLE_SECRETARY);
	assert_string_equal(back->memo.date, "2022-11-01");
	assert_int_equal(back->result_year_be, 2565);
	oi_plan_free(back);
	free(first);
	free(second);
	oi_plan_free(plan);
}

static void json_defaults_for_absent_fields(void **state)
{
	struct oi_plan *plan;
	struct oi_error err;
	const char *json = "{\"framework_id\": \"ita-2565\", \"agency_code\": \"A1\","
			   " \"fiscal_year_be\": 2568, \"measures\": [{}],"
			   " \"committees\": [{\"members\": [{}]}], \"memo\": null}";

	(void)state;
	assert_int_equal(oi_plan_read_json("p.json", json, strlen(json), &plan, &err), 0);
	assert_int_equal(plan->result_year_be, 2567);
	assert_string_equal(plan->agency_name_th, "");
	assert_string_equal(plan->measures[0].period_start, "2024-10-01");
	assert_string_equal(plan->measures[0].period_end, "2025-09-30");
	assert_string_equal(plan->measures[0].instrument, "");
	assert_int_equal(plan->committees[0].members[0].role, OI_ROLE_MEMBER);
	oi_plan_free(plan);
}

struct fault {
	const char *json;
	const char *error;
};

#define HEAD "{\"framework_id\": \"ita-2565\", \"agency_code\": \"A00001\", \"fiscal_year_be\": 2566"

static const struct fault faults[] = {
	{"", "p.json: the file is empty; expected a JSON plan"},
	{"{\"a\": 1,}", "p.json:1:9: JSON syntax: "},
	{"[]", "p.json: $: expected an object, found an array"},
	{HEAD ", \"fiscal_year\": 2566}",
	 "p.json: $: unknown key \"fiscal_year\"; allowed keys: framework_id, agency_code, "
	 "agency_name_th, fiscal_year_be, result_year_be, prepared_by_th, prepared_position_th, "
	 "memo, measures, committees, problems_th"},
	{"{\"agency_code\": \"A00001\", \"fiscal_year_be\": 2566}",
	 "p.json: $.framework_id: required, expected a string"},
	{"{\"framework_id\": \"ita 2565\", \"agency_code\": \"A\", \"fiscal_year_be\": 2566}",
	 "p.json: $.framework_id: \"ita 2565\" is not a code: use letters, digits, '.', '_' and '-'"},
	{"{\"framework_id\": \"ita-2565\", \"agency_code\": \"A\", \"fiscal_year_be\": 2023}",
	 "p.json: $.fiscal_year_be: expected a whole number from 2500 to 2700, found one outside "
	 "that range"},
	{"{\"framework_id\": \"ita-2565\", \"agency_code\": \"A\", \"fiscal_year_be\": \"2566\"}",
	 "p.json: $.fiscal_year_be: expected a whole number from 2500 to 2700, found a string"},
	{HEAD ", \"result_year_be\": 2022}",
	 "p.json: $.result_year_be: expected 0 (not known) or a year from 2500 to 2700, found 2022"},
	{HEAD ", \"agency_name_th\": 5}", "p.json: $.agency_name_th: expected a string, found a number"},
	{HEAD ", \"prepared_by_th\": \"a\\u0007b\"}",
	 "p.json: $.prepared_by_th: control character at byte 2"},
	{HEAD ", \"memo\": {\"date\": \"2022-11-31\"}}",
	 "p.json: $.memo.date: expected a date YYYY-MM-DD, found \"2022-11-31\""},
	{HEAD ", \"memo\": {\"subject\": \"x\"}}",
	 "p.json: $.memo: unknown key \"subject\"; allowed keys: department_th, reference_no, date, "
	 "subject_th, to_th, signer_name_th, signer_position_th"},
	{HEAD ", \"measures\": {}}", "p.json: $.measures: expected an array, found an object"},
	{HEAD ", \"measures\": [{}, {\"isue_th\": \"x\"}]}",
	 "p.json: $.measures[1]: unknown key \"isue_th\"; allowed keys: instrument, source, "
	 "issue_th, finding_th, guideline_th, steps_th, period_start, period_end, unit_th, "
	 "followup_th, progress"},
	{HEAD ", \"measures\": [{\"instrument\": \"iit\"}]}",
	 "p.json: $.measures[0].instrument: expected \"IIT\", \"EIT\", \"OIT\" or \"\", found \"iit\""},
	{HEAD ", \"measures\": [{\"steps_th\": [\"a\", \"\"]}]}",
	 "p.json: $.measures[0].steps_th[1]: expected a non-empty string"},
	{HEAD ", \"measures\": [{\"steps_th\": [\"a\", 2]}]}",
	 "p.json: $.measures[0].steps_th[1]: expected a string, found a number"},
	{HEAD ", \"measures\": [{}, {}, {\"period_end\": \"2023-9-30\"}]}",
	 "p.json: $.measures[2].period_end: expected a date YYYY-MM-DD, found \"2023-9-30\""},
	{HEAD ", \"measures\": [{\"period_start\": \"2024-02-30\"}]}",
	 "p.json: $.measures[0].period_start: expected a date YYYY-MM-DD, found \"2024-02-30\""},
	{HEAD ", \"measures\": [{\"period_start\": \"2565-10-01\"}]}",
	 "p.json: $.measures[0].period_start: \"2565-10-01\" has a Buddhist Era year; write dates "
	 "in the Common Era (the year minus 543)"},
	{HEAD ", \"measures\": [{\"period_start\": \"2023-05-01\", \"period_end\": \"2023-04-30\"}]}",
	 "p.json: $.measures[0].period_end: the period ends (2023-04-30) before it starts "
	 "(2023-05-01)"},
	{HEAD ", \"measures\": [{\"progress\": [{\"status\": \"done\"}]}]}",
	 "p.json: $.measures[0].progress[0].checkpoint: required, expected a whole number from 1 "
	 "to 12"},
	{HEAD ", \"measures\": [{\"progress\": [{\"checkpoint\": 3, \"status\": \"done\"}]}]}",
	 "p.json: $.measures[0].progress[0].checkpoint: expected 6 or 12 (months), found 3"},
	{HEAD ", \"measures\": [{\"progress\": [{\"checkpoint\": 6, \"status\": \"done\"},"
	 " {\"checkpoint\": 6, \"status\": \"done\"}]}]}",
	 "p.json: $.measures[0].progress[1].checkpoint: the 6-month report is given twice"},
	{HEAD ", \"measures\": [{\"progress\": [{\"checkpoint\": 12, \"status\": \"finished\"}]}]}",
	 "p.json: $.measures[0].progress[0].status: expected \"not_reported\", \"not_done\", "
	 "\"in_progress\" or \"done\", found \"finished\""},
	{HEAD ", \"measures\": [{\"progress\": [{\"checkpoint\": 12}]}]}",
	 "p.json: $.measures[0].progress[0].status: required, expected a string"},
	{HEAD ", \"measures\": [{\"progress\": [{\"checkpoint\": 6, \"status\": \"done\","
	 " \"evidence_url\": \"ftp://x.go.th/a\"}]}]}",
	 "p.json: $.measures[0].progress[0].evidence_url: expected an http:// or https:// address "
	 "without spaces, found \"ftp://x.go.th/a\""},
	{HEAD ", \"measures\": [{\"progress\": [{\"checkpoint\": 6, \"status\": \"done\","
	 " \"evidence_url\": \"https://x.go.th/a b\"}]}]}",
	 "p.json: $.measures[0].progress[0].evidence_url: expected an http:// or https:// address "
	 "without spaces, found \"https://x.go.th/a b\""},
	{HEAD ", \"measures\": [{\"progress\": [{\"checkpoint\": 6, \"status\": \"done\","
	 " \"reported_on\": \"31/03/2566\"}]}]}",
	 "p.json: $.measures[0].progress[0].reported_on: expected a date YYYY-MM-DD, found "
	 "\"31/03/2566\""},
	{HEAD ", \"measures\": [{\"progress\": [{}, {}, {}]}]}",
	 "p.json: $.measures[0].progress: expected 0 to 2 elements, found 3"},
	{HEAD ", \"committees\": [{\"instrument\": \"ALL\"}]}",
	 "p.json: $.committees[0].instrument: expected \"IIT\", \"EIT\", \"OIT\" or \"\", found \"ALL\""},
	{HEAD ", \"committees\": [{\"members\": [{\"role\": \"member\"}, {\"role\": \"head\"}]}]}",
	 "p.json: $.committees[0].members[1].role: expected \"chair\", \"member\" or \"secretary\", "
	 "found \"head\""},
	{HEAD ", \"committees\": [{\"members\": [{\"name\": \"x\"}]}]}",
	 "p.json: $.committees[0].members[0]: unknown key \"name\"; allowed keys: name_th, "
	 "position_th, role"},
	{HEAD ", \"problems_th\": [\"ok\", null]}",
	 "p.json: $.problems_th[1]: expected a string, found null"},
	{HEAD ", \"problems_th\": [\"\"]}",
	 "p.json: $.problems_th[0]: expected a non-empty string"},
	{HEAD ", \"agency_name_th\": \"a\", \"agency_name_th\": \"b\"}",
	 "p.json:1:117: JSON syntax: duplicate object key"},
};

static void each_fault_is_named_with_its_path(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
		struct oi_plan *plan = (struct oi_plan *)1;
		struct oi_error err;
		char line[2048];

		if (!oi_plan_read_json("p.json", faults[i].json, strlen(faults[i].json), &plan,
				       &err))
			fail_msg("case %zu was accepted: %s", i, faults[i].json);
		assert_null(plan);
		oi_error_format(&err, line, sizeof line);
		if (strncmp(line, faults[i].error, strlen(faults[i].error)) ||
		    (strlen(line) != strlen(faults[i].error) &&
		     !strstr(faults[i].error, "JSON syntax")))  /* syntax: jansson's words follow */
			fail_msg("case %zu:\n  got  \"%s\"\n  want \"%s\"", i, line, faults[i].error);
	}
}

/* A plan with n measures, each with steps steps, and one text of text_len bytes. */
static char *big_plan(size_t n, size_t steps, size_t text_len)
{
	size_t cap = 200 + n * (40 + steps * 6) + text_len, used;
	char *s = malloc(cap);

	used = (size_t)snprintf(s, cap, HEAD ", \"agency_name_th\": \"");
	memset(s + used, 'a', text_len);
	used += text_len;
	used += (size_t)snprintf(s + used, cap - used, "\", \"measures\": [");
	for (size_t i = 0; i < n; i++) {
		used += (size_t)snprintf(s + used, cap - used, "%s{\"steps_th\": [", i ? "," : "");
		for (size_t k = 0; k < steps; k++)
			used += (size_t)snprintf(s + used, cap - used, "%s\"s\"", k ? "," : "");
		used += (size_t)snprintf(s + used, cap - used, "]}");
	}
	snprintf(s + used, cap - used, "]}");
	return s;
}

static void bounds_are_enforced(void **state)
{
	struct {
		size_t n, steps, text;
		const char *error;
	} cases[] = {
		{500, 1, 1, NULL},
		{501, 1, 1, "p.json: $.measures: expected 0 to 500 elements, found 501"},
		{1, 50, 8192, NULL},
		{1, 51, 1, "p.json: $.measures[0].steps_th: expected 0 to 50 elements, found 51"},
		{1, 1, 8193, "p.json: $.agency_name_th: too long: 8193 bytes, at most 8192"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *json = big_plan(cases[i].n, cases[i].steps, cases[i].text);
		struct oi_plan *plan;
		struct oi_error err;
		int rc = oi_plan_read_json("p.json", json, strlen(json), &plan, &err);

		if (cases[i].error) {
			char line[2048];

			assert_int_equal(rc, -1);
			assert_string_equal(oi_error_format(&err, line, sizeof line), cases[i].error);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(plan->n_measures, cases[i].n);
			assert_int_equal(plan->measures[0].n_steps, cases[i].steps);
			free(roundtrip(json));
			oi_plan_free(plan);
		}
		free(json);
	}
	{
		/* committees, members, problems: one element too many, between open and close */
		static const struct {
			const char *open, *element, *close;
			int n;
			const char *error;
		} lists[] = {
			{HEAD ", \"committees\": [", "{}", "]}", 21,
			 "$.committees: expected 0 to 20 elements, found 21"},
			{HEAD ", \"committees\": [{\"members\": [", "{}", "]}]}", 101,
			 "$.committees[0].members: expected 0 to 100 elements, found 101"},
			{HEAD ", \"problems_th\": [", "\"p\"", "]}", 201,
			 "$.problems_th: expected 0 to 200 elements, found 201"},
		};

		for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
			char buf[40000];
			size_t used = (size_t)snprintf(buf, sizeof buf, "%s", lists[k].open);
			struct oi_plan *plan;
			struct oi_error err;

			for (int i = 0; i < lists[k].n; i++)
				used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%s",
							 i ? "," : "", lists[k].element);
			snprintf(buf + used, sizeof buf - used, "%s", lists[k].close);
			assert_int_equal(oi_plan_read_json("p.json", buf, strlen(buf), &plan, &err),
					 -1);
			assert_error_contains(err, lists[k].error);
		}
	}
}

static void leap_days_in_json(void **state)
{
	const char *ok = HEAD ", \"measures\": [{\"period_start\": \"2024-02-29\","
			 " \"period_end\": \"2024-09-30\"}]}";
	struct oi_plan *plan;
	struct oi_error err;
	char due[11];

	(void)state;
	assert_int_equal(oi_plan_read_json("p.json", ok, strlen(ok), &plan, &err), 0);
	oi_measure_checkpoint_due(&plan->measures[0], 0, due);
	assert_string_equal(due, "2024-08-28");
	oi_plan_free(plan);
}

/* ---- draft ------------------------------------------------------------------------------ */

static long question_index(const struct oi_framework *fw, const char *code)
{
	for (size_t i = 0; i < fw->n_questions; i++)
		if (!strcmp(fw->questions[i].code, code))
			return (long)i;
	fail_msg("no question %s", code);
	return -1;
}

struct draft_fixture {
	struct oi_framework *fw;
	struct oi_agency_result ar;
	struct oi_analysis an;
	struct oi_low_question low[4];
	struct oi_failed_item failed[2];
	struct oi_playbook pb;
	struct oi_playbook_entry entries[3];
};

static const char *steps_3[] = {"ประชุมชี้แจงผู้บังคับบัญชา", "ประกาศแนวทางการมอบหมายงาน"};
static const char *steps_o42[] = {"จัดทำมาตรการและเผยแพร่บนเว็บไซต์"};
static const char *steps_i2[] = {"ทบทวนคู่มือการให้บริการ"};

/* Seed 001 (ita-2565): strengths 1, 2, 4, 5, 9; weaknesses 3, 6, 7, 8, 10. */
static void build_fixture(struct draft_fixture *f)
{
	static const double scores[10] = {95.5, 92.1, 89.0, 93.2, 96.0, 86.4, 88.3, 82.18, 93.0,
					  31.25};
	struct oi_framework *fw;

	memset(f, 0, sizeof *f);
	fw = f->fw = load_builtin("ita-2565");
	f->ar.fw = fw;
	f->ar.agency_code = "A00002";
	f->ar.agency_name = "เทศบาลตำบลบ่อกลาง";
	f->ar.fiscal_year_be = 2565;
	f->an.ar = &f->ar;
	f->an.n_indicators = fw->n_indicators;
	for (size_t i = 0; i < fw->n_indicators; i++) {
		f->an.indicators[i].indicator = i;
		f->an.indicators[i].has_score = true;
		f->an.indicators[i].score = scores[i];
		f->an.indicators[i].strength = scores[i] >= fw->strength_min;
	}
	f->low[0] = (struct oi_low_question){(size_t)question_index(fw, "e11"), 78.5};
	f->low[1] = (struct oi_low_question){(size_t)question_index(fw, "i15"), 80.25};
	f->low[2] = (struct oi_low_question){(size_t)question_index(fw, "i13"), 84.0};
	f->low[3] = (struct oi_low_question){(size_t)question_index(fw, "i2"), 88.0};
	f->an.low_questions = f->low;
	f->an.n_low_questions = 4;
	f->failed[0] = (struct oi_failed_item){(size_t)oi_framework_find_oit_item(fw, "O42"),
					       "ไม่พบมาตรการ\tที่เผยแพร่"};
	f->failed[1] = (struct oi_failed_item){(size_t)oi_framework_find_oit_item(fw, "O43"), ""};
	f->an.failed_items = f->failed;
	f->an.n_failed_items = 2;
	f->entries[0] = (struct oi_playbook_entry){OI_PLAYBOOK_INDICATOR, "3", NULL,
		"บุคลากรบางส่วนเห็นว่าการมอบหมายงานไม่เป็นธรรม", "กำหนดแนวทางการมอบหมายงานที่เป็นธรรม",
		steps_3, 2, "สำนักปลัด", "รายงานผู้บริหารทุก 3 เดือน"};
	f->entries[1] = (struct oi_playbook_entry){OI_PLAYBOOK_OIT_ITEM, "O42", NULL,
		"ไม่มีมาตรการส่งเสริมคุณธรรม", "จัดทำมาตรการจากผลการวิเคราะห์", steps_o42, 1,
		"สำนักปลัด", NULL};
	f->entries[2] = (struct oi_playbook_entry){OI_PLAYBOOK_QUESTION, "i2", NULL, NULL,
		"ให้บริการตามขั้นตอนและระยะเวลา", steps_i2, 1, "ทุกกอง", NULL};
	f->pb.id = "test";
	f->pb.framework_id = "ita-2565";
	f->pb.entries = f->entries;
	f->pb.n_entries = 3;
}

static void draft_from_analysis_and_playbook(void **state)
{
	struct draft_fixture f;
	struct oi_plan *plan;
	struct oi_error err;
	const struct oi_measure *m;
	char *json;

	(void)state;
	build_fixture(&f);
	assert_int_equal(oi_plan_draft(&f.an, &f.pb, 0, &plan, &err), 0);
	assert_int_equal(plan->fiscal_year_be, 2566);
	assert_int_equal(plan->result_year_be, 2565);
	assert_string_equal(plan->agency_code, "A00002");
	assert_string_equal(plan->memo.department_th, "เทศบาลตำบลบ่อกลาง");
	assert_string_equal(plan->memo.subject_th,
			    "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566");
	/* weaknesses 3, 6, 7, 8, 10; low question i2 of strength 1; failed O42, O43 */
	assert_int_equal(plan->n_measures, 8);
	m = &plan->measures[0];
	assert_string_equal(m->instrument, "IIT");
	assert_string_equal(m->source, "i15");                /* its lowest low question */
	assert_string_equal(m->issue_th, "ตัวชี้วัดที่ 3 การใช้อำนาจ");
	assert_string_equal(m->finding_th,
			    "คะแนน 89.00 ต่ำกว่าเกณฑ์ 90 บุคลากรบางส่วนเห็นว่าการมอบหมายงานไม่เป็นธรรม");
	assert_string_equal(m->guideline_th, "กำหนดแนวทางการมอบหมายงานที่เป็นธรรม");
	assert_int_equal(m->n_steps, 2);
	assert_string_equal(m->steps_th[1], "ประกาศแนวทางการมอบหมายงาน");
	assert_string_equal(m->unit_th, "สำนักปลัด");
	assert_string_equal(m->followup_th, "รายงานผู้บริหารทุก 3 เดือน");
	assert_string_equal(m->period_start, "2022-10-01");
	assert_string_equal(m->period_end, "2023-09-30");
	m = &plan->measures[1];                               /* 6: no low question, no entry */
	assert_string_equal(m->source, "6");
	assert_string_equal(m->instrument, "EIT");
	assert_non_null(strstr(m->finding_th, "คะแนน 86.40 ต่ำกว่าเกณฑ์ 90"));
	assert_true(m->n_steps >= 1);
	assert_string_equal(plan->measures[3].source, "e11"); /* 8 */
	assert_non_null(strstr(plan->measures[3].finding_th, "คะแนน 82.18 ต่ำกว่าเกณฑ์ 90"));
	assert_string_equal(plan->measures[4].source, "10");
	assert_string_equal(plan->measures[4].instrument, "OIT");
	m = &plan->measures[5];                               /* i2 of strength 1 */
	assert_string_equal(m->source, "i2");
	assert_non_null(strstr(m->finding_th, "คะแนนข้อ i2 88.00 ต่ำกว่าเกณฑ์ 90"));
	assert_string_equal(m->guideline_th, "ให้บริการตามขั้นตอนและระยะเวลา");
	assert_string_equal(m->unit_th, "ทุกกอง");
	m = &plan->measures[6];
	assert_string_equal(m->source, "O42");
	assert_string_equal(m->finding_th, "ไม่ผ่านการประเมินข้อ O42 ความเห็นของผู้ประเมิน: "
			    "ไม่พบมาตรการ ที่เผยแพร่ ไม่มีมาตรการส่งเสริมคุณธรรม");
	m = &plan->measures[7];                               /* O43: framework texts */
	assert_string_equal(m->source, "O43");
	assert_string_equal(m->finding_th, "ไม่ผ่านการประเมินข้อ O43");   /* "" is no comment */
	assert_true(m->n_steps >= 1);
	for (size_t i = 0; i < plan->n_measures; i++) {
		m = &plan->measures[i];
		assert_true(*m->issue_th && *m->finding_th && *m->guideline_th && m->n_steps &&
			    *m->followup_th);
	}
	assert_int_equal(plan->n_committees, 3);
	assert_string_equal(plan->committees[0].instrument, "IIT");
	assert_string_equal(plan->committees[2].instrument, "OIT");
	assert_int_equal(plan->committees[1].n_members, 0);
	assert_true(*plan->committees[1].duties_th);
	json = oi_plan_to_json(plan);
	free(roundtrip(json));                                /* a draft reads back */
	free(json);
	oi_plan_free(plan);

	/* an explicit year; no playbook at all; a comment that is not UTF-8 */
	f.failed[1].comment = "\xb5\xa1\xa8\xa8";
	assert_int_equal(oi_plan_draft(&f.an, NULL, 2567, &plan, &err), 0);
	assert_int_equal(plan->fiscal_year_be, 2567);
	assert_string_equal(plan->measures[0].period_start, "2023-10-01");
	assert_string_equal(plan->measures[0].source, "i15");
	for (size_t i = 0; i < plan->n_measures; i++)
		assert_true(*plan->measures[i].guideline_th && plan->measures[i].n_steps);
	assert_string_equal(plan->measures[7].finding_th,
			    "ไม่ผ่านการประเมินข้อ O43 ความเห็นของผู้ประเมิน: ????");
	json = oi_plan_to_json(plan);
	assert_non_null(json);
	free(json);
	oi_plan_free(plan);

	/* no year anywhere */
	f.ar.fiscal_year_be = 0;
	plan = (struct oi_plan *)1;
	assert_int_equal(oi_plan_draft(&f.an, &f.pb, 0, &plan, &err), -1);
	assert_null(plan);
	assert_error_contains(err, "the plan's fiscal year is not known");
	/* a playbook of another framework */
	f.pb.framework_id = "ita-2568";
	assert_int_equal(oi_plan_draft(&f.an, &f.pb, 2566, &plan, &err), -1);
	assert_error_contains(err, "the playbook is for framework ita-2568, the result for ita-2565");
	oi_framework_free(f.fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dates_are_strict_calendar_dates),
		cmocka_unit_test(fiscal_years_and_checkpoints),
		cmocka_unit_test(new_plan_is_empty_never_null),
		cmocka_unit_test(remove_measure_keeps_the_order),
		cmocka_unit_test(alerts_as_of_several_days),
		cmocka_unit_test(json_round_trip_is_byte_equal),
		cmocka_unit_test(json_defaults_for_absent_fields),
		cmocka_unit_test(each_fault_is_named_with_its_path),
		cmocka_unit_test(bounds_are_enforced),
		cmocka_unit_test(leap_days_in_json),
		cmocka_unit_test(draft_from_analysis_and_playbook),
	};

	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
