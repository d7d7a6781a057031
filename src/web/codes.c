/*
 * codes.c — the agency's single-use access codes for its IIT (routes in codes.h).
 *
 * An agency that wants its IIT answered only by its own staff switches "requires codes" on,
 * generates as many codes as it has staff, prints the sheet, cuts the cards and hands one to
 * each person. The store keeps codes apart from the answers (no time, no reference), so a code
 * shows that someone answered, never what. The sheet is a page of its own (no menu bar) whose
 * print styles lay the cards out on A4, three across and seven down, with cut lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "codes.h"
#include "html.h"
#include "posters.h"

#define CODES_MAX_ADD 10000
#define CARDS_PER_PAGE 21

/* The participation's code counts. Returns 0, or -1 with err filled. */
static int count_codes(struct web_ctx *c, long participation_id, size_t *total, size_t *used,
		       struct oi_error *err)
{
	char (*codes)[OI_CODE_MAX] = NULL;
	bool *is_used = NULL;
	size_t n = 0;

	if (oi_store_access_codes_list(web_app_store(c->app), participation_id, &codes, &is_used,
				       &n, err))
		return -1;
	*total = n;
	*used = 0;
	for (size_t i = 0; i < n; i++)
		*used += is_used[i];
	free(codes);
	free(is_used);
	return 0;
}

/* "/agency/CODE" + tail, CODE percent-encoded: for an attribute or a Location. */
static void agency_href(struct buf *b, const struct web_ctx *c, const char *tail)
{
	html_raw(b, "/agency/");
	html_urlencode(b, c->agency.code);
	html_raw(b, tail);
}

