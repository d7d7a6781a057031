/*
 * oit_common.c — the helpers the OIT pages share (oit.h): the request's assessment and
 * framework, item states and the one status rule, windows, who may review or see evidence,
 * Thai times, the elements checklist, an item's history, links, and storing captures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "openita/date.h"

#include "content_type.h"
#include "html.h"
#include "oit.h"
#include "progress.h"

int oit_page_load(struct web_ctx *c, struct oit_page *p)
{
	struct oi_error err;
	int rc;

	memset(p, 0, sizeof *p);
	rc = oi_store_assessment_current(web_app_store(c->app), &p->as, &err);
	if (rc) {
		web_error(c, rc < 0 ? 500 : 404,
			  rc < 0 ? err.message : "ยังไม่มีการประเมินที่เปิดอยู่ ผู้ดูแลระบบต้องเปิดปี"
						 "การประเมินก่อน");
		return -1;
	}
	p->fw = web_app_framework(c->app, p->as.framework_id, &err);
	if (!p->fw) {
		web_error(c, 500, err.message);
		return -1;
	}
	oi_date_today(c->req->now, p->today);
	return 0;
}

int oit_page_load_states(struct web_ctx *c, struct oit_page *p, long agency_id)
{
	struct oi_error err;

	free(p->states);
	p->states = NULL;
	p->n_states = 0;
	if (oi_store_oit_states(web_app_store(c->app), p->as.id, agency_id, &p->states,
				&p->n_states, &err)) {
		web_error(c, 500, err.message);
		return -1;
	}
	return 0;
}

void oit_page_free(struct oit_page *p)
{
	free(p->states);
	p->states = NULL;
	p->n_states = 0;
}

long oit_path_item(struct web_ctx *c, const struct oit_page *p, size_t param)
{
	long k = oit_item_index(p->fw, c->params[param]);

	if (k < 0)
		web_error(c, 404, "ไม่พบข้อ OIT นี้ในกรอบการประเมิน");
	return k;
}

const struct oi_oit_item_state *oit_state(const struct oit_page *p, const char *item)
{
	for (size_t i = 0; i < p->n_states; i++)
		if (!strcmp(p->states[i].item, item))
			return &p->states[i];
	return NULL;
}

const struct oi_oit_review *oit_final_review(const struct oi_oit_item_state *s)
{
	if (!s)
		return NULL;
	if (s->review2.id && s->clarification.id && s->review2.clarification_id ==
							     s->clarification.id)
		return &s->review2;
	if (s->review1.id && !(s->clarification.id &&
			       s->clarification.review_id == s->review1.id))
		return &s->review1;
	return NULL;
}

bool oit_in_round2(const struct oi_oit_item_state *s)
{
	return s && s->clarification.id && s->review1.id &&
	       (s->clarification.review_id == s->review1.id ||
		oit_final_review(s) == &s->review2);
}

enum oit_status oit_status(const struct oi_oit_item_state *s)
{
	const struct oi_oit_review *fin;

	if (!s)
		return OIT_NONE;
	fin = oit_final_review(s);
	if (s->confirmation.id && fin && s->confirmation.review_id == fin->id)
		return s->confirmation.pass ? OIT_CONFIRMED_PASS : OIT_CONFIRMED_FAIL;
	if (fin == &s->review2)
		return fin->pass ? OIT_PASSED : OIT_FAILED_FINAL;
	if (s->clarification.id && s->review1.id &&
	    s->clarification.review_id == s->review1.id)
		return OIT_CLARIFIED;
	if (fin)
		return fin->pass ? OIT_PASSED : OIT_FAILED;
	if (s->submission.id)
		return OIT_SUBMITTED;
	if (s->draft.id)
		return OIT_DRAFT;
	return OIT_NONE;
}

const char *oit_status_th(enum oit_status st)
{
	switch (st) {
	case OIT_NONE: return "ยังไม่ได้กรอก";
	case OIT_DRAFT: return "บันทึกร่างไว้ ยังไม่ได้ส่ง";
	case OIT_SUBMITTED: return "ส่งแล้ว รอผู้ประเมินตรวจ";
	case OIT_PASSED: return "ผ่าน (รอยืนยันผล)";
	case OIT_FAILED: return "ไม่ผ่าน (ชี้แจงเพิ่มเติมได้)";
	case OIT_CLARIFIED: return "ชี้แจงแล้ว รอตรวจอีกครั้ง";
	case OIT_FAILED_FINAL: return "ไม่ผ่านหลังชี้แจง (รอยืนยันผล)";
	case OIT_CONFIRMED_PASS: return "ผ่าน (ยืนยันผลแล้ว)";
	case OIT_CONFIRMED_FAIL: return "ไม่ผ่าน (ยืนยันผลแล้ว)";
	}
	return "";
}

const char *oit_status_class(enum oit_status st)
{
	switch (st) {
	case OIT_PASSED: case OIT_CONFIRMED_PASS: return "ok";
	case OIT_FAILED: case OIT_FAILED_FINAL: case OIT_CONFIRMED_FAIL: return "bad";
	case OIT_NONE: case OIT_DRAFT: return "warn";
	default: return "";
	}
}

bool oit_needs_review(const struct oi_oit_item_state *s)
{
	enum oit_status st = oit_status(s);

	if (st == OIT_CLARIFIED)
		return true;
	/* a submission newer than the round-1 review (resubmitted in the OIT window) */
	return s && s->submission.id &&
	       (st == OIT_SUBMITTED || (st == OIT_FAILED && s->review1.submission_id != 0 &&
					s->review1.submission_id < s->submission.id));
}

