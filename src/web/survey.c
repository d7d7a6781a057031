/*
 * survey.c — the respondent's side: the IIT and EIT forms behind each agency's links /s/TOKEN.
 *
 * Public routes: no account, no session, no CSRF token. What keeps a form from being counted
 * twice is its nonce (22 random base64url characters drawn when the page is served, which the
 * store records with no reference to the answers); what keeps a flood out is the rate limiter
 * (ratelimit.h) on the sender's network and on the link; what keeps an IIT to the staff, when
 * the agency asks for it, is a single-use access code.
 *
 * The form is one page, a fieldset per answer code (a question, or one sub-item of a question,
 * the legend carrying both texts) with a real radio input per option of the question's scale,
 * each option a large label. Every answer code is required: the ITA scores each question over
 * the respondents who answered it, and a half-answered form weakens every mean for nothing, so
 * a form with gaps comes back (status 422) with what was chosen still checked, a summary of the
 * gaps at the top linking to each, and a message at each. Works without JavaScript.
 *
 * Outside the assessment's survey window (survey_open..survey_close inclusive, by the date in
 * Thailand, UTC+7) both GET and POST answer 403 with a page saying when the survey opens or
 * closed; nothing is stored. 403 rather than 410 because the window belongs to the assessment
 * and an administrator can still move it: the link is not gone for good.
 *
 * The stored response holds the answers and the hour (UTC) it arrived — nothing about the
 * sender. The limiter hashes the network with a process-random key and forgets it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "openita/date.h"

#include "html.h"
#include "ratelimit.h"
#include "web.h"

#define NONCE_BYTES 16
#define NONCE_LEN 22          /* base64url of 16 bytes, no padding */

/* Everything a survey page needs, found from the link's token. */
struct survey {
	const char *token;
	struct oi_participation part;
	struct oi_agency agency;
	struct oi_assessment as;
	const struct oi_framework *fw;
	const struct oi_instrument *ins;
	size_t first, n;            /* the instrument's answer codes in fw->subitems */
	char instrument[8];         /* "IIT" or "EIT" */
	bool needs_code;            /* the IIT accepts only single-use access codes */
};

/* What a form shows besides the questions: the answers given, the gaps, messages. */
struct form_state {
	unsigned char *opts;        /* per answer code: 0 none, else the option 1..n */
	bool show_missing;          /* mark unanswered questions */
	const char *nonce;
	const char *code;           /* the access code typed, or NULL */
	const char *code_error;     /* a message at the access code field, or NULL */
	const char *banner;         /* a message above the form (role=alert), or NULL */
};

/*
 * Find the survey of c->params[0]. Returns 0, or -1 when the response has been written (404 for
 * an unknown token, 500 when the store or the framework fails).
 */
static int survey_load(struct web_ctx *c, struct survey *s)
{
	struct oi_store *st = web_app_store(c->app);
	struct oi_error err;
	long idx;
	int rc;

	memset(s, 0, sizeof *s);
	s->token = c->params[0];
	rc = oi_store_participation_by_token(st, s->token, &s->part, s->instrument, &err);
	if (rc == 1) {
		web_error(c, 404, "ไม่พบแบบวัดของลิงก์นี้ ตรวจสอบลิงก์หรือคิวอาร์โค้ดอีกครั้ง "
				  "หรือสอบถามหน่วยงานที่ส่งลิงก์ให้ท่าน");
		return -1;
	}
	if (rc || oi_store_agency_by_id(st, s->part.agency_id, &s->agency, &err) ||
	    oi_store_assessment_by_id(st, s->part.assessment_id, &s->as, &err)) {
		web_error(c, 500, "ระบบขัดข้องชั่วคราว เปิดแบบวัดไม่ได้ กรุณาลองใหม่อีกครั้งภายหลัง");
		return -1;
	}
	s->fw = web_app_framework(c->app, s->as.framework_id, &err);
	idx = s->fw ? oi_framework_find_instrument(s->fw, s->instrument) : -1;
	if (idx < 0 || s->fw->instruments[idx].kind != OI_SURVEY ||
	    s->fw->instruments[idx].n_subitems >= OI_ANSWERS_MAX) {
		web_error(c, 500, "ระบบขัดข้อง: ไม่พบแบบวัดนี้ในกรอบการประเมินของปีนี้");
		return -1;
	}
	s->ins = &s->fw->instruments[idx];
	s->first = s->ins->first_subitem;
	s->n = s->ins->n_subitems;
	s->needs_code = !strcmp(s->instrument, "IIT") && s->part.iit_codes_required;
	return 0;
}