/* The codes page. count_value and count_error refill the generate form after a bad count. */
static void render_codes(struct web_ctx *c, const char *count_value, const char *count_error,
			 int status)
{
	struct buf *b = &c->res->body;
	struct oi_assessment as;
	struct oi_participation part;
	struct oi_error err;
	struct buf link;
	size_t total, used;
	const char *done = web_query(c, "done");

	if (posters_participation(c, &as, &part))
		return;
	if (count_codes(c, part.id, &total, &used, &err)) {
		web_error(c, 500, "ระบบขัดข้อง: อ่านรายการรหัสเข้าตอบไม่ได้ กรุณาลองใหม่อีกครั้ง");
		return;
	}
	page_begin(c, "รหัสเข้าตอบแบบวัด IIT");
	html_raw(b, "<style>.choice{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;"
		    "margin:.4rem 0;min-height:44px;cursor:pointer}.choice input{width:1.3rem;"
		    "height:1.3rem;margin:.25rem 0 0;flex:none}.link{overflow-wrap:anywhere}"
		    "</style>");
	html_raw(b, "<p>");
	html_text(b, c->agency.name);
	html_raw(b, " (");
	html_text(b, c->agency.code);
	html_fmt(b, ")</p><h1>รหัสเข้าตอบแบบวัด IIT</h1><p>การประเมินประจำปีงบประมาณ พ.ศ. %d</p>",
		 as.fiscal_year);

	if (done && !strcmp(done, "generated")) {
		const char *n = web_query(c, "n");
		long k = n ? strtol(n, NULL, 10) : 0;

		html_raw(b, "<p class=\"notice\" role=\"status\">");
		if (k > 0 && k <= CODES_MAX_ADD)
			html_fmt(b, "สร้างรหัสเข้าตอบใหม่แล้ว %ld รหัส", k);
		else
			html_raw(b, "สร้างรหัสเข้าตอบใหม่แล้ว");
		html_raw(b, "</p>");
	} else if (done && !strcmp(done, "required")) {
		html_raw(b, "<p class=\"notice\" role=\"status\">บันทึกแล้ว: "
			    "แบบวัด IIT ต้องใช้รหัสเข้าตอบ</p>");
	} else if (done && !strcmp(done, "open")) {
		html_raw(b, "<p class=\"notice\" role=\"status\">บันทึกแล้ว: "
			    "แบบวัด IIT ไม่ต้องใช้รหัสเข้าตอบ</p>");
	}
	if (count_error) {
		html_raw(b, "<div class=\"errors\" role=\"alert\"><p><a href=\"#count\">");
		html_text(b, count_error);
		html_raw(b, "</a></p></div>");
	}

	html_raw(b, "<p>รหัสเข้าตอบทำให้แบบวัด IIT ตอบได้เฉพาะบุคลากรของหน่วยงาน: "
		    "แจกรหัสให้บุคลากรคนละหนึ่งรหัส รหัสหนึ่งรหัสใช้ตอบได้ครั้งเดียว "
		    "และระบบไม่เก็บรหัสไว้คู่กับคำตอบ จึงไม่มีใครรู้ได้ว่าใครตอบอะไร</p>");

	html_raw(b, "<h2>สถานะ</h2><table><tbody><tr><th scope=\"row\">ต้องใช้รหัสเข้าตอบ</th><td>");
	html_raw(b, part.iit_codes_required ? "<strong class=\"ok\">ต้องใช้</strong>"
					    : "ไม่ต้องใช้ (ผู้ที่มีลิงก์ตอบได้ทุกคน)");
	html_fmt(b, "</td></tr><tr><th scope=\"row\">รหัสทั้งหมด</th><td class=\"num\">%zu</td></tr>"
		    "<tr><th scope=\"row\">ใช้แล้ว</th><td class=\"num\">%zu</td></tr>"
		    "<tr><th scope=\"row\">ยังไม่ใช้</th><td class=\"num\">%zu</td></tr>"
		    "</tbody></table>",
		 total, used, total - used);
	if (part.iit_codes_required && total == used)
		html_raw(b, "<p class=\"warn\" role=\"alert\">ไม่มีรหัสที่ยังไม่ใช้เหลืออยู่ "
			    "ขณะนี้จึงไม่มีใครตอบแบบวัด IIT ได้ สร้างรหัสเพิ่มด้านล่าง "
			    "หรือปิดการใช้รหัส</p>");

	html_raw(b, "<h2>ต้องใช้รหัสเข้าตอบหรือไม่</h2><form method=\"post\" action=\"");
	agency_href(b, c, "/codes/require");
	html_raw(b, "\">");
	page_csrf(c);
	html_raw(b, "<fieldset><legend>แบบวัด IIT ของหน่วยงาน</legend>"
		    "<label class=\"choice\"><input type=\"radio\" name=\"required\" value=\"1\"");
	if (part.iit_codes_required)
		html_raw(b, " checked");
	html_raw(b, "> ต้องใช้รหัสเข้าตอบ (ตอบได้เฉพาะผู้ที่ได้รับรหัส)</label>"
		    "<label class=\"choice\"><input type=\"radio\" name=\"required\" value=\"0\"");
	if (!part.iit_codes_required)
		html_raw(b, " checked");
	html_raw(b, "> ไม่ต้องใช้รหัส (ผู้ที่มีลิงก์ตอบได้)</label></fieldset>"
		    "<p><button type=\"submit\">บันทึก</button></p></form>");

	html_raw(b, "<h2>สร้างรหัสใหม่</h2><form method=\"post\" action=\"");
	agency_href(b, c, "/codes/generate");
	html_raw(b, "\">");
	page_csrf(c);
	html_raw(b, "<label for=\"count\">จำนวนรหัสที่จะสร้าง (1 ถึง 10,000)</label>"
		    "<p class=\"hint\" id=\"count-hint\">ควรเท่ากับจำนวนบุคลากรที่จะตอบแบบวัด "
		    "รหัสที่สร้างแล้วจะเพิ่มจากรหัสเดิม</p>");
	if (count_error) {
		html_raw(b, "<p class=\"error-message\" id=\"count-error\">");
		html_text(b, count_error);
		html_raw(b, "</p>");
	}
	html_raw(b, "<input type=\"number\" id=\"count\" name=\"count\" min=\"1\" max=\"10000\" "
		    "inputmode=\"numeric\" aria-describedby=\"count-hint");
	if (count_error)
		html_raw(b, " count-error\" aria-invalid=\"true");
	html_raw(b, "\" value=\"");
	html_attr(b, count_value ? count_value : "");
	html_raw(b, "\"><p><button type=\"submit\">สร้างรหัส</button></p></form>");

	html_raw(b, "<h2>พิมพ์และแจกรหัส</h2><p>");
	if (total > used) {
		html_raw(b, "<a class=\"button\" href=\"");
		agency_href(b, c, "/codes/sheet");
		html_fmt(b, "\">เปิดแผ่นรหัสสำหรับพิมพ์ (%zu รหัสที่ยังไม่ใช้)</a>", total - used);
	} else {
		html_raw(b, "ยังไม่มีรหัสที่ยังไม่ใช้ให้พิมพ์");
	}
	html_raw(b, "</p><p>ลิงก์แบบวัด IIT: <code class=\"link\">");
	buf_init(&link, 1024);
	posters_survey_link(c, part.iit_token, &link);
	html_text(b, link.data ? link.data : "");
	buf_release(&link);
	html_raw(b, "</code></p><p>โปสเตอร์คิวอาร์โค้ดแบบวัด IIT: <a href=\"");
	agency_href(b, c, "/poster/iit?format=pdf");
	html_raw(b, "\">PDF</a> · <a href=\"");
	agency_href(b, c, "/poster/iit?format=png");
	html_raw(b, "\">PNG</a></p>");
	page_end(c);
	c->res->status = status;
}