bool oit_may_clarify(const struct oi_oit_item_state *s)
{
	return oit_status(s) == OIT_FAILED;
}

bool oit_window_open(const char *open, const char *close, const char *today)
{
	return open && close && open[0] && close[0] && strcmp(today, open) >= 0 &&
	       strcmp(today, close) <= 0;
}

long oit_item_index(const struct oi_framework *fw, const char *code)
{
	return code ? oi_framework_find_oit_item(fw, code) : -1;
}

bool oit_may_review(struct web_ctx *c, const struct oit_page *p, long agency_id)
{
	struct oi_error err;

	if (!c->session.valid)
		return false;
	if (c->session.user.role == OI_ROLE_ADMIN)
		return true;
	if (c->session.user.role != OI_ROLE_ASSESSOR)
		return false;
	return oi_store_assignment_check(web_app_store(c->app), p->as.id, c->session.user.id,
					 agency_id, &err) == 0;
}

bool oit_may_see_evidence(struct web_ctx *c, const struct oit_page *p, long agency_id)
{
	if (!c->session.valid)
		return false;
	if (c->session.user.role == OI_ROLE_AGENCY_ADMIN)
		return c->session.user.agency_id == agency_id;
	return oit_may_review(c, p, agency_id);
}

void oit_time_th(struct buf *b, int64_t t)
{
	time_t bangkok = (time_t)t + OI_THAI_UTC_OFFSET;
	struct tm tm;
	char iso[40];

	if (!gmtime_r(&bangkok, &tm)) {
		html_raw(b, "—");
		return;
	}
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	page_date_th(b, iso);
	html_fmt(b, " %02d:%02d น.", tm.tm_hour, tm.tm_min);
}

void oit_item_title(struct buf *b, const struct oi_framework *fw, size_t k)
{
	html_text(b, fw->oit_items[k].code);
	html_raw(b, " ");
	html_text(b, fw->oit_items[k].title_th ? fw->oit_items[k].title_th
					       : "(ไม่ทราบชื่อข้อ)");
}

void oit_elements(struct buf *b, const struct oi_framework *fw, size_t k, const char *idp)
{
	const struct oi_oit_item *it = &fw->oit_items[k];

	html_raw(b, "<fieldset class=\"elements\"><legend>องค์ประกอบที่ต้องมี (รายการตรวจสอบ "
		    "ไม่ถูกส่งไปกับแบบฟอร์ม)</legend>");
	if (!it->n_elements)
		html_raw(b, "<p class=\"hint\">กรอบการประเมินไม่ได้ระบุองค์ประกอบของข้อนี้</p>");
	for (size_t e = 0; e < it->n_elements; e++) {
		html_raw(b, "<div class=\"check\"><input type=\"checkbox\" form=\"none\" id=\"");
		html_attr(b, idp);
		html_fmt(b, "-el-%zu\"><label for=\"", e);
		html_attr(b, idp);
		html_fmt(b, "-el-%zu\" class=\"plain\">", e);
		html_text(b, it->elements_th[e]);
		html_raw(b, "</label></div>");
	}
	html_raw(b, "</fieldset>");
}