/* The survey's own styles: large option targets, the legend wrapping, error marks. */
static const char survey_css[] =
	"<style>"
	".survey{max-width:46rem;margin:0 auto}"
	".survey-agency{margin:.2em 0 0;color:var(--muted);font-weight:600}"
	".vh{position:absolute!important;width:1px;height:1px;margin:-1px;overflow:hidden;"
	"clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0;padding:0}"
	".survey fieldset{border:0;margin:0;padding:.8rem 0 1rem;min-width:0}"
	/* a floated legend sits inside the fieldset's box, so an error bar runs beside it too */
	".survey legend{float:left;width:100%;padding:0;font-weight:600;margin-bottom:.5rem}"
	".survey legend+*{clear:both}"
	".survey .qblock{border-top:2px solid var(--line);margin-top:.6rem}"
	".survey .q-text{font-weight:700;margin:.9rem 0 0}"
	".survey .qblock fieldset{margin-left:.4rem}"
	".survey .qn{color:var(--accent);font-weight:700;margin-right:.35em}"
	".survey .opts{display:grid;gap:.5rem;grid-template-columns:repeat(auto-fit,"
	"minmax(9rem,1fr))}"
	".survey label.opt{display:flex;align-items:center;gap:.65rem;margin:0;min-height:3rem;"
	"padding:.5rem .75rem;border:2px solid #8c959f;border-radius:.6rem;font-weight:400;"
	"line-height:1.3;cursor:pointer;background:#fff}"
	".survey label.opt input{width:1.35rem;height:1.35rem;margin:0;flex:none;"
	"accent-color:var(--accent)}"
	".survey label.opt:focus-within{outline:3px solid #f59e0b;outline-offset:2px}"
	".survey label.opt:has(input:checked){border-color:var(--accent);background:#e7f0fa}"
	".survey .has-error{border-left:4px solid var(--bad);padding-left:.75rem}"
	".survey .field-error{color:var(--bad);font-weight:600;margin:0 0 .5rem}"
	".survey .brief{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;padding:0}"
	".survey .hint{color:var(--muted);margin:.1rem 0 .4rem}"
	".survey .submit{margin:1.5rem 0 2rem}"
	".survey .submit button{width:100%;font-size:1.15em;min-height:3.2rem}"
	"@media (min-width:40em){.survey .submit button{width:auto;padding-inline:2.5rem}}"
	"</style>";

/* The title shown: "แบบวัด… (IIT)". */
static void write_title(struct buf *b, const struct survey *s)
{
	html_text(b, s->ins->name_th);
	html_raw(b, " (");
	html_text(b, s->ins->code);
	html_raw(b, ")");
}

/*
 * When the survey window is not open at now, answer 403 with a page that says so and return
 * true. The window is read in Thailand's date: a survey closing on 30 June takes answers until
 * midnight in Bangkok.
 */
