/*
 * evidence.c — the stored copies of OIT evidence (issue 4).
 *
 *   GET /capture/:id        our page about one capture: a banner saying what was captured from
 *                           which URL and when (it is not the live page), its status, type,
 *                           size, SHA-256, outcome, a text preview (escaped), and links to the
 *                           copy itself and to the live URL
 *   GET /capture/:id/raw    the copy, decompressed. Default: text as text/plain with the banner
 *                           on its first lines. ?as=original: the original type when it is safe
 *                           to show (PDF, PNG, JPEG, GIF, WebP; HTML with a banner prepended)
 *                           and otherwise a download. Always under "Content-Security-Policy:
 *                           sandbox" (an opaque origin: no scripts, no forms, no access to the
 *                           app's cookies or pages), with nosniff, so nothing captured from the
 *                           outside ever runs as active content on the app's origin.
 *
 * Who may see a capture: the admin, the agency admin of its agency, an assessor assigned to its
 * agency (others 403).
 *
 * The link monitor, for evidence that is broken, changed since it was submitted (its SHA-256
 * differs from the capture taken at submission), empty, or of an unexpected type, per agency and
 * item, with the last good capture (evidence_classify() of src/check decides):
 *   GET  /agency/:agency/evidence         one agency's (its agency admin, the admin); ?all=1
 *                                         lists the evidence that is fine too
 *   POST /agency/:agency/evidence/check   "check now": capture every current URL, back 303
 *   GET  /evidence                        every agency's problems (the NACC admin), 50 agencies a
 *                                         page with a filter (pager.h)
 * The command `openita evidence check` captures on a schedule the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "content_type.h"
#include "html.h"
#include "pager.h"
#include "oit.h"

#define CAPTURE_PLAIN_MAX (32u << 20)    /* most bytes of a copy served decompressed */
#define CAPTURE_PREVIEW_MAX (64u << 10)  /* bytes of the preview on our page */

static const char capture_csp[] =
	"sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/*
 * Inflate a gzip copy into out (capped at its max): 0, 1 when it was cut at the cap, -1 when
 * the data is not gzip.
 */
static int gunzip(const unsigned char *gz, size_t len, struct buf *out)
{
	z_stream z;
	unsigned char chunk[16384];
	int rc, result = 0;

	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return -1;
	z.next_in = (unsigned char *)gz;
	z.avail_in = (uInt)len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof chunk;
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END) {
			result = out->len ? 1 : -1;   /* a cut copy keeps what inflated */
			break;
		}
		if (buf_add(out, chunk, sizeof chunk - z.avail_out)) {
			result = 1;
			break;
		}
	} while (rc != Z_STREAM_END && z.avail_in + (sizeof chunk - z.avail_out) > 0);
	inflateEnd(&z);
	return result;
}

/* The capture of the path, checked: 0, or -1 after answering. */
static int load_capture(struct web_ctx *c, struct oi_capture_row *cap, unsigned char **body)
{
	struct oi_error err;
	struct oit_page p;
	const char *s = c->params[0];
	long id = 0;
	int rc;

	for (; *s && id < 1000000000000L; s++) {
		if (*s < '0' || *s > '9') {
			id = 0;
			break;
		}
		id = id * 10 + (*s - '0');
	}
	rc = oi_store_capture_get(web_app_store(c->app), id, cap, body, &err);
	if (rc) {
		web_error(c, rc < 0 ? 500 : 404, rc < 0 ? err.message : "ไม่พบสำเนานี้");
		return -1;
	}
	memset(&p, 0, sizeof p);
	p.as.id = cap->assessment_id;
	if (!oit_may_see_evidence(c, &p, cap->agency_id)) {
		if (body) {
			free(*body);
			*body = NULL;
		}
		web_error(c, 403, "ดูสำเนาได้เฉพาะหน่วยงานของตนเองหรือหน่วยงานที่ได้รับมอบหมาย");
		return -1;
	}
	return 0;
}

/* The media type of a content type, lower case, without parameters. */
static void media_type(const char *content_type, char *out, size_t size)
{
	size_t i = 0;

	for (; content_type[i] && content_type[i] != ';' && content_type[i] != ' ' &&
	       i + 1 < size; i++)
		out[i] = (char)(content_type[i] >= 'A' && content_type[i] <= 'Z'
					? content_type[i] + 32 : content_type[i]);
	out[i] = '\0';
}