void oit_link(struct buf *b, const char *url)
{
	html_raw(b, "<a class=\"url\" rel=\"noopener noreferrer\" target=\"_blank\" href=\"");
	html_attr(b, url);
	html_raw(b, "\">");
	html_text(b, url);
	html_raw(b, "</a>");
}

static void path_into(struct buf *u, const char *prefix, const char *code, const char *suffix)
{
	buf_puts(u, prefix);
	html_urlencode(u, code);
	buf_puts(u, suffix);
}

void oit_href(struct buf *b, const char *prefix, const char *code, const char *suffix)
{
	struct buf u;

	buf_init(&u, 2048);
	path_into(&u, prefix, code, suffix);
	html_attr(b, u.data ? u.data : "");
	buf_release(&u);
}

void oit_post_form(struct web_ctx *c, const char *prefix, const char *code, const char *suffix)
{
	html_raw(&c->res->body, "<form method=\"post\" action=\"");
	oit_href(&c->res->body, prefix, code, suffix);
	html_raw(&c->res->body, "\">");
	page_csrf(c);
}

const char *oit_path(struct web_ctx *c, const char *prefix, const char *code,
		     const char *suffix)
{
	struct buf u;
	const char *out;

	buf_init(&u, 2048);
	path_into(&u, prefix, code, suffix);
	out = arena_strdup(c->arena, u.data && !u.overflow ? u.data : "/");
	buf_release(&u);
	return out;
}

static const char *event_th(const struct oi_oit_event *e)
{
	switch (e->kind) {
	case OI_OIT_EVENT_SUBMISSION: return e->submitted ? "ส่งข้อมูล" : "บันทึกร่าง";
	case OI_OIT_EVENT_REVIEW: return e->round == 2 ? "ตรวจอีกครั้งหลังชี้แจง" : "ผลการตรวจ";
	case OI_OIT_EVENT_CLARIFICATION: return "ชี้แจงเพิ่มเติม";
	case OI_OIT_EVENT_CONFIRMATION: return "ยืนยันผล";
	case OI_OIT_EVENT_CAPTURE: return "ระบบเก็บสำเนาหลักฐาน";
	}
	return "";
}

void oit_history(struct web_ctx *c, const struct oit_page *p, long agency_id, const char *item)
{
	struct buf *b = &c->res->body;
	struct oi_oit_event *ev = NULL;
	struct oi_error err;
	size_t n = 0;

	html_raw(b, "<section aria-labelledby=\"h-history\"><h2 id=\"h-history\">ประวัติของข้อนี้"
		    "</h2>");
	if (oi_store_oit_history(web_app_store(c->app), p->as.id, agency_id, item, &ev, &n,
				 &err)) {
		html_raw(b, "<p class=\"bad\">อ่านประวัติไม่ได้: ");
		html_text(b, err.message);
		html_raw(b, "</p></section>");
		return;
	}
	if (!n)
		html_raw(b, "<p>ยังไม่มีการดำเนินการ</p>");
	else
		html_raw(b, "<ol class=\"history\">");
	for (size_t i = 0; i < n; i++) {
		const struct oi_oit_event *e = &ev[i];

		html_raw(b, "<li><strong>");
		html_text(b, event_th(e));
		html_raw(b, "</strong> · ");
		oit_time_th(b, e->at);
		if (e->by_name[0]) {
			html_raw(b, " · โดย ");
			html_text(b, e->by_name);
		}
		switch (e->kind) {
		case OI_OIT_EVENT_SUBMISSION:
			html_raw(b, e->has ? " · มีการเผยแพร่" : " · ไม่มีการเผยแพร่");
			html_fmt(b, " · URL %zu รายการ", e->n_urls);
			break;
		case OI_OIT_EVENT_REVIEW:
		case OI_OIT_EVENT_CONFIRMATION:
			html_raw(b, e->pass ? " · <span class=\"ok\">ผ่าน</span>"
					    : " · <span class=\"bad\">ไม่ผ่าน</span>");
			break;
		case OI_OIT_EVENT_CLARIFICATION:
			html_fmt(b, " · URL %zu รายการ", e->n_urls);
			break;
		case OI_OIT_EVENT_CAPTURE:
			html_raw(b, " · ");
			html_text(b, e->url);
			html_raw(b, " · ผล ");
			html_text(b, e->outcome);
			if (e->status)
				html_fmt(b, " (HTTP %ld)", e->status);
			html_fmt(b, " · <a href=\"/capture/%ld\">ดูสำเนา</a>", e->id);
			break;
		}
		if (e->text[0]) {
			html_raw(b, "<div class=\"quote\">");
			html_text(b, e->text);
			html_raw(b, "</div>");
		}
		html_raw(b, "</li>");
	}
	if (n)
		html_raw(b, "</ol>");
	html_raw(b, "</section>");
	free(ev);
}

