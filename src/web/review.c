/*
 * review.c — the assessors' side of OIT (issue 4) and the NACC admin's: the workbench, the
 * assignments of assessors to agencies, the confirmation of results.
 *
 *   GET  /review                       the agencies assigned to me (admin: every agency) with
 *                                      counters of what is left, 50 a page with a filter
 *                                      (pager.h)
 *   GET  /review/:agency               the agency's items with their status
 *   GET  /review/:agency/:item         one item: URLs, stored copies beside the live links,
 *                                      explanation, required elements as a checklist, the
 *                                      verdict form (autofocused), history; rel=prev/next links
 *                                      with accesskeys p and n, counters
 *   POST /review/:agency/:item         a verdict (pass|fail) with a comment: round 1, or round 2
 *                                      when the agency has clarified; 303 to the next item that
 *                                      needs review
 *   GET  /admin/assignments            who reviews which agency, 50 a page with a filter that
 *                                      also narrows the codes offered; POST adds or removes one
 *   GET  /admin/oit                    agencies with verdicts waiting for confirmation, 50 a
 *                                      page with a filter (pager.h)
 *   GET  /admin/oit/:agency            the final verdicts of an agency; POST confirms the ones
 *                                      ticked (each a new confirmation row)
 *
 * An assessor may open an agency's pages only when assigned to it (403 otherwise): the
 * dispatcher's agency rule is for agency admins, so this file checks assessors itself
 * (oit_may_review) before reading anything of the agency.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "html.h"
#include "oit.h"
#include "openita/thai.h"
#include "pager.h"

#define REVIEW_FORM_BODY (32u << 10)

/* A table row's head: "<tr><th scope=row><a href=PREFIX+code>code name</a></th>". */
static void agency_row_head(struct buf *b, const char *prefix, const struct oi_agency *a)
{
	html_raw(b, "<tr><th scope=\"row\"><a href=\"");
	oit_href(b, prefix, a->code, "");
	html_raw(b, "\">");
	html_text(b, a->code);
	html_raw(b, " ");
	html_text(b, a->name);
	html_raw(b, "</a></th>");
}

/* Load the page and check the reviewer; 0, or -1 after answering. */
static int review_load(struct web_ctx *c, struct oit_page *p)
{
	if (oit_page_load(c, p))
		return -1;
	if (!oit_may_review(c, p, c->agency.id)) {
		web_error(c, 403, "ผู้ประเมินตรวจได้เฉพาะหน่วยงานที่ได้รับมอบหมาย");
		return -1;
	}
	return oit_page_load_states(c, p, c->agency.id);
}

struct counters {
	size_t submitted, to_review, reviewed, passed, failed, confirmed;
};

static void count(const struct oit_page *p, struct counters *k)
{
	memset(k, 0, sizeof *k);
	for (size_t i = 0; i < p->fw->n_oit_items; i++) {
		const struct oi_oit_item_state *s = oit_state(p, p->fw->oit_items[i].code);
		enum oit_status st = oit_status(s);

		if (!s || !s->submission.id)
			continue;
		k->submitted++;
		if (oit_needs_review(s))
			k->to_review++;
		else
			k->reviewed++;
		k->passed += st == OIT_PASSED || st == OIT_CONFIRMED_PASS;
		k->failed += st == OIT_FAILED || st == OIT_FAILED_FINAL || st == OIT_CONFIRMED_FAIL;
		k->confirmed += st == OIT_CONFIRMED_PASS || st == OIT_CONFIRMED_FAIL;
	}
}

static void counters_html(struct buf *b, const struct oit_page *p, const struct counters *k)
{
	html_raw(b, "<p class=\"counters\" id=\"counters\" role=\"status\">");
	html_fmt(b, "ส่งแล้ว <strong>%zu</strong>/%zu ข้อ · ตรวจแล้ว <strong>%zu</strong> · "
		    "<span class=\"left\">เหลือต้องตรวจ <strong>%zu</strong></span> · ผ่าน %zu · "
		    "ไม่ผ่าน %zu · ยืนยันแล้ว %zu</p>", k->submitted, p->fw->n_oit_items,
		 k->reviewed, k->to_review, k->passed, k->failed, k->confirmed);
}

/* ---- GET /review ---- */

