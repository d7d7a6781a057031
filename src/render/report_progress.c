/*
 * report_progress.c — the 6- or 12-month progress report (รายงานผลการดำเนินการตามมาตรการ,
 * OIT item O43) in the table of seed 001: per measure the responsible unit, the period, the
 * status ticked in one of three columns, what was done, suggestions, remarks and the evidence
 * link; with a summary of the statuses and the measures that need attention as of today.
 */
#include <string.h>

#include "openita/thai.h"
#include "report_int.h"

/* "ตั้งแต่เดือนตุลาคม 2566 – เดือนมีนาคม 2567" for the checkpoint of the plan's year. */
static const char *span(struct report_ctx *c, int checkpoint)
{
	struct oi_measure year = {0};
	char start[11], end[11], due[11];
	int y0, m0, d0, y1, m1, d1;

	oi_fiscal_year_bounds(c->plan->fiscal_year_be, start, end);
	year.period_start = start;
	year.period_end = end;
	oi_measure_checkpoint_due(&year, checkpoint, due);
	if (oi_date_parse(start, &y0, &m0, &d0) || oi_date_parse(due, &y1, &m1, &d1))
		return "";
	return rctx_fmt(c, "ตั้งแต่เดือน%s %d – เดือน%s %d", oi_thai_month(m0, false), y0 + 543,
			oi_thai_month(m1, false), y1 + 543);
}

static void summary(struct report_ctx *c, int checkpoint)
{
	static const double w[] = {5, 2, 2};
	static const enum oi_progress_status order[] = {
		OI_PROGRESS_DONE, OI_PROGRESS_IN_PROGRESS, OI_PROGRESS_NOT_DONE,
		OI_PROGRESS_NOT_REPORTED,
	};
	const struct oi_plan *p = c->plan;
	struct doc_table *t;

	doc_heading(c->d, 1, "1. สรุปผลการดำเนินการ");
	t = doc_table_begin(c->d, "สรุปสถานะของมาตรการ", 3, w, 1);
	doc_table_cell(t, DOC_CENTER, "สถานะ");
	doc_table_cell(t, DOC_CENTER, "จำนวนมาตรการ");
	doc_table_cell(t, DOC_CENTER, "ร้อยละ");
	doc_table_row_end(t);
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		size_t n = 0;

		for (size_t i = 0; i < p->n_measures; i++)
			n += p->measures[i].progress[checkpoint].status == order[k];
		doc_table_cell(t, 0, order[k] == OI_PROGRESS_NOT_REPORTED ? "ยังไม่รายงาน" :
			       oi_progress_status_th(order[k]));
		doc_table_cell(t, DOC_CENTER, rctx_fmt(c, "%zu", n));
		doc_table_cell(t, DOC_CENTER, p->n_measures ?
			       rctx_fmt(c, "%.2f", 100.0 * (double)n / (double)p->n_measures) : "-");
		doc_table_row_end(t);
	}
	doc_table_cell(t, DOC_BOLD, "รวม");
	doc_table_cell(t, DOC_BOLD | DOC_CENTER, rctx_fmt(c, "%zu", p->n_measures));
	doc_table_cell(t, DOC_BOLD | DOC_CENTER, p->n_measures ? "100.00" : "-");
	doc_table_row_end(t);
	doc_table_end(t);
}

