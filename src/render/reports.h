/*
 * reports.h — the four documents an agency publishes after its ITA result, composed as a
 * struct doc (doc.h) from an analysis and a measures plan:
 *
 *   REPORT_ANALYSIS  รายงานการวิเคราะห์ผลการประเมิน (seed 001's shape): cover, preface, contents,
 *                    background, the result, strengths, weaknesses, recommendations, an action
 *                    table per instrument;
 *   REPORT_MEASURES  มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (seeds 000, 003, 004);
 *   REPORT_PROGRESS  รายงานความก้าวหน้า 6/12 เดือน (seed 001's table);
 *   REPORT_MEMO      บันทึกข้อความ covering the measures (seeds 000, 002).
 *
 * All text is the project's own Thai; figures come from the analysis, wording of what to do from
 * the plan (drafted from the playbook and edited by the agency).
 */
#ifndef OPENITA_RENDER_REPORTS_H
#define OPENITA_RENDER_REPORTS_H

#include "doc.h"
#include "openita/analysis.h"
#include "openita/plan.h"
#include "openita/playbook.h"

enum report_kind { REPORT_ANALYSIS, REPORT_MEASURES, REPORT_PROGRESS, REPORT_MEMO };

/* "analysis", "measures", "progress", "memo" → kind; -1 when none. */
int report_kind_parse(const char *name);
const char *report_kind_name(enum report_kind kind);

struct report_input {
	const struct oi_analysis *analysis;   /* required for REPORT_ANALYSIS; may be NULL
						 otherwise */
	const struct oi_plan *plan;           /* required */
	const struct oi_playbook *playbook;   /* may be NULL */
	int checkpoint;                       /* REPORT_PROGRESS: 0 = 6 months, 1 = 12 months */
	bool thai_digits;
	const char *today;                    /* ISO date for undated memos; NULL: the clock */
};

/* Compose the document; the caller frees *out with doc_free(). Returns -1 with err filled when
 * a required input is missing. */
int report_build(enum report_kind kind, const struct report_input *in, struct doc **out,
		 struct oi_error *err);

enum report_format { REPORT_PDF, REPORT_DOCX, REPORT_HTML, REPORT_CSV, REPORT_XLSX };

/* "pdf", "docx", "html", "csv", "xlsx" → format; -1 when none. */
int report_format_parse(const char *name);
const char *report_format_name(enum report_format format);
/* The format's media type ("application/pdf" …). */
const char *report_format_mime(enum report_format format);

/*
 * Compose and render in one step: the document as PDF, DOCX or HTML, or its tables as CSV (every
 * table, one after another, a blank line between, one BOM at the start) or as an XLSX workbook
 * (a sheet per table). Appends to out; returns 0, or -1 with err filled (out may then hold part
 * of a file: discard it).
 */
int report_render(enum report_kind kind, enum report_format format, const struct report_input *in,
		  struct buf *out, struct oi_error *err);

#endif