static void get_codes(struct web_ctx *c)
{
	render_codes(c, NULL, NULL, 200);
}

/* "50", " 1,000 " → the number; -1 when it is not a whole number. */
static long parse_count(const char *s)
{
	char digits[16];
	size_t k = 0;

	for (; s && *s; s++) {
		if (*s == ' ' || *s == ',')
			continue;
		if (*s < '0' || *s > '9' || k + 1 >= sizeof digits)
			return -1;
		digits[k++] = *s;
	}
	if (!k)
		return -1;
	digits[k] = '\0';
	return strtol(digits, NULL, 10);
}

static void post_generate(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	const char *value = web_field(c, "count");
	struct oi_assessment as;
	struct oi_participation part;
	struct oi_error err;
	long n = parse_count(value);
	char detail[160];
	struct buf loc;

	if (n < 1 || n > CODES_MAX_ADD) {
		render_codes(c, value,
			     n < 0 ? "จำนวนรหัสต้องเป็นตัวเลขจำนวนเต็ม ตั้งแต่ 1 ถึง 10,000"
				   : "จำนวนรหัสต้องอยู่ระหว่าง 1 ถึง 10,000 ต่อครั้ง",
			     422);
		return;
	}
	if (posters_participation(c, &as, &part))
		return;
	if (oi_store_access_codes_add(st, part.id, (size_t)n, &err)) {
		web_error(c, 500, "สร้างรหัสเข้าตอบไม่สำเร็จ กรุณาลองใหม่อีกครั้ง");
		return;
	}
	snprintf(detail, sizeof detail, "%s %d: %ld IIT access codes", c->agency.code,
		 as.fiscal_year, n);
	oi_store_audit(st, c->session.user.id, "access_codes_add", detail, &err);
	buf_init(&loc, 512);
	agency_href(&loc, c, "/codes?done=generated");
	html_fmt(&loc, "&n=%ld", n);
	web_redirect(c, loc.data ? loc.data : "/");
	buf_release(&loc);
}

