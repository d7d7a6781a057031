/*
 * report_analysis.c — the analysis report (รายงานการวิเคราะห์ผลการประเมิน ITA), in the shape of
 * seed 001 and better organised: cover, preface, contents, (1) background of the assessment from
 * the framework, (2) the result with the indicator table and each instrument's lowest indicator,
 * (3) strengths and weaknesses by the framework's threshold, low questions and failed OIT items
 * with the assessors' comments, (4) recommendations, (5) the action table per instrument from the
 * measures plan (landscape pages).
 */
#include <string.h>

#include "report_int.h"

/* What an indicator measures: the playbook's words, else the framework's. */
static const char *indicator_measures(struct report_ctx *c, size_t indicator)
{
	const struct oi_indicator *in = &c->fw->indicators[indicator];
	const struct oi_playbook_entry *e = c->in->playbook ?
		oi_playbook_find(c->in->playbook, OI_PLAYBOOK_INDICATOR, in->code) : NULL;

	if (e && e->measures_th && e->measures_th[0])
		return e->measures_th;
	return in->measures_th ? in->measures_th : "";
}

static const struct oi_playbook_entry *entry(struct report_ctx *c, enum oi_playbook_kind kind,
					     const char *code)
{
	return c->in->playbook ? oi_playbook_find(c->in->playbook, kind, code) : NULL;
}

/*
 * The next weakness at or after *i (an indicator with a score below the framework's
 * strength_min): true with *i on it and *e its playbook entry (NULL when the playbook has
 * none); false when there is none left.
 */
static bool next_weakness(struct report_ctx *c, size_t *i, const struct oi_playbook_entry **e)
{
	for (; *i < c->an->n_indicators; ++*i) {
		const struct oi_indicator_finding *f = &c->an->indicators[*i];

		if (f->has_score && !f->strength) {
			*e = entry(c, OI_PLAYBOOK_INDICATOR, c->fw->indicators[*i].code);
			return true;
		}
	}
	return false;
}

static void cover(struct report_ctx *c, int year)
{
	const struct oi_plan *p = c->plan;

	doc_space(c->d, 150);
	doc_heading(c->d, 0, rctx_fmt(c, "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
				      "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA)\n"
				      "ประจำปีงบประมาณ พ.ศ. %d", year));
	doc_space(c->d, 90);
	doc_paragraph(c->d, DOC_CENTER | DOC_BOLD, rctx_agency(c));
	doc_space(c->d, 180);
	if (p->prepared_by_th[0]) {
		doc_paragraph(c->d, DOC_CENTER, p->prepared_by_th);
		if (p->prepared_position_th[0])
			doc_paragraph(c->d, DOC_CENTER, p->prepared_position_th);
		doc_paragraph(c->d, DOC_CENTER, "ผู้จัดทำ");
	}
	doc_page_break(c->d);
}

static void preface(struct report_ctx *c, int year)
{
	doc_heading(c->d, 0, "คำนำ");
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
		      "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) "
		      "ประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and "
		      "Transparency Assessment: ITA) เป็นประจำทุกปี เพื่อให้หน่วยงานทราบสถานะของตนเอง "
		      "และนำผลไปปรับปรุงการบริหารงานให้โปร่งใส มีประสิทธิภาพ และเป็นที่ไว้วางใจของประชาชน");
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
		      rctx_fmt(c, "%s ได้รับผลการประเมินประจำปีงบประมาณ พ.ศ. %d แล้ว จึงจัดทำรายงาน"
			       "ฉบับนี้เพื่อวิเคราะห์ผลการประเมินเป็นรายตัวชี้วัด ระบุจุดแข็งและจุดที่ต้องพัฒนา "
			       "และกำหนดแนวทางการนำผลไปปรับปรุงการดำเนินงานในปีงบประมาณ พ.ศ. %d "
			       "ให้เป็นรูปธรรมและติดตามผลได้ หวังเป็นอย่างยิ่งว่ารายงานฉบับนี้จะเป็นประโยชน์"
			       "ต่อผู้บริหารและบุคลากรทุกระดับในการยกระดับคุณธรรมและความโปร่งใสของหน่วยงาน",
			       rctx_agency(c), year, c->plan->fiscal_year_be));
	if (c->plan->prepared_by_th[0])
		doc_signature(c->d, c->plan->prepared_by_th, c->plan->prepared_position_th[0] ?
			      c->plan->prepared_position_th : "ผู้จัดทำ");
	doc_page_break(c->d);
	doc_toc(c->d, "สารบัญ");
	doc_page_break(c->d);
	doc_number_pages(c->d);
}