static bool is_text(const char *mt)
{
	return !strncmp(mt, "text/", 5) || !strcmp(mt, "application/json") ||
	       !strcmp(mt, "application/xml") || !strcmp(mt, "application/xhtml+xml") ||
	       !strcmp(mt, "image/svg+xml") || !mt[0];
}

/* The capture's content type; for a generic one whose first bytes were sniffed, what it is:
 * "PDF (ประกาศเป็น application/octet-stream)". */
static void content_type_text(struct buf *b, const struct oi_capture_row *cap)
{
	enum content_kind sniffed = content_kind_of_name(cap->sniffed);

	if (sniffed == CONTENT_NONE) {
		html_text(b, cap->content_type[0] ? cap->content_type : "—");
		return;
	}
	html_text(b, content_kind_th(sniffed));
	html_raw(b, " (ประกาศเป็น ");
	html_text(b, cap->content_type[0] ? cap->content_type : "ไม่ระบุชนิด");
	html_raw(b, ")");
}

static void banner_text(struct buf *b, const struct oi_capture_row *cap, bool html)
{
	static const char head[] = "openita: สำเนาที่ระบบเก็บไว้ (ไม่ใช่หน้าเว็บจริง ณ ขณะนี้) "
				   "เก็บเมื่อ ";

	if (html)
		html_raw(b, head);
	else
		buf_puts(b, head);
	if (html) {
		oit_time_th(b, cap->fetched_at);
		html_raw(b, " จาก ");
		html_text(b, cap->url);
	} else {
		struct buf t;

		buf_init(&t, 4096);
		oit_time_th(&t, cap->fetched_at);
		buf_puts(b, t.data ? t.data : "");
		buf_release(&t);
		buf_puts(b, " จาก ");
		buf_puts(b, cap->url);
	}
}

static void get_capture(struct web_ctx *c)
{
	struct oi_capture_row cap;
	unsigned char *body = NULL;
	struct buf *b, plain;
	char mt[128];
	int z = 0;

	if (load_capture(c, &cap, &body))
		return;
	media_type(cap.content_type, mt, sizeof mt);
	buf_init(&plain, CAPTURE_PREVIEW_MAX);
	if (body && is_text(mt))
		z = gunzip(body, cap.body_gz_len, &plain);
	free(body);
	page_begin(c, "สำเนาหลักฐาน");
	b = &c->res->body;
	html_raw(b, "<h1>สำเนาหลักฐานที่ระบบเก็บไว้</h1><p class=\"capture-banner notice\" "
		    "role=\"note\">");
	banner_text(b, &cap, true);
	html_raw(b, "</p><div class=\"table-wrap\"><table><tbody><tr><th scope=\"row\">URL</th><td>");
	oit_link(b, cap.url);
	html_raw(b, " (ลิงก์จริง)</td></tr><tr><th scope=\"row\">URL สุดท้ายหลัง redirect</th><td>");
	html_text(b, cap.final_url[0] ? cap.final_url : "—");
	html_raw(b, "</td></tr><tr><th scope=\"row\">เก็บเมื่อ</th><td>");
	oit_time_th(b, cap.fetched_at);
	html_raw(b, "</td></tr><tr><th scope=\"row\">ผล</th><td>");
	html_text(b, cap.outcome);
	if (cap.status)
		html_fmt(b, " · HTTP %ld", cap.status);
	if (cap.error[0]) {
		html_raw(b, " · ");
		html_text(b, cap.error);
	}
	html_raw(b, "</td></tr><tr><th scope=\"row\">ชนิดเนื้อหา</th><td>");
	content_type_text(b, &cap);
	html_fmt(b, "</td></tr><tr><th scope=\"row\">ขนาด</th><td>%llu ไบต์%s</td></tr>",
		 (unsigned long long)cap.size, cap.truncated ? " (ถูกตัดที่ขนาดสูงสุด)" : "");
	html_raw(b, "<tr><th scope=\"row\">SHA-256</th><td><code>");
	html_text(b, cap.sha256[0] ? cap.sha256 : "—");
	if (cap.text_sha256[0]) {
		html_raw(b, "</code></td></tr><tr><th scope=\"row\">SHA-256 ของข้อความที่มองเห็น"
			    "</th><td><code>");
		html_text(b, cap.text_sha256);
	}
	html_raw(b, "</code></td></tr></tbody></table></div>");
	if (cap.body_gz_len) {
		html_fmt(b, "<p><a href=\"/capture/%ld/raw\" rel=\"noopener\">เปิดสำเนาเป็นข้อความ"
			    "</a> · <a href=\"/capture/%ld/raw?as=original\" rel=\"noopener\">"
			    "เปิดสำเนาในรูปแบบเดิม (ในกรอบปลอดภัย)</a></p>", cap.id, cap.id);
	} else {
		html_raw(b, "<p class=\"warn\">ไม่มีเนื้อหาที่เก็บไว้</p>");
	}
	if (plain.len) {
		html_raw(b, "<h2>ตัวอย่างเนื้อหา (ข้อความ แสดงโดยไม่ประมวลผล)</h2>"
			    "<pre class=\"preview\">");
		html_textn(b, plain.data, plain.len);
		html_raw(b, z == 1 ? "\n…</pre>" : "</pre>");
	}
	buf_release(&plain);
	page_end(c);
}

