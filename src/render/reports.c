/*
 * reports.c — the reports' entry point (reports.h) and the pieces the four composers share
 * (report_int.h): text formatting, names, dates, the indicator table and the measures table.
 * The composers themselves are report_analysis.c, report_measures.c, report_progress.c and
 * report_memo.c. Every figure comes from the analysis, every sentence about what to do from the
 * plan; the connecting sentences are the project's own Thai.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "openita/date.h"
#include "openita/thai.h"
#include "report_int.h"

static const char *const kind_names[] = {"analysis", "measures", "progress", "memo"};

int report_kind_parse(const char *name)
{
	for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
		if (name && strcmp(name, kind_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *report_kind_name(enum report_kind kind)
{
	return (size_t)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "";
}

const char *rctx_fmt(struct report_ctx *c, const char *fmt, ...)
{
	struct buf *b = &c->ring[c->next++ % REPORT_FMT_RING];
	va_list ap;

	buf_reset(b);
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
	return b->data ? b->data : "";
}

const char *rctx_agency(const struct report_ctx *c)
{
	if (c->plan && c->plan->agency_name_th[0])
		return c->plan->agency_name_th;
	if (c->an && c->an->ar->agency_name[0])
		return c->an->ar->agency_name;
	if (c->plan && c->plan->agency_code[0])
		return c->plan->agency_code;
	return c->an ? c->an->ar->agency_code : "";
}

int rctx_result_year(const struct report_ctx *c)
{
	if (c->an && c->an->ar->fiscal_year_be)
		return c->an->ar->fiscal_year_be;
	if (c->plan && c->plan->result_year_be)
		return c->plan->result_year_be;
	return c->plan && c->plan->fiscal_year_be ? c->plan->fiscal_year_be - 1 : 0;
}

const char *rctx_date(struct report_ctx *c, const char *iso, bool abbreviated)
{
	char out[64];

	if (!iso || !iso[0])
		return "";
	if (oi_thai_date(iso, abbreviated, out, sizeof out))
		return rctx_fmt(c, "%s", iso);
	return rctx_fmt(c, "%s", out);
}

const char *rctx_period(struct report_ctx *c, const struct oi_measure *m)
{
	char from[64], to[64];

	if (oi_thai_date(m->period_start, true, from, sizeof from) ||
	    oi_thai_date(m->period_end, true, to, sizeof to))
		return rctx_fmt(c, "%s – %s", m->period_start, m->period_end);
	return rctx_fmt(c, "%s – %s", from, to);
}

const char *rctx_steps(struct report_ctx *c, const struct oi_measure *m)
{
	struct buf *b = &c->ring[c->next++ % REPORT_FMT_RING];

	buf_reset(b);
	if (m->n_steps == 1)
		buf_puts(b, m->steps_th[0]);
	else
		for (size_t i = 0; i < m->n_steps; i++)
			buf_printf(b, "%s%zu. %s", i ? "\n" : "", i + 1, m->steps_th[i]);
	return b->data ? b->data : "";
}

const char *rctx_source(struct report_ctx *c, const struct oi_measure *m)
{
	const struct oi_framework *fw = c->fw;
	long i;

	if (!m->source[0])
		return "";
	if (!fw)
		return m->source;
	for (size_t q = 0; q < fw->n_questions; q++)
		if (strcmp(fw->questions[q].code, m->source) == 0)
			return rctx_fmt(c, "%s %s", m->source, fw->questions[q].text_th);
	i = oi_framework_find_oit_item(fw, m->source);
	if (i >= 0)
		return rctx_fmt(c, "%s %s", m->source,
				fw->oit_items[i].title_th ? fw->oit_items[i].title_th : "");
	i = oi_framework_find_indicator(fw, m->source);
	if (i >= 0)
		return rctx_fmt(c, "ตัวชี้วัดที่ %s %s", m->source, fw->indicators[i].name_th);
	return m->source;
}

const char *rctx_instrument_name(struct report_ctx *c, const char *code)
{
	static const struct { const char *code, *name; } known[] = {
		{"IIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน"},
		{"EIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก"},
		{"OIT", "แบบวัดการเปิดเผยข้อมูลสาธารณะ"},
	};

	if (!code || !code[0])
		return "มาตรการทั่วไป";
	if (c->fw) {
		long i = oi_framework_find_instrument(c->fw, code);

		if (i >= 0)
			return rctx_fmt(c, "%s (%s)", c->fw->instruments[i].name_th, code);
	}
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].code, code) == 0)
			return rctx_fmt(c, "%s (%s)", known[i].name, code);
	return code;
}

const char *rctx_score(struct report_ctx *c, bool has, double score)
{
	unsigned decimals = c->fw ? c->fw->result_decimals : 2;

	if (!has)
		return "ไม่มีข้อมูล";
	return rctx_fmt(c, "%.*f", (int)decimals, oi_round(score, decimals));
}

void rctx_indicator_table(struct report_ctx *c, const char *caption)
{
	const struct oi_analysis *an = c->an;
	const struct oi_framework *fw = c->fw;
	bool previous = false;
	struct doc_table *t;
	int year = 0;

	for (size_t i = 0; i < an->n_indicators; i++)
		if (an->indicators[i].has_previous) {
			previous = true;
			year = an->indicators[i].previous_year_be;
		}
	if (previous) {
		static const double w[] = {4.0, 1.8, 1.8, 2.0, 2.0};

		t = doc_table_begin(c->d, caption, 5, w, 1);
	} else {
		static const double w[] = {6, 2, 2.2};

		t = doc_table_begin(c->d, caption, 3, w, 1);
	}
	doc_table_cell(t, DOC_CENTER, "ตัวชี้วัด");
	doc_table_cell(t, DOC_CENTER, rctx_fmt(c, "คะแนน ปี %d", rctx_result_year(c)));
	if (previous) {
		doc_table_cell(t, DOC_CENTER, rctx_fmt(c, "คะแนน ปี %d", year));
		doc_table_cell(t, DOC_CENTER, "เพิ่ม/ลด");
	}
	doc_table_cell(t, DOC_CENTER, "ผลการวิเคราะห์");
	doc_table_row_end(t);
	for (size_t k = 0; k < an->n_instruments; k++) {
		const struct oi_instrument_finding *inf = &an->instruments[k];
		const struct oi_instrument *ins = &fw->instruments[inf->instrument];

		doc_table_cell_span(t, DOC_BOLD, 1, rctx_fmt(c, "%s (%s)", ins->name_th, ins->code));
		doc_table_cell(t, DOC_BOLD | DOC_CENTER, rctx_score(c, inf->has_score, inf->score));
		if (previous) {
			doc_table_cell(t, 0, "");
			doc_table_cell(t, 0, "");
		}
		doc_table_cell(t, DOC_CENTER, !inf->has_score ? "" :
			       inf->meets_target ? rctx_fmt(c, "ผ่านเกณฑ์ %g", fw->target) :
			       rctx_fmt(c, "ต่ำกว่าเกณฑ์ %g", fw->target));
		doc_table_row_end(t);
		for (size_t j = 0; j < ins->n_indicators; j++) {
			const struct oi_indicator_finding *f = &an->indicators[ins->indicators[j]];
			const struct oi_indicator *in = &fw->indicators[f->indicator];

			doc_table_cell(t, 0, rctx_fmt(c, "%s. %s", in->code, in->name_th));
			doc_table_cell(t, DOC_CENTER, rctx_score(c, f->has_score, f->score));
			if (previous) {
				doc_table_cell(t, DOC_CENTER,
					       rctx_score(c, f->has_previous, f->previous));
				doc_table_cell(t, DOC_CENTER, !(f->has_previous && f->has_score) ? "" :
					       rctx_fmt(c, "%+.2f", f->change));
			}
			doc_table_cell(t, DOC_CENTER, !f->has_score ? "" :
				       f->strength ? "จุดแข็ง" : "ควรพัฒนา");
			doc_table_row_end(t);
		}
	}
	doc_table_cell(t, DOC_BOLD, "คะแนนรวม");
	doc_table_cell(t, DOC_BOLD | DOC_CENTER, rctx_score(c, an->has_total, an->total));
	if (previous) {
		doc_table_cell(t, DOC_CENTER,
			       rctx_score(c, an->has_previous_total, an->previous_total));
		doc_table_cell(t, DOC_CENTER, !(an->has_previous_total && an->has_total) ? "" :
			       rctx_fmt(c, "%+.2f", an->total_change));
	}
	doc_table_cell(t, DOC_BOLD | DOC_CENTER, an->grade ? an->grade : "");
	doc_table_row_end(t);
	doc_table_end(t);
}

/* The issue of a measure and, when it says more, what it answers: "issue\n(i13 question)". */
static const char *issue_and_source(struct report_ctx *c, const struct oi_measure *m)
{
	const char *source = rctx_source(c, m);

	if (!source[0] || strstr(m->issue_th, source))
		return m->issue_th;
	return rctx_fmt(c, "%s\n(%s)", m->issue_th, source);
}