static void background(struct report_ctx *c)
{
	const struct oi_framework *fw = c->fw;

	doc_heading(c->d, 1, "1. ความเป็นมาของการประเมิน");
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
		      "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
		      "เป็นเครื่องมือที่สำนักงาน ป.ป.ช. ใช้ประเมินหน่วยงานภาครัฐทั่วประเทศตามยุทธศาสตร์ชาติ"
		      "ว่าด้วยการป้องกันและปราบปรามการทุจริต โดยผสานการประเมินจากการรับรู้ของผู้มีส่วนได้"
		      "ส่วนเสีย (Perception-based) เข้ากับการตรวจหลักฐานเชิงประจักษ์ (Evidence-based) "
		      "ผ่านเครื่องมือ ดังนี้");
	for (size_t k = 0; k < fw->n_instruments; k++) {
		const struct oi_instrument *ins = &fw->instruments[k];
		struct buf *b = &c->ring[c->next++ % REPORT_FMT_RING];

		buf_reset(b);
		buf_printf(b, "%zu) %s (%s) น้ำหนักร้อยละ %g ของคะแนนรวม ประกอบด้วย %zu ตัวชี้วัด "
			   "ได้แก่ ", k + 1, ins->name_th, ins->code, ins->weight, ins->n_indicators);
		for (size_t j = 0; j < ins->n_indicators; j++) {
			const struct oi_indicator *in = &fw->indicators[ins->indicators[j]];

			buf_printf(b, "%s%s %s", j ? ", " : "", in->code, in->name_th);
		}
		if (ins->respondents_th && ins->respondents_th[0])
			buf_printf(b, " ผู้ให้ข้อมูล: %s", ins->respondents_th);
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY, b->data);
	}
	if (fw->result_kind == OI_GRADE_BANDS) {
		struct buf *b = &c->ring[c->next++ % REPORT_FMT_RING];

		buf_reset(b);
		buf_puts(b, "คะแนนรวมจัดเป็นระดับผลการประเมิน ดังนี้ ");
		for (size_t i = 0; i < fw->n_bands; i++)
			buf_printf(b, "%s%s (%.2f–%.2f คะแนน)", i ? ", " : "", fw->bands[i].label,
				   fw->bands[i].min, fw->bands[i].max);
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY, b->data);
	} else {
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      "ผลการประเมินจัดเป็นระดับตามคะแนนรวมและคะแนนของแต่ละเครื่องมือ "
			      "ตามหลักเกณฑ์ของปีงบประมาณที่ประเมิน");
	}
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
		      rctx_fmt(c, "เป้าหมายระดับประเทศกำหนดให้หน่วยงานได้คะแนนตั้งแต่ %g คะแนนขึ้นไป "
			       "(ผ่านเกณฑ์)", fw->target));
}

static void result_section(struct report_ctx *c, int year)
{
	const struct oi_analysis *an = c->an;
	const struct oi_framework *fw = c->fw;

	doc_heading(c->d, 1, rctx_fmt(c, "2. ผลการประเมินประจำปีงบประมาณ พ.ศ. %d", year));
	if (an->has_total) {
		const char *prev = an->has_previous_total ?
			rctx_fmt(c, " เทียบกับปีงบประมาณ พ.ศ. %d ซึ่งได้ %.2f คะแนน %s %.2f คะแนน",
				 an->previous_year_be, an->previous_total,
				 an->total_change >= 0 ? "เพิ่มขึ้น" : "ลดลง",
				 an->total_change >= 0 ? an->total_change : -an->total_change) : "";

		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "ผลการประเมินคุณธรรมและความโปร่งใสของ%s ประจำปีงบประมาณ "
				       "พ.ศ. %d ได้คะแนนรวม %.2f คะแนน อยู่ในระดับ %s%s ซึ่ง%sเป้าหมาย "
				       "%g คะแนน รายละเอียดตามตารางที่ 1", rctx_agency(c), year,
				       an->total, an->grade ? an->grade : "-", prev,
				       an->meets_target ? "ผ่าน" : "ยังไม่ถึง", fw->target));
	} else {
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "ผลการประเมินของ%s ประจำปีงบประมาณ พ.ศ. %d ยังไม่ครบทุก"
				       "ตัวชี้วัด จึงยังไม่มีคะแนนรวมและระดับผลการประเมิน "
				       "รายละเอียดเท่าที่มีตามตารางที่ 1", rctx_agency(c), year));
	}
	rctx_indicator_table(c, "ตารางที่ 1 ผลคะแนนการประเมินรายตัวชี้วัด");
	for (size_t k = 0; k < an->n_instruments; k++) {
		const struct oi_instrument_finding *inf = &an->instruments[k];
		const struct oi_indicator_finding *low;

		if (inf->lowest_indicator < 0)
			continue;
		low = &an->indicators[inf->lowest_indicator];
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "%zu. ด้าน %s พบว่า ตัวชี้วัดที่ %s %s มีคะแนนต่ำสุด เท่ากับ "
				       "%.2f คะแนน ซึ่งเป็นตัวชี้วัดที่วัด%s", k + 1,
				       fw->instruments[inf->instrument].code,
				       fw->indicators[low->indicator].code,
				       fw->indicators[low->indicator].name_th, low->score,
				       indicator_measures(c, low->indicator)));
	}
}

