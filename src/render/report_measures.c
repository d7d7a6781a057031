/*
 * report_measures.c — the measures document (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน
 * หน่วยงาน, OIT item O42), the tables of seeds 000, 003 and 004 in one consistent shape: the
 * result it answers (when the analysis is at hand), the measures table on landscape pages, the
 * working groups, problems and obstacles, and how the measures are followed up.
 */
#include <string.h>

#include "report_int.h"

static void committees(struct report_ctx *c, int number)
{
	const struct oi_plan *p = c->plan;
	static const double w[] = {0.8, 4, 4, 2};

	doc_heading(c->d, 1, rctx_fmt(c, "%d. คณะทำงานขับเคลื่อนการประเมิน", number));
	if (!p->n_committees) {
		doc_paragraph(c->d, DOC_INDENT, "ยังไม่ได้แต่งตั้งคณะทำงาน");
		return;
	}
	for (size_t k = 0; k < p->n_committees; k++) {
		const struct oi_committee *cm = &p->committees[k];
		struct doc_table *t;

		doc_heading(c->d, 2, rctx_fmt(c, "%d.%zu %s", number, k + 1,
					      cm->name_th[0] ? cm->name_th :
					      rctx_fmt(c, "คณะทำงานด้าน %s", cm->instrument)));
		if (cm->duties_th[0])
			doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
				      rctx_fmt(c, "หน้าที่: %s", cm->duties_th));
		if (!cm->n_members) {
			doc_paragraph(c->d, DOC_INDENT, "(ยังไม่ได้ระบุรายชื่อคณะทำงาน)");
			continue;
		}
		t = doc_table_begin(c->d, NULL, 4, w, 1);
		doc_table_cell(t, DOC_CENTER, "ที่");
		doc_table_cell(t, DOC_CENTER, "ชื่อ - สกุล");
		doc_table_cell(t, DOC_CENTER, "ตำแหน่ง");
		doc_table_cell(t, DOC_CENTER, "บทบาท");
		doc_table_row_end(t);
		for (size_t i = 0; i < cm->n_members; i++) {
			doc_table_cell(t, DOC_CENTER, rctx_fmt(c, "%zu", i + 1));
			doc_table_cell(t, 0, cm->members[i].name_th);
			doc_table_cell(t, 0, cm->members[i].position_th);
			doc_table_cell(t, DOC_CENTER, oi_committee_role_th(cm->members[i].role));
			doc_table_row_end(t);
		}
		doc_table_end(t);
	}
}

static void problems(struct report_ctx *c, int number)
{
	const struct oi_plan *p = c->plan;

	doc_heading(c->d, 1, rctx_fmt(c, "%d. ปัญหาและอุปสรรค", number));
	if (!p->n_problems)
		doc_paragraph(c->d, DOC_INDENT, "ไม่มี");
	for (size_t i = 0; i < p->n_problems; i++)
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "%zu) %s", i + 1, p->problems_th[i]));
}

static void follow_up(struct report_ctx *c, int number)
{
	struct oi_measure year = {0};
	char start[11], end[11], due0[11];

	oi_fiscal_year_bounds(c->plan->fiscal_year_be, start, end);
	year.period_start = start;
	year.period_end = end;
	oi_measure_checkpoint_due(&year, 0, due0);
	doc_heading(c->d, 1, rctx_fmt(c, "%d. การกำกับติดตามและรายงานผล", number));
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
		      rctx_fmt(c, "ให้ผู้รับผิดชอบแต่ละมาตรการรายงานความก้าวหน้าต่อผู้บริหาร รอบ 6 เดือน "
			       "ภายในวันที่ %s และรอบ 12 เดือน ภายในวันที่ %s โดยระบุผลการดำเนินการ "
			       "ข้อเสนอแนะ และหลักฐานประกอบ แล้วเผยแพร่รายงานบนเว็บไซต์หลักของหน่วยงาน",
			       rctx_date(c, due0, false), rctx_date(c, end, false)));
}

void report_compose_measures(struct report_ctx *c)
{
	const struct oi_plan *p = c->plan;
	int number = 1;

	doc_heading(c->d, 0, rctx_fmt(c, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
				      "ประจำปีงบประมาณ พ.ศ. %d\n%s", p->fiscal_year_be,
				      rctx_agency(c)));
	if (c->an) {
		const struct oi_analysis *an = c->an;

		doc_heading(c->d, 1, rctx_fmt(c, "%d. ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. %d",
					      number++, rctx_result_year(c)));
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY, an->has_total ?
			      rctx_fmt(c, "%s ได้คะแนนรวม %.2f คะแนน อยู่ในระดับ %s มีจุดแข็ง %zu "
				       "ตัวชี้วัด และจุดที่ต้องพัฒนา %zu ตัวชี้วัด ดังนี้", rctx_agency(c),
				       an->total, an->grade ? an->grade : "-", an->n_strengths,
				       an->n_weaknesses) :
			      "ผลการประเมินยังไม่ครบทุกตัวชี้วัด ผลเท่าที่มีเป็นดังนี้");
		rctx_indicator_table(c, "ผลคะแนนการประเมินรายตัวชี้วัด");
	}
	doc_heading(c->d, 1, rctx_fmt(c, "%d. มาตรการและแนวทางการดำเนินงาน", number++));
	if (!p->n_measures) {
		doc_paragraph(c->d, DOC_INDENT, "ยังไม่ได้กำหนดมาตรการ");
	} else {
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "เพื่อยกระดับคุณธรรมและความโปร่งใสในการดำเนินงาน %s "
				       "จึงกำหนดมาตรการ จำนวน %zu มาตรการ ดังตารางต่อไปนี้",
				       rctx_agency(c), p->n_measures));
		doc_landscape(c->d);
		rctx_measures_table(c, NULL, rctx_fmt(c, "มาตรการส่งเสริมคุณธรรมและความโปร่งใส "
						      "ประจำปีงบประมาณ พ.ศ. %d", p->fiscal_year_be),
				    true);
		doc_portrait(c->d);
	}
	committees(c, number++);
	problems(c, number++);
	follow_up(c, number++);
	if (p->memo.signer_name_th[0])
		doc_signature(c->d, p->memo.signer_name_th, p->memo.signer_position_th);
	else if (p->prepared_by_th[0])
		doc_signature(c->d, p->prepared_by_th, p->prepared_position_th);
}