int oit_capture_rows(struct oi_store *st, const struct oit_capturer *cap,
		     struct oi_capture_row *rows, size_t n, struct oi_error *err)
{
	const char *list[OIT_CAPTURE_BATCH];
	unsigned char *bodies[OIT_CAPTURE_BATCH];
	size_t lens[OIT_CAPTURE_BATCH];
	int rc = 0;

	if (!cap || !cap->fetch)
		return 0;
	for (size_t at = 0; at < n && !rc; at += OIT_CAPTURE_BATCH) {
		size_t m = n - at < OIT_CAPTURE_BATCH ? n - at : OIT_CAPTURE_BATCH;
		struct oi_capture_row *r = rows + at;

		for (size_t i = 0; i < m; i++) {
			list[i] = r[i].url;
			bodies[i] = NULL;
			lens[i] = 0;
		}
		if (cap->fetch(cap->arg, list, m, r, bodies, lens))
			return oi_error_set(err, NULL, 0, 0, "evidence capture could not start");
		for (size_t i = 0; i < m; i++) {
			if (!r[i].outcome[0])
				snprintf(r[i].outcome, sizeof r[i].outcome, "other");
			if (!rc && oi_store_capture_add(st, &r[i], bodies[i], lens[i], err))
				rc = -1;
			free(bodies[i]);
		}
	}
	return rc;
}

/* A row for url of an item. */
static void evidence_row(struct oi_capture_row *r, long assessment_id, long agency_id,
			 const char *item, long submission_id, long clarification_id,
			 const char *url)
{
	memset(r, 0, sizeof *r);
	r->assessment_id = assessment_id;
	r->agency_id = agency_id;
	snprintf(r->item, sizeof r->item, "%s", item);
	r->submission_id = submission_id;
	r->clarification_id = clarification_id;
	snprintf(r->url, sizeof r->url, "%s", url);
}

size_t oit_evidence_urls(const struct oi_oit_item_state *states, size_t n, long assessment_id,
			 long agency_id, struct oi_capture_row **out)
{
	size_t total = 0, k = 0;
	struct oi_capture_row *rows;

	for (size_t i = 0; i < n; i++)
		total += states[i].submission.n_urls + states[i].clarification.n_urls;
	rows = calloc(total ? total : 1, sizeof *rows);
	if (!rows)
		abort();
	for (size_t i = 0; i < n; i++) {
		const struct oi_oit_item_state *s = &states[i];
		bool clarified = s->clarification.id && s->review1.id &&
				 s->clarification.review_id == s->review1.id;

		for (size_t u = 0; s->submission.id && u < s->submission.n_urls; u++)
			evidence_row(&rows[k++], assessment_id, agency_id, s->item,
				     s->submission.id, 0, s->submission.urls[u]);
		for (size_t u = 0; clarified && u < s->clarification.n_urls; u++)
			evidence_row(&rows[k++], assessment_id, agency_id, s->item, 0,
				     s->clarification.id, s->clarification.urls[u]);
	}
	*out = rows;
	return k;
}

/* The outcome enum of a stored outcome name. */
static enum capture_outcome outcome_of(const char *name)
{
	for (int o = CAPTURE_OK; o <= CAPTURE_OTHER; o++)
		if (!strcmp(name, capture_outcome_name((enum capture_outcome)o)))
			return (enum capture_outcome)o;
	return CAPTURE_OTHER;
}