static void strengths_weaknesses(struct report_ctx *c)
{
	const struct oi_analysis *an = c->an;
	const struct oi_framework *fw = c->fw;
	const struct oi_playbook_entry *e;
	size_t n = 0;

	doc_heading(c->d, 1, "3. การวิเคราะห์ผลการประเมิน");
	doc_heading(c->d, 2, rctx_fmt(c, "3.1 จุดแข็ง (ตัวชี้วัดที่ได้คะแนนตั้งแต่ร้อยละ %g ขึ้นไป)",
				      fw->strength_min));
	for (size_t i = 0; i < an->n_indicators; i++) {
		const struct oi_indicator_finding *f = &an->indicators[i];

		if (!f->has_score || !f->strength)
			continue;
		doc_paragraph(c->d, DOC_INDENT, rctx_fmt(c, "(%zu) ตัวชี้วัดที่ %s %s %.2f คะแนน", ++n,
							 fw->indicators[i].code,
							 fw->indicators[i].name_th, f->score));
	}
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY, n ?
		      "ตัวชี้วัดข้างต้นสะท้อนการดำเนินงานที่ได้มาตรฐาน หน่วยงานควรรักษาระดับการดำเนินงาน"
		      "และเผยแพร่แนวปฏิบัติที่ดีให้บุคลากรถือปฏิบัติอย่างต่อเนื่อง" :
		      "ยังไม่มีตัวชี้วัดที่ได้คะแนนถึงเกณฑ์จุดแข็ง");
	doc_heading(c->d, 2, rctx_fmt(c, "3.2 จุดอ่อนที่ต้องพัฒนา (ตัวชี้วัดที่ได้คะแนนต่ำกว่าร้อยละ %g)",
				      fw->strength_min));
	n = 0;
	for (size_t i = 0; next_weakness(c, &i, &e); i++) {
		doc_paragraph(c->d, DOC_INDENT | DOC_BOLD,
			      rctx_fmt(c, "(%zu) ตัวชี้วัดที่ %s %s %.2f คะแนน", ++n,
				       fw->indicators[i].code, fw->indicators[i].name_th,
				       an->indicators[i].score));
		if (e && e->finding_th)
			doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
				      rctx_fmt(c, "ข้อค้นพบ: %s", e->finding_th));
	}
	if (!n)
		doc_paragraph(c->d, DOC_INDENT, "ทุกตัวชี้วัดได้คะแนนถึงเกณฑ์");
	if (an->n_low_questions) {
		static const double w[] = {1.2, 7, 1.8};
		struct doc_table *t;

		doc_heading(c->d, 2, "3.3 ข้อคำถามที่ได้คะแนนต่ำ");
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "ข้อคำถามที่ได้คะแนนต่ำกว่า %g คะแนน เรียงจากคะแนนต่ำสุด "
				       "ดังตารางที่ 2", fw->strength_min));
		t = doc_table_begin(c->d, "ตารางที่ 2 ข้อคำถามที่ได้คะแนนต่ำ", 3, w, 1);
		doc_table_cell(t, DOC_CENTER, "ข้อ");
		doc_table_cell(t, DOC_CENTER, "ข้อคำถาม");
		doc_table_cell(t, DOC_CENTER, "คะแนน");
		doc_table_row_end(t);
		for (size_t i = 0; i < an->n_low_questions; i++) {
			const struct oi_question *q = &fw->questions[an->low_questions[i].question];

			doc_table_cell(t, DOC_CENTER, q->code);
			doc_table_cell(t, 0, q->text_th);
			doc_table_cell(t, DOC_CENTER, rctx_fmt(c, "%.2f", an->low_questions[i].score));
			doc_table_row_end(t);
		}
		doc_table_end(t);
	}
	if (an->n_failed_items) {
		static const double w[] = {1.2, 3.6, 5.2};
		struct doc_table *t;

		doc_heading(c->d, 2, rctx_fmt(c, "3.%d ข้อมูลที่ต้องเปิดเผย (OIT) ที่ไม่ผ่านการประเมิน",
					      an->n_low_questions ? 4 : 3));
		t = doc_table_begin(c->d, "ตารางที่ 3 ข้อ OIT ที่ไม่ผ่าน และข้อสังเกตของผู้ประเมิน", 3, w,
				    1);
		doc_table_cell(t, DOC_CENTER, "ข้อ");
		doc_table_cell(t, DOC_CENTER, "รายการ");
		doc_table_cell(t, DOC_CENTER, "ข้อสังเกตของผู้ประเมิน");
		doc_table_row_end(t);
		for (size_t i = 0; i < an->n_failed_items; i++) {
			const struct oi_oit_item *it = &fw->oit_items[an->failed_items[i].item];

			doc_table_cell(t, DOC_CENTER, it->code);
			doc_table_cell(t, 0, it->title_th ? it->title_th : "");
			doc_table_cell(t, 0, an->failed_items[i].comment ?
				       an->failed_items[i].comment : "-");
			doc_table_row_end(t);
		}
		doc_table_end(t);
	}
}