static bool refuse_outside_window(struct web_ctx *c, const struct survey *s)
{
	struct buf *b = &c->res->body;
	enum { EARLY, LATE, UNSET } why;
	char today[11];

	oi_date_today(c->req->now, today);
	if (!s->as.survey_open[0] || !s->as.survey_close[0])
		why = UNSET;
	else if (strcmp(today, s->as.survey_open) < 0)
		why = EARLY;
	else if (strcmp(today, s->as.survey_close) > 0)
		why = LATE;
	else
		return false;

	page_begin(c, why == LATE ? "แบบวัดปิดรับคำตอบ" : "แบบวัดยังไม่เปิด");
	html_raw(b, survey_css);
	html_raw(b, "<div class=\"survey\"><p class=\"survey-agency\">");
	html_text(b, s->agency.name);
	html_raw(b, "</p><h1>");
	write_title(b, s);
	html_raw(b, "</h1><div class=\"notice\" role=\"alert\"><p>");
	if (why == EARLY) {
		html_raw(b, "<strong>แบบวัดนี้ยังไม่เปิดให้ตอบ</strong> จะเปิดรับคำตอบตั้งแต่วันที่ ");
		page_date_th(b, s->as.survey_open);
		html_raw(b, " ถึงวันที่ ");
		page_date_th(b, s->as.survey_close);
		html_raw(b, " กรุณากลับมาตอบในช่วงเวลานั้น");
	} else if (why == LATE) {
		html_raw(b, "<strong>แบบวัดนี้ปิดรับคำตอบแล้ว</strong> เมื่อสิ้นวันที่ ");
		page_date_th(b, s->as.survey_close);
		html_raw(b, " ขอบคุณที่สนใจร่วมตอบ");
	} else {
		html_raw(b, "<strong>แบบวัดนี้ยังไม่เปิดให้ตอบ</strong> "
			    "ยังไม่ได้กำหนดช่วงเวลาตอบแบบวัดของปีการประเมินนี้");
	}
	html_raw(b, "</p></div>");
	if (c->req->method == WEB_POST)
		html_raw(b, "<p>คำตอบที่ส่งมาไม่ได้ถูกบันทึก</p>");
	html_raw(b, "</div>");
	page_end(c);
	c->res->status = 403;
	return true;
}