size_t rctx_measures_table(struct report_ctx *c, const char *instrument, const char *caption,
			   bool with_finding)
{
	static const double w_find[] = {0.7, 3.6, 4.0, 3.6, 4.8, 2.2, 3.2, 2.6};
	static const double w_plain[] = {0.7, 4.2, 4.6, 5.6, 2.4, 3.2, 3};
	const struct oi_plan *p = c->plan;
	struct doc_table *t = NULL;
	size_t shown = 0;

	for (size_t i = 0; i < p->n_measures; i++) {
		const struct oi_measure *m = &p->measures[i];

		if (instrument && strcmp(m->instrument, instrument) != 0)
			continue;
		if (!t) {
			t = doc_table_begin(c->d, caption, with_finding ? 8 : 7,
					    with_finding ? w_find : w_plain, 1);
			doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ที่");
			doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ประเด็น / ข้อคำถาม ITA");
			if (with_finding)
				doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ข้อค้นพบ");
			doc_table_cell(t, DOC_CENTER | DOC_SMALL,
				       "แนวทางการนำผลไปสู่การปฏิบัติ (มาตรการ)");
			doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ขั้นตอน / วิธีการปฏิบัติ");
			doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ระยะเวลา\nดำเนินการ");
			doc_table_cell(t, DOC_CENTER | DOC_SMALL, "ผู้รับผิดชอบ");
			doc_table_cell(t, DOC_CENTER | DOC_SMALL, "การติดตามผล");
			doc_table_row_end(t);
		}
		shown++;
		doc_table_cell(t, DOC_CENTER | DOC_SMALL, rctx_fmt(c, "%zu", shown));
		doc_table_cell(t, DOC_SMALL, issue_and_source(c, m));
		if (with_finding)
			doc_table_cell(t, DOC_SMALL, m->finding_th);
		doc_table_cell(t, DOC_SMALL, m->guideline_th);
		doc_table_cell(t, DOC_SMALL, rctx_steps(c, m));
		doc_table_cell(t, DOC_SMALL | DOC_CENTER, rctx_period(c, m));
		doc_table_cell(t, DOC_SMALL, m->unit_th);
		doc_table_cell(t, DOC_SMALL, m->followup_th);
		doc_table_row_end(t);
	}
	if (t)
		doc_table_end(t);
	return shown;
}

