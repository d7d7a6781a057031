/*
 * agency.c — the agency workspace: one agency's page in the current assessment.
 *
 * GET /agency/:agency shows who the agency is, the assessment's calendar, the populations
 * form (IIT: staff with at least a year of service; EIT: the year's service users) with the
 * minimum samples they give, and for each survey instrument the responses against the
 * minimum, a 30-day trend (an inline SVG bar chart with a table as its text alternative), the
 * projected day of reaching the minimum, provisional scores once it is reached, and the
 * survey link with its posters. Everything computed comes from progress.h, which the JSON API
 * shares; this file only presents it. POST /agency/:agency/populations saves the populations
 * (all or nothing) and redirects back (303). GET /agency sends a user to their home.
 *
 * The dispatcher has already checked the role and, for agency admins, that the agency is
 * theirs; ctx->agency holds the agency.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "html.h"
#include "oit.h"
#include "openita/date.h"
#include "openita/score.h"
#include "progress.h"
#include "web.h"

#define POPULATION_MAX 10000000L

/* The two population fields of the form. */
struct population_input {
	const char *staff, *service;      /* as typed, or NULL on a plain GET */
	const char *error;                /* the Thai message, or NULL */
	const char *error_field;          /* "staff" or "service" or NULL */
};

static void put_score(struct buf *b, const struct oi_framework *fw, double x)
{
	html_fmt(b, "%.*f", (int)fw->result_decimals, oi_round(x, fw->result_decimals));
}

static const char *instrument_name_th(const struct oi_framework *fw, size_t i)
{
	return fw->instruments[i].name_th ? fw->instruments[i].name_th : fw->instruments[i].code;
}

/* The host for absolute links: the request's Host header when it looks like a host name
 * (letters, digits, . - : [ ]), else "localhost". */