static void detail(struct report_ctx *c, int checkpoint)
{
	/* the status columns wide enough for "ดำเนินการ" whole at 14 pt: no word is cut */
	static const double w[] = {0.6, 3.8, 3.8, 2.2, 2.0, 2.4, 2.0, 4.0, 3.0, 2.8};
	const struct oi_plan *p = c->plan;
	struct doc_table *t;

	doc_heading(c->d, 1, "2. ผลการดำเนินการรายมาตรการ");
	if (!p->n_measures) {
		doc_paragraph(c->d, DOC_INDENT, "ยังไม่ได้กำหนดมาตรการ");
		return;
	}
	doc_landscape(c->d);
	t = doc_table_begin(c->d, rctx_fmt(c, "ผลการดำเนินการตามมาตรการ รอบ %s เดือน",
					   checkpoint ? "12" : "6"), 10, w, 2);
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ที่");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ประเด็น / มาตรการ");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ผู้รับผิดชอบ");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ระยะเวลา\nดำเนินการ");
	doc_table_cell_span(t, DOC_CENTER | DOC_SMALL, 3, "ผลการดำเนินการ");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "รายละเอียดผลการดำเนินการ");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ข้อเสนอแนะ / หมายเหตุ");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "หลักฐาน");
	doc_table_row_end(t);
	for (int i = 0; i < 4; i++)
		doc_table_cell(t, DOC_SMALL, "");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ดำเนินการ\nแล้ว");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "อยู่ระหว่าง\nดำเนินการ");
	doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ยังไม่\nดำเนินการ");
	for (int i = 0; i < 3; i++)
		doc_table_cell(t, DOC_SMALL, "");
	doc_table_row_end(t);
	for (size_t i = 0; i < p->n_measures; i++) {
		const struct oi_measure *m = &p->measures[i];
		const struct oi_progress *pr = &m->progress[checkpoint];

		doc_table_cell(t, DOC_CENTER | DOC_SMALL, rctx_fmt(c, "%zu", i + 1));
		doc_table_cell(t, DOC_SMALL, m->guideline_th[0] ?
			       rctx_fmt(c, "%s\n- %s", m->issue_th, m->guideline_th) : m->issue_th);
		doc_table_cell(t, DOC_SMALL, m->unit_th);
		doc_table_cell(t, DOC_SMALL | DOC_CENTER, rctx_period(c, m));
		doc_table_cell(t, DOC_SMALL | DOC_CENTER, pr->status == OI_PROGRESS_DONE ? "✓" : "");
		doc_table_cell(t, DOC_SMALL | DOC_CENTER,
			       pr->status == OI_PROGRESS_IN_PROGRESS ? "✓" : "");
		doc_table_cell(t, DOC_SMALL | DOC_CENTER, pr->status == OI_PROGRESS_NOT_DONE ? "✓" : "");
		doc_table_cell(t, DOC_SMALL, pr->status == OI_PROGRESS_NOT_REPORTED ?
			       "(ยังไม่รายงาน)" : pr->reported_on[0] ?
			       rctx_fmt(c, "%s\n(รายงานเมื่อ %s)", pr->done_th,
					rctx_date(c, pr->reported_on, true)) : pr->done_th);
		doc_table_cell(t, DOC_SMALL, !pr->remark_th[0] ? pr->suggestion_th :
			       rctx_fmt(c, "%s%sหมายเหตุ: %s", pr->suggestion_th,
					pr->suggestion_th[0] ? "\n" : "", pr->remark_th));
		doc_table_cell(t, DOC_SMALL | DOC_VERBATIM, pr->evidence_url);
		doc_table_row_end(t);
	}
	doc_table_end(t);
	doc_portrait(c->d);
}

static void attention(struct report_ctx *c)
{
	struct oi_plan_alert alerts[64];
	size_t n = oi_plan_alerts(c->plan, c->today, alerts, 64);

	doc_heading(c->d, 1, rctx_fmt(c, "3. มาตรการที่ต้องติดตาม (ณ วันที่ %s)",
				      rctx_date(c, c->today, false)));
	if (!n)
		doc_paragraph(c->d, DOC_INDENT, "ไม่มีมาตรการที่เลยกำหนดหรือค้างรายงาน");
	for (size_t i = 0; i < n && i < 64; i++) {
		const struct oi_measure *m = &c->plan->measures[alerts[i].measure];

		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      alerts[i].kind == OI_ALERT_OVERDUE ?
			      rctx_fmt(c, "%zu) มาตรการที่ %zu %s: สิ้นสุดระยะเวลาเมื่อ %s แต่ยังดำเนินการไม่แล้วเสร็จ "
				       "(%s)", i + 1, alerts[i].measure + 1, m->issue_th,
				       rctx_date(c, alerts[i].due, false), m->unit_th) :
			      rctx_fmt(c, "%zu) มาตรการที่ %zu %s: ยังไม่รายงานผลรอบ %s เดือน ซึ่งครบกำหนด %s "
				       "(%s)", i + 1, alerts[i].measure + 1, m->issue_th,
				       alerts[i].checkpoint ? "12" : "6",
				       rctx_date(c, alerts[i].due, false), m->unit_th));
	}
	if (n > 64)
		doc_paragraph(c->d, DOC_INDENT, rctx_fmt(c, "และอีก %zu รายการ", n - 64));
}

void report_compose_progress(struct report_ctx *c)
{
	const struct oi_plan *p = c->plan;
	int cp = c->in->checkpoint;

	doc_heading(c->d, 0, rctx_fmt(c, "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส\n"
				      "%s ประจำปีงบประมาณ พ.ศ. %d\nรอบ %s เดือน (%s)", rctx_agency(c),
				      p->fiscal_year_be, cp ? "12" : "6", span(c, cp)));
	summary(c, cp);
	detail(c, cp);
	attention(c);
	doc_heading(c->d, 1, "4. ปัญหาและอุปสรรค");
	if (!p->n_problems)
		doc_paragraph(c->d, DOC_INDENT, "ไม่มี");
	for (size_t i = 0; i < p->n_problems; i++)
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "%zu) %s", i + 1, p->problems_th[i]));
	if (p->prepared_by_th[0])
		doc_signature(c->d, p->prepared_by_th, p->prepared_position_th[0] ?
			      p->prepared_position_th : "ผู้รายงาน");
}
