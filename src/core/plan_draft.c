/*
 * plan_draft.c — a first measures plan from an agency's analysis and a playbook.
 *
 * The draft is what an officer would otherwise type from the analysis report: one measure per
 * weakness indicator, one per low question of an indicator that is a strength overall, one per
 * failed OIT item; a working group per instrument; the memo's department and subject. Texts come
 * from the playbook's entries; where the playbook has none, from the framework's own words
 * (what the indicator measures, the question, the item and its required elements), so that no
 * measure is ever empty. Every text is cleaned on the way in (control characters other than
 * newline become spaces, at most 8 KiB cut at a character boundary, bytes of text that is not
 * UTF-8 become '?') so that the draft is a plan oi_plan_read_json() accepts back.
 *
 * Entries are looked up by scanning pb->entries here rather than through oi_playbook_find():
 * a playbook has at most a few hundred entries and a draft is made once.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plan_int.h"
#include "utf8.h"

#define DRAFT_TEXT_MAX 8192
#define DRAFT_STEPS_MAX 50

static const char followup_default[] =
	"ติดตามและรายงานความก้าวหน้าการดำเนินงานในรอบ 6 เดือนและ 12 เดือน";

static const struct oi_playbook_entry *find_entry(const struct oi_playbook *pb,
						  enum oi_playbook_kind kind, const char *code)
{
	if (!pb)
		return NULL;
	for (size_t i = 0; i < pb->n_entries; i++)
		if (pb->entries[i].kind == kind && pb->entries[i].code &&
		    !strcmp(pb->entries[i].code, code))
			return &pb->entries[i];
	return NULL;
}

/* Set *field to the printf-style text, cleaned and bounded (see the opening comment). */
__attribute__((format(printf, 3, 4)))
static void set_text(struct oi_plan *plan, char **field, const char *fmt, ...)
{
	char buf[DRAFT_TEXT_MAX + 1];
	va_list ap;
	size_t len;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	len = strlen(buf);
	if (len == DRAFT_TEXT_MAX)   /* cut: drop a partial UTF-8 sequence at the end */
		while (len && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
			len--, buf[len] = '\0';
	if (len && (unsigned char)buf[len - 1] >= 0xC0)
		buf[--len] = '\0';
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)buf[i] < 0x20 && buf[i] != '\n')
			buf[i] = ' ';
	if (!utf8_valid(buf, len))   /* e.g. a comment in a legacy encoding: '?' for bad bytes */
		for (size_t i = 0; i < len;) {
			size_t n = 1;

			if ((unsigned char)buf[i] >= 0x80) {
				for (n = 2; n <= 4 && (i + n > len || !utf8_valid(buf + i, n)); n++)
					;
				if (n > 4) {
					buf[i] = '?';
					n = 1;
				}
			}
			i += n;
		}
	oi_plan_set(plan, field, buf);
}

static void add_step(struct oi_plan *plan, struct oi_measure *m, const char *step)
{
	char *s;

	if (m->n_steps >= DRAFT_STEPS_MAX || !step || !*step)
		return;
	set_text(plan, &s, "%s", step);
	oi_plan_measure_add_step(plan, m, s);
}

/* The instrument code as a plan holds it: IIT, EIT, OIT, or "" for any other. */
static const char *plan_instrument(const struct oi_framework *fw, size_t instrument)
{
	const char *code = fw->instruments[instrument].code;

	return !strcmp(code, "IIT") || !strcmp(code, "EIT") || !strcmp(code, "OIT") ? code : "";
}

/* guideline, steps, unit and follow-up of an entry; false when there is no entry. */
static bool fill_from_entry(struct oi_plan *plan, struct oi_measure *m,
			    const struct oi_playbook_entry *e)
{
	if (!e)
		return false;
	set_text(plan, &m->guideline_th, "%s", e->guideline_th ? e->guideline_th : "");
	for (size_t i = 0; i < e->n_steps; i++)
		add_step(plan, m, e->steps_th[i]);
	set_text(plan, &m->unit_th, "%s", e->unit_th ? e->unit_th : "");
	set_text(plan, &m->followup_th, "%s", e->followup_th ? e->followup_th : followup_default);
	return true;
}