static const char *link_host(const struct web_ctx *c)
{
	const char *h = c->req->host;
	size_t len;

	if (!h || !*h)
		return "localhost";
	len = strlen(h);
	if (len > 255 || strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789.-:[]") != len)
		return "localhost";
	return h;
}

/* A path under the agency: "/agency/CODE<suffix>", the code percent-encoded. */
static void agency_href(struct buf *b, const char *code, const char *suffix)
{
	struct buf u;

	buf_init(&u, 512);
	buf_puts(&u, "/agency/");
	html_urlencode(&u, code);
	buf_puts(&u, suffix);
	html_attr(b, u.data ? u.data : "");
	buf_release(&u);
}

/* GET /agency: an agency admin to their agency, everyone else to the national view. */
static void get_agency_home(struct web_ctx *c)
{
	char home[96];

	if (c->session.user.role == OI_ROLE_AGENCY_ADMIN && c->session.user.agency_code[0]) {
		struct buf u;

		buf_init(&u, 256);
		buf_puts(&u, "/agency/");
		html_urlencode(&u, c->session.user.agency_code);
		web_redirect(c, u.data ? u.data : "/");
		buf_release(&u);
		return;
	}
	auth_home(&c->session.user, home, sizeof home);
	web_redirect(c, strcmp(home, "/") ? home : "/national");
}

static void window_row(struct buf *b, const char *label, const char *open, const char *close)
{
	html_raw(b, "<tr><th scope=\"row\">");
	html_text(b, label);
	html_raw(b, "</th><td>");
	page_dates_th(b, open, close);
	html_raw(b, "</td></tr>");
}

static void assessment_section(struct buf *b, const struct oi_assessment *as,
			       const struct oi_framework *fw)
{
	html_raw(b, "<section aria-labelledby=\"h-assessment\"><h2 id=\"h-assessment\">"
		    "การประเมินปีงบประมาณ ");
	html_fmt(b, "%d", as->fiscal_year);
	html_raw(b, "</h2><p>กรอบการประเมิน: ");
	html_text(b, fw->name_th ? fw->name_th : fw->id);
	html_raw(b, " (");
	html_text(b, fw->id);
	html_raw(b, ")</p><div class=\"table-wrap\"><table><caption>ช่วงเวลาการประเมิน</caption>"
		    "<tbody>");
	window_row(b, "เก็บแบบสำรวจ IIT และ EIT", as->survey_open, as->survey_close);
	window_row(b, "ส่งข้อมูล OIT", as->oit_open, as->oit_close);
	window_row(b, "ผู้ประเมินตรวจ OIT", as->review_open, as->review_close);
	window_row(b, "ชี้แจงเพิ่มเติม", as->clarify_open, as->clarify_close);
	window_row(b, "ประกาศผล", as->publish_on, NULL);
	html_raw(b, "</tbody></table></div></section>");
}

static void population_field(struct buf *b, const char *name, const char *label,
			     const char *hint, long stored, const char *typed,
			     const struct population_input *in)
{
	bool bad = in->error_field && strcmp(in->error_field, name) == 0;

	html_raw(b, "<label for=\"f-");
	html_raw(b, name);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</label>");
	if (hint) {
		html_raw(b, "<p class=\"hint\" id=\"hint-");
		html_raw(b, name);
		html_raw(b, "\">");
		html_text(b, hint);
		html_raw(b, "</p>");
	}
	html_raw(b, "<input type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" id=\"f-");
	html_raw(b, name);
	html_raw(b, "\" name=\"");
	html_raw(b, name);
	html_raw(b, "\" value=\"");
	if (typed)
		html_attr(b, typed);
	else if (stored >= 0)
		html_fmt(b, "%ld", stored);
	html_raw(b, "\"");
	if (hint) {
		html_raw(b, " aria-describedby=\"hint-");
		html_raw(b, name);
		html_raw(b, bad ? " pop-error\"" : "\"");
	} else if (bad) {
		html_raw(b, " aria-describedby=\"pop-error\"");
	}
	if (bad)
		html_raw(b, " aria-invalid=\"true\" autofocus");
	html_raw(b, ">");
}

static void populations_section(struct web_ctx *c, const struct oi_framework *fw,
				const struct oi_participation *part,
				const struct progress_report *rep,
				const struct population_input *in, bool may_write)
{
	struct buf *b = &c->res->body;
	long iit = oi_framework_find_instrument(fw, "IIT");
	long eit = oi_framework_find_instrument(fw, "EIT");

	html_raw(b, "<section aria-labelledby=\"h-pop\"><h2 id=\"h-pop\">จำนวนประชากรและ"
		    "ขนาดตัวอย่างขั้นต่ำ</h2>");
	if (in->error) {
		html_raw(b, "<div class=\"errors\" role=\"alert\" id=\"pop-error\"><p>");
		html_text(b, in->error);
		html_raw(b, "</p><p>ยังไม่ได้บันทึกข้อมูลใด ๆ</p></div>");
	} else if (web_query(c, "saved")) {
		html_raw(b, "<p class=\"notice\" role=\"status\">บันทึกจำนวนประชากรแล้ว "
			    "ขนาดตัวอย่างขั้นต่ำคำนวณใหม่ตามตารางด้านล่าง</p>");
	}
	html_raw(b, "<div class=\"table-wrap\"><table><caption>ขนาดตัวอย่างขั้นต่ำตามเกณฑ์ของกรอบ"
		    "การประเมิน</caption><thead><tr><th scope=\"col\">แบบสำรวจ</th>"
		    "<th scope=\"col\" class=\"num\">จำนวนประชากร</th>"
		    "<th scope=\"col\" class=\"num\">ขนาดตัวอย่างขั้นต่ำ</th></tr></thead><tbody>");
	for (size_t k = 0; k < rep->n; k++) {
		const struct progress_instrument *pi = &rep->instruments[k];

		html_raw(b, "<tr><th scope=\"row\">");
		html_text(b, pi->code);
		html_raw(b, " ");
		html_text(b, instrument_name_th(fw, pi->instrument));
		html_raw(b, "</th><td class=\"num\">");
		if (pi->population >= 0)
			page_int(b, pi->population);
		else
			html_raw(b, "ยังไม่ได้กรอก");
		html_raw(b, "</td><td class=\"num\">");
		if (pi->has_minimum) {
			page_int(b, (long)pi->minimum);
			html_raw(b, " คน");
		} else {
			html_raw(b, "—");
		}
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
	if (may_write) {
		html_raw(b, "<form method=\"post\" action=\"");
		agency_href(b, c->agency.code, "/populations");
		html_raw(b, "\">");
		page_csrf(c);
		html_raw(b, "<fieldset><legend>กรอกหรือแก้ไขจำนวนประชากร (จำนวนเต็ม 0 ถึง 10,000,000;"
			    " เว้นว่างช่องที่ยังไม่ทราบ)</legend>");
		population_field(b, "staff", "บุคลากรภายในที่ปฏิบัติงานมาไม่น้อยกว่า 1 ปี (IIT)",
				 iit >= 0 ? fw->instruments[iit].population_th : NULL,
				 part->staff_population, in->staff, in);
		population_field(b, "service", "ผู้รับบริการภายนอกในปีงบประมาณ (EIT)",
				 eit >= 0 ? fw->instruments[eit].population_th : NULL,
				 part->service_population, in->service, in);
		html_raw(b, "<p><button type=\"submit\">บันทึกจำนวนประชากร</button></p>"
			    "</fieldset></form>");
	}
	html_raw(b, "</section>");
}

/* The 30-day bar chart, then the same numbers as a table. */
static void trend_chart(struct buf *b, const struct progress_instrument *pi)
{
	const struct progress_trend *t = &pi->trend;
	const int bar_w = 20, chart_h = 120, top = 20, width = PROGRESS_TREND_DAYS * bar_w;
	long total = 0;

	for (int i = 0; i < PROGRESS_TREND_DAYS; i++)
		total += t->counts[i];
	html_raw(b, "<figure class=\"trend\"><svg role=\"img\" aria-labelledby=\"trend-");
	html_text(b, pi->code);
	html_fmt(b, "\" viewBox=\"0 0 %d %d\" width=\"100%%\" style=\"max-width:%dpx\" "
		    "preserveAspectRatio=\"xMinYMin meet\"><title id=\"trend-",
		 width, top + chart_h + 24, width);
	html_text(b, pi->code);
	html_raw(b, "\">จำนวนผู้ตอบ ");
	html_text(b, pi->code);
	html_raw(b, " รายวัน 30 วันล่าสุด รวม ");
	page_int(b, total);
	html_raw(b, " คน สูงสุด ");
	page_int(b, t->max);
	html_raw(b, " คนต่อวัน</title>");
	html_fmt(b, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8c959f\"/>",
		 top + chart_h, width, top + chart_h);
	for (int i = 0; i < PROGRESS_TREND_DAYS; i++) {
		int h = t->max > 0 ? (int)((double)t->counts[i] * chart_h / (double)t->max + 0.5) : 0;

		if (t->counts[i] > 0 && h < 2)
			h = 2;
		html_fmt(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#0b5cad\">",
			 i * bar_w + 2, top + chart_h - h, bar_w - 4, h);
		html_raw(b, "<title>");
		page_date_th(b, t->days[i]);
		html_fmt(b, ": %ld</title></rect>", t->counts[i]);
	}
	html_fmt(b, "<text x=\"0\" y=\"14\" font-size=\"13\" fill=\"#57606a\">สูงสุด %ld"
		    "</text>", t->max);
	html_fmt(b, "<text x=\"0\" y=\"%d\" font-size=\"13\" fill=\"#57606a\">",
		 top + chart_h + 18);
	page_date_th(b, t->days[0]);
	html_fmt(b, "</text><text x=\"%d\" y=\"%d\" font-size=\"13\" fill=\"#57606a\" "
		    "text-anchor=\"end\">", width, top + chart_h + 18);
	page_date_th(b, t->days[PROGRESS_TREND_DAYS - 1]);
	html_raw(b, "</text></svg><figcaption>จำนวนผู้ตอบรายวัน (30 วันล่าสุด ตามเวลาสากล UTC)"
		    "</figcaption></figure>");

	html_raw(b, "<details><summary>ตารางจำนวนผู้ตอบรายวัน ");
	html_text(b, pi->code);
	html_raw(b, "</summary><div class=\"table-wrap\"><table><thead><tr>"
		    "<th scope=\"col\">วันที่</th><th scope=\"col\" class=\"num\">จำนวนผู้ตอบ</th>"
		    "</tr></thead><tbody>");
	for (int i = PROGRESS_TREND_DAYS - 1; i >= 0; i--) {
		html_raw(b, "<tr><td>");
		page_date_th(b, t->days[i]);
		html_raw(b, "</td><td class=\"num\">");
		page_int(b, t->counts[i]);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div></details>");
}

static void projection_text(struct buf *b, const struct progress_instrument *pi,
			    const struct oi_assessment *as)
{
	const struct progress_projection *p = &pi->projection;

	html_raw(b, "<p class=\"projection\"><strong>คาดการณ์:</strong> ");
	switch (p->state) {
	case PROGRESS_PROJECTION_NO_MINIMUM:
		html_raw(b, "กรอกจำนวนประชากรก่อน จึงคำนวณขนาดตัวอย่างขั้นต่ำและวันที่คาดว่าจะครบได้");
		break;
	case PROGRESS_PROJECTION_NO_RESPONSES:
		html_raw(b, "ยังไม่มีผู้ตอบ จึงยังคาดการณ์วันที่ครบขั้นต่ำไม่ได้");
		break;
	case PROGRESS_PROJECTION_REACHED:
		html_raw(b, "ครบขั้นต่ำแล้ว");
		break;
	case PROGRESS_PROJECTION_DATE:
		html_raw(b, "ด้วยอัตราปัจจุบันประมาณ ");
		html_fmt(b, "%.1f", p->rate_per_day);
		html_raw(b, " คนต่อวัน ยังขาดอีก ");
		page_int(b, p->remaining);
		html_raw(b, " คน คาดว่าจะครบขั้นต่ำประมาณวันที่ ");
		html_raw(b, "<time datetime=\"");
		html_attr(b, p->date);
		html_raw(b, "\">");
		page_date_th(b, p->date);
		html_raw(b, "</time>");
		if (pi->projected_after_close) {
			html_raw(b, " <span class=\"warn\">ซึ่งหลังวันปิดรับแบบสำรวจ (");
			page_date_th(b, as->survey_close);
			html_raw(b, ") ควรเร่งประชาสัมพันธ์ลิงก์แบบสำรวจ</span>");
		}
		break;
	}
	html_raw(b, "</p>");
	if (p->state == PROGRESS_PROJECTION_DATE)
		html_raw(b, "<p class=\"hint\">วิธีคาดการณ์: อัตรา = จำนวนผู้ตอบทั้งหมด ÷ จำนวนวันนับจาก"
			    "วันแรกที่มีผู้ตอบถึงวันนี้ (อย่างน้อย 1 วัน) แล้วนับต่อจากวันนี้จนครบจำนวนที่"
			    "ยังขาด</p>");
}

static void provisional_table(struct buf *b, const struct oi_framework *fw,
			      const struct progress_instrument *pi)
{
	const struct progress_provisional *pv = &pi->provisional;

	html_raw(b, "<h3>" PROGRESS_PROVISIONAL_LABEL_TH "</h3><p class=\"hint\">คำนวณจากคำตอบ ");
	page_int(b, (long)pv->respondents);
	html_raw(b, " ชุดที่ได้รับถึงขณะนี้ ด้วยวิธีเดียวกับการคำนวณผลจริง "
		    "คะแนนอาจเปลี่ยนเมื่อได้รับคำตอบเพิ่ม และยังไม่ใช่ผลการประเมินที่ประกาศ</p>");
	if (pv->skipped) {
		html_raw(b, "<p class=\"warn\">มีคำตอบ ");
		page_int(b, (long)pv->skipped);
		html_raw(b, " ชุดที่คำนวณไม่ได้ตามกรอบการประเมิน จึงไม่นับรวม</p>");
	}
	html_raw(b, "<div class=\"table-wrap\"><table class=\"provisional\"><caption>");
	html_raw(b, PROGRESS_PROVISIONAL_LABEL_TH " ");
	html_text(b, pi->code);
	html_raw(b, "</caption><thead><tr><th scope=\"col\">ตัวชี้วัด</th>"
		    "<th scope=\"col\" class=\"num\">คะแนนเบื้องต้น</th></tr></thead><tbody>");
	for (size_t k = 0; k < pv->n_indicators; k++) {
		const struct oi_indicator *ind = &fw->indicators[pv->indicator[k]];

		html_raw(b, "<tr><th scope=\"row\">");
		html_text(b, ind->code);
		html_raw(b, ". ");
		html_text(b, ind->name_th);
		html_raw(b, "</th><td class=\"num\">");
		if (pv->has_score[k])
			put_score(b, fw, pv->score[k]);
		else
			html_raw(b, "ไม่มีข้อมูล");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody><tfoot><tr><th scope=\"row\">คะแนน ");
	html_text(b, pi->code);
	html_raw(b, " (ถ่วงน้ำหนัก)</th><td class=\"num\">");
	if (pv->has_instrument)
		put_score(b, fw, pv->instrument);
	else
		html_raw(b, "ไม่มีข้อมูล");
	html_raw(b, "</td></tr></tfoot></table></div>");
}

static void survey_links(struct web_ctx *c, const struct progress_instrument *pi,
			 const struct oi_participation *part)
{
	struct buf *b = &c->res->body;
	const char *token = strcmp(pi->code, "IIT") == 0   ? part->iit_token
			    : strcmp(pi->code, "EIT") == 0 ? part->eit_token
							   : NULL;
	const char *scheme = web_app_config(c->app)->secure_cookies ? "https" : "http";
	char lower[8];
	size_t i;

	if (!token || !token[0])
		return;
	for (i = 0; pi->code[i] && i + 1 < sizeof lower; i++)
		lower[i] = (char)(pi->code[i] >= 'A' && pi->code[i] <= 'Z' ? pi->code[i] + 32
									    : pi->code[i]);
	lower[i] = '\0';
	html_raw(b, "<h3>ลิงก์แบบสำรวจ ");
	html_text(b, pi->code);
	html_raw(b, "</h3><p class=\"survey-link\" style=\"overflow-wrap:anywhere\"><a href=\"");
	html_raw(b, scheme);
	html_raw(b, "://");
	html_attr(b, link_host(c));
	html_raw(b, "/s/");
	html_attr(b, token);
	html_raw(b, "\">");
	html_raw(b, scheme);
	html_raw(b, "://");
	html_text(b, link_host(c));
	html_raw(b, "/s/");
	html_text(b, token);
	html_raw(b, "</a></p><p class=\"no-print\">โปสเตอร์ QR code: <a href=\"");
	agency_href(b, c->agency.code, "/poster/");
	html_attr(b, lower);
	html_raw(b, "?format=pdf\">PDF (A4)</a> · <a href=\"");
	agency_href(b, c->agency.code, "/poster/");
	html_attr(b, lower);
	html_raw(b, "?format=png\">รูปภาพ PNG</a>");
	if (strcmp(pi->code, "IIT") == 0) {
		html_raw(b, " · <a href=\"");
		agency_href(b, c->agency.code, "/codes");
		html_raw(b, "\">รหัสเข้าตอบ IIT</a>");
		if (part->iit_codes_required)
			html_raw(b, " (แบบสำรวจนี้ต้องใช้รหัสเข้าตอบ)");
	}
	html_raw(b, "</p>");
}

static void instrument_section(struct web_ctx *c, const struct oi_framework *fw,
			       const struct oi_assessment *as,
			       const struct oi_participation *part,
			       const struct progress_instrument *pi)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<section class=\"instrument\" aria-labelledby=\"h-");
	html_text(b, pi->code);
	html_raw(b, "\"><h2 id=\"h-");
	html_text(b, pi->code);
	html_raw(b, "\">");
	html_text(b, pi->code);
	html_raw(b, " — ");
	html_text(b, instrument_name_th(fw, pi->instrument));
	html_raw(b, "</h2><p class=\"count\"><span id=\"count-");
	html_text(b, pi->code);
	html_raw(b, "\">ผู้ตอบแล้ว <strong>");
	page_int(b, pi->responses);
	html_raw(b, "</strong> คน");
	if (pi->has_minimum) {
		html_raw(b, " จากขั้นต่ำ <strong>");
		page_int(b, (long)pi->minimum);
		html_raw(b, "</strong> คน");
	}
	html_raw(b, "</span>");
	if (pi->has_minimum) {
		long shown = pi->responses < (long)pi->minimum ? pi->responses : (long)pi->minimum;
		long pct = pi->minimum ? (long)((double)shown * 100.0 / (double)pi->minimum)
				       : 100;

		html_raw(b, "<br><progress aria-labelledby=\"count-");
		html_text(b, pi->code);
		html_fmt(b, "\" max=\"%lu\" value=\"%ld\">%ld%%</progress> %ld%%",
			 pi->minimum ? pi->minimum : 1, pi->minimum ? shown : 1, pct, pct);
	}
	html_raw(b, "</p><p class=\"status\"><strong>สถานะ:</strong> ");
	if (!pi->has_minimum)
		html_raw(b, "<span class=\"warn\">ยังไม่ได้กรอกจำนวนประชากร</span>");
	else if (pi->reached)
		html_raw(b, "<span class=\"ok\">ครบขั้นต่ำแล้ว</span>");
	else
		html_raw(b, "<span class=\"warn\">ยังไม่ถึงขั้นต่ำ</span>");
	html_raw(b, "</p>");
	projection_text(b, pi, as);
	trend_chart(b, pi);
	if (pi->reached && pi->provisional.available)
		provisional_table(b, fw, pi);
	survey_links(c, pi, part);
	html_raw(b, "</section>");
}

/* From result to action (result_page.c, plan_page.c): last year's result sheet and this fiscal
 * year's plan. */
static void action_section(struct web_ctx *c, const struct oi_assessment *as)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<section aria-labelledby=\"h-action\"><h2 id=\"h-action\">จากผลการประเมินสู่"
		    "การปฏิบัติ</h2><ul><li><a href=\"");
	agency_href(b, c->agency.code, "/result");
	html_raw(b, "\">ผลการประเมินปี ");
	html_fmt(b, "%d", as->fiscal_year - 1);
	html_raw(b, " และการวิเคราะห์</a></li><li><a href=\"");
	agency_href(b, c->agency.code, "/plan");
	html_raw(b, "\">แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปี ");
	html_fmt(b, "%d", as->fiscal_year);
	html_raw(b, " และความก้าวหน้า</a></li></ul></section>");
}

