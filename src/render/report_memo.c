/*
 * report_memo.c — the covering memo (บันทึกข้อความ) that puts the measures before the head of
 * the agency, in the layout of seeds 000 and 002 (ระเบียบงานสารบรรณ): the memo header, what the
 * result was, what the analysis found, the measures in a compact table, the request, the
 * signature.
 */
#include <string.h>

#include "report_int.h"

void report_compose_memo(struct report_ctx *c)
{
	static const double w[] = {3.0, 4.2, 3.2, 2.2, 2.6};
	const struct oi_plan *p = c->plan;
	const struct oi_memo *m = &p->memo;
	int year = rctx_result_year(c);
	struct doc_memo_header h = {
		.department = m->department_th[0] ? m->department_th : rctx_agency(c),
		.reference_no = m->reference_no[0] ? m->reference_no : NULL,
		.date = rctx_date(c, m->date[0] ? m->date : c->today, false),
		.subject = m->subject_th[0] ? m->subject_th :
			rctx_fmt(c, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
				 "ประจำปีงบประมาณ พ.ศ. %d", p->fiscal_year_be),
		.to = m->to_th[0] ? m->to_th : NULL,
	};

	doc_memo_header(c->d, &h);
	if (c->an && c->an->has_total)
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "ตามที่สำนักงาน ป.ป.ช. ได้ประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
				       "ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. %d และ%s "
				       "ได้คะแนนรวม %.2f คะแนน อยู่ในระดับ %s โดยมีตัวชี้วัดที่ต้องพัฒนา "
				       "%zu ตัวชี้วัด นั้น", year, rctx_agency(c), c->an->total,
				       c->an->grade ? c->an->grade : "-", c->an->n_weaknesses));
	else
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "ตามที่สำนักงาน ป.ป.ช. ได้ประกาศผลการประเมินคุณธรรมและความโปร่งใส"
				       "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. %d "
				       "และ%sได้วิเคราะห์ผลการประเมินแล้ว นั้น", year, rctx_agency(c)));
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
		      rctx_fmt(c, "เพื่อแก้ไขข้อบกพร่องและพัฒนาการดำเนินงานให้ดียิ่งขึ้น จึงได้จัดทำมาตรการ"
			       "ส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. %d "
			       "จำนวน %zu มาตรการ%s", p->fiscal_year_be, p->n_measures,
			       p->n_measures ? " ดังนี้" : ""));
	if (p->n_measures) {
		struct doc_table *t = doc_table_begin(c->d, NULL, 5, w, 1);

		doc_table_cell(t, DOC_CENTER | DOC_SMALL, "มาตรการ/แนวทาง");
		doc_table_cell(t, DOC_CENTER | DOC_SMALL, "วิธีการดำเนินการ");
		doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ผู้รับผิดชอบ");
		doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ระยะเวลา\nดำเนินการ");
		doc_table_cell(t, DOC_CENTER | DOC_SMALL, "การติดตามผล");
		doc_table_row_end(t);
		for (size_t i = 0; i < p->n_measures; i++) {
			const struct oi_measure *ms = &p->measures[i];

			doc_table_cell(t, DOC_SMALL, rctx_fmt(c, "%zu. %s", i + 1, ms->issue_th));
			doc_table_cell(t, DOC_SMALL, rctx_steps(c, ms));
			doc_table_cell(t, DOC_SMALL, ms->unit_th);
			doc_table_cell(t, DOC_SMALL | DOC_CENTER, rctx_period(c, ms));
			doc_table_cell(t, DOC_SMALL, ms->followup_th);
			doc_table_row_end(t);
		}
		doc_table_end(t);
	}
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
		      "จึงเรียนมาเพื่อโปรดพิจารณา หากเห็นชอบ ขอได้โปรดลงนามประกาศมาตรการดังกล่าว "
		      "และแจ้งทุกส่วนราชการถือปฏิบัติ พร้อมเผยแพร่บนเว็บไซต์หลักของหน่วยงานต่อไป");
	doc_signature(c->d, m->signer_name_th[0] ? m->signer_name_th : p->prepared_by_th,
		      m->signer_position_th[0] ? m->signer_position_th : p->prepared_position_th);
}
