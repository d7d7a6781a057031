/*
 * layout.c — the frame every page shares: head, top bar with the menu of the user's role,
 * the stylesheet, Thai dates, numbers with thousands separators. Thai first; readable on a 360-px phone; printable on A4.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "web.h"

static const char *role_th(enum oi_role r)
{
	switch (r) {
	case OI_ROLE_ADMIN: return "ผู้ดูแลระบบ (สำนักงาน ป.ป.ช.)";
	case OI_ROLE_AGENCY_ADMIN: return "ผู้ดูแลของหน่วยงาน";
	case OI_ROLE_ASSESSOR: return "ผู้ประเมิน";
	case OI_ROLE_VIEWER: return "ผู้ติดตามผล";
	default: return "";
	}
}

static void menu_link(struct buf *b, const char *href, const char *label)
{
	html_raw(b, "<li><a href=\"");
	html_attr(b, href);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</a></li>");
}

static void menu(struct web_ctx *c)
{
	struct buf *b = &c->res->body;
	const struct oi_user *u = &c->session.user;

	html_raw(b, "<nav aria-label=\"เมนูหลัก\"><ul class=\"menu\">");
	switch (u->role) {
	case OI_ROLE_ADMIN:
		menu_link(b, "/national", "ภาพรวมทุกหน่วยงาน");
		menu_link(b, "/admin/assessments", "ปีการประเมิน");
		menu_link(b, "/admin/agencies/new", "เพิ่มหน่วยงาน");
		menu_link(b, "/admin/agencies/import", "นำเข้าหน่วยงาน");
		menu_link(b, "/admin/plans", "แผนมาตรการ");
		menu_link(b, "/admin/assignments", "มอบหมายผู้ประเมิน OIT");
		menu_link(b, "/review", "ตรวจ OIT");
		menu_link(b, "/admin/oit", "ยืนยันผล OIT");
		menu_link(b, "/evidence", "ลิงก์หลักฐาน OIT");
		break;
	case OI_ROLE_AGENCY_ADMIN: {
		char href[96];

		snprintf(href, sizeof href, "/agency/%s", u->agency_code);
		menu_link(b, href, "หน่วยงานของฉัน");
		snprintf(href, sizeof href, "/agency/%s/codes", u->agency_code);
		menu_link(b, href, "รหัสเข้าตอบ IIT");
		snprintf(href, sizeof href, "/agency/%s/plan", u->agency_code);
		menu_link(b, href, "แผนมาตรการ");
		snprintf(href, sizeof href, "/agency/%s/oit", u->agency_code);
		menu_link(b, href, "ข้อมูล OIT");
		snprintf(href, sizeof href, "/agency/%s/evidence", u->agency_code);
		menu_link(b, href, "ตรวจลิงก์หลักฐาน");
		break;
	}
	case OI_ROLE_ASSESSOR:
		menu_link(b, "/review", "ตรวจ OIT");
		menu_link(b, "/national", "ภาพรวมทุกหน่วยงาน");
		break;
	default:
		menu_link(b, "/national", "ภาพรวมทุกหน่วยงาน");
		break;
	}
	menu_link(b, "/password", "เปลี่ยนรหัสผ่าน");
	html_raw(b, "<li><form method=\"post\" action=\"/logout\" class=\"inline\">");
	page_csrf(c);
	html_raw(b, "<button type=\"submit\" class=\"link\">ออกจากระบบ</button></form></li>");
	html_raw(b, "</ul></nav>");
}

void page_begin(struct web_ctx *c, const char *title_th)
{
	struct buf *b = &c->res->body;

	buf_reset(b);
	c->res->content_type = "text/html; charset=utf-8";
	html_raw(b, "<!doctype html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>");
	html_text(b, title_th);
	html_raw(b, " · openita</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
		    "</head><body><a class=\"skip\" href=\"#main\">ข้ามไปยังเนื้อหา</a>"
		    "<header class=\"top\"><div class=\"brand\"><a href=\"/\">openita</a>"
		    "<span class=\"tagline\">ระบบประเมินคุณธรรมและความโปร่งใส (ITA)</span></div>");
	if (c->session.valid) {
		html_raw(b, "<div class=\"who\">");
		html_text(b, c->session.user.username);
		html_raw(b, " · ");
		html_text(b, role_th(c->session.user.role));
		if (c->session.user.agency_code[0]) {
			html_raw(b, " · ");
			html_text(b, c->session.user.agency_code);
		}
		html_raw(b, "</div>");
		menu(c);
	}
	html_raw(b, "</header><main id=\"main\" tabindex=\"-1\">");
}

void page_end(struct web_ctx *c)
{
	html_raw(&c->res->body, "</main><footer class=\"foot\">openita — ระบบเปิดสำหรับการประเมิน"
				"คุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ</footer>"
				"</body></html>\n");
	if (!c->res->status)
		c->res->status = 200;
}

void page_csrf(struct web_ctx *c)
{
	html_raw(&c->res->body, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(&c->res->body, c->session.valid ? c->session.csrf : "");
	html_raw(&c->res->body, "\">");
}

void page_date_th(struct buf *b, const char *iso)
{
	static const char *const month[] = {"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
					    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."};
	int y, m, d;
	char tail;

	if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31) {
		html_text(b, iso ? iso : "");
		return;
	}
	html_fmt(b, "%d %s %d", d, month[m - 1], y + 543);
}

void page_dates_th(struct buf *b, const char *open, const char *close)
{
	page_date_th(b, open);
	if (close) {
		html_raw(b, " – ");
		page_date_th(b, close);
	}
}

void page_int(struct buf *b, long n)
{
	char digits[32];
	int len, lead;

	if (n < 0) {
		html_raw(b, "-");
		n = -n;
	}
	len = snprintf(digits, sizeof digits, "%ld", n);
	lead = len % 3 ? len % 3 : 3;
	for (int i = 0; i < len; i++) {
		if (i && (i - lead) % 3 == 0)
			buf_add(b, ",", 1);
		buf_add(b, &digits[i], 1);
	}
}

/* The one stylesheet: mobile first, large touch targets, visible focus, print on A4. */
const char web_stylesheet[] =
	":root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--ok:#1a7f37;"
	"--warn:#9a6700;--bad:#cf222e;--bg:#f6f8fa}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font-family:'Sarabun','TH Sarabun New','Laksaman','Noto Sans Thai',"
	"'Loma',sans-serif;font-size:18px;line-height:1.6;color:var(--ink);background:#fff}\n"
	"a{color:var(--accent)}\n"
	":focus-visible{outline:3px solid #f59e0b;outline-offset:2px}\n"
	".skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;"
	"padding:8px;z-index:9}\n"
	".top{background:#10375c;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;"
	"gap:8px 24px;align-items:center}\n"
	".top a{color:#fff}.brand a{font-weight:700;font-size:1.2em;text-decoration:none;"
	"margin-right:8px}.tagline{font-size:.85em;opacity:.85;display:inline-block}\n"
	".who{font-size:.85em;opacity:.9}\n"
	".menu{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}\n"
	".menu button.link{background:none;border:0;color:#fff;text-decoration:underline;"
	"font:inherit;cursor:pointer;padding:0}\n"
	"form.inline{display:inline}\n"
	"main{max-width:1100px;margin:0 auto;padding:16px}\n"
	"h1{font-size:1.5em;line-height:1.3;margin:.4em 0}h2{font-size:1.25em;margin:1.2em 0 .4em}\n"
	"table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid var(--line);"
	"padding:6px 8px;text-align:left;vertical-align:top}th{background:var(--bg)}\n"
	"td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".table-wrap{overflow-x:auto}\n"
	"label{display:block;margin:.6em 0 .2em;font-weight:600}\n"
	"input[type=text],input[type=number],input[type=password],input[type=date],"
	"input[type=url],select,"
	"textarea{font:inherit;padding:8px;border:1px solid #8c959f;border-radius:6px;"
	"width:100%;max-width:32em;min-height:44px}\n"
	"button,.button{font:inherit;padding:10px 18px;min-height:44px;border-radius:6px;"
	"border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;"
	"text-decoration:none;display:inline-block}\n"
	".button.secondary,button.secondary{background:#fff;color:var(--accent)}\n"
	".error-message,.errors{color:var(--bad);font-weight:600}\n"
	".errors{border:2px solid var(--bad);padding:8px 12px;border-radius:6px}\n"
	".notice{border-left:4px solid var(--accent);background:var(--bg);padding:8px 12px}\n"
	".ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:12px}\n"
	".card{border:1px solid var(--line);border-radius:8px;padding:12px}\n"
	".counter{display:block;font-size:1.6em;font-weight:700}\n"
	".filters{display:grid;gap:0 16px}@media(min-width:720px){.filters{grid-template-columns:"
	"1fr 1fr}}\n"
	".foot{color:var(--muted);font-size:.8em;text-align:center;padding:24px 16px}\n"
	/* the result sheet and the plan (result_page.c, plan_*.c) */
	".crumbs{font-size:.9em;margin:.4em 0}.muted{color:var(--muted)}\n"
	"label.inline{display:inline;font-weight:400;margin:0 0 0 .4em}\n"
	".score-grid{display:grid;gap:0 16px;grid-template-columns:repeat(auto-fill,minmax("
	"15em,1fr))}.score-field label{font-weight:400}input.score{max-width:8em}\n"
	".oit-list{display:grid;gap:0 24px}@media(min-width:900px){.oit-list{grid-template-"
	"columns:1fr 1fr}}\n"
	".oit-item{border-top:1px solid var(--line);padding:8px 0}.oit-item label:last-of-type"
	"{font-weight:400;font-size:.85em;color:var(--muted)}\n"
	".radio{margin:.4em 0}input[type=radio],input[type=checkbox]{width:1.3em;height:1.3em;"
	"vertical-align:middle}\n"
	"fieldset{border:1px solid var(--line);border-radius:8px;margin:12px 0;padding:8px 16px}"
	"legend{font-weight:700;padding:0 4px}textarea{max-width:48em}\n"
	"button.small{padding:4px 10px;min-height:32px;font-size:.85em}\n"
	"button.danger{background:var(--bad);border-color:var(--bad)}\n"
	".committee{margin:16px 0}.alerts li{margin:.3em 0}td.nowrap{white-space:nowrap}\n"
	/* the plan's documents: a table on wide screens, a card per document on phones */
	".documents td a{white-space:nowrap}@media(max-width:640px){.documents table,"
	".documents tbody,.documents tr,.documents caption{display:block}.documents thead{"
	"display:none}.documents tr{border:1px solid var(--line);border-radius:8px;margin:8px 0;"
	"padding:4px 12px}.documents th,.documents td{display:inline-block;border:0;"
	"background:none;padding:4px 16px 4px 0}.documents th{display:block}}\n"
	/* the OIT pages (oit.c, review.c, evidence.c) */
	".quote{border-left:4px solid var(--line);padding:4px 12px;white-space:pre-wrap;"
	"overflow-wrap:anywhere}\n"
	".oit-grid{display:grid;gap:16px}@media(min-width:900px){.oit-grid{grid-template-columns:"
	"1fr 1fr}}\n"
	"label.plain{display:inline-block;font-weight:400;margin-right:16px}\n"
	"input[type=url]{font:inherit;padding:8px;border:1px solid #8c959f;border-radius:6px;"
	"width:100%;max-width:40em;min-height:44px}\n"
	".check{display:flex;gap:8px;align-items:flex-start}.check input{margin-top:.45em}\n"
	"a.url{overflow-wrap:anywhere}.pager{margin:8px 0}.counters{font-size:.95em}\n"
	"pre.preview{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--bg);"
	"padding:8px;max-height:30em;overflow:auto}\n"
	".history li{margin:.4em 0}.capture-banner{font-weight:600}\n"
	"@media print{.top,.foot,.skip,nav,.no-print{display:none}body{font-size:16pt}"
	"main{max-width:none;padding:0}@page{size:A4;margin:2cm}}\n";