static void post_require(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	const char *value = web_field(c, "required");
	struct oi_assessment as;
	struct oi_participation part;
	struct oi_error err;
	char detail[160];
	struct buf loc;
	bool on;

	if (!value || (strcmp(value, "1") && strcmp(value, "0"))) {
		web_error(c, 400, "เลือก “ต้องใช้รหัสเข้าตอบ” หรือ “ไม่ต้องใช้รหัส” แล้วกดบันทึกอีกครั้ง");
		return;
	}
	on = value[0] == '1';
	if (posters_participation(c, &as, &part))
		return;
	if (oi_store_participation_set(st, part.id, -1, -1, on, &err)) {
		web_error(c, 500, "บันทึกไม่สำเร็จ กรุณาลองใหม่อีกครั้ง");
		return;
	}
	snprintf(detail, sizeof detail, "%s %d: IIT access codes %s", c->agency.code,
		 as.fiscal_year, on ? "required" : "not required");
	oi_store_audit(st, c->session.user.id, "access_codes_require", detail, &err);
	buf_init(&loc, 512);
	agency_href(&loc, c, on ? "/codes?done=required" : "/codes?done=open");
	web_redirect(c, loc.data ? loc.data : "/");
	buf_release(&loc);
}

/* The QR code of the link as an SVG symbol (id "qr") that every card <use>s; 0 on success. */
static int write_qr_symbol(struct buf *b, const char *url)
{
	QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

	if (!qr)
		return -1;
	html_fmt(b, "<svg class=\"defs\" aria-hidden=\"true\"><symbol id=\"qr\" "
		    "viewBox=\"0 0 %d %d\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
		    "<path fill=\"#000\" d=\"",
		 qr->width + 8, qr->width + 8, qr->width + 8, qr->width + 8);
	for (int r = 0; r < qr->width; r++) {
		const unsigned char *row = qr->data + (size_t)r * (size_t)qr->width;

		for (int col = 0; col < qr->width;) {
			int run = 0;

			while (col + run < qr->width && (row[col + run] & 1))
				run++;
			if (run) {
				html_fmt(b, "M%d %dh%dv1h-%dz", col + 4, r + 4, run, run);
				col += run;
			} else {
				col++;
			}
		}
	}
	html_raw(b, "\"/></symbol></svg>");
	QRcode_free(qr);
	return 0;
}

static const char sheet_css[] =
	"*{box-sizing:border-box}"
	"body{margin:0;font-family:'Sarabun','TH Sarabun New','Laksaman','Noto Sans Thai',sans-serif;"
	"color:#111;background:#eee}"
	".bar{background:#10375c;color:#fff;padding:10px 16px;font-size:17px}"
	".bar a{color:#fff}"
	".defs{position:absolute;width:0;height:0;overflow:hidden}"
	".page{width:210mm;min-height:297mm;margin:12px auto;background:#fff;padding:10mm;"
	"display:grid;grid-template-columns:repeat(3,1fr);grid-auto-rows:39.5mm;"
	"align-content:start}"
	".card{border:1px dashed #888;margin:-.5px;padding:2.5mm 3mm;display:grid;"
	"grid-template-columns:22mm 1fr;gap:0 2.5mm;align-items:center;overflow:hidden;"
	"break-inside:avoid}"
	".card svg{width:22mm;height:22mm}"
	".who{grid-column:1/-1;font-size:8.5pt;line-height:1.25;max-height:2.5em;overflow:hidden;"
	"color:#333}"
	".label{font-size:8.5pt;line-height:1.5}"
	".code{font-family:'DejaVu Sans Mono','Liberation Mono',monospace;font-size:15pt;"
	"font-weight:700;letter-spacing:.06em;white-space:nowrap;margin:.5mm 0}"
	".url{grid-column:1/-1;font-size:7pt;line-height:1.2;word-break:break-all;color:#333}"
	"@media print{body{background:#fff}.bar{display:none}"
	".page{margin:0;min-height:0;break-after:page}.page:last-child{break-after:auto}"
	"@page{size:A4;margin:0}}";