int report_build(enum report_kind kind, const struct report_input *in, struct doc **out,
		 struct oi_error *err)
{
	struct report_ctx c = {.in = in, .an = in->analysis, .plan = in->plan};
	struct doc_options o = {.thai_digits = in->thai_digits};
	static const char *const titles[] = {
		"รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
		"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
		"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
		"บันทึกข้อความ",
	};

	*out = NULL;
	if ((size_t)kind >= sizeof titles / sizeof titles[0])
		return oi_error_set(err, "", 0, 0, "unknown document kind %d", (int)kind);
	if (!in->plan)
		return oi_error_set(err, "", 0, 0,
				    "the %s document needs a measures plan", report_kind_name(kind));
	if (kind == REPORT_ANALYSIS && !in->analysis)
		return oi_error_set(err, "", 0, 0, "the analysis report needs a result to analyse");
	if (kind == REPORT_PROGRESS && (in->checkpoint < 0 || in->checkpoint >= OI_PLAN_CHECKPOINTS))
		return oi_error_set(err, "", 0, 0,
				    "the progress report's checkpoint must be 6 or 12 months");
	c.fw = c.an ? c.an->ar->fw : NULL;
	if (in->today && in->today[0]) {
		snprintf(c.today, sizeof c.today, "%s", in->today);
	} else {
		oi_date_today((long long)time(NULL), c.today);
	}
	for (size_t i = 0; i < REPORT_FMT_RING; i++)
		buf_init(&c.ring[i], 1u << 20);
	o.title = titles[kind];
	c.d = doc_new(&o);
	switch (kind) {
	case REPORT_ANALYSIS: report_compose_analysis(&c); break;
	case REPORT_MEASURES: report_compose_measures(&c); break;
	case REPORT_PROGRESS: report_compose_progress(&c); break;
	case REPORT_MEMO: report_compose_memo(&c); break;
	}
	for (size_t i = 0; i < REPORT_FMT_RING; i++)
		buf_release(&c.ring[i]);
	*out = c.d;
	return 0;
}

