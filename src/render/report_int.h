/*
 * report_int.h — what the four report composers (report_*.c) share: the context of one
 * composition, text formatting into short-lived buffers, and the pieces several documents use
 * (titles, the indicator table, the measures table, dates, names). Private to src/render.
 */
#ifndef OPENITA_RENDER_REPORT_INT_H
#define OPENITA_RENDER_REPORT_INT_H

#include "buf.h"
#include "reports.h"

#define REPORT_FMT_RING 4

struct report_ctx {
	const struct report_input *in;
	const struct oi_framework *fw;     /* NULL when there is no analysis */
	const struct oi_analysis *an;      /* may be NULL except for the analysis report */
	const struct oi_plan *plan;
	struct doc *d;
	struct buf ring[REPORT_FMT_RING];  /* rctx_fmt() results, reused in turn */
	unsigned next;
	char today[11];                    /* ISO */
};

/* printf into the next of the ring's buffers; valid until REPORT_FMT_RING more calls. The doc
 * copies what it is given, so a result passed straight to doc_*() is always safe. */
const char *rctx_fmt(struct report_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The agency's name for titles ("" never: the code when no name is known). */
const char *rctx_agency(const struct report_ctx *c);
/* The assessed year (BE) the documents speak of; 0 when unknown. */
int rctx_result_year(const struct report_ctx *c);

/* An ISO date in Thai ("1 ตุลาคม 2566"); "" stays "" and a bad date is shown as given. */
const char *rctx_date(struct report_ctx *c, const char *iso, bool abbreviated);
/* A measure's period "1 ต.ค. 2566 – 30 ก.ย. 2567". */
const char *rctx_period(struct report_ctx *c, const struct oi_measure *m);
/* The measure's steps as lines "1. …" (one step: the step alone). */
const char *rctx_steps(struct report_ctx *c, const struct oi_measure *m);
/* What the measure answers: "i13 <question text>" / "O42 <item title>" / "ตัวชี้วัดที่ 3 …";
 * "" when it has no source. Needs the framework (analysis); without it, the code alone. */
const char *rctx_source(struct report_ctx *c, const struct oi_measure *m);
/* Thai name of an instrument by code ("IIT" → "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)"). */
const char *rctx_instrument_name(struct report_ctx *c, const char *code);

/* A score with the framework's decimals ("89.00"); "ไม่มีข้อมูล" when has is false. */
const char *rctx_score(struct report_ctx *c, bool has, double score);

/* The table of every indicator grouped by instrument: name, score, standing, and when any
 * earlier year is known, that year's score and the change. */
void rctx_indicator_table(struct report_ctx *c, const char *caption);

/* The measures of one instrument ("" for all) as the action table of seeds 000/003/004:
 * ที่, ประเด็น (with the question or item it answers), ข้อค้นพบ, แนวทาง, ขั้นตอน, ระยะเวลา,
 * ผู้รับผิดชอบ, การติดตามผล.
 * Returns the number of measures shown. */
size_t rctx_measures_table(struct report_ctx *c, const char *instrument, const char *caption,
			   bool with_finding);

/* The document's composers. */
void report_compose_analysis(struct report_ctx *c);
void report_compose_measures(struct report_ctx *c);
void report_compose_progress(struct report_ctx *c);
void report_compose_memo(struct report_ctx *c);

#endif