static void recommendations(struct report_ctx *c)
{
	const struct oi_analysis *an = c->an;
	const struct oi_framework *fw = c->fw;
	const struct oi_playbook_entry *e;
	size_t n = 0;

	doc_heading(c->d, 1, "4. ข้อเสนอแนะจากการวิเคราะห์ผลการประเมิน");
	for (size_t i = 0; next_weakness(c, &i, &e); i++)
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "%zu) ตัวชี้วัดที่ %s %s: %s", ++n, fw->indicators[i].code,
				       fw->indicators[i].name_th,
				       e && e->guideline_th ? e->guideline_th :
				       "ทบทวนการดำเนินงานตามประเด็นที่ตัวชี้วัดนี้วัด และกำหนดมาตรการแก้ไข"
				       "ที่ติดตามผลได้"));
	for (size_t i = 0; i < an->n_failed_items; i++) {
		const struct oi_oit_item *it = &fw->oit_items[an->failed_items[i].item];

		e = entry(c, OI_PLAYBOOK_OIT_ITEM, it->code);
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      rctx_fmt(c, "%zu) ข้อ %s %s: %s", ++n, it->code,
				       it->title_th ? it->title_th : "",
				       e && e->guideline_th ? e->guideline_th :
				       "เผยแพร่ข้อมูลให้ครบตามองค์ประกอบที่กำหนดบนเว็บไซต์หลักของหน่วยงาน"));
	}
	if (!n)
		doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
			      "ทุกตัวชี้วัดได้คะแนนถึงเกณฑ์ หน่วยงานควรรักษามาตรฐานการดำเนินงาน"
			      "และติดตามผลอย่างต่อเนื่อง");
}

static void actions(struct report_ctx *c)
{
	const struct oi_framework *fw = c->fw;
	int section = 0;

	doc_heading(c->d, 1, rctx_fmt(c, "5. การนำผลการประเมินไปดำเนินการปรับปรุงและพัฒนา "
				      "ในปีงบประมาณ พ.ศ. %d", c->plan->fiscal_year_be));
	doc_paragraph(c->d, DOC_INDENT | DOC_JUSTIFY,
		      rctx_fmt(c, "จากผลการวิเคราะห์ข้างต้น %s กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
			       "จำนวน %zu มาตรการ เพื่อปรับปรุงและพัฒนาการดำเนินงาน "
			       "โดยมีรายละเอียดแยกตามเครื่องมือการประเมิน ดังนี้",
			       rctx_agency(c), c->plan->n_measures));
	if (!c->plan->n_measures)
		return;
	doc_landscape(c->d);
	for (size_t k = 0; k <= fw->n_instruments; k++) {
		const char *code = k < fw->n_instruments ? fw->instruments[k].code : "";
		bool any = false;

		for (size_t i = 0; i < c->plan->n_measures && !any; i++)
			any = strcmp(c->plan->measures[i].instrument, code) == 0;
		if (!any)
			continue;
		doc_heading(c->d, 2, rctx_fmt(c, "5.%d ด้าน%s", ++section,
					      code[0] ? rctx_instrument_name(c, code) : "อื่น ๆ"));
		rctx_measures_table(c, code, rctx_fmt(c, "ตารางการนำผลการประเมินด้าน %s ไปสู่การปฏิบัติ "
						      "ปีงบประมาณ พ.ศ. %d", code[0] ? code : "อื่น ๆ",
						      c->plan->fiscal_year_be), true);
	}
	doc_portrait(c->d);
}

void report_compose_analysis(struct report_ctx *c)
{
	int year = rctx_result_year(c);

	cover(c, year);
	preface(c, year);
	doc_heading(c->d, 0, rctx_fmt(c, "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส "
				      "ประจำปีงบประมาณ พ.ศ. %d\n%s", year, rctx_agency(c)));
	background(c);
	result_section(c, year);
	strengths_weaknesses(c);
	recommendations(c);
	actions(c);
}