/* A fresh nonce: NONCE_LEN base64url characters from libsodium's randombytes. */
static const char *nonce_new(struct web_ctx *c)
{
	unsigned char bin[NONCE_BYTES];
	char *out = arena_alloc(c->arena, NONCE_LEN + 1);

	randombytes_buf(bin, sizeof bin);
	sodium_bin2base64(out, NONCE_LEN + 1, bin, sizeof bin,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

static bool nonce_valid(const char *s)
{
	if (!s || strlen(s) != NONCE_LEN)
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
	       NONCE_LEN;
}

/* "1" for a plain question, "1.2" for the second sub-item of question 1. */
static void write_number(struct buf *b, const struct survey *s, size_t i, size_t qn)
{
	const struct oi_subitem *si = &s->fw->subitems[s->first + i];
	const struct oi_question *q = &s->fw->questions[si->question];

	if (q->has_subitems)
		html_fmt(b, "%zu.%zu", qn, s->first + i - q->first_subitem + 1);
	else
		html_fmt(b, "%zu", qn);
}

/* The number as the form shows it before a legend: "2." for a plain question, "1.1". */
static void write_label_number(struct buf *b, const struct survey *s, size_t i, size_t qn)
{
	write_number(b, s, i, qn);
	if (!s->fw->questions[s->fw->subitems[s->first + i].question].has_subitems)
		html_raw(b, ".");
}

/*
 * The summary of what is wrong, at the top of the form; each entry links to its place. A few
 * gaps are listed with their text; many (a form sent nearly empty) by number only, so the list
 * does not bury the form.
 */
#define SUMMARY_TEXT_MAX 8

static void write_error_summary(struct buf *b, const struct survey *s,
				const struct form_state *fs, size_t missing)
{
	size_t qn = 0, last = (size_t)-1;
	bool brief = missing > SUMMARY_TEXT_MAX;

	html_raw(b, "<div class=\"errors\" role=\"alert\" id=\"errors\"><h2>");
	if (missing)
		html_fmt(b, "ยังไม่ได้ตอบ %zu รายการ", missing);
	else
		html_raw(b, "ยังส่งคำตอบไม่ได้");
	html_raw(b, "</h2>");
	if (missing)
		html_raw(b, "<p>คำตอบที่เลือกไว้แล้วยังอยู่ครบ กรุณาตอบข้อต่อไปนี้ "
			    "แล้วกด “ส่งคำตอบ” อีกครั้ง</p>");
	if (fs->code_error) {
		html_raw(b, "<ul><li><a href=\"#access-code\">");
		html_text(b, fs->code_error);
		html_raw(b, "</a></li></ul>");
	}
	if (missing)
		html_raw(b, brief ? "<ul class=\"brief\">" : "<ul>");
	for (size_t i = 0; i < s->n && missing; i++) {
		const struct oi_subitem *si = &s->fw->subitems[s->first + i];

		if (si->question != last) {
			qn++;
			last = si->question;
		}
		if (fs->opts[i])
			continue;
		html_raw(b, "<li><a href=\"#q-");
		html_attr(b, si->code);
		html_raw(b, "\">ข้อ ");
		write_number(b, s, i, qn);
		if (!brief) {
			html_raw(b, " ");
			html_text(b, si->text_th ? si->text_th
						 : s->fw->questions[si->question].text_th);
		}
		html_raw(b, "</a></li>");
	}
	if (missing)
		html_raw(b, "</ul>");
	html_raw(b, "</div>");
}

/* The radio inputs of answer code i. */
static void write_options(struct buf *b, const struct survey *s, size_t i,
			  const struct form_state *fs)
{
	const struct oi_subitem *si = &s->fw->subitems[s->first + i];
	const struct oi_scale *scale = s->fw->questions[si->question].scale;

	html_raw(b, "<div class=\"opts\">");
	for (size_t k = 0; k < scale->n_options; k++) {
		html_raw(b, "<label class=\"opt\"><input type=\"radio\" name=\"");
		html_attr(b, si->code);
		html_fmt(b, "\" value=\"%zu\"", k + 1);
		if (fs->opts[i] == k + 1)
			html_raw(b, " checked");
		html_raw(b, "><span>");
		html_text(b, scale->options[k].label_th);
		html_raw(b, "</span></label>");
	}
	html_raw(b, "</div>");
}

/* The access code field of an IIT that requires codes. */
static void write_code_field(struct buf *b, const struct form_state *fs)
{
	html_raw(b, "<div class=\"code-field");
	if (fs->code_error)
		html_raw(b, " has-error");
	html_raw(b, "\"><label for=\"access-code\">รหัสเข้าตอบ</label>"
		    "<p class=\"hint\" id=\"code-hint\">รหัส 8 ตัวที่ได้รับจากหน่วยงาน "
		    "รหัสหนึ่งชุดใช้ตอบได้ครั้งเดียว และไม่ถูกเก็บไว้คู่กับคำตอบของท่าน</p>");
	if (fs->code_error) {
		html_raw(b, "<p class=\"field-error\" id=\"code-error\">");
		html_text(b, fs->code_error);
		html_raw(b, "</p>");
	}
	html_raw(b, "<input type=\"text\" id=\"access-code\" name=\"code\" maxlength=\"31\" "
		    "autocomplete=\"off\" autocapitalize=\"characters\" spellcheck=\"false\" "
		    "aria-describedby=\"code-hint");
	if (fs->code_error)
		html_raw(b, " code-error");
	html_raw(b, "\" value=\"");
	html_attr(b, fs->code ? fs->code : "");
	html_raw(b, "\"></div>");
}

/* The whole page: heading, anonymity note, messages, the form. status: 200, 422, 429, 503. */
static void render_form(struct web_ctx *c, const struct survey *s, const struct form_state *fs,
			int status)
{
	struct buf *b = &c->res->body;
	size_t missing = 0, qn = 0, n_questions = 0, last = (size_t)-1;
	char title[512];

	for (size_t i = 0; i < s->n; i++) {
		if (fs->show_missing && !fs->opts[i])
			missing++;
		if (s->fw->subitems[s->first + i].question != last)
			n_questions++;
		last = s->fw->subitems[s->first + i].question;
	}
	/* a page that comes back with a problem says so first: in its title, and at the top */
	snprintf(title, sizeof title, "%s%s (%s)",
		 missing || fs->code_error || fs->banner ? "ยังส่งไม่ได้: " : "", s->ins->name_th,
		 s->ins->code);
	page_begin(c, title);
	html_raw(b, survey_css);
	html_raw(b, "<div class=\"survey\">");
	if (fs->banner) {
		html_raw(b, "<div class=\"errors\" role=\"alert\"><p>");
		html_text(b, fs->banner);
		html_raw(b, "</p></div>");
	}
	if (missing || fs->code_error)
		write_error_summary(b, s, fs, missing);
	html_raw(b, "<p class=\"survey-agency\">");
	html_text(b, s->agency.name);
	html_raw(b, "</p><h1>");
	write_title(b, s);
	html_raw(b, "</h1>");
	html_fmt(b, "<p>การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
		    "ประจำปีงบประมาณ พ.ศ. %d</p>", s->as.fiscal_year);
	if (s->ins->respondents_th) {
		html_raw(b, "<p><strong>ผู้ตอบ:</strong> ");
		html_text(b, s->ins->respondents_th);
		html_raw(b, "</p>");
	}
	html_raw(b, "<div class=\"notice\"><p><strong>ไม่ระบุตัวตน</strong> — ไม่ต้องใส่ชื่อ "
		    "ไม่ต้องมีบัญชีผู้ใช้ ระบบไม่เก็บข้อมูลที่ระบุตัวท่าน "
		    "คำตอบของท่านนับรวมกับผู้ตอบคนอื่นโดยไม่ระบุตัวตน</p></div>");
	html_fmt(b, "<p>มีทั้งหมด %zu ข้อ (%zu รายการ) ต้องตอบทุกรายการ "
		    "เลือกหนึ่งคำตอบในแต่ละรายการ แล้วกดปุ่ม “ส่งคำตอบ” ท้ายหน้า</p>",
		 n_questions, s->n);


	html_raw(b, "<form method=\"post\" action=\"/s/");
	html_attr(b, s->token);
	html_raw(b, "\" accept-charset=\"utf-8\" novalidate>"
		    "<input type=\"hidden\" name=\"nonce\" value=\"");
	html_attr(b, fs->nonce);
	html_raw(b, "\">");
	if (s->needs_code)
		write_code_field(b, fs);

	last = (size_t)-1;
	for (size_t i = 0; i < s->n; i++) {
		const struct oi_subitem *si = &s->fw->subitems[s->first + i];
		const struct oi_question *q = &s->fw->questions[si->question];
		bool error = fs->show_missing && !fs->opts[i];
		bool first_of_q = si->question != last;

		if (first_of_q) {
			if (last != (size_t)-1 && s->fw->questions[last].has_subitems)
				html_raw(b, "</div>");
			qn++;
			last = si->question;
			if (q->has_subitems) {
				html_raw(b, "<div class=\"qblock\"><p class=\"q-text\" aria-hidden=\"true\">"
					    "<span class=\"qn\">");
				html_fmt(b, "%zu.", qn);
				html_raw(b, "</span>");
				html_text(b, q->text_th);
				html_raw(b, "</p>");
			}
		}
		html_raw(b, "<fieldset id=\"q-");
		html_attr(b, si->code);
		html_raw(b, "\" class=\"");
		html_raw(b, q->has_subitems ? "sub" : "qblock");
		if (error)
			html_raw(b, " has-error");
		html_raw(b, "\"");
		if (error) {
			html_raw(b, " aria-describedby=\"e-");
			html_attr(b, si->code);
			html_raw(b, "\"");
		}
		html_raw(b, "><legend>");
		if (q->has_subitems) {
			/* the question's text is shown once above its sub-items; the legend repeats it
			   for screen readers, which announce the legend on entering each group */
			html_raw(b, "<span class=\"vh\">");
			html_fmt(b, "ข้อ %zu ", qn);
			html_text(b, q->text_th);
			html_raw(b, ": </span>");
		}
		html_raw(b, "<span class=\"qn\">");
		write_label_number(b, s, i, qn);
		html_raw(b, "</span>");
		html_text(b, si->text_th ? si->text_th : q->text_th);
		html_raw(b, "</legend>");
		if (error) {
			html_raw(b, "<p class=\"field-error\" id=\"e-");
			html_attr(b, si->code);
			html_raw(b, "\">ยังไม่ได้ตอบข้อนี้ กรุณาเลือกหนึ่งคำตอบ</p>");
		}
		write_options(b, s, i, fs);
		html_raw(b, "</fieldset>");
	}
	if (last != (size_t)-1 && s->fw->questions[last].has_subitems)
		html_raw(b, "</div>");
	html_raw(b, "<div class=\"submit\"><button type=\"submit\">ส่งคำตอบ</button></div>"
		    "</form></div>");
	page_end(c);
	c->res->status = status;
	/* the page carries a nonce: a cached copy would make a second respondent a duplicate */
	web_header_add(c, "Cache-Control", "no-store");
}

static void survey_get(struct web_ctx *c, const struct survey *s)
{
	struct form_state fs = {0};

	fs.opts = arena_alloc(c->arena, s->n + 1);
	fs.nonce = nonce_new(c);
	render_form(c, s, &fs, 200);
}

/* The access code as typed, tidied: spaces and dashes dropped, letters upper-cased. */
static const char *tidy_code(struct web_ctx *c, const char *typed)
{
	size_t n = strlen(typed), k = 0;
	char *out = arena_alloc(c->arena, n + 1);

	for (size_t i = 0; i < n; i++) {
		char ch = typed[i];

		if (ch == ' ' || ch == '-' || ch == '\t')
			continue;
		out[k++] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
	}
	out[k] = '\0';
	return out;
}

/*
 * Read the answers of the form into opts. Returns 0, or -1 after answering 400 when a value is
 * not an option of its question (the real form cannot send that).
 */
static int read_answers(struct web_ctx *c, const struct survey *s, unsigned char *opts)
{
	size_t qn = 0, last = (size_t)-1;

	for (size_t i = 0; i < s->n; i++) {
		const struct oi_subitem *si = &s->fw->subitems[s->first + i];
		size_t n_options = s->fw->questions[si->question].scale->n_options;
		const char *v = web_field(c, si->code);
		char *end;
		long k;

		if (si->question != last) {
			qn++;
			last = si->question;
		}
		if (!v || !*v)
			continue;
		k = strtol(v, &end, 10);
		if (*end || v[0] < '0' || v[0] > '9' || k < 1 || (size_t)k > n_options) {
			struct buf msg;

			buf_init(&msg, 1024);
			html_raw(&msg, "คำตอบของข้อ ");
			write_number(&msg, s, i, qn);
			html_fmt(&msg, " ไม่ใช่ตัวเลือกของคำถาม (ต้องเป็นตัวเลข 1 ถึง %zu) "
				       "คำตอบยังไม่ถูกบันทึก กรุณาเปิดแบบวัดใหม่แล้วตอบอีกครั้ง",
				 n_options);
			web_error(c, 400, msg.data ? msg.data : "");
			buf_release(&msg);
			return -1;
		}
		opts[i] = (unsigned char)k;
	}
	return 0;
}

static void survey_post(struct web_ctx *c, const struct survey *s)
{
	const struct web_config *cfg = web_app_config(c->app);
	struct oi_store *st = web_app_store(c->app);
	struct form_state fs = {0};
	struct oi_response r;
	enum oi_submit_result result;
	struct oi_error err;
	const char *typed, *code = "";
	unsigned wait;
	size_t missing = 0;
	struct tm tm;

	fs.opts = arena_alloc(c->arena, s->n + 1);
	fs.nonce = web_field(c, "nonce");
	if (!nonce_valid(fs.nonce)) {
		web_error(c, 400, "แบบฟอร์มไม่สมบูรณ์ (ไม่มีรหัสกันส่งซ้ำ) คำตอบยังไม่ถูกบันทึก "
				  "กรุณาเปิดลิงก์แบบวัดอีกครั้งแล้วตอบใหม่");
		return;
	}
	if (read_answers(c, s, fs.opts))
		return;
	typed = web_field(c, "code");
	if (s->needs_code) {
		fs.code = typed ? typed : "";
		code = tidy_code(c, fs.code);
	}

	wait = ratelimit_survey(web_app_ratelimit(c->app), c->req->remote_addr, s->token,
				cfg->rate_network_per_min, cfg->rate_link_per_min, c->req->now);
	if (wait) {
		char msg[512], secs[24];

		snprintf(msg, sizeof msg, "ขณะนี้มีการส่งคำตอบจากเครือข่ายหรือลิงก์นี้ถี่เกินกำหนด "
					  "คำตอบของท่านยังไม่ถูกบันทึก กรุณารอประมาณ %u วินาที "
					  "แล้วกด “ส่งคำตอบ” อีกครั้ง (คำตอบที่เลือกไว้ยังอยู่ครบ)",
			 wait);
		fs.banner = msg;
		render_form(c, s, &fs, 429);
		snprintf(secs, sizeof secs, "%u", wait);
		web_header_add(c, "Retry-After", secs);
		return;
	}

	for (size_t i = 0; i < s->n; i++)
		missing += !fs.opts[i];
	if (s->needs_code && !*code)
		fs.code_error = "กรุณากรอกรหัสเข้าตอบที่ได้รับจากหน่วยงาน";
	else if (strlen(code) >= OI_CODE_MAX)
		fs.code_error = "รหัสเข้าตอบไม่ถูกต้อง ตรวจสอบรหัสอีกครั้ง";
	if (missing || fs.code_error) {
		fs.show_missing = true;
		render_form(c, s, &fs, 422);
		return;
	}

	memset(&r, 0, sizeof r);
	r.participation_id = s->part.id;
	snprintf(r.instrument, sizeof r.instrument, "%s", s->instrument);
	gmtime_r(&c->req->now, &tm);
	strftime(r.hour, sizeof r.hour, "%Y-%m-%dT%H", &tm);
	for (size_t i = 0; i < s->n; i++)
		r.answers[i] = fs.opts[i] == 10 ? 'A' : (char)('0' + fs.opts[i]);
	snprintf(r.nonce, sizeof r.nonce, "%s", fs.nonce);
	snprintf(r.access_code, sizeof r.access_code, "%s", code);

	if (oi_store_response_submit(st, &r, &result, &err)) {
		fs.banner = "ระบบขัดข้องชั่วคราว คำตอบของท่านยังไม่ถูกบันทึก "
			    "กรุณากด “ส่งคำตอบ” อีกครั้งในอีกสักครู่ (คำตอบที่เลือกไว้ยังอยู่ครบ)";
		render_form(c, s, &fs, 503);
		web_header_add(c, "Retry-After", "10");
		return;
	}
	if (result == OI_SUBMIT_CODE_INVALID) {
		/* a fresh nonce: whether the refused try left its nonce behind is the store's
		   business, and the corrected form must not look like a repeat of it */
		fs.nonce = nonce_new(c);
		fs.code_error = "รหัสเข้าตอบไม่ถูกต้องหรือถูกใช้ไปแล้ว ตรวจสอบรหัสอีกครั้ง "
				"หรือขอรหัสใหม่จากหน่วยงาน";
		render_form(c, s, &fs, 422);
		return;
	}
	{
		char loc[128];

		snprintf(loc, sizeof loc, "/s/%s/thanks", s->token);
		web_redirect(c, loc);
	}
}

static void survey_page(struct web_ctx *c)
{
	struct survey s;

	if (survey_load(c, &s) || refuse_outside_window(c, &s))
		return;
	if (c->req->method == WEB_POST)
		survey_post(c, &s);
	else
		survey_get(c, &s);
}

static void survey_thanks(struct web_ctx *c)
{
	struct buf *b = &c->res->body;
	struct survey s;

	if (survey_load(c, &s))
		return;
	page_begin(c, "ขอบคุณที่ร่วมตอบแบบวัด");
	html_raw(b, survey_css);
	html_raw(b, "<div class=\"survey\"><p class=\"survey-agency\">");
	html_text(b, s.agency.name);
	html_raw(b, "</p><h1>ขอบคุณที่ร่วมตอบแบบวัด</h1><div class=\"notice\" role=\"status\"><p>"
		    "ระบบบันทึกคำตอบ");
	write_title(b, &s);
	html_raw(b, " ของท่านแล้ว คำตอบนับรวมกับผู้ตอบคนอื่นโดยไม่ระบุตัวตน</p></div>"
		    "<p>ท่านปิดหน้านี้ได้เลย แบบวัดนี้ตอบเพียงครั้งเดียวต่อหนึ่งคน</p></div>");
	page_end(c);
}

const struct web_route web_routes_survey[] = {
	{WEB_GET | WEB_POST, "/s/:token", WEB_PUBLIC, survey_page, WEB_MAX_SURVEY_BODY},
	{WEB_GET, "/s/:token/thanks", WEB_PUBLIC, survey_thanks, 0},
	{0, NULL, 0, NULL, 0},
};