/* The whole page; in (may be NULL) carries a refused form. */
static void agency_page(struct web_ctx *c, const struct population_input *in_given)
{
	struct oi_store *st = web_app_store(c->app);
	struct buf *b;
	struct oi_assessment as;
	struct oi_participation part;
	const struct oi_framework *fw;
	struct progress_report *rep;
	struct population_input none = {0};
	const struct population_input *in = in_given ? in_given : &none;
	struct oi_error err;
	char today[11];
	int rc;

	page_begin(c, c->agency.name);
	b = &c->res->body;
	html_raw(b, "<h1>");
	html_text(b, c->agency.name);
	html_raw(b, "</h1><p class=\"agency-meta\">รหัส ");
	html_text(b, c->agency.code);
	if (c->agency.type[0]) {
		html_raw(b, " · ประเภท ");
		html_text(b, c->agency.type);
	}
	if (c->agency.province[0]) {
		html_raw(b, " · จังหวัด ");
		html_text(b, c->agency.province);
	}
	if (c->agency.parent_code[0]) {
		html_raw(b, " · หน่วยงานแม่ ");
		html_text(b, c->agency.parent_code);
	}
	html_raw(b, "</p>");

	rc = oi_store_assessment_current(st, &as, &err);
	if (rc) {
		if (rc < 0) {
			web_error(c, 500, err.message);
			return;
		}
		html_raw(b, "<p class=\"notice\">ยังไม่มีการประเมินที่เปิดอยู่ "
			    "ผู้ดูแลระบบต้องเปิดปีการประเมินก่อน</p>");
		page_end(c);
		return;
	}
	fw = web_app_framework(c->app, as.framework_id, &err);
	if (!fw) {
		web_error(c, 500, err.message);
		return;
	}
	assessment_section(b, &as, fw);
	if (c->session.user.role != OI_ROLE_ASSESSOR)
		action_section(c, &as);
	rc = oi_store_participation_get(st, as.id, c->agency.id, &part, &err);
	if (rc) {
		if (rc < 0) {
			web_error(c, 500, err.message);
			return;
		}
		html_raw(b, "<p class=\"notice\">หน่วยงานนี้ยังไม่ได้เข้าร่วมการประเมินปีนี้</p>");
		page_end(c);
		return;
	}
	rep = arena_alloc(c->arena, sizeof *rep);
	if (progress_participation(st, fw, &as, &part, oi_date_today(c->req->now, today), rep,
				   &err)) {
		web_error(c, 500, err.message);
		return;
	}
	populations_section(c, fw, &part, rep, in, web_may_write_agency(c, c->agency.id));
	for (size_t k = 0; k < rep->n; k++)
		instrument_section(c, fw, &as, &part, &rep->instruments[k]);
	oit_score_section(c, fw, &as);
	page_end(c);
}

