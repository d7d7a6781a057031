/*
 * documents.c — the agency's documents made from what the database holds: the analysis report,
 * the measures document, the progress report (6 or 12 months) and the covering memo, as the
 * render layer composes them (src/render/reports.h), served from the plan workspace.
 *
 *   GET /agency/:agency/plan/doc/<kind>.<fmt>[?digits=arabic]
 *       kind  analysis | measures | progress-6 | progress-12 | memo
 *       fmt   pdf | docx | html | csv | xlsx (csv and xlsx: the document's tables)
 *
 * Digits are Thai (๐–๙) unless ?digits=arabic, as the published seeds write them. The result
 * and the plan are read for the same years and framework as the workspace's pages
 * (plan_workspace_years); the wording of what to do comes from the plan, the connecting texts
 * from the framework's built-in playbook when it has one. The measures, progress and memo
 * documents need only the plan (the analysis adds its figures when the result is stored); the
 * analysis report also needs the result. A missing plan or result is a 404 page in Thai that
 * links to the page where it is made.
 *
 * The answer: the format's media type; "Content-Disposition: attachment" with the file name
 * ita-<agency>-<year>-<kind>.<fmt> (the plan's fiscal year), except HTML, which is shown in the
 * browser ("inline", same name for saving). Every answer to a signed-in user already carries
 * "Cache-Control: no-store" and "X-Content-Type-Options: nosniff" (web.c). A rendering fault is a
 * 500 page in Thai, and its technical message goes to the server's standard error.
 *
 * Who: administrators, the agency's own administrators and viewers (read-only, as the plan
 * pages); assessors have no access.
 */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "openita/date.h"
#include "openita/analysis.h"
#include "openita/plan.h"
#include "openita/playbook.h"
#include "plan.h"
#include "progress.h"
#include "reports.h"
#include "web.h"

#define READERS (WEB_ADMIN | WEB_AGENCY | WEB_VIEWER)
#define DOCUMENT_MAX_BYTES (32u << 20)

/* The documents by the name their URL gives them. */
static const struct document_kind {
	const char *slug;
	enum report_kind kind;
	int checkpoint;               /* REPORT_PROGRESS: 0 = 6 months, 1 = 12 months */
} document_kinds[] = {
	{"analysis", REPORT_ANALYSIS, 0},
	{"measures", REPORT_MEASURES, 0},
	{"progress-6", REPORT_PROGRESS, 0},
	{"progress-12", REPORT_PROGRESS, 1},
	{"memo", REPORT_MEMO, 0},
};

/*
 * "<kind>.<fmt>" → the kind and the format; NULL when either is not one of ours (exact,
 * lower-case names only).
 */
static const struct document_kind *parse_name(const char *name, enum report_format *format)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	int f;

	if (!dot || (f = report_format_parse(dot + 1)) < 0)
		return NULL;
	for (size_t i = 0; i < sizeof document_kinds / sizeof document_kinds[0]; i++) {
		size_t n = strlen(document_kinds[i].slug);

		if ((size_t)(dot - name) == n && !strncmp(name, document_kinds[i].slug, n)) {
			*format = (enum report_format)f;
			return &document_kinds[i];
		}
	}
	return NULL;
}

/* "/agency/<code><suffix>", the code percent-encoded, appended to b as an attribute value. */
static void agency_href(struct web_ctx *c, struct buf *b, const char *suffix)
{
	struct buf u;

	buf_init(&u, 2048);
	buf_puts(&u, "/agency/");
	html_urlencode(&u, c->agency.code);
	buf_puts(&u, suffix);
	html_attr(b, u.data ? u.data : "/");
	buf_release(&u);
}

/* A 404 page saying what is missing and linking to the page (suffix under the agency) where it
 * is made. */
static void missing_page(struct web_ctx *c, const char *title, const char *message,
			 const char *suffix, const char *link_label)
{
	struct buf *b = &c->res->body;

	buf_reset(b);
	page_begin(c, title);
	html_raw(b, "<nav aria-label=\"ตำแหน่งของหน้า\" class=\"crumbs\"><a href=\"");
	agency_href(c, b, "");
	html_raw(b, "\">");
	html_text(b, c->agency.name);
	html_raw(b, "</a></nav><h1>");
	html_text(b, title);
	html_raw(b, "</h1><p class=\"error-message\" role=\"alert\">");
	html_text(b, message);
	html_raw(b, "</p><p><a href=\"");
	agency_href(c, b, suffix);
	html_raw(b, "\">");
	html_text(b, link_label);
	html_raw(b, "</a></p>");
	page_end(c);
	c->res->status = 404;
}

/* The plan of the year, or NULL after answering (404 when there is none, 500 on a fault). */
static struct oi_plan *load_plan(struct web_ctx *c, const struct plan_years *y)
{
	struct oi_plan *plan = NULL;
	struct oi_error err;
	int rc = oi_store_plan_load(web_app_store(c->app), c->agency.id, y->plan_year, &plan, &err);

	if (rc < 0) {
		fprintf(stderr, "openita: plan of %s for %d: %s\n", c->agency.code, y->plan_year,
			err.message);
		web_error(c, 500, "ระบบขัดข้อง: อ่านแผนมาตรการไม่ได้ กรุณาลองใหม่อีกครั้ง");
		return NULL;
	}
	if (rc == 1) {
		missing_page(c, "ยังไม่มีแผนมาตรการ",
			     "ยังไม่มีแผนมาตรการของปีนี้ จึงยังสร้างเอกสารไม่ได้ ร่างแผนมาตรการจากหน้าแผน"
			     "มาตรการก่อน (ร่างจากผลการวิเคราะห์ได้ทันทีเมื่อบันทึกผลการประเมินแล้ว) "
			     "แล้วกลับมาดาวน์โหลดเอกสารอีกครั้ง",
			     "/plan", "ไปที่หน้าแผนมาตรการ");
		return NULL;
	}
	return plan;
}