static void get_capture_raw(struct web_ctx *c)
{
	struct oi_capture_row cap;
	unsigned char *body = NULL;
	const char *as = web_query(c, "as");
	bool original = as && !strcmp(as, "original");
	struct buf plain, out;
	const char *type;
	char mt[128], disposition[64];
	int z;

	if (load_capture(c, &cap, &body))
		return;
	if (!body) {
		web_error(c, 404, "สำเนานี้ไม่มีเนื้อหา");
		return;
	}
	buf_init(&plain, CAPTURE_PLAIN_MAX);
	z = gunzip(body, cap.body_gz_len, &plain);
	free(body);
	if (z < 0) {
		buf_release(&plain);
		web_error(c, 500, "สำเนาที่เก็บไว้เสียหาย อ่านไม่ได้");
		return;
	}
	media_type(cap.content_type, mt, sizeof mt);
	buf_init(&out, CAPTURE_PLAIN_MAX + 8192);
	snprintf(disposition, sizeof disposition, "inline; filename=\"capture-%ld\"", cap.id);
	if (original && (!strcmp(mt, "application/pdf") || !strcmp(mt, "image/png") ||
			 !strcmp(mt, "image/jpeg") || !strcmp(mt, "image/gif") ||
			 !strcmp(mt, "image/webp"))) {
		type = mt;
		buf_add(&out, plain.data, plain.len);
	} else if (original && (!strcmp(mt, "text/html") || !strcmp(mt, "application/xhtml+xml"))) {
		/* shown as HTML only inside the sandbox, with our banner first */
		type = "text/html; charset=utf-8";
		html_raw(&out, "<div style=\"background:#fff8c5;border:2px solid #9a6700;padding:8px;"
			       "font:16px sans-serif\">");
		banner_text(&out, &cap, true);
		html_raw(&out, "</div>");
		buf_add(&out, plain.data, plain.len);
	} else if (is_text(mt) || !original) {
		type = "text/plain; charset=utf-8";
		banner_text(&out, &cap, false);
		buf_puts(&out, z == 1 ? "\n(ตัดเนื้อหาที่ขนาดสูงสุด)\n\n" : "\n\n");
		buf_add(&out, plain.data, plain.len);
	} else {
		type = "application/octet-stream";
		snprintf(disposition, sizeof disposition, "attachment; filename=\"capture-%ld\"",
			 cap.id);
		buf_add(&out, plain.data, plain.len);
	}
	buf_release(&plain);
	if (out.overflow) {
		buf_release(&out);
		web_error(c, 500, "สำเนามีขนาดใหญ่เกินกว่าที่ระบบส่งได้");
		return;
	}
	web_bytes(c, type, out.data ? out.data : "", out.len, NULL);
	web_header_add(c, "Content-Security-Policy", capture_csp);
	web_header_add(c, "Content-Disposition", disposition);
	buf_release(&out);
}

/* ---- the link monitor ---- */

static void capture_cell(struct buf *b, bool has, const struct oi_capture_row *r)
{
	html_raw(b, "<td>");
	if (has) {
		html_fmt(b, "<a href=\"/capture/%ld\">", r->id);
		oit_time_th(b, r->fetched_at);
		html_raw(b, "</a>");
	} else {
		html_raw(b, "—");
	}
	html_raw(b, "</td>");
}

struct monitor_count {
	size_t urls, problems, unchecked;
};

/*
 * The rows of one agency's evidence into the table (problems only unless all; with the agency
 * column when with_agency); ev is scratch space. 0, or -1 with err.
 */
