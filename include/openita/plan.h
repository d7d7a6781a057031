/*
 * plan.h — the measures plan of one agency for one fiscal year, and its progress.
 *
 * What agencies write after their result (shared/seeds 000–004): measures (มาตรการ) per issue,
 * each with the question or item it comes from, the finding, the guideline, concrete steps, the
 * period, the responsible unit and the follow-up method; progress at the 6- and 12-month
 * checkpoints; working groups (a committee per instrument); problems and obstacles; and the
 * fields of the covering memo. A plan is drafted from an analysis and a playbook
 * (oi_plan_draft), edited by the agency, stored, and read and written as JSON (`--plan
 * FILE.json`, format docs/plan.md).
 *
 * Memory: a struct oi_plan owns every string and array it points to (one arena). Change a
 * string only through oi_plan_set() so that the plan keeps owning it; grow arrays only through
 * the _add functions. Dates are ISO 8601 "YYYY-MM-DD" in the Common Era ("" when not set);
 * documents show them in the Buddhist Era.
 */
#ifndef OPENITA_PLAN_H
#define OPENITA_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/analysis.h"
#include "openita/error.h"
#include "openita/playbook.h"

#define OI_PLAN_CHECKPOINTS 2        /* the 6-month and the 12-month report */

enum oi_progress_status {
	OI_PROGRESS_NOT_REPORTED = 0,    /* no report for the checkpoint yet */
	OI_PROGRESS_NOT_DONE,            /* ยังไม่ดำเนินการ */
	OI_PROGRESS_IN_PROGRESS,         /* อยู่ระหว่างดำเนินการ */
	OI_PROGRESS_DONE,                /* ดำเนินการแล้ว */
};

struct oi_progress {
	enum oi_progress_status status;
	char *done_th;                   /* what was done */
	char *suggestion_th;             /* ข้อเสนอแนะ */
	char *remark_th;                 /* หมายเหตุ */
	char *evidence_url;              /* "" when none */
	char *reported_on;               /* date of the report, "" when not reported */
};

struct oi_measure {
	char *instrument;                /* "IIT", "EIT", "OIT", or "" for a general measure */
	char *source;                    /* question or item code ("i13", "O42") or indicator
					    code ("3"); "" when none */
	char *issue_th;                  /* ประเด็น / มาตรการ */
	char *finding_th;                /* ข้อบกพร่อง/จุดอ่อนที่พบ */
	char *guideline_th;              /* แนวทางการนำผลไปสู่การปฏิบัติ */
	char **steps_th;                 /* วิธีการดำเนินการ */
	size_t n_steps;
	char *period_start, *period_end; /* dates; default the plan's fiscal year 1 Oct – 30 Sep */
	char *unit_th;                   /* ผู้รับผิดชอบ */
	char *followup_th;               /* การติดตามผล */
	struct oi_progress progress[OI_PLAN_CHECKPOINTS];
};

enum oi_committee_role { OI_ROLE_CHAIR, OI_ROLE_MEMBER, OI_ROLE_SECRETARY };

struct oi_committee_member {
	char *name_th;
	char *position_th;
	enum oi_committee_role role;
};

struct oi_committee {
	char *instrument;                /* "IIT", "EIT", "OIT" or "" for the whole assessment */
	char *name_th;                   /* คณะทำงานด้าน … */
	char *duties_th;                 /* หน้าที่ */
	struct oi_committee_member *members;
	size_t n_members;
};

struct oi_memo {
	char *department_th;             /* ส่วนราชการ */
	char *reference_no;              /* ที่ */
	char *date;                      /* วันที่ (ISO) */
	char *subject_th;                /* เรื่อง; "" → the document's default subject */
	char *to_th;                     /* เรียน */
	char *signer_name_th;
	char *signer_position_th;
};

struct oi_plan {
	char *framework_id;
	char *agency_code;
	char *agency_name_th;
	int fiscal_year_be;              /* the year the measures run in */
	int result_year_be;              /* the assessed year they answer (usually fiscal - 1) */
	char *prepared_by_th, *prepared_position_th;
	struct oi_measure *measures;     size_t n_measures;
	struct oi_committee *committees; size_t n_committees;
	char **problems_th;              size_t n_problems;   /* ปัญหาและอุปสรรค */
	struct oi_memo memo;
	struct oi_plan_private *priv;    /* the arena */
};

/* A new, empty plan: every string "" (never NULL), no measures. */
struct oi_plan *oi_plan_new(const char *framework_id, const char *agency_code,
			    int fiscal_year_be);