/* A struct capture that points into row r (for evidence_classify; nothing is owned). */
static void as_capture(const struct oi_capture_row *r, struct capture *c)
{
	memset(c, 0, sizeof *c);
	c->url = (char *)r->url;
	c->final_url = (char *)r->final_url;
	c->status = r->status;
	c->content_type = (char *)r->content_type;
	c->size = r->size;
	memcpy(c->sha256, r->sha256, sizeof c->sha256);
	memcpy(c->text_sha256, r->text_sha256, sizeof c->text_sha256);
	memcpy(c->sniffed, r->sniffed, sizeof c->sniffed);
	c->fetched_at = r->fetched_at;
	c->outcome = outcome_of(r->outcome);
	c->error = (char *)r->error;
	c->body_truncated = r->truncated;
}

/*
 * A baseline stored before text fingerprints (migration 4) gets one from its stored copy when
 * that copy is a whole HTML page, so a page that only shows a new visitor count is not
 * "changed" for ever (the row in the store stays as it was: captures are append-only).
 */
static void fingerprint_old_baseline(struct oi_store *st, struct oi_capture_row *base,
				     const struct oi_capture_row *latest)
{
	struct oi_capture_row row;
	unsigned char *gz = NULL;
	struct oi_error err;

	if (base->text_sha256[0] || !latest->text_sha256[0] || base->truncated ||
	    !base->body_gz_len || content_type_kind(base->content_type) != CONTENT_HTML)
		return;
	if (oi_store_capture_get(st, base->id, &row, &gz, &err) == 0 && gz)
		capture_text_fingerprint(gz, row.body_gz_len, base->text_sha256);
	free(gz);
}

int oit_evidence_of(struct oi_store *st, const struct oi_capture_row *u, struct oit_evidence *out,
		    struct oi_error *err)
{
	struct capture latest, base;
	int rc;

	memset(out, 0, sizeof *out);
	rc = oi_store_capture_latest(st, u->agency_id, u->url, false, &out->latest, err);
	if (rc < 0)
		return -1;
	out->checked = rc == 0;
	if (!out->checked)
		return 0;
	rc = oi_store_capture_latest(st, u->agency_id, u->url, true, &out->good, err);
	if (rc < 0)
		return -1;
	out->has_good = rc == 0;
	rc = oi_store_capture_baseline(st, u->submission_id, u->clarification_id, u->url,
				       &out->base, err);
	if (rc < 0)
		return -1;
	out->has_base = rc == 0;
	if (out->has_base)
		fingerprint_old_baseline(st, &out->base, &out->latest);
	as_capture(&out->latest, &latest);
	as_capture(&out->base, &base);
	out->state = evidence_classify(&latest, out->has_base ? &base : NULL);
	return 0;
}

int oit_capture_store(struct web_ctx *c, long assessment_id, long agency_id, const char *item,
		      long submission_id, long clarification_id, const char (*urls)[OI_URL_MAX],
		      size_t n, struct oi_error *err)
{
	struct oi_capture_row *rows;
	int rc;

	if (!web_app_config(c->app)->capturer || !n)
		return 0;
	if (n > OI_OIT_URLS_MAX)
		n = OI_OIT_URLS_MAX;
	rows = arena_alloc(c->arena, n * sizeof *rows);
	for (size_t i = 0; i < n; i++)
		evidence_row(&rows[i], assessment_id, agency_id, item, submission_id,
			     clarification_id, urls[i]);
	rc = oit_capture_rows(web_app_store(c->app), web_app_config(c->app)->capturer, rows, n,
			      err);
	return rc;
}

int oit_check_agency(struct oi_store *st, const struct oit_capturer *cap, long assessment_id,
		     long agency_id, struct oi_capture_row **urls_out, size_t *n_out,
		     struct oi_error *err)
{
	struct oi_oit_item_state *states = NULL;
	struct oi_capture_row *urls = NULL, *plain;
	size_t n_states = 0, n;
	int rc;

	if (urls_out)
		*urls_out = NULL;
	*n_out = 0;
	if (oi_store_oit_states(st, assessment_id, agency_id, &states, &n_states, err))
		return -1;
	n = oit_evidence_urls(states, n_states, assessment_id, agency_id, &urls);
	free(states);
	plain = xmalloc((n ? n : 1) * sizeof *plain);
	memcpy(plain, urls, n * sizeof *plain);
	for (size_t i = 0; i < n; i++)   /* a check is not a baseline */
		plain[i].submission_id = plain[i].clarification_id = 0;
	rc = oit_capture_rows(st, cap, plain, n, err);
	free(plain);
	if (rc || !urls_out)
		free(urls);
	else
		*urls_out = urls;
	*n_out = n;
	return rc;
}
