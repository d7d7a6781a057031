/*
 * oit.c — the agency's OIT pages (issue 4): for every item of the framework, whether the agency
 * publishes it, one or more URLs and an explanation, with the item's required elements as a
 * checklist beside the form; drafts at any time before the OIT window closes, submission only
 * inside it; a summary of what is still missing; after the review, the failed items with the
 * assessors' comments and a clarification form inside the clarification window.
 *
 *   GET  /agency/:agency/oit                 the summary: every item with its status, what is
 *                                            missing, the failed items with comments
 *   GET  /agency/:agency/oit/:item           one item: the form, the review, the history
 *   POST /agency/:agency/oit/:item           save a draft (action=draft) or submit
 *                                            (action=submit); 303 back to the item
 *   POST /agency/:agency/oit/:item/clarify   file a clarification of a failed item
 *
 * Every write appends a row (the store never overwrites); a submission or a clarification has
 * its URLs captured (oit_capture_store) so the assessor sees what was there. Refused input
 * answers 4xx with the form again and stores nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "oit.h"

#define OIT_FORM_BODY (64u << 10)

/* What a refused form brought back, to show it again. */
struct item_input {
	const char *error;
	bool has_known, has;
	const char *urls[OI_OIT_URLS_MAX];
	size_t n_urls;
	const char *explanation;
};

static void agency_heading(struct web_ctx *c, const char *what)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<p class=\"crumbs\"><a href=\"");
	oit_href(b, "/agency/", c->agency.code, "");
	html_raw(b, "\">");
	html_text(b, c->agency.name);
	html_raw(b, "</a> › <a href=\"");
	oit_href(b, "/agency/", c->agency.code, "/oit");
	html_raw(b, "\">OIT</a>");
	if (what) {
		html_raw(b, " › ");
		html_text(b, what);
	}
	html_raw(b, "</p>");
}

/* Item k as a link to its page on the agency's form: <a href="…/oit/CODE">CODE title</a>. */
static void item_link(struct web_ctx *c, const struct oi_framework *fw, size_t k)
{
	struct buf *b = &c->res->body;

	html_raw(b, "<a href=\"");
	oit_href(b, "/agency/", c->agency.code, "/oit/");
	html_urlencode(b, fw->oit_items[k].code);
	html_raw(b, "\">");
	oit_item_title(b, fw, k);
	html_raw(b, "</a>");
}

static void windows_note(struct buf *b, const struct oit_page *p)
{
	bool oit_open = oit_window_open(p->as.oit_open, p->as.oit_close, p->today);
	bool clarify_open = oit_window_open(p->as.clarify_open, p->as.clarify_close, p->today);

	html_raw(b, "<p class=\"notice\">ส่งข้อมูล OIT: ");
	page_dates_th(b, p->as.oit_open, p->as.oit_close);
	html_raw(b, oit_open ? " <strong class=\"ok\">(เปิดอยู่)</strong>"
			     : " <strong class=\"warn\">(ปิดอยู่ บันทึกร่างได้จนถึงวันปิด)</strong>");
	html_raw(b, "<br>ชี้แจงเพิ่มเติม: ");
	page_dates_th(b, p->as.clarify_open, p->as.clarify_close);
	if (clarify_open)
		html_raw(b, " <strong class=\"ok\">(เปิดอยู่)</strong>");
	html_raw(b, "</p>");
}

/* ---- the summary ---- */