/*
 * The stored result of the year analysed into *an: 1 when there is one (release *an and free
 * *ar), 0 when none (or it has no indicator at all), -1 after answering 500.
 */
static int load_analysis(struct web_ctx *c, const struct plan_years *y,
			 struct oi_agency_result **ar, struct oi_analysis *an)
{
	struct oi_error err;
	int rc = oi_store_result_load(web_app_store(c->app), c->agency.id, y->result_year, y->fw,
				      ar, &err);

	if (rc < 0) {
		fprintf(stderr, "openita: result of %s for %d: %s\n", c->agency.code,
			y->result_year, err.message);
		web_error(c, 500, "ระบบขัดข้อง: อ่านผลการประเมินไม่ได้ กรุณาลองใหม่อีกครั้ง");
		return -1;
	}
	if (rc == 1)
		return 0;
	if (oi_analyse(*ar, an, &err)) {   /* no indicator at all: as good as none */
		oi_agency_result_free(*ar);
		*ar = NULL;
		return 0;
	}
	return 1;
}

/* Send the rendered document with its headers. */
static void send_document(struct web_ctx *c, const struct document_kind *dk,
			  enum report_format format, int year, const struct buf *out)
{
	char safe[OI_CODE_MAX], filename[160], disposition[200];

	web_file_safe(safe, sizeof safe, c->agency.code);
	snprintf(filename, sizeof filename, "ita-%s-%d-%s.%s", safe, year, dk->slug,
		 report_format_name(format));
	if (format == REPORT_HTML) {
		web_bytes(c, report_format_mime(format), out->data, out->len, NULL);
		snprintf(disposition, sizeof disposition, "inline; filename=\"%s\"", filename);
		if (c->res->status == 200)
			web_header_add(c, "Content-Disposition", disposition);
	} else {
		web_bytes(c, report_format_mime(format), out->data, out->len, filename);
	}
}

static void get_document(struct web_ctx *c)
{
	const char *digits = web_query(c, "digits");
	const struct document_kind *dk;
	enum report_format format = REPORT_PDF;
	struct plan_years y;
	struct oi_plan *plan;
	struct oi_agency_result *ar = NULL;
	struct oi_analysis an;
	struct oi_playbook *pb = NULL;
	struct oi_error err;
	struct buf out;
	char today[11];
	int have;

	dk = parse_name(c->params[1], &format);
	if (!dk) {
		web_error(c, 404, "ไม่มีเอกสารนี้ เอกสารที่มี: analysis, measures, progress-6, "
				  "progress-12 และ memo ในรูปแบบ pdf, docx, html, csv หรือ xlsx เช่น "
				  "measures.pdf");
		return;
	}
	if (digits && strcmp(digits, "arabic") && strcmp(digits, "thai")) {
		web_error(c, 400, "ตัวเลือกตัวเลขต้องเป็น digits=thai (เลขไทย) หรือ digits=arabic "
				  "(เลขอารบิก)");
		return;
	}
	if (plan_workspace_years(c, &y))
		return;
	plan = load_plan(c, &y);
	if (!plan)
		return;
	have = load_analysis(c, &y, &ar, &an);
	if (have < 0)
		goto out_plan;
	if (!have && dk->kind == REPORT_ANALYSIS) {
		missing_page(c, "ยังไม่มีผลการประเมิน",
			     "รายงานการวิเคราะห์ผลการประเมินต้องใช้ผลการประเมินของหน่วยงาน กรอกผลการ"
			     "ประเมินตามแบบแจ้งผลที่ได้รับก่อน แล้วกลับมาดาวน์โหลดรายงานอีกครั้ง",
			     "/result", "ไปที่หน้าผลการประเมิน");
		goto out_plan;
	}
	/* the agency's name as the register has it now, not as it was when the plan was drafted */
	oi_plan_set(plan, &plan->agency_name_th, c->agency.name);
	if (oi_playbook_open(NULL, y.fw, &pb, &err))
		pb = NULL;   /* no built-in playbook: the framework's own texts */

	buf_init(&out, DOCUMENT_MAX_BYTES);
	{
		struct report_input in = {
			.analysis = have ? &an : NULL,
			.plan = plan,
			.playbook = pb,
			.checkpoint = dk->checkpoint,
			.thai_digits = !digits || strcmp(digits, "arabic"),
			.today = oi_date_today(c->req->now, today),
		};

		if (report_render(dk->kind, format, &in, &out, &err) || out.overflow) {
			fprintf(stderr, "openita: document %s.%s of %s: %s\n", dk->slug,
				report_format_name(format), c->agency.code,
				out.overflow ? "larger than the cap" : err.message);
			web_error(c, 500, "ระบบขัดข้อง: สร้างเอกสารไม่สำเร็จ กรุณาลองใหม่อีกครั้ง "
					  "ถ้ายังไม่ได้ แจ้งผู้ดูแลระบบ");
		} else {
			send_document(c, dk, format, y.plan_year, &out);
		}
	}
	buf_release(&out);
	oi_playbook_free(pb);
	if (have) {
		oi_analysis_release(&an);
		oi_agency_result_free(ar);
	}
out_plan:
	oi_plan_free(plan);
}

const struct web_route web_routes_documents[] = {
	{WEB_GET, "/agency/:agency/plan/doc/:name", READERS, get_document, 0},
	{0, NULL, 0, NULL, 0},
};