static const char *const format_names[] = {"pdf", "docx", "html", "csv", "xlsx"};
static const char *const format_mimes[] = {
	"application/pdf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"text/html; charset=utf-8",
	"text/csv; charset=utf-8",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

int report_format_parse(const char *name)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (name && strcmp(name, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *report_format_name(enum report_format format)
{
	return (size_t)format < 5 ? format_names[format] : "";
}

const char *report_format_mime(enum report_format format)
{
	return (size_t)format < 5 ? format_mimes[format] : "application/octet-stream";
}

/* Every table of d as CSV, one BOM at the start, a blank line between tables. */
static int tables_csv(const struct doc *d, struct buf *out, struct oi_error *err)
{
	static const char bom[] = "\xEF\xBB\xBF";
	size_t n = doc_table_count(d);
	struct buf one;
	int rc = 0;

	buf_init(&one, out->max);
	buf_puts(out, bom);
	for (size_t i = 0; i < n && !rc; i++) {
		buf_reset(&one);
		rc = doc_table_csv(d, i, &one, err);
		if (rc)
			break;
		if (i)
			buf_puts(out, "\r\n");
		if (one.len >= 3 && memcmp(one.data, bom, 3) == 0)
			rc = buf_add(out, one.data + 3, one.len - 3);
		else
			rc = buf_add(out, one.data, one.len);
		if (rc)
			oi_error_set(err, "", 0, 0, "the tables exceed the output limit");
	}
	buf_release(&one);
	return rc;
}

int report_render(enum report_kind kind, enum report_format format, const struct report_input *in,
		  struct buf *out, struct oi_error *err)
{
	struct doc *d;
	int rc;

	if (report_build(kind, in, &d, err))
		return -1;
	switch (format) {
	case REPORT_PDF: rc = doc_render_pdf(d, out, err); break;
	case REPORT_DOCX: rc = doc_render_docx(d, out, err); break;
	case REPORT_HTML: rc = doc_render_html(d, out, err); break;
	case REPORT_CSV: rc = tables_csv(d, out, err); break;
	case REPORT_XLSX: rc = doc_tables_xlsx(d, out, err); break;
	default: rc = oi_error_set(err, "", 0, 0, "unknown output format %d", (int)format);
	}
	doc_free(d);
	return rc;
}