static void get_summary(struct web_ctx *c)
{
	struct oit_page p;
	struct buf *b;
	size_t counts[OIT_CONFIRMED_FAIL + 1] = {0};
	size_t missing = 0, failed = 0;

	if (oit_page_load(c, &p) || oit_page_load_states(c, &p, c->agency.id))
		return;
	for (size_t k = 0; k < p.fw->n_oit_items; k++) {
		enum oit_status st = oit_status(oit_state(&p, p.fw->oit_items[k].code));

		counts[st]++;
		missing += st == OIT_NONE || st == OIT_DRAFT;
		failed += st == OIT_FAILED || st == OIT_FAILED_FINAL || st == OIT_CONFIRMED_FAIL;
	}
	page_begin(c, "OIT");
	b = &c->res->body;
	agency_heading(c, NULL);
	html_raw(b, "<h1>การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ ");
	html_fmt(b, "%d", p.as.fiscal_year);
	html_raw(b, "</h1>");
	windows_note(b, &p);
	html_raw(b, "<div class=\"cards\" id=\"oit-counters\">");
	html_fmt(b, "<div class=\"card\"><span class=\"counter\">%zu</span>ข้อทั้งหมด</div>",
		 p.fw->n_oit_items);
	html_fmt(b, "<div class=\"card\"><span class=\"counter\">%zu</span>ส่งแล้ว</div>",
		 p.fw->n_oit_items - missing);
	html_fmt(b, "<div class=\"card\"><span class=\"counter %s\">%zu</span>ยังไม่ได้ส่ง "
		    "(ร่าง %zu)</div>", missing ? "warn" : "ok", missing, counts[OIT_DRAFT]);
	html_fmt(b, "<div class=\"card\"><span class=\"counter %s\">%zu</span>ไม่ผ่าน</div>",
		 failed ? "bad" : "", failed);
	html_raw(b, "</div>");

	if (missing) {
		html_raw(b, "<section aria-labelledby=\"h-missing\"><h2 id=\"h-missing\">ยังขาด");
		html_fmt(b, " %zu ข้อ", missing);
		html_raw(b, "</h2><ul class=\"missing\">");
		for (size_t k = 0; k < p.fw->n_oit_items; k++) {
			const char *code = p.fw->oit_items[k].code;
			enum oit_status st = oit_status(oit_state(&p, code));

			if (st != OIT_NONE && st != OIT_DRAFT)
				continue;
			html_raw(b, "<li>");
			item_link(c, p.fw, k);
			html_raw(b, " — ");
			html_text(b, oit_status_th(st));
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></section>");
	}
	if (failed) {
		html_raw(b, "<section aria-labelledby=\"h-failed\"><h2 id=\"h-failed\">ข้อที่ไม่ผ่าน"
			    "และความเห็นของผู้ประเมิน</h2><ul class=\"failed\">");
		for (size_t k = 0; k < p.fw->n_oit_items; k++) {
			const char *code = p.fw->oit_items[k].code;
			const struct oi_oit_item_state *s = oit_state(&p, code);
			enum oit_status st = oit_status(s);
			const struct oi_oit_review *fin = oit_final_review(s);

			if (st != OIT_FAILED && st != OIT_FAILED_FINAL && st != OIT_CONFIRMED_FAIL)
				continue;
			html_raw(b, "<li>");
			item_link(c, p.fw, k);
			html_raw(b, " — <span class=\"bad\">");
			html_text(b, oit_status_th(st));
			html_raw(b, "</span>");
			if (fin && fin->comment[0]) {
				html_raw(b, "<div class=\"quote\">");
				html_text(b, fin->comment);
				html_raw(b, "</div>");
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></section>");
	}

	html_raw(b, "<section aria-labelledby=\"h-items\"><h2 id=\"h-items\">ทุกข้อ</h2>"
		    "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">ข้อ</th>"
		    "<th scope=\"col\">สถานะ</th><th scope=\"col\" class=\"num\">URL</th></tr>"
		    "</thead><tbody>");
	for (size_t k = 0; k < p.fw->n_oit_items; k++) {
		const char *code = p.fw->oit_items[k].code;
		const struct oi_oit_item_state *s = oit_state(&p, code);
		enum oit_status st = oit_status(s);

		html_raw(b, "<tr><th scope=\"row\">");
		item_link(c, p.fw, k);
		html_raw(b, "</th><td class=\"");
		html_raw(b, oit_status_class(st));
		html_raw(b, "\">");
		html_text(b, oit_status_th(st));
		html_raw(b, "</td><td class=\"num\">");
		html_fmt(b, "%zu", s ? (s->draft.id ? s->draft.n_urls : s->submission.n_urls) : 0);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div></section>");
	page_end(c);
	oit_page_free(&p);
}

/* ---- one item ---- */

static void review_box(struct buf *b, const struct oi_oit_item_state *s)
{
	const struct oi_oit_review *fin = oit_final_review(s);
	enum oit_status st = oit_status(s);

	if (!fin && st != OIT_CLARIFIED)
		return;
	html_raw(b, "<section aria-labelledby=\"h-review\"><h2 id=\"h-review\">ผลการตรวจ</h2>"
		    "<p class=\"");
	html_raw(b, oit_status_class(st));
	html_raw(b, "\"><strong>");
	html_text(b, oit_status_th(st));
	html_raw(b, "</strong></p>");
	if (s->review1.id) {
		html_raw(b, "<p>ความเห็นผู้ประเมิน (รอบแรก): </p><div class=\"quote\">");
		html_text(b, s->review1.comment[0] ? s->review1.comment : "—");
		html_raw(b, "</div>");
	}
	if (fin == &s->review2) {
		html_raw(b, "<p>ความเห็นหลังชี้แจง: </p><div class=\"quote\">");
		html_text(b, s->review2.comment[0] ? s->review2.comment : "—");
		html_raw(b, "</div>");
	}
	html_raw(b, "</section>");
}

static void url_inputs(struct buf *b, const char *const *urls, size_t n, const char *idp)
{
	for (size_t i = 0; i < OI_OIT_URLS_MAX; i++) {
		html_raw(b, "<label for=\"");
		html_raw(b, idp);
		html_fmt(b, "-url-%zu\">URL ที่ %zu%s</label>", i + 1, i + 1,
			 i ? " (ถ้ามี)" : "");
		html_raw(b, "<input type=\"url\" inputmode=\"url\" name=\"url\" id=\"");
		html_raw(b, idp);
		html_fmt(b, "-url-%zu\" value=\"", i + 1);
		if (i < n)
			html_attr(b, urls[i]);
		html_raw(b, "\" placeholder=\"https://\">");
	}
}

static void item_page(struct web_ctx *c, struct oit_page *p, size_t k,
		      const struct item_input *in, const struct item_input *clar_in)
{
	struct buf *b;
	const char *code = p->fw->oit_items[k].code;
	const struct oi_oit_item_state *s = oit_state(p, code);
	const struct oi_oit_submission *shown =
		s ? (s->draft.id ? &s->draft : &s->submission) : NULL;
	bool oit_open = oit_window_open(p->as.oit_open, p->as.oit_close, p->today);
	bool draft_ok = p->as.oit_close[0] && strcmp(p->today, p->as.oit_close) <= 0;
	bool may_write = web_may_write_agency(c, c->agency.id);
	const char *urls[OI_OIT_URLS_MAX];
	size_t n_urls = 0;
	bool has_known, has;
	const char *explanation;
	const char *title_text = p->fw->oit_items[k].title_th ? p->fw->oit_items[k].title_th : code;

	if (in) {
		for (size_t i = 0; i < in->n_urls; i++)
			urls[n_urls++] = in->urls[i];
		has_known = in->has_known;
		has = in->has;
		explanation = in->explanation ? in->explanation : "";
	} else {
		for (size_t i = 0; shown && i < shown->n_urls; i++)
			urls[n_urls++] = shown->urls[i];
		has_known = shown && shown->id;
		has = shown ? shown->has : false;
		explanation = shown ? shown->explanation : "";
	}

	page_begin(c, title_text);
	b = &c->res->body;
	agency_heading(c, code);
	html_raw(b, "<h1>");
	oit_item_title(b, p->fw, k);
	html_raw(b, "</h1><p><strong>สถานะ:</strong> <span class=\"");
	html_raw(b, oit_status_class(oit_status(s)));
	html_raw(b, "\">");
	html_text(b, oit_status_th(oit_status(s)));
	html_raw(b, "</span>");
	if (s && s->submission.id) {
		html_raw(b, " · ส่งล่าสุดเมื่อ ");
		oit_time_th(b, s->submission.at);
	}
	if (s && s->draft.id) {
		html_raw(b, " · ร่างล่าสุดเมื่อ ");
		oit_time_th(b, s->draft.at);
	}
	html_raw(b, "</p>");
	if (web_query(c, "saved"))
		html_raw(b, "<p class=\"notice\" role=\"status\">บันทึกร่างแล้ว</p>");
	if (web_query(c, "submitted"))
		html_raw(b, "<p class=\"notice\" role=\"status\">ส่งข้อมูลแล้ว ระบบเก็บสำเนาของ "
			    "URL ไว้เป็นหลักฐาน</p>");
	if (web_query(c, "clarified"))
		html_raw(b, "<p class=\"notice\" role=\"status\">ส่งคำชี้แจงแล้ว</p>");
	windows_note(b, p);
	review_box(b, s);

	html_raw(b, "<div class=\"oit-grid\"><div>");
	oit_elements(b, p->fw, k, "f");
	html_raw(b, "</div><div>");
	if (in && in->error) {
		html_raw(b, "<div class=\"errors\" role=\"alert\" id=\"form-error\"><p>");
		html_text(b, in->error);
		html_raw(b, "</p><p>ยังไม่ได้บันทึกข้อมูลใด ๆ</p></div>");
	}
	if (may_write) {
		html_raw(b, "<form method=\"post\" action=\"");
		oit_href(b, "/agency/", c->agency.code, "/oit/");
		html_urlencode(b, code);
		html_raw(b, "\">");
		page_csrf(c);
		html_raw(b, "<fieldset><legend>หน่วยงานเผยแพร่ข้อมูลข้อนี้บนเว็บไซต์หรือไม่</legend>"
			    "<label class=\"plain\"><input type=\"radio\" name=\"has\" value=\"1\"");
		if (has_known && has)
			html_raw(b, " checked");
		html_raw(b, "> มี</label><label class=\"plain\"><input type=\"radio\" name=\"has\" "
			    "value=\"0\"");
		if (has_known && !has)
			html_raw(b, " checked");
		html_raw(b, "> ไม่มี</label></fieldset>");
		url_inputs(b, urls, n_urls, "f");
		html_raw(b, "<label for=\"f-explanation\">คำอธิบาย</label><textarea "
			    "id=\"f-explanation\" name=\"explanation\" rows=\"5\" maxlength=\"4000\">");
		html_text(b, explanation);
		html_raw(b, "</textarea><p class=\"actions\"><button type=\"submit\" name=\"action\" "
			    "value=\"draft\" class=\"secondary\"");
		if (!draft_ok)
			html_raw(b, " disabled");
		html_raw(b, ">บันทึกร่าง</button> <button type=\"submit\" name=\"action\" "
			    "value=\"submit\"");
		if (!oit_open)
			html_raw(b, " disabled");
		html_raw(b, ">ส่งข้อมูล</button></p></form>");
		if (!oit_open)
			html_raw(b, "<p class=\"hint\">ส่งข้อมูลได้เฉพาะในช่วงเวลาส่งข้อมูล OIT</p>");
	} else {
		html_raw(b, "<p>");
		for (size_t i = 0; i < n_urls; i++) {
			oit_link(b, urls[i]);
			html_raw(b, "<br>");
		}
		html_text(b, explanation);
		html_raw(b, "</p>");
	}
	html_raw(b, "</div></div>");

	if (may_write && oit_may_clarify(s)) {
		bool clarify_open =
			oit_window_open(p->as.clarify_open, p->as.clarify_close, p->today);

		html_raw(b, "<section aria-labelledby=\"h-clarify\"><h2 id=\"h-clarify\">"
			    "ชี้แจงเพิ่มเติม</h2>");
		if (clar_in && clar_in->error) {
			html_raw(b, "<div class=\"errors\" role=\"alert\"><p>");
			html_text(b, clar_in->error);
			html_raw(b, "</p><p>ยังไม่ได้บันทึกข้อมูลใด ๆ</p></div>");
		}
		if (!clarify_open) {
			html_raw(b, "<p class=\"hint\">ชี้แจงได้ในช่วง ");
			page_dates_th(b, p->as.clarify_open, p->as.clarify_close);
			html_raw(b, "</p>");
		} else {
			html_raw(b, "<form method=\"post\" action=\"");
			oit_href(b, "/agency/", c->agency.code, "/oit/");
			html_urlencode(b, code);
			html_raw(b, "/clarify\">");
			page_csrf(c);
			url_inputs(b, clar_in ? clar_in->urls : NULL, clar_in ? clar_in->n_urls : 0,
				   "c");
			html_raw(b, "<label for=\"c-text\">คำชี้แจง</label><textarea id=\"c-text\" "
				    "name=\"text\" rows=\"5\" maxlength=\"4000\">");
			if (clar_in && clar_in->explanation)
				html_text(b, clar_in->explanation);
			html_raw(b, "</textarea><p><button type=\"submit\">ส่งคำชี้แจง</button></p>"
				    "</form>");
		}
		html_raw(b, "</section>");
	}
	oit_history(c, p, c->agency.id, code);
	page_end(c);
}

static void get_item(struct web_ctx *c)
{
	struct oit_page p;
	long k;

	if (oit_page_load(c, &p))
		return;
	if ((k = oit_path_item(c, &p, 1)) < 0 || oit_page_load_states(c, &p, c->agency.id))
		return;
	item_page(c, &p, (size_t)k, NULL, NULL);
	oit_page_free(&p);
}

/*
 * The URL fields of the form (every field named "url"; blanks skipped) into in and urls; 0, or
 * -1 with in->error set.
 */
static int read_urls(struct web_ctx *c, struct item_input *in, char (*urls)[OI_URL_MAX])
{
	struct oi_error err;

	for (size_t i = 0; i < c->form.n; i++) {
		const struct form_field *f = &c->form.fields[i];
		const char *v = f->value;

		if (strcmp(f->name, "url"))
			continue;
		while (*v == ' ' || *v == '\t')
			v++;
		if (!*v)
			continue;
		if (in->n_urls == OI_OIT_URLS_MAX) {
			in->error = "ระบุ URL ได้ไม่เกิน 5 รายการต่อข้อ";
			return -1;
		}
		in->urls[in->n_urls] = v;
		if (oi_store_oit_check_url(v, &err)) {
			in->error = arena_strdup(c->arena, err.message);
			in->n_urls++;
			return -1;
		}
		snprintf(urls[in->n_urls], OI_URL_MAX, "%s", v);
		{
			/* trailing blanks typed after a URL */
			size_t len = strlen(urls[in->n_urls]);

			while (len && (urls[in->n_urls][len - 1] == ' ' ||
				       urls[in->n_urls][len - 1] == '\t'))
				urls[in->n_urls][--len] = '\0';
		}
		in->n_urls++;
	}
	return 0;
}

static void refuse(struct web_ctx *c, struct oit_page *p, size_t k, struct item_input *in,
		   struct item_input *clar, int status)
{
	item_page(c, p, k, in, clar);
	if (c->res->status == 200)
		c->res->status = status;
}

static void post_item(struct web_ctx *c)
{
	struct oit_page p;
	struct item_input in = {0};
	struct oi_oit_submission *sub;
	const char *action = web_field(c, "action");
	const char *has = web_field(c, "has");
	struct oi_error err;
	bool submit;
	long k;
	char detail[160];

	if (oit_page_load(c, &p))
		return;
	if ((k = oit_path_item(c, &p, 1)) < 0 || oit_page_load_states(c, &p, c->agency.id))
		return;
	if (!action || (strcmp(action, "draft") && strcmp(action, "submit"))) {
		web_error(c, 400, "แบบฟอร์มไม่ถูกต้อง: ต้องเลือกบันทึกร่างหรือส่งข้อมูล");
		oit_page_free(&p);
		return;
	}
	submit = !strcmp(action, "submit");
	sub = arena_alloc(c->arena, sizeof *sub);
	memset(sub, 0, sizeof *sub);
	in.explanation = web_field(c, "explanation");
	if (!in.explanation)
		in.explanation = "";
	if (has && (!strcmp(has, "1") || !strcmp(has, "0"))) {
		in.has_known = true;
		in.has = has[0] == '1';
	} else if (has) {
		in.error = "ค่าของ \"มีหรือไม่มีการเผยแพร่\" ไม่ถูกต้อง";
	}
	if (!in.error)
		read_urls(c, &in, sub->urls);
	if (!in.error && oi_store_oit_check_text(in.explanation, OI_OIT_TEXT_MAX, "คำอธิบาย",
						 &err))
		in.error = arena_strdup(c->arena, err.message);
	if (!in.error && submit && !in.has_known)
		in.error = "กรุณาเลือกว่าหน่วยงานมีหรือไม่มีการเผยแพร่ข้อมูลข้อนี้";
	if (!in.error && submit && in.has && !in.n_urls)
		in.error = "ข้อที่มีการเผยแพร่ต้องระบุ URL อย่างน้อย 1 รายการ";
	if (!in.error && submit && !in.has && !in.explanation[0])
		in.error = "ข้อที่ไม่มีการเผยแพร่ต้องมีคำอธิบายเหตุผล";
	if (in.error) {
		refuse(c, &p, (size_t)k, &in, NULL, 422);
		oit_page_free(&p);
		return;
	}
	if (submit ? !oit_window_open(p.as.oit_open, p.as.oit_close, p.today)
		   : !(p.as.oit_close[0] && strcmp(p.today, p.as.oit_close) <= 0)) {
		in.error = submit ? "ขณะนี้อยู่นอกช่วงเวลาส่งข้อมูล OIT จึงส่งไม่ได้"
				  : "ช่วงเวลาส่งข้อมูล OIT ปิดแล้ว จึงบันทึกร่างไม่ได้";
		refuse(c, &p, (size_t)k, &in, NULL, 409);
		oit_page_free(&p);
		return;
	}
	sub->assessment_id = p.as.id;
	sub->agency_id = c->agency.id;
	snprintf(sub->item, sizeof sub->item, "%s", p.fw->oit_items[k].code);
	sub->has = in.has_known ? in.has : true;
	sub->submitted = submit;
	snprintf(sub->explanation, sizeof sub->explanation, "%s", in.explanation);
	sub->n_urls = in.n_urls;
	sub->by_user = c->session.user.id;
	if (oi_store_oit_submit(web_app_store(c->app), sub, &err)) {
		in.error = arena_strdup(c->arena, err.message);
		refuse(c, &p, (size_t)k, &in, NULL, 422);
		oit_page_free(&p);
		return;
	}
	snprintf(detail, sizeof detail, "agency=%s item=%s id=%ld %s", c->agency.code, sub->item,
		 sub->id, submit ? "submitted" : "draft");
	oi_store_audit(web_app_store(c->app), c->session.user.id, "oit.submission", detail, &err);
	if (submit)
		oit_capture_store(c, p.as.id, c->agency.id, sub->item, sub->id, 0,
				  (const char(*)[OI_URL_MAX])sub->urls, sub->n_urls, &err);
	{
		struct buf u;

		buf_init(&u, 512);
		buf_puts(&u, oit_path(c, "/agency/", c->agency.code, "/oit/"));
		html_urlencode(&u, sub->item);
		buf_puts(&u, submit ? "?submitted=1" : "?saved=1");
		web_redirect(c, arena_strdup(c->arena, u.data ? u.data : "/"));
		buf_release(&u);
	}
	oit_page_free(&p);
}

static void post_clarify(struct web_ctx *c)
{
	struct oit_page p;
	struct item_input in = {0};
	struct oi_oit_clarification *cl;
	const struct oi_oit_item_state *s;
	struct oi_error err;
	char detail[160];
	long k;

	if (oit_page_load(c, &p))
		return;
	if ((k = oit_path_item(c, &p, 1)) < 0 || oit_page_load_states(c, &p, c->agency.id))
		return;
	s = oit_state(&p, p.fw->oit_items[k].code);
	if (!oit_may_clarify(s)) {
		web_error(c, 409, "ข้อนี้ไม่อยู่ในสถานะที่ชี้แจงได้ (ชี้แจงได้เฉพาะข้อที่ผลการตรวจรอบแรก"
				  "ไม่ผ่านและยังไม่ได้ชี้แจง)");
		oit_page_free(&p);
		return;
	}
	cl = arena_alloc(c->arena, sizeof *cl);
	memset(cl, 0, sizeof *cl);
	in.explanation = web_field(c, "text");
	if (!in.explanation)
		in.explanation = "";
	read_urls(c, &in, cl->urls);
	if (!in.error && oi_store_oit_check_text(in.explanation, OI_OIT_TEXT_MAX, "คำชี้แจง",
						 &err))
		in.error = arena_strdup(c->arena, err.message);
	if (!in.error && !in.explanation[0] && !in.n_urls)
		in.error = "คำชี้แจงต้องมีข้อความหรือ URL อย่างน้อยหนึ่งอย่าง";
	if (!in.error && !oit_window_open(p.as.clarify_open, p.as.clarify_close, p.today)) {
		in.error = "ขณะนี้อยู่นอกช่วงเวลาชี้แจงเพิ่มเติม";
		refuse(c, &p, (size_t)k, NULL, &in, 409);
		oit_page_free(&p);
		return;
	}
	if (in.error) {
		refuse(c, &p, (size_t)k, NULL, &in, 422);
		oit_page_free(&p);
		return;
	}
	cl->assessment_id = p.as.id;
	cl->agency_id = c->agency.id;
	snprintf(cl->item, sizeof cl->item, "%s", s->item);
	cl->review_id = s->review1.id;
	snprintf(cl->text, sizeof cl->text, "%s", in.explanation);
	cl->n_urls = in.n_urls;
	cl->by_user = c->session.user.id;
	if (oi_store_oit_clarify(web_app_store(c->app), cl, &err)) {
		in.error = arena_strdup(c->arena, err.message);
		refuse(c, &p, (size_t)k, NULL, &in, 422);
		oit_page_free(&p);
		return;
	}
	snprintf(detail, sizeof detail, "agency=%s item=%s id=%ld", c->agency.code, cl->item,
		 cl->id);
	oi_store_audit(web_app_store(c->app), c->session.user.id, "oit.clarification", detail,
		       &err);
	oit_capture_store(c, p.as.id, c->agency.id, cl->item, 0, cl->id,
			  (const char(*)[OI_URL_MAX])cl->urls, cl->n_urls, &err);
	{
		struct buf u;

		buf_init(&u, 512);
		buf_puts(&u, oit_path(c, "/agency/", c->agency.code, "/oit/"));
		html_urlencode(&u, cl->item);
		buf_puts(&u, "?clarified=1");
		web_redirect(c, arena_strdup(c->arena, u.data ? u.data : "/"));
		buf_release(&u);
	}
	oit_page_free(&p);
}

const struct web_route web_routes_oit[] = {
	{WEB_GET, "/agency/:agency/oit", WEB_ADMIN | WEB_AGENCY, get_summary, 0},
	{WEB_GET, "/agency/:agency/oit/:item", WEB_ADMIN | WEB_AGENCY, get_item, 0},
	{WEB_POST, "/agency/:agency/oit/:item", WEB_ADMIN | WEB_AGENCY, post_item, OIT_FORM_BODY},
	{WEB_POST, "/agency/:agency/oit/:item/clarify", WEB_ADMIN | WEB_AGENCY, post_clarify,
	 OIT_FORM_BODY},
	{0, NULL, 0, NULL, 0},
};