static int monitor_rows(struct web_ctx *c, const struct oit_page *p, const struct oi_agency *a,
			bool all, bool with_agency, struct oit_evidence *ev,
			struct monitor_count *mc, struct oi_error *err)
{
	struct oi_store *st = web_app_store(c->app);
	struct buf *b = &c->res->body;
	struct oi_capture_row *urls = NULL;
	size_t n = oit_evidence_urls(p->states, p->n_states, p->as.id, a->id, &urls);
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++) {
		bool problem;

		if (oit_evidence_of(st, &urls[i], ev, err)) {
			rc = -1;
			break;
		}
		mc->urls++;
		mc->unchecked += !ev->checked;
		problem = ev->checked && ev->state != EVIDENCE_OK;
		mc->problems += problem;
		if (!all && !problem)
			continue;
		html_raw(b, "<tr>");
		if (with_agency) {
			html_raw(b, "<td><a href=\"");
			oit_href(b, "/agency/", a->code, "/evidence");
			html_raw(b, "\">");
			html_text(b, a->code);
			html_raw(b, "</a></td>");
		}
		html_raw(b, "<td>");
		html_text(b, urls[i].item);
		html_raw(b, urls[i].clarification_id ? " (คำชี้แจง)" : "");
		html_raw(b, "</td><td>");
		oit_link(b, urls[i].url);
		html_raw(b, "</td><td class=\"");
		if (!ev->checked) {
			html_raw(b, "warn\">ยังไม่เคยตรวจ");
		} else {
			html_raw(b, ev->state == EVIDENCE_OK ? "ok" : "bad");
			html_raw(b, "\">");
			html_text(b, evidence_state_th(ev->state));
			if ((ev->state == EVIDENCE_UNEXPECTED_TYPE || ev->latest.sniffed[0]) &&
			    ev->state != EVIDENCE_BROKEN) {
				html_raw(b, "<br><small>");
				content_type_text(b, &ev->latest);
				html_raw(b, "</small>");
			}
			if (ev->state == EVIDENCE_BROKEN && ev->latest.error[0]) {
				html_raw(b, "<br><small>");
				html_text(b, ev->latest.error);
				html_raw(b, "</small>");
			}
		}
		html_raw(b, "</td>");
		capture_cell(b, ev->checked, &ev->latest);
		capture_cell(b, ev->has_good, &ev->good);
		capture_cell(b, ev->has_base, &ev->base);
		html_raw(b, "</tr>");
	}
	free(urls);
	return rc;
}

static void monitor_head(struct buf *b, bool with_agency)
{
	html_raw(b, "<div class=\"table-wrap\"><table id=\"evidence\"><thead><tr>");
	if (with_agency)
		html_raw(b, "<th scope=\"col\">หน่วยงาน</th>");
	html_raw(b, "<th scope=\"col\">ข้อ</th><th scope=\"col\">URL</th><th scope=\"col\">"
		    "สถานะ</th><th scope=\"col\">ตรวจล่าสุด</th><th scope=\"col\">สำเนาที่ใช้ได้"
		    "ล่าสุด</th><th scope=\"col\">สำเนาเมื่อส่ง</th></tr></thead><tbody>");
}

static void get_agency_evidence(struct web_ctx *c)
{
	struct oit_page p;
	struct monitor_count mc = {0};
	struct oi_error err;
	bool all = web_query(c, "all") != NULL;
	struct buf *b;

	if (oit_page_load(c, &p) || oit_page_load_states(c, &p, c->agency.id))
		return;
	page_begin(c, "ตรวจลิงก์หลักฐาน OIT");
	b = &c->res->body;
	html_raw(b, "<p class=\"crumbs\"><a href=\"");
	oit_href(b, "/agency/", c->agency.code, "/oit");
	html_raw(b, "\">OIT</a></p><h1>ตรวจลิงก์หลักฐาน OIT: ");
	html_text(b, c->agency.name);
	html_raw(b, "</h1><p>ลิงก์ที่เสีย เนื้อหาเปลี่ยนไปจากตอนส่ง หน้าว่าง หรือชนิดไฟล์ไม่ตรง "
		    "ควรแก้ไขก่อนผู้ประเมินตรวจ</p>");
	if (web_query(c, "checked"))
		html_raw(b, "<p class=\"notice\" role=\"status\">ตรวจลิงก์ทั้งหมดแล้ว</p>");
	oit_post_form(c, "/agency/", c->agency.code, "/evidence/check");
	html_raw(b, "<button type=\"submit\">ตรวจลิงก์ทั้งหมดตอนนี้</button> ");
	html_raw(b, all ? "<a href=\"?\">แสดงเฉพาะที่มีปัญหา</a>"
			: "<a href=\"?all=1\">แสดงทุกลิงก์</a>");
	html_raw(b, "</form>");
	monitor_head(b, false);
	if (monitor_rows(c, &p, &c->agency, all, false, arena_alloc(c->arena, sizeof(struct
								       oit_evidence)), &mc, &err)) {
		web_error(c, 500, err.message);
		oit_page_free(&p);
		return;
	}
	html_raw(b, "</tbody></table></div>");
	html_fmt(b, "<p id=\"evidence-summary\">ลิงก์ทั้งหมด %zu · มีปัญหา <strong>%zu</strong> · "
		    "ยังไม่เคยตรวจ %zu</p>", mc.urls, mc.problems, mc.unchecked);
	page_end(c);
	oit_page_free(&p);
}