/* The lowest low question of indicator ind, or -1 (low_questions are lowest first). */
static long lowest_question(const struct oi_analysis *an, size_t ind)
{
	const struct oi_framework *fw = an->ar->fw;

	for (size_t i = 0; i < an->n_low_questions; i++)
		if (fw->questions[an->low_questions[i].question].indicator == ind)
			return (long)an->low_questions[i].question;
	return -1;
}

static void draft_weak_indicator(struct oi_plan *plan, const struct oi_analysis *an,
				 const struct oi_playbook *pb, const struct oi_indicator_finding *f)
{
	const struct oi_framework *fw = an->ar->fw;
	const struct oi_indicator *ind = &fw->indicators[f->indicator];
	const struct oi_playbook_entry *e = find_entry(pb, OI_PLAYBOOK_INDICATOR, ind->code);
	struct oi_measure *m = oi_plan_add_measure(plan);
	long q = lowest_question(an, f->indicator);
	int dec = (int)fw->result_decimals;

	set_text(plan, &m->instrument, "%s", plan_instrument(fw, ind->instrument));
	set_text(plan, &m->source, "%s", q >= 0 ? fw->questions[q].code : ind->code);
	set_text(plan, &m->issue_th, "ตัวชี้วัดที่ %s %s", ind->code, ind->name_th);
	if (e && e->finding_th)
		set_text(plan, &m->finding_th, "คะแนน %.*f ต่ำกว่าเกณฑ์ %g %s", dec, f->score,
			 fw->strength_min, e->finding_th);
	else if (ind->measures_th)
		set_text(plan, &m->finding_th, "คะแนน %.*f ต่ำกว่าเกณฑ์ %g ตัวชี้วัดนี้วัด%s", dec,
			 f->score, fw->strength_min, ind->measures_th);
	else
		set_text(plan, &m->finding_th, "คะแนน %.*f ต่ำกว่าเกณฑ์ %g", dec, f->score,
			 fw->strength_min);
	if (!fill_from_entry(plan, m, e)) {
		set_text(plan, &m->guideline_th, "ปรับปรุงการดำเนินงานด้าน%s%s%s", ind->name_th,
			 ind->measures_th ? " ให้สะท้อน" : "",
			 ind->measures_th ? ind->measures_th : "");
		add_step(plan, m, "วิเคราะห์สาเหตุของคะแนนที่ต่ำในแต่ละข้อคำถามของตัวชี้วัด");
		add_step(plan, m, "กำหนดแนวทางแก้ไขและมอบหมายผู้รับผิดชอบ");
		add_step(plan, m, "สื่อสารแนวทางให้บุคลากรและผู้เกี่ยวข้องทราบและถือปฏิบัติ");
		set_text(plan, &m->followup_th, "%s", followup_default);
	}
}

static void draft_low_question(struct oi_plan *plan, const struct oi_analysis *an,
			       const struct oi_playbook *pb, const struct oi_low_question *lq)
{
	const struct oi_framework *fw = an->ar->fw;
	const struct oi_question *q = &fw->questions[lq->question];
	const struct oi_indicator *ind = &fw->indicators[q->indicator];
	const struct oi_playbook_entry *e = find_entry(pb, OI_PLAYBOOK_QUESTION, q->code);
	struct oi_measure *m = oi_plan_add_measure(plan);
	int dec = (int)fw->result_decimals;

	if (!e)  /* the question has no entry: what is advised for its indicator */
		e = find_entry(pb, OI_PLAYBOOK_INDICATOR, ind->code);
	set_text(plan, &m->instrument, "%s", plan_instrument(fw, ind->instrument));
	set_text(plan, &m->source, "%s", q->code);
	set_text(plan, &m->issue_th, "ข้อ %s %s", q->code, q->text_th ? q->text_th : ind->name_th);
	set_text(plan, &m->finding_th, "คะแนนข้อ %s %.*f ต่ำกว่าเกณฑ์ %g (ตัวชี้วัดที่ %s %s)%s%s",
		 q->code, dec, lq->score, fw->strength_min, ind->code, ind->name_th,
		 e && e->finding_th ? " " : "", e && e->finding_th ? e->finding_th : "");
	if (!fill_from_entry(plan, m, e)) {
		set_text(plan, &m->guideline_th, "ส่งเสริมให้เกิดการรับรู้ที่ดีขึ้นในประเด็น: %s",
			 q->text_th ? q->text_th : ind->name_th);
		add_step(plan, m, "วิเคราะห์สาเหตุที่ข้อคำถามนี้ได้คะแนนต่ำ");
		add_step(plan, m, "กำหนดแนวทางแก้ไขและสื่อสารให้ผู้เกี่ยวข้องทราบ");
		set_text(plan, &m->followup_th, "%s", followup_default);
	}
}