void oi_plan_free(struct oi_plan *plan);

/* Set *field (a char * member of plan or of anything it owns) to a copy of value (NULL → "").
 * Old strings stay in the arena until the plan is freed. */
void oi_plan_set(struct oi_plan *plan, char **field, const char *value);

/* Append an empty item and return it (strings "", period = the fiscal year). Pointers to
 * earlier items may move. */
struct oi_measure *oi_plan_add_measure(struct oi_plan *plan);
void oi_plan_measure_add_step(struct oi_plan *plan, struct oi_measure *m, const char *step);
struct oi_committee *oi_plan_add_committee(struct oi_plan *plan);
struct oi_committee_member *oi_plan_committee_add_member(struct oi_plan *plan,
							 struct oi_committee *c);
void oi_plan_add_problem(struct oi_plan *plan, const char *problem_th);

/* Remove measure i (0-based, < n_measures), keeping the order of the rest. */
void oi_plan_remove_measure(struct oi_plan *plan, size_t i);

/* The fiscal year's bounds: 1 October (fiscal_year_be - 544) and 30 September
 * (fiscal_year_be - 543), as ISO dates into start/end (11 bytes each). */
void oi_fiscal_year_bounds(int fiscal_year_be, char start[11], char end[11]);

/*
 * Draft a plan for the fiscal year after the analysed one (or fiscal_year_be when not 0): one
 * measure per weakness indicator (from the playbook's indicator entry, sourced to its lowest
 * low question when question scores are known, else to the indicator; the finding gives the
 * score against fw->strength_min), one per low question of a strength indicator, and one per
 * failed OIT item (with the assessors' comment in the finding); where the playbook has no entry,
 * the framework's own texts. Committees: one per instrument, named and with duties in the
 * project's words, no members. Memo: department = the agency's name, the default subject.
 * pb may be NULL (framework texts only). Returns 0; -1 when the analysis has no result, the
 * playbook is for another framework, or the fiscal year is unknown (both 0) or outside
 * 2500–2700.
 */
int oi_plan_draft(const struct oi_analysis *an, const struct oi_playbook *pb, int fiscal_year_be,
		  struct oi_plan **out, struct oi_error *err);

/*
 * Read a plan from JSON (docs/plan.md). name is what errors call the input; errors name the JSON
 * path ("$.measures[2].period_end: expected a date YYYY-MM-DD"). Every bounded: at most 500
 * measures, 50 steps each, 20 committees of 100 members, 200 problems, strings of 8 KiB.
 */
int oi_plan_read_json(const char *name, const char *json, size_t len, struct oi_plan **out,
		      struct oi_error *err);

/* The plan as JSON that oi_plan_read_json() reads back equal. malloc'd, NUL-terminated; the
 * caller frees it. NULL when a string of the plan is not valid UTF-8 (JSON cannot hold it). */
char *oi_plan_to_json(const struct oi_plan *plan);

enum oi_plan_alert_kind {
	OI_ALERT_OVERDUE,            /* period ended, last report not "done" */
	OI_ALERT_REPORT_MISSING,     /* a checkpoint's date has passed with no report */
};

struct oi_plan_alert {
	enum oi_plan_alert_kind kind;
	size_t measure;              /* index into plan->measures */
	int checkpoint;              /* 0 (6 months) or 1 (12 months); -1 for OVERDUE */
	char due[11];                /* the date it was due (ISO) */
};

/* The due date of checkpoint 0 (period_start + 6 months - 1 day; a day the 6th month lacks
 * becomes its last day, so 2024-08-31 → 2025-02-27) or 1 (period_end); "" when the date it
 * derives from is not set or not valid. */
void oi_measure_checkpoint_due(const struct oi_measure *m, int checkpoint, char due[11]);

/*
 * The alerts of plan as of today (ISO date): into alerts (room for max), returning how many
 * there are in all (may exceed max). Order: by measure, then checkpoint (-1, the OVERDUE alert,
 * before 0 and 1). A measure whose dates are "" or invalid raises none; an invalid today, none.
 */
size_t oi_plan_alerts(const struct oi_plan *plan, const char *today,
		      struct oi_plan_alert *alerts, size_t max);

/* Thai labels: "ดำเนินการแล้ว", "ประธาน" … (never NULL). */
const char *oi_progress_status_th(enum oi_progress_status s);
const char *oi_committee_role_th(enum oi_committee_role r);

#endif