static void get_agency(struct web_ctx *c)
{
	agency_page(c, NULL);
}

/*
 * One population field: "" or absent → -1 (leave as it is); digits (ASCII or Thai ๐-๙),
 * with spaces around and commas between allowed, within 0..POPULATION_MAX → the number;
 * anything else → -2.
 */
static long parse_population(const char *s)
{
	long n = 0;
	bool digits = false;
	const unsigned char *p = (const unsigned char *)s;

	if (!s)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -1;
	for (; *p; p++) {
		int d;

		if (*p >= '0' && *p <= '9') {
			d = *p - '0';
		} else if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
			d = p[2] - 0x90;
			p += 2;
		} else if (*p == ',' && digits && p[1]) {
			continue;
		} else {
			break;
		}
		digits = true;
		n = n * 10 + d;
		if (n > POPULATION_MAX)
			return -2;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return *p || !digits ? -2 : n;
}

static void post_populations(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct population_input in = {.staff = web_field(c, "staff"),
				      .service = web_field(c, "service")};
	long staff = parse_population(in.staff), service = parse_population(in.service);
	struct oi_assessment as;
	struct oi_participation part;
	struct oi_error err;
	char detail[256];
	int rc;

	if (!in.staff)
		in.staff = "";
	if (!in.service)
		in.service = "";
	if (staff == -2) {
		in.error = "จำนวนบุคลากรภายในที่ปฏิบัติงานมาไม่น้อยกว่า 1 ปี (IIT) ต้องเป็น"
			   "จำนวนเต็มตั้งแต่ 0 ถึง 10,000,000";
		in.error_field = "staff";
	} else if (service == -2) {
		in.error = "จำนวนผู้รับบริการภายนอกในปีงบประมาณ (EIT) ต้องเป็นจำนวนเต็มตั้งแต่ 0 "
			   "ถึง 10,000,000";
		in.error_field = "service";
	} else if (staff == -1 && service == -1) {
		in.error = "กรุณากรอกจำนวนบุคลากรภายใน (IIT) หรือจำนวนผู้รับบริการภายนอก (EIT) "
			   "อย่างน้อยหนึ่งช่อง";
		in.error_field = "staff";
	}
	if (in.error) {
		agency_page(c, &in);
		if (c->res->status == 200)
			c->res->status = 422;
		return;
	}

	rc = oi_store_assessment_current(st, &as, &err);
	if (rc) {
		web_error(c, rc < 0 ? 500 : 409,
			  rc < 0 ? err.message : "ยังไม่มีการประเมินที่เปิดอยู่ จึงบันทึกจำนวนประชากรไม่ได้");
		return;
	}
	if (progress_set_populations(st, as.id, c->agency.id, staff, service, &part, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	snprintf(detail, sizeof detail, "agency=%s fiscal_year=%d staff=%ld service=%ld",
		 c->agency.code, as.fiscal_year, staff >= 0 ? staff : part.staff_population,
		 service >= 0 ? service : part.service_population);
	if (oi_store_audit(st, c->session.user.id, "participation.populations", detail, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	{
		struct buf u;

		buf_init(&u, 256);
		buf_puts(&u, "/agency/");
		html_urlencode(&u, c->agency.code);
		buf_puts(&u, "?saved=1#h-pop");
		web_redirect(c, u.data ? u.data : "/");
		buf_release(&u);
	}
}

const struct web_route web_routes_agency[] = {
	{WEB_GET, "/agency", WEB_ANY_USER, get_agency_home, 0},
	{WEB_GET, "/agency/:agency", WEB_ANY_USER, get_agency, 0},
	{WEB_POST, "/agency/:agency/populations", WEB_ADMIN | WEB_AGENCY, post_populations,
	 16u << 10},
	{0, NULL, 0, NULL, 0},
};