static void draft_failed_item(struct oi_plan *plan, const struct oi_framework *fw,
			      const struct oi_playbook *pb, const struct oi_failed_item *fi)
{
	const struct oi_oit_item *item = &fw->oit_items[fi->item];
	const struct oi_playbook_entry *e = find_entry(pb, OI_PLAYBOOK_OIT_ITEM, item->code);
	struct oi_measure *m = oi_plan_add_measure(plan);
	const char *comment = fi->comment && *fi->comment ? fi->comment : NULL;

	set_text(plan, &m->instrument, "%s", plan_instrument(fw, item->instrument));
	set_text(plan, &m->source, "%s", item->code);
	set_text(plan, &m->issue_th, "ข้อ %s %s", item->code,
		 item->title_th ? item->title_th : "(ไม่ทราบชื่อข้อ)");
	set_text(plan, &m->finding_th, "ไม่ผ่านการประเมินข้อ %s%s%s%s%s", item->code,
		 comment ? " ความเห็นของผู้ประเมิน: " : "", comment ? comment : "",
		 e && e->finding_th ? " " : "", e && e->finding_th ? e->finding_th : "");
	if (!fill_from_entry(plan, m, e)) {
		set_text(plan, &m->guideline_th,
			 "เปิดเผยข้อมูล%s บนเว็บไซต์หลักของหน่วยงานให้ครบถ้วนตามองค์ประกอบของข้อ %s",
			 item->title_th ? item->title_th : "", item->code);
		for (size_t i = 0; i < item->n_elements; i++) {
			char *s;

			set_text(plan, &s, "จัดทำและเผยแพร่ให้มี: %s", item->elements_th[i]);
			add_step(plan, m, s);
		}
		if (!m->n_steps)
			add_step(plan, m, "จัดทำข้อมูลให้ครบถ้วนและเผยแพร่บนเว็บไซต์หลักของหน่วยงาน");
		set_text(plan, &m->followup_th, "%s", followup_default);
	}
}