static void get_sheet(struct web_ctx *c)
{
	struct buf *b = &c->res->body;
	struct oi_assessment as;
	struct oi_participation part;
	struct oi_error err;
	char (*codes)[OI_CODE_MAX] = NULL;
	bool *used = NULL;
	size_t n = 0, unused = 0, k = 0;
	struct buf link;

	if (posters_participation(c, &as, &part))
		return;
	if (oi_store_access_codes_list(web_app_store(c->app), part.id, &codes, &used, &n, &err)) {
		web_error(c, 500, "ระบบขัดข้อง: อ่านรายการรหัสเข้าตอบไม่ได้ กรุณาลองใหม่อีกครั้ง");
		return;
	}
	for (size_t i = 0; i < n; i++)
		unused += !used[i];
	buf_init(&link, 1024);
	posters_survey_link(c, part.iit_token, &link);

	buf_reset(b);
	c->res->content_type = "text/html; charset=utf-8";
	html_raw(b, "<!doctype html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>แผ่นรหัสเข้าตอบแบบวัด IIT · ");
	html_text(b, c->agency.name);
	html_raw(b, "</title><style>");
	html_raw(b, sheet_css);
	html_raw(b, "</style></head><body><div class=\"bar\">");
	html_fmt(b, "แผ่นรหัสเข้าตอบแบบวัด IIT: %zu รหัสที่ยังไม่ใช้ · "
		    "พิมพ์ด้วยคำสั่งพิมพ์ของเบราว์เซอร์ (Ctrl+P) บนกระดาษ A4 แล้วตัดตามเส้นประ · ",
		 unused);
	html_raw(b, "<a href=\"");
	agency_href(b, c, "/codes");
	html_raw(b, "\">กลับ</a></div><main>");
	if (!unused) {
		html_raw(b, "<div class=\"page\"><p>ยังไม่มีรหัสที่ยังไม่ใช้ สร้างรหัสได้ที่หน้า "
			    "“รหัสเข้าตอบแบบวัด IIT”</p></div>");
	} else if (!link.data || write_qr_symbol(b, link.data)) {
		html_raw(b, "<div class=\"page\"><p>ลิงก์ยาวเกินกว่าจะทำคิวอาร์โค้ดได้</p></div>");
	}
	for (size_t i = 0; i < n && link.data; i++) {
		if (used[i])
			continue;
		if (k % CARDS_PER_PAGE == 0)
			html_raw(b, k ? "</div><div class=\"page\">" : "<div class=\"page\">");
		k++;
		html_raw(b, "<div class=\"card\"><div class=\"who\">");
		html_text(b, c->agency.name);
		html_raw(b, "</div><svg viewBox=\"0 0 1 1\" aria-hidden=\"true\"><use href=\"#qr\" width=\"1\" height=\"1\"/>"
			    "</svg><div><div class=\"label\">รหัสเข้าตอบแบบวัด IIT<br>"
			    "ใช้ได้ครั้งเดียว</div><div class=\"code\">");
		html_textn(b, codes[i], strnlen(codes[i], 4));
		html_raw(b, " ");
		html_text(b, strlen(codes[i]) > 4 ? codes[i] + 4 : "");
		html_raw(b, "</div></div><div class=\"url\">");
		html_text(b, link.data);
		html_raw(b, "</div></div>");
	}
	if (k)
		html_raw(b, "</div>");
	html_raw(b, "</main></body></html>\n");
	c->res->status = 200;
	/* codes are secrets until handed out: no copies in caches */
	web_header_add(c, "Cache-Control", "no-store");
	buf_release(&link);
	free(codes);
	free(used);
}

const struct web_route web_routes_codes[] = {
	{WEB_GET, "/agency/:agency/codes", WEB_ADMIN | WEB_AGENCY, get_codes, 0},
	{WEB_POST, "/agency/:agency/codes/generate", WEB_ADMIN | WEB_AGENCY, post_generate, 0},
	{WEB_POST, "/agency/:agency/codes/require", WEB_ADMIN | WEB_AGENCY, post_require, 0},
	{WEB_GET, "/agency/:agency/codes/sheet", WEB_ADMIN | WEB_AGENCY, get_sheet, 0},
	{0, NULL, 0, NULL, 0},
};