static void get_review_home(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct oit_page p;
	struct oi_agency *agencies = NULL;
	struct oi_assignment *as = NULL;
	const struct oi_agency **shown = NULL;
	struct pager pg;
	struct oi_error err;
	size_t n = 0, m = 0;
	struct buf *b;
	bool admin = c->session.user.role == OI_ROLE_ADMIN;

	if (pager_parse(c, "/review", &pg) || oit_page_load(c, &p))
		return;
	if (admin ? oi_store_agency_list(st, &agencies, &n, &err)
		  : oi_store_assignment_list(st, p.as.id, c->session.user.id, &as, &n, &err)) {
		web_error(c, 500, err.message);
		goto out;
	}
	/* the filter over what this user may see, then the states of the page's agencies only */
	shown = xcalloc(n ? n : 1, sizeof *shown);
	for (size_t i = 0; i < n; i++) {
		const struct oi_agency *a = admin ? &agencies[i] : &as[i].agency;

		if (pager_match(&pg, a->code, a->name))
			shown[m++] = a;
	}
	pager_set_total(&pg, m);
	page_begin(c, "ตรวจ OIT");
	b = &c->res->body;
	html_raw(b, "<h1>ตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)</h1><p class=\"notice\">ช่วงตรวจ: ");
	page_dates_th(b, p.as.review_open, p.as.review_close);
	html_raw(b, "</p>");
	if (!n) {
		html_raw(b, "<p>ยังไม่มีหน่วยงานที่ได้รับมอบหมาย</p>");
		page_end(c);
		goto out;
	}
	pager_form(c, &pg);
	pager_status(c, &pg);
	if (m)
		html_raw(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">"
			    "หน่วยงาน</th><th scope=\"col\" class=\"num\">ส่งแล้ว</th>"
			    "<th scope=\"col\" class=\"num\">เหลือต้องตรวจ</th><th scope=\"col\" "
			    "class=\"num\">ผ่าน</th><th scope=\"col\" class=\"num\">ไม่ผ่าน</th>"
			    "</tr></thead><tbody>");
	for (size_t i = pg.first; i < pg.end; i++) {
		const struct oi_agency *a = shown[i];
		struct counters k;

		if (oit_page_load_states(c, &p, a->id))
			goto out;
		count(&p, &k);
		agency_row_head(b, "/review/", a);
		html_fmt(b, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
			    "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>",
			 k.submitted, k.to_review, k.passed, k.failed);
	}
	if (m)
		html_raw(b, "</tbody></table></div>");
	pager_links(c, &pg);
	page_end(c);
out:
	free(shown);
	free(agencies);
	free(as);
	oit_page_free(&p);
}

/* ---- GET /review/:agency ---- */

static void item_link(struct buf *b, const char *agency, const char *item)
{
	html_raw(b, "/review/");
	html_urlencode(b, agency);
	html_raw(b, "/");
	html_urlencode(b, item);
}