/* The project's name and duties of the working group of an instrument. */
static void draft_committee(struct oi_plan *plan, const struct oi_instrument *ins,
			    const char *code)
{
	struct oi_committee *c = oi_plan_add_committee(plan);

	set_text(plan, &c->instrument, "%s", code);
	if (!strcmp(ins->code, "IIT")) {
		set_text(plan, &c->name_th, "คณะทำงานด้านการเก็บข้อมูลจากบุคลากรในหน่วยงาน (IIT)");
		set_text(plan, &c->duties_th, "ประชาสัมพันธ์และส่งเสริมให้บุคลากรของหน่วยงานตอบ"
			 "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT) ให้ครบตามจำนวนขั้นต่ำ "
			 "ติดตามผล และเสนอแนวทางปรับปรุงในประเด็นที่ได้คะแนนต่ำ");
	} else if (!strcmp(ins->code, "EIT")) {
		set_text(plan, &c->name_th,
			 "คณะทำงานด้านการเก็บข้อมูลจากผู้รับบริการหรือผู้ติดต่อหน่วยงาน (EIT)");
		set_text(plan, &c->duties_th, "ประชาสัมพันธ์และส่งเสริมให้ผู้รับบริการและผู้ติดต่อ"
			 "หน่วยงานตอบแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT) ให้ครบตาม"
			 "จำนวนขั้นต่ำ ติดตามผล และเสนอแนวทางปรับปรุงการให้บริการและการสื่อสาร");
	} else if (!strcmp(ins->code, "OIT")) {
		set_text(plan, &c->name_th, "คณะทำงานด้านการเปิดเผยข้อมูลทางเว็บไซต์ของหน่วยงาน (OIT)");
		set_text(plan, &c->duties_th, "รวบรวมและเปิดเผยข้อมูลตามแบบตรวจการเปิดเผยข้อมูล"
			 "สาธารณะ (OIT) บนเว็บไซต์หลักของหน่วยงานให้ครบถ้วนและเป็นปัจจุบัน "
			 "ตอบแบบตรวจ และชี้แจงผลการตรวจของผู้ประเมิน");
	} else {
		set_text(plan, &c->name_th, "คณะทำงานด้าน%s (%s)", ins->name_th, ins->code);
		set_text(plan, &c->duties_th, "ดำเนินการและติดตามการประเมินด้าน%s (%s) และเสนอ"
			 "แนวทางปรับปรุงในประเด็นที่ได้คะแนนต่ำ", ins->name_th, ins->code);
	}
}

int oi_plan_draft(const struct oi_analysis *an, const struct oi_playbook *pb, int fiscal_year_be,
		  struct oi_plan **out, struct oi_error *err)
{
	const struct oi_agency_result *ar = an ? an->ar : NULL;
	const struct oi_framework *fw = ar ? ar->fw : NULL;
	struct oi_plan *plan;
	int year;

	*out = NULL;
	if (!fw)
		return oi_error_set(err, NULL, 0, 0, "the analysis has no agency result to plan from");
	if (pb && pb->framework_id && strcmp(pb->framework_id, fw->id))
		return oi_error_set(err, NULL, 0, 0,
				    "the playbook is for framework %s, the result for %s",
				    pb->framework_id, fw->id);
	year = fiscal_year_be ? fiscal_year_be : ar->fiscal_year_be ? ar->fiscal_year_be + 1 : 0;
	if (!year)
		return oi_error_set(err, NULL, 0, 0,
				    "the plan's fiscal year is not known: give it, or give the "
				    "assessed year of the result (the plan is for the year after)");
	if (year < 2500 || year > 2700)
		return oi_error_set(err, NULL, 0, 0,
				    "fiscal year %d is not a Buddhist Era year from 2500 to 2700",
				    year);
	plan = oi_plan_new(fw->id, ar->agency_code, year);
	if (ar->fiscal_year_be >= 2500 && ar->fiscal_year_be <= 2700)
		plan->result_year_be = ar->fiscal_year_be;
	set_text(plan, &plan->agency_name_th, "%s", ar->agency_name ? ar->agency_name : "");
	set_text(plan, &plan->memo.department_th, "%s", plan->agency_name_th);
	set_text(plan, &plan->memo.subject_th,
		 "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. %d", year);

	for (size_t i = 0; i < an->n_indicators; i++)
		if (an->indicators[i].has_score && !an->indicators[i].strength)
			draft_weak_indicator(plan, an, pb, &an->indicators[i]);
	for (size_t i = 0; i < an->n_low_questions; i++) {
		size_t ind = fw->questions[an->low_questions[i].question].indicator;

		for (size_t k = 0; k < an->n_indicators; k++)
			if (an->indicators[k].indicator == ind && an->indicators[k].strength)
				draft_low_question(plan, an, pb, &an->low_questions[i]);
	}
	for (size_t i = 0; i < an->n_failed_items; i++)
		draft_failed_item(plan, fw, pb, &an->failed_items[i]);
	for (size_t i = 0; i < fw->n_instruments; i++)
		draft_committee(plan, &fw->instruments[i], plan_instrument(fw, i));
	*out = plan;
	return 0;
}