static void post_agency_check(struct web_ctx *c)
{
	struct oit_page p;
	struct oi_error err;
	size_t n;
	char detail[96];
	int rc;

	if (oit_page_load(c, &p))
		return;
	if (!web_app_config(c->app)->capturer) {
		web_error(c, 409, "ระบบนี้ไม่ได้เปิดการตรวจลิงก์ (no evidence capturer configured)");
		oit_page_free(&p);
		return;
	}
	rc = oit_check_agency(web_app_store(c->app), web_app_config(c->app)->capturer, p.as.id,
			      c->agency.id, NULL, &n, &err);
	oit_page_free(&p);
	if (rc) {
		web_error(c, 500, err.message);
		return;
	}
	snprintf(detail, sizeof detail, "agency=%s urls=%zu", c->agency.code, n);
	oi_store_audit(web_app_store(c->app), c->session.user.id, "oit.evidence_check", detail,
		       &err);
	web_redirect(c, oit_path(c, "/agency/", c->agency.code, "/evidence?checked=1"));
}

static void get_national_evidence(struct web_ctx *c)
{
	struct oit_page p;
	struct oi_agency *agencies = NULL;
	const struct oi_agency **shown = NULL;
	struct monitor_count mc = {0};
	struct oit_evidence *ev;
	struct pager pg;
	struct oi_error err;
	size_t n = 0;
	struct buf *b;

	if (pager_parse(c, "/evidence", &pg) || oit_page_load(c, &p))
		return;
	ev = arena_alloc(c->arena, sizeof *ev);
	if (oi_store_agency_list(web_app_store(c->app), &agencies, &n, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	/* the filter, then the evidence of the page's agencies only */
	shown = pager_filter_agencies(&pg, agencies, n);
	page_begin(c, "ตรวจลิงก์หลักฐาน OIT ทุกหน่วยงาน");
	b = &c->res->body;
	html_raw(b, "<h1>ลิงก์หลักฐาน OIT ที่มีปัญหา ทุกหน่วยงาน</h1>");
	pager_form(c, &pg);
	pager_status(c, &pg);
	monitor_head(b, true);
	for (size_t i = pg.first; i < pg.end; i++) {
		if (oit_page_load_states(c, &p, shown[i]->id) ||
		    monitor_rows(c, &p, shown[i], false, true, ev, &mc, &err)) {
			if (c->res->status < 500)
				web_error(c, 500, err.message);
			goto out;
		}
	}
	html_raw(b, "</tbody></table></div>");
	html_fmt(b, "<p id=\"evidence-summary\">หน่วยงาน %zu · ลิงก์ทั้งหมด %zu · มีปัญหา "
		    "<strong>%zu</strong> · ยังไม่เคยตรวจ %zu (ของหน่วยงานในหน้านี้)</p>"
		    "<p class=\"hint\">ตรวจทุกลิงก์ตามรอบ"
		    "ด้วยคำสั่ง <code>openita evidence check</code></p>", pg.end - pg.first,
		 mc.urls, mc.problems, mc.unchecked);
	pager_links(c, &pg);
	page_end(c);
out:
	free(shown);
	free(agencies);
	oit_page_free(&p);
}

const struct web_route web_routes_evidence[] = {
	{WEB_GET, "/agency/:agency/evidence", WEB_ADMIN | WEB_AGENCY, get_agency_evidence, 0},
	{WEB_POST, "/agency/:agency/evidence/check", WEB_ADMIN | WEB_AGENCY, post_agency_check,
	 4096},
	{WEB_GET, "/evidence", WEB_ADMIN, get_national_evidence, 0},
	{WEB_GET, "/capture/:id", WEB_ADMIN | WEB_AGENCY | WEB_ASSESSOR, get_capture, 0},
	{WEB_GET, "/capture/:id/raw", WEB_ADMIN | WEB_AGENCY | WEB_ASSESSOR, get_capture_raw, 0},
	{0, NULL, 0, NULL, 0},
};