static void get_review_agency(struct web_ctx *c)
{
	struct oit_page p;
	struct counters k;
	struct buf *b;

	if (review_load(c, &p))
		return;
	count(&p, &k);
	page_begin(c, c->agency.name);
	b = &c->res->body;
	html_raw(b, "<p class=\"crumbs\"><a href=\"/review\">ตรวจ OIT</a></p><h1>");
	html_text(b, c->agency.code);
	html_raw(b, " ");
	html_text(b, c->agency.name);
	html_raw(b, "</h1>");
	counters_html(b, &p, &k);
	html_raw(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">ข้อ</th>"
		    "<th scope=\"col\">สถานะ</th></tr></thead><tbody>");
	for (size_t i = 0; i < p.fw->n_oit_items; i++) {
		const char *code = p.fw->oit_items[i].code;
		const struct oi_oit_item_state *s = oit_state(&p, code);
		enum oit_status st = oit_status(s);

		html_raw(b, "<tr><th scope=\"row\"><a href=\"");
		item_link(b, c->agency.code, code);
		html_raw(b, "\">");
		oit_item_title(b, p.fw, i);
		html_raw(b, "</a></th><td class=\"");
		html_raw(b, oit_status_class(st));
		html_raw(b, "\">");
		html_text(b, oit_status_th(st));
		if (oit_needs_review(s))
			html_raw(b, " <strong>· ต้องตรวจ</strong>");
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>");
	page_end(c);
	oit_page_free(&p);
}

/* ---- the workbench ---- */

/* Stored copy links of url for the submission or clarification (the first capture taken
 * for it) and the latest capture. */
static void capture_links(struct web_ctx *c, long agency_id, long submission_id,
			  long clarification_id, const char *url)
{
	struct buf *b = &c->res->body;
	struct oi_capture_row base, latest;
	struct oi_error err;
	int rb = oi_store_capture_baseline(web_app_store(c->app), submission_id,
					   clarification_id, url, &base, &err);
	int rl = oi_store_capture_latest(web_app_store(c->app), agency_id, url, false, &latest,
					 &err);

	if (rb == 0) {
		html_fmt(b, " · <a class=\"capture\" href=\"/capture/%ld\">สำเนาเมื่อส่ง</a> (",
			 base.id);
		oit_time_th(b, base.fetched_at);
		html_raw(b, ", ");
		html_text(b, base.outcome);
		html_raw(b, ")");
	}
	if (rl == 0 && (rb != 0 || latest.id != base.id)) {
		html_fmt(b, " · <a class=\"capture\" href=\"/capture/%ld\">สำเนาล่าสุด</a> (",
			 latest.id);
		oit_time_th(b, latest.fetched_at);
		html_raw(b, ", ");
		html_text(b, latest.outcome);
		html_raw(b, ")");
	}
	if (rb != 0 && rl != 0)
		html_raw(b, " · <span class=\"warn\">ยังไม่มีสำเนา</span>");
}

static void url_list(struct web_ctx *c, long agency_id, long submission_id,
		     long clarification_id, const char (*urls)[OI_URL_MAX], size_t n)
{
	struct buf *b = &c->res->body;

	if (!n) {
		html_raw(b, "<p>ไม่มี URL</p>");
		return;
	}
	html_raw(b, "<ul class=\"urls\">");
	for (size_t i = 0; i < n; i++) {
		html_raw(b, "<li>");
		oit_link(b, urls[i]);
		html_raw(b, " <span class=\"hint\">(ลิงก์จริง)</span>");
		capture_links(c, agency_id, submission_id, clarification_id, urls[i]);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/* Next or previous item (dir +1/-1) from k: preferring one that needs review when
 * needs_only; -1 when none. */
static long neighbour(const struct oit_page *p, size_t k, int dir, bool needs_only)
{
	long n = (long)p->fw->n_oit_items;

	for (long i = (long)k + dir; i >= 0 && i < n; i += dir)
		if (!needs_only || oit_needs_review(oit_state(p, p->fw->oit_items[i].code)))
			return i;
	return -1;
}

/* " · <a rel=REL accesskey=… id=REL href=…>BEFORE ITEM AFTER</a>": the pager's link to the item
 * before or after (rel "prev" or "next"; the access key is its first letter). */
static void pager_link(struct buf *b, const char *agency, const char *item, const char *rel,
		       const char *before, const char *after)
{
	html_raw(b, " · <a rel=\"");
	html_raw(b, rel);
	html_raw(b, "\" accesskey=\"");
	html_textn(b, rel, 1);
	html_raw(b, "\" id=\"");
	html_raw(b, rel);
	html_raw(b, "\" href=\"");
	item_link(b, agency, item);
	html_raw(b, "\">");
	html_raw(b, before);
	html_text(b, item);
	html_raw(b, after);
	html_raw(b, "</a>");
}

/*
 * Why no verdict of the given round can be given today, in Thai, or NULL when one can. Round 1
 * only inside the review window; round 2 (the re-review of a clarification) from the opening of
 * the clarification window until the day before the results are published (no end when no
 * publication date is set). The NACC admin moves a window on /admin/assessments.
 */
static const char *verdict_closed(struct web_ctx *c, const struct oit_page *p, bool round2)
{
	const char *open = round2 ? p->as.clarify_open : p->as.review_open;
	const char *close = p->as.review_close;
	char th[64], msg[512];

	if (!open[0] || (!round2 && !close[0]))
		return "ยังไม่ได้กำหนดช่วงตรวจ OIT ผู้ดูแลระบบกำหนดได้ที่หน้าปีการประเมิน";
	if (strcmp(p->today, open) < 0) {
		oi_thai_date(open, false, th, sizeof th);
		if (round2)
			snprintf(msg, sizeof msg, "ยังตรวจคำชี้แจงไม่ได้ ช่วงชี้แจงเริ่ม %s", th);
		else
			snprintf(msg, sizeof msg, "ยังไม่ถึงช่วงตรวจ OIT ช่วงตรวจเริ่ม %s", th);
	} else if (!round2 && strcmp(p->today, close) > 0) {
		oi_thai_date(close, false, th, sizeof th);
		snprintf(msg, sizeof msg, "ช่วงตรวจ OIT สิ้นสุดแล้วเมื่อ %s ผู้ดูแลระบบขยายช่วงตรวจได้"
					  "ที่หน้าปีการประเมิน", th);
	} else if (round2 && p->as.publish_on[0] && strcmp(p->today, p->as.publish_on) >= 0) {
		oi_thai_date(p->as.publish_on, false, th, sizeof th);
		snprintf(msg, sizeof msg, "ประกาศผลแล้วเมื่อ %s จึงตรวจคำชี้แจงไม่ได้อีก", th);
	} else {
		return NULL;
	}
	return arena_strdup(c->arena, msg);
}

static void workbench(struct web_ctx *c, struct oit_page *p, size_t k, const char *error,
		      const char *typed_comment)
{
	struct buf *b;
	const char *code = p->fw->oit_items[k].code;
	const struct oi_oit_item_state *s = oit_state(p, code);
	enum oit_status st = oit_status(s);
	struct counters cnt;
	long prev = neighbour(p, k, -1, false), next = neighbour(p, k, +1, false);
	bool round2 = oit_in_round2(s);
	const char *closed;

	count(p, &cnt);
	page_begin(c, code);
	b = &c->res->body;
	html_raw(b, "<nav class=\"pager\" aria-label=\"เลื่อนข้อ\"><a href=\"");
	oit_href(b, "/review/", c->agency.code, "");
	html_raw(b, "\">");
	html_text(b, c->agency.code);
	html_raw(b, "</a>");
	if (prev >= 0)
		pager_link(b, c->agency.code, p->fw->oit_items[prev].code, "prev", "← ข้อก่อนหน้า (",
			   ")");
	if (next >= 0)
		pager_link(b, c->agency.code, p->fw->oit_items[next].code, "next", "ข้อถัดไป (",
			   ") →");
	html_raw(b, "</nav>");
	counters_html(b, p, &cnt);
	html_raw(b, "<h1>");
	oit_item_title(b, p->fw, k);
	html_raw(b, "</h1><p><strong>สถานะ:</strong> <span class=\"");
	html_raw(b, oit_status_class(st));
	html_raw(b, "\" id=\"status\">");
	html_text(b, oit_status_th(st));
	html_raw(b, "</span></p>");
	if (web_query(c, "done"))
		html_raw(b, "<p class=\"notice\" role=\"status\">บันทึกผลแล้ว ไม่มีข้ออื่นที่รอตรวจ"
			    "</p>");

	html_raw(b, "<div class=\"oit-grid\"><div>");
	if (!s || !s->submission.id) {
		html_raw(b, "<p class=\"warn\">หน่วยงานยังไม่ได้ส่งข้อมูลข้อนี้</p>");
	} else {
		html_raw(b, "<h2>ข้อมูลที่หน่วยงานส่ง</h2><p>");
		html_raw(b, s->submission.has ? "หน่วยงานระบุว่า <strong>มี</strong>การเผยแพร่"
					      : "หน่วยงานระบุว่า <strong>ไม่มี</strong>การเผยแพร่");
		html_raw(b, " · ส่งเมื่อ ");
		oit_time_th(b, s->submission.at);
		html_raw(b, "</p>");
		url_list(c, c->agency.id, s->submission.id, 0,
			 (const char(*)[OI_URL_MAX])s->submission.urls, s->submission.n_urls);
		html_raw(b, "<p>คำอธิบาย:</p><div class=\"quote\">");
		html_text(b, s->submission.explanation[0] ? s->submission.explanation : "—");
		html_raw(b, "</div>");
	}
	if (s && s->clarification.id) {
		html_raw(b, "<h2>คำชี้แจงของหน่วยงาน</h2><div class=\"quote\">");
		html_text(b, s->clarification.text[0] ? s->clarification.text : "—");
		html_raw(b, "</div>");
		url_list(c, c->agency.id, 0, s->clarification.id,
			 (const char(*)[OI_URL_MAX])s->clarification.urls,
			 s->clarification.n_urls);
	}
	if (s && s->review1.id) {
		html_raw(b, "<h2>ผลการตรวจรอบแรก</h2><p class=\"");
		html_raw(b, s->review1.pass ? "ok\">ผ่าน" : "bad\">ไม่ผ่าน");
		html_raw(b, "</p><div class=\"quote\">");
		html_text(b, s->review1.comment[0] ? s->review1.comment : "—");
		html_raw(b, "</div>");
	}
	html_raw(b, "</div><div>");
	oit_elements(b, p->fw, k, "r");
	closed = s && s->submission.id && st != OIT_CONFIRMED_PASS && st != OIT_CONFIRMED_FAIL
			 ? verdict_closed(c, p, round2) : NULL;
	if (closed) {
		html_raw(b, "<p class=\"notice\" id=\"verdict-closed\">");
		html_text(b, closed);
		html_raw(b, "</p>");
	} else if (s && s->submission.id) {
		html_raw(b, "<form method=\"post\" id=\"verdict-form\" action=\"");
		item_link(b, c->agency.code, code);
		html_raw(b, "\">");
		page_csrf(c);
		if (error) {
			html_raw(b, "<div class=\"errors\" role=\"alert\"><p>");
			html_text(b, error);
			html_raw(b, "</p><p>ยังไม่ได้บันทึกผล</p></div>");
		}
		html_raw(b, "<fieldset><legend>");
		html_raw(b, round2 ? "ผลการตรวจอีกครั้งหลังชี้แจง" : "ผลการตรวจ");
		html_raw(b, "</legend><label class=\"plain\"><input type=\"radio\" name=\"verdict\" "
			    "value=\"pass\" id=\"v-pass\" accesskey=\"y\" autofocus required> ผ่าน"
			    "</label><label class=\"plain\"><input type=\"radio\" name=\"verdict\" "
			    "value=\"fail\" id=\"v-fail\" accesskey=\"f\"> ไม่ผ่าน</label></fieldset>"
			    "<label for=\"v-comment\">ความเห็น (ต้องระบุเมื่อไม่ผ่าน)</label>"
			    "<textarea id=\"v-comment\" name=\"comment\" rows=\"4\" "
			    "maxlength=\"4000\">");
		if (typed_comment)
			html_text(b, typed_comment);
		html_raw(b, "</textarea><p><button type=\"submit\" accesskey=\"s\" id=\"v-submit\">"
			    "บันทึกผลและไปข้อถัดไป</button></p><p class=\"hint\">แป้นพิมพ์: "
			    "ลูกศรเลือกผ่าน/ไม่ผ่าน · Tab ไปช่องความเห็น · Alt+S บันทึก · Alt+N "
			    "ข้อถัดไป · Alt+P ข้อก่อนหน้า (Firefox: Alt+Shift+ตัวอักษร)</p></form>");
	}
	html_raw(b, "</div></div>");
	oit_history(c, p, c->agency.id, code);
	page_end(c);
}

static void get_workbench(struct web_ctx *c)
{
	struct oit_page p;
	long k;

	if (review_load(c, &p))
		return;
	if ((k = oit_path_item(c, &p, 1)) >= 0)
		workbench(c, &p, (size_t)k, NULL, NULL);
	oit_page_free(&p);
}

static void post_verdict(struct web_ctx *c)
{
	struct oit_page p;
	const char *verdict = web_field(c, "verdict");
	const char *comment = web_field(c, "comment");
	const struct oi_oit_item_state *s;
	struct oi_oit_review *r;
	struct oi_error err;
	const char *error = NULL;
	char detail[160];
	long k, next;
	bool round2;

	if (review_load(c, &p))
		return;
	if ((k = oit_path_item(c, &p, 1)) < 0)
		goto out;
	s = oit_state(&p, p.fw->oit_items[k].code);
	if (!comment)
		comment = "";
	if (!s || !s->submission.id) {
		web_error(c, 409, "หน่วยงานยังไม่ได้ส่งข้อมูลข้อนี้ จึงยังตรวจไม่ได้");
		goto out;
	}
	if (oit_status(s) == OIT_CONFIRMED_PASS || oit_status(s) == OIT_CONFIRMED_FAIL) {
		web_error(c, 409, "ผลของข้อนี้ได้รับการยืนยันแล้ว");
		goto out;
	}
	round2 = oit_in_round2(s);
	if ((error = verdict_closed(c, &p, round2))) {
		web_error(c, 409, error);
		goto out;
	}
	if (!verdict || (strcmp(verdict, "pass") && strcmp(verdict, "fail")))
		error = "กรุณาเลือกผลการตรวจ: ผ่าน หรือ ไม่ผ่าน";
	else if (oi_store_oit_check_text(comment, OI_OIT_TEXT_MAX, "ความเห็น", &err))
		error = arena_strdup(c->arena, err.message);
	else if (!strcmp(verdict, "fail") && !comment[strspn(comment, " \t\r\n")])
		error = "ผลไม่ผ่านต้องมีความเห็นบอกหน่วยงานว่าขาดอะไร";
	if (error) {
		workbench(c, &p, (size_t)k, error, comment);
		if (c->res->status == 200)
			c->res->status = 422;
		goto out;
	}
	r = arena_alloc(c->arena, sizeof *r);
	memset(r, 0, sizeof *r);
	r->assessment_id = p.as.id;
	r->agency_id = c->agency.id;
	snprintf(r->item, sizeof r->item, "%s", s->item);
	r->submission_id = s->submission.id;
	if (round2) {
		r->round = 2;
		r->clarification_id = s->clarification.id;
	} else {
		r->round = 1;
	}
	r->pass = !strcmp(verdict, "pass");
	snprintf(r->comment, sizeof r->comment, "%s", comment);
	r->by_user = c->session.user.id;
	if (oi_store_oit_review(web_app_store(c->app), r, &err)) {
		workbench(c, &p, (size_t)k, err.message, comment);
		if (c->res->status == 200)
			c->res->status = 422;
		goto out;
	}
	snprintf(detail, sizeof detail, "agency=%s item=%s round=%d %s", c->agency.code, r->item,
		 r->round, r->pass ? "pass" : "fail");
	oi_store_audit(web_app_store(c->app), c->session.user.id, "oit.review", detail, &err);
	/* the next item that needs review after this one, else from the start, else stay */
	if (oit_page_load_states(c, &p, c->agency.id))
		goto out;
	next = neighbour(&p, (size_t)k, +1, true);
	for (size_t i = 0; next < 0 && i < (size_t)k; i++)   /* wrap round to the start */
		if (oit_needs_review(oit_state(&p, p.fw->oit_items[i].code)))
			next = (long)i;
	{
		struct buf u;

		buf_init(&u, 512);
		item_link(&u, c->agency.code, p.fw->oit_items[next >= 0 ? next : k].code);
		if (next < 0)
			buf_puts(&u, "?done=1");
		web_redirect(c, arena_strdup(c->arena, u.data ? u.data : "/review"));
		buf_release(&u);
	}
out:
	oit_page_free(&p);
}

/* ---- assignments ---- */

static void get_assignments(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct oit_page p;
	struct oi_assignment *as = NULL;
	struct oi_user *users = NULL;
	struct oi_agency *agencies = NULL;
	const struct oi_assignment **shown = NULL;
	struct pager pg;
	size_t na = 0, nu = 0, ng = 0, m = 0, offered = 0;
	struct oi_error err;
	struct buf *b;

	if (pager_parse(c, "/admin/assignments", &pg) || oit_page_load(c, &p))
		return;
	if (oi_store_assignment_list(st, p.as.id, 0, &as, &na, &err) ||
	    oi_store_user_list(st, OI_ROLE_ASSESSOR, &users, &nu, &err) ||
	    oi_store_agency_list(st, &agencies, &ng, &err)) {
		web_error(c, 500, err.message);
		goto out;
	}
	shown = xcalloc(na ? na : 1, sizeof *shown);
	for (size_t i = 0; i < na; i++)
		if (pager_match(&pg, as[i].agency.code, as[i].agency.name))
			shown[m++] = &as[i];
	pager_set_total(&pg, m);
	page_begin(c, "มอบหมายผู้ประเมิน OIT");
	b = &c->res->body;
	html_raw(b, "<h1>มอบหมายผู้ประเมิน OIT ปีงบประมาณ ");
	html_fmt(b, "%d", p.as.fiscal_year);
	html_raw(b, "</h1>");
	if (web_query(c, "saved"))
		html_raw(b, "<p class=\"notice\" role=\"status\">บันทึกแล้ว</p>");
	html_raw(b, "<form method=\"post\" action=\"/admin/assignments\">");
	page_csrf(c);
	html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"add\"><div class=\"filters\">"
		    "<div><label for=\"a-assessor\">ผู้ประเมิน</label><select id=\"a-assessor\" "
		    "name=\"assessor\">");
	for (size_t i = 0; i < nu; i++) {
		html_fmt(b, "<option value=\"%ld\">", users[i].id);
		html_text(b, users[i].username);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select></div><div><label for=\"a-agency\">หน่วยงาน (รหัส)</label><input "
		    "type=\"text\" id=\"a-agency\" name=\"agency\" list=\"agency-codes\" "
		    "autocomplete=\"off\"><datalist id=\"agency-codes\">");
	/* the codes offered: the first page of the agencies that pass the filter, not all 8,300 */
	for (size_t i = 0; i < ng && offered < AGENCY_PER_PAGE; i++) {
		if (!pager_match(&pg, agencies[i].code, agencies[i].name))
			continue;
		offered++;
		html_raw(b, "<option value=\"");
		html_attr(b, agencies[i].code);
		html_raw(b, "\">");
		html_text(b, agencies[i].name);
		html_raw(b, "</option>");
	}
	html_raw(b, "</datalist></div></div><p><button type=\"submit\">มอบหมาย</button></p></form>");
	pager_form(c, &pg);
	if (na)
		pager_status(c, &pg);
	html_raw(b, "<div class=\"table-wrap\"><table><caption>การมอบหมายทั้งหมด</caption><thead>"
		    "<tr><th scope=\"col\">หน่วยงาน</th><th scope=\"col\">ผู้ประเมิน</th>"
		    "<th scope=\"col\"></th></tr></thead><tbody>");
	for (size_t i = pg.first; i < pg.end; i++) {
		const struct oi_assignment *g = shown[i];

		html_raw(b, "<tr><td>");
		html_text(b, g->agency.code);
		html_raw(b, " ");
		html_text(b, g->agency.name);
		html_raw(b, "</td><td>");
		html_text(b, g->assessor_name);
		html_raw(b, "</td><td><form method=\"post\" action=\"/admin/assignments\" "
			    "class=\"inline\">");
		page_csrf(c);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"remove\"><input "
			    "type=\"hidden\" name=\"assessor\" value=\"%ld\"><input type=\"hidden\" "
			    "name=\"agency\" value=\"", g->assessor_id);
		html_attr(b, g->agency.code);
		html_raw(b, "\"><button type=\"submit\" class=\"secondary\">ยกเลิก</button></form>"
			    "</td></tr>");
	}
	if (!na)
		html_raw(b, "<tr><td colspan=\"3\">ยังไม่มีการมอบหมาย</td></tr>");
	html_raw(b, "</tbody></table></div>");
	pager_links(c, &pg);
	page_end(c);
out:
	free(shown);
	free(as);
	free(users);
	free(agencies);
}

/* A positive decimal id, or -1. */
static long parse_id(const char *s)
{
	long v = 0;

	if (!s || !*s || strlen(s) > 12)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v > 0 ? v : -1;
}

static void post_assignments(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	const char *action = web_field(c, "action");
	const char *code = web_field(c, "agency");
	long assessor = parse_id(web_field(c, "assessor"));
	struct oit_page p;
	struct oi_agency agency;
	struct oi_user user;
	struct oi_error err;
	char detail[400];
	bool add;

	if (!action || (strcmp(action, "add") && strcmp(action, "remove"))) {
		web_error(c, 400, "แบบฟอร์มไม่ถูกต้อง");
		return;
	}
	add = !strcmp(action, "add");
	if (assessor < 0 || oi_store_user_by_id(st, assessor, &user, &err) ||
	    user.role != OI_ROLE_ASSESSOR) {
		web_error(c, 422, "ไม่พบผู้ประเมินที่เลือก");
		return;
	}
	if (!code || !*code || oi_store_agency_by_code(st, code, &agency, &err)) {
		web_error(c, 422, "ไม่พบหน่วยงานรหัสนี้");
		return;
	}
	if (oit_page_load(c, &p))
		return;
	if (add ? oi_store_assignment_add(st, p.as.id, assessor, agency.id, c->session.user.id,
					  &err)
		: oi_store_assignment_remove(st, p.as.id, assessor, agency.id, &err)) {
		web_error(c, 422, err.message);
		return;
	}
	snprintf(detail, sizeof detail, "%s assessor=%s agency=%s", action, user.username,
		 agency.code);
	oi_store_audit(st, c->session.user.id, "oit.assignment", detail, &err);
	web_redirect(c, "/admin/assignments?saved=1");
}

/* ---- confirmations ---- */

static void get_confirm_home(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	struct oit_page p;
	struct oi_agency *agencies = NULL;
	const struct oi_agency **shown = NULL;
	struct pager pg;
	struct oi_error err;
	size_t n = 0;
	struct buf *b;

	if (pager_parse(c, "/admin/oit", &pg) || oit_page_load(c, &p))
		return;
	if (oi_store_agency_list(st, &agencies, &n, &err)) {
		web_error(c, 500, err.message);
		goto out;
	}
	shown = pager_filter_agencies(&pg, agencies, n);
	page_begin(c, "ยืนยันผล OIT");
	b = &c->res->body;
	html_raw(b, "<h1>ยืนยันผลการตรวจ OIT</h1>");
	pager_form(c, &pg);
	pager_status(c, &pg);
	html_raw(b, "<div class=\"table-wrap\"><table><thead><tr>"
		    "<th scope=\"col\">หน่วยงาน</th><th scope=\"col\" class=\"num\">ตรวจแล้ว</th>"
		    "<th scope=\"col\" class=\"num\">รอยืนยัน</th><th scope=\"col\" class=\"num\">"
		    "ยืนยันแล้ว</th></tr></thead><tbody>");
	for (size_t i = pg.first; i < pg.end; i++) {
		const struct oi_agency *a = shown[i];
		size_t reviewed = 0, waiting = 0, confirmed = 0;

		if (oit_page_load_states(c, &p, a->id))
			goto out;
		for (size_t s = 0; s < p.n_states; s++) {
			enum oit_status st2 = oit_status(&p.states[s]);

			confirmed += st2 == OIT_CONFIRMED_PASS || st2 == OIT_CONFIRMED_FAIL;
			waiting += st2 == OIT_PASSED || st2 == OIT_FAILED ||
				   st2 == OIT_FAILED_FINAL;
			reviewed += oit_final_review(&p.states[s]) != NULL;
		}
		agency_row_head(b, "/admin/oit/", a);
		html_fmt(b, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
			    "<td class=\"num\">%zu</td></tr>", reviewed, waiting, confirmed);
	}
	html_raw(b, "</tbody></table></div>");
	pager_links(c, &pg);
	page_end(c);
out:
	free(shown);
	free(agencies);
	oit_page_free(&p);
}

/*
 * Whether a round-1 fail (no clarification filed) must wait: the agency may still clarify it
 * until the clarification window closes, so its verdict is not final before then. An
 * assessment without a clarification window never waits.
 */
static bool awaits_clarification(const struct oit_page *p, enum oit_status st)
{
	return st == OIT_FAILED && p->as.clarify_close[0] &&
	       strcmp(p->today, p->as.clarify_close) <= 0;
}

static void confirm_page(struct web_ctx *c, struct oit_page *p, const char *error)
{
	struct buf *b;

	page_begin(c, "ยืนยันผล OIT");
	b = &c->res->body;
	html_raw(b, "<p class=\"crumbs\"><a href=\"/admin/oit\">ยืนยันผล OIT</a></p><h1>");
	html_text(b, c->agency.code);
	html_raw(b, " ");
	html_text(b, c->agency.name);
	html_raw(b, "</h1>");
	if (error) {
		html_raw(b, "<div class=\"errors\" role=\"alert\"><p>");
		html_text(b, error);
		html_raw(b, "</p><p>ยังไม่ได้บันทึกข้อมูลใด ๆ</p></div>");
	}
	if (web_query(c, "saved"))
		html_raw(b, "<p class=\"notice\" role=\"status\">ยืนยันผลแล้ว</p>");
	oit_post_form(c, "/admin/oit/", c->agency.code, "");
	html_raw(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">ยืนยัน</th>"
		    "<th scope=\"col\">ข้อ</th><th scope=\"col\">ผลสุดท้าย</th><th scope=\"col\">"
		    "ความเห็น</th></tr></thead><tbody>");
	for (size_t i = 0; i < p->fw->n_oit_items; i++) {
		const char *code = p->fw->oit_items[i].code;
		const struct oi_oit_item_state *s = oit_state(p, code);
		const struct oi_oit_review *fin = oit_final_review(s);
		enum oit_status st = oit_status(s);
		bool waiting = st == OIT_PASSED || st == OIT_FAILED || st == OIT_FAILED_FINAL;
		bool later = waiting && awaits_clarification(p, st);

		html_raw(b, "<tr><td>");
		if (later) {
			html_raw(b, "<span class=\"hint\">รอปิดช่วงชี้แจง</span>");
		} else if (waiting) {
			html_raw(b, "<input type=\"checkbox\" name=\"item\" checked value=\"");
			html_attr(b, code);
			html_raw(b, "\" id=\"c-");
			html_attr(b, code);
			html_raw(b, "\" aria-label=\"ยืนยันข้อ ");
			html_attr(b, code);
			html_raw(b, "\">");
		}
		html_raw(b, "</td><td>");
		oit_item_title(b, p->fw, i);
		html_raw(b, "</td><td class=\"");
		html_raw(b, oit_status_class(st));
		html_raw(b, "\">");
		html_text(b, oit_status_th(st));
		html_raw(b, "</td><td>");
		if (fin)
			html_text(b, fin->comment);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div><p class=\"hint\">ข้อที่ไม่ผ่านในรอบแรกยืนยันได้เมื่อพ้น"
		    "ช่วงชี้แจง (");
	page_dates_th(b, p->as.clarify_open, p->as.clarify_close);
	html_raw(b, ") เพราะหน่วยงานยังชี้แจงเพิ่มเติมได้</p><p><button type=\"submit\">"
		    "ยืนยันผลข้อที่เลือก</button></p></form>");
	page_end(c);
}

static void get_confirm(struct web_ctx *c)
{
	struct oit_page p;

	if (oit_page_load(c, &p) || oit_page_load_states(c, &p, c->agency.id))
		return;
	confirm_page(c, &p, NULL);
	oit_page_free(&p);
}

static void post_confirm(struct web_ctx *c)
{
	struct oit_page p;
	struct oi_oit_confirmation *list;
	struct oi_error err;
	const char *error = NULL;
	size_t n = 0;
	char detail[160];

	if (oit_page_load(c, &p) || oit_page_load_states(c, &p, c->agency.id))
		return;
	list = arena_alloc(c->arena, (p.fw->n_oit_items + 1) * sizeof *list);
	for (size_t i = 0; i < c->form.n && !error; i++) {
		const struct form_field *f = &c->form.fields[i];
		const struct oi_oit_item_state *s;
		const struct oi_oit_review *fin;
		enum oit_status st;

		if (strcmp(f->name, "item"))
			continue;
		if (oit_item_index(p.fw, f->value) < 0) {
			error = "มีรหัสข้อที่ไม่อยู่ในกรอบการประเมิน";
			break;
		}
		s = oit_state(&p, f->value);
		st = oit_status(s);
		fin = oit_final_review(s);
		if (!fin || !(st == OIT_PASSED || st == OIT_FAILED || st == OIT_FAILED_FINAL)) {
			error = "มีข้อที่ยังไม่มีผลการตรวจให้ยืนยัน หรือยืนยันไปแล้ว";
			break;
		}
		if (awaits_clarification(&p, st)) {
			char th[64], msg[512];

			oi_thai_date(p.as.clarify_close, false, th, sizeof th);
			snprintf(msg, sizeof msg, "ข้อ %s ไม่ผ่านในรอบแรก และหน่วยงานยังชี้แจงเพิ่มเติม"
						  "ได้ถึง %s จึงยังยืนยันผลไม่ได้", s->item, th);
			error = arena_strdup(c->arena, msg);
			break;
		}
		for (size_t j = 0; j < n; j++)
			if (!strcmp(list[j].item, s->item))
				error = "มีรหัสข้อซ้ำ";
		if (error || n == p.fw->n_oit_items)
			break;
		memset(&list[n], 0, sizeof list[n]);
		list[n].assessment_id = p.as.id;
		list[n].agency_id = c->agency.id;
		snprintf(list[n].item, sizeof list[n].item, "%s", s->item);
		list[n].review_id = fin->id;
		list[n].pass = fin->pass;
		list[n].by_user = c->session.user.id;
		n++;
	}
	if (!error && !n)
		error = "ยังไม่ได้เลือกข้อที่จะยืนยัน";
	if (!error && oi_store_oit_confirm(web_app_store(c->app), list, n, &err))
		error = arena_strdup(c->arena, err.message);
	if (error) {
		confirm_page(c, &p, error);
		if (c->res->status == 200)
			c->res->status = 422;
		oit_page_free(&p);
		return;
	}
	snprintf(detail, sizeof detail, "agency=%s items=%zu", c->agency.code, n);
	oi_store_audit(web_app_store(c->app), c->session.user.id, "oit.confirmation", detail, &err);
	web_redirect(c, oit_path(c, "/admin/oit/", c->agency.code, "?saved=1"));
	oit_page_free(&p);
}

const struct web_route web_routes_review[] = {
	{WEB_GET, "/review", WEB_ADMIN | WEB_ASSESSOR, get_review_home, 0},
	{WEB_GET, "/review/:agency", WEB_ADMIN | WEB_ASSESSOR, get_review_agency, 0},
	{WEB_GET, "/review/:agency/:item", WEB_ADMIN | WEB_ASSESSOR, get_workbench, 0},
	{WEB_POST, "/review/:agency/:item", WEB_ADMIN | WEB_ASSESSOR, post_verdict,
	 REVIEW_FORM_BODY},
	{WEB_GET, "/admin/assignments", WEB_ADMIN, get_assignments, 0},
	{WEB_POST, "/admin/assignments", WEB_ADMIN, post_assignments, 4096},
	{WEB_GET, "/admin/oit", WEB_ADMIN, get_confirm_home, 0},
	{WEB_GET, "/admin/oit/:agency", WEB_ADMIN, get_confirm, 0},
	{WEB_POST, "/admin/oit/:agency", WEB_ADMIN, post_confirm, REVIEW_FORM_BODY},
	{0, NULL, 0, NULL, 0},
};
