/*
 * store_oit.c — the public OIT functions of store.h (issue 4): check every argument once for all
 * implementations, then call through the table of operations (store_int.h), as store.c does for
 * the rest. Kept apart from store.c so the OIT cycle reads as one piece.
 *
 * What is checked here: ids positive, item codes short and plain ("O1" … "O43": letters and
 * digits), texts valid UTF-8 without control characters other than tab, CR and LF and within
 * OI_OIT_TEXT_MAX, URLs http:// or https:// with printable ASCII and no spaces (nor the
 * characters RFC 3986 leaves out: " < > \ ^ ` { | }) within OI_URL_MAX, at most
 * OI_OIT_URLS_MAX of them, rounds 1 or 2 with the clarification they need.
 * Messages are Thai first with the English after, because pages show them as they are.
 */
#include <string.h>
#include <strings.h>

#include "store_int.h"
#include "utf8.h"

#define CAPTURE_BODY_MAX (8u << 20)

static int bad_id(long id, const char *what, struct oi_error *err)
{
	if (id <= 0)
		return oi_error_set(err, NULL, 0, 0, "%s id must be positive, not %ld", what, id);
	return 0;
}

static int check_item(const char *item, struct oi_error *err)
{
	size_t len = item ? strnlen(item, OI_OIT_ITEM_MAX) : 0;

	if (!len || len == OI_OIT_ITEM_MAX)
		return oi_error_set(err, NULL, 0, 0, "รหัสข้อ OIT ไม่ถูกต้อง (an OIT item code is "
				    "1 to %d letters and digits)", OI_OIT_ITEM_MAX - 1);
	for (size_t i = 0; i < len; i++) {
		char ch = item[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		      (ch >= '0' && ch <= '9') || ch == '.'))
			return oi_error_set(err, NULL, 0, 0, "รหัสข้อ OIT ไม่ถูกต้อง (an OIT item "
					    "code is letters and digits)");
	}
	return 0;
}

int oi_store_oit_check_text(const char *s, size_t cap, const char *thai, struct oi_error *err)
{
	size_t len = s ? strnlen(s, cap) : cap;

	if (len == cap)
		return oi_error_set(err, NULL, 0, 0, "%sยาวเกิน %zu ไบต์ (the text is longer than "
				    "%zu bytes)", thai, cap - 1, cap - 1);
	if (!utf8_valid(s, len))
		return oi_error_set(err, NULL, 0, 0, "%sไม่ใช่ข้อความ UTF-8 (the text is not "
				    "UTF-8)", thai);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch < 0x20 && ch != '\t' && ch != '\r' && ch != '\n') || ch == 0x7f)
			return oi_error_set(err, NULL, 0, 0, "%sมีอักขระควบคุม (the text contains a "
					    "control character)", thai);
	}
	return 0;
}

int oi_store_oit_check_url(const char *url, struct oi_error *err)
{
	size_t len = url ? strnlen(url, OI_URL_MAX) : 0;
	size_t scheme;

	if (!len)
		return oi_error_set(err, NULL, 0, 0, "ไม่ได้ระบุ URL (the URL is empty)");
	if (len == OI_URL_MAX)
		return oi_error_set(err, NULL, 0, 0, "URL ยาวเกิน %d ไบต์ (the URL is longer than "
				    "%d bytes)", OI_URL_MAX - 1, OI_URL_MAX - 1);
	if (!strncasecmp(url, "http://", 7))
		scheme = 7;
	else if (!strncasecmp(url, "https://", 8))
		scheme = 8;
	else
		return oi_error_set(err, NULL, 0, 0, "URL ต้องขึ้นต้นด้วย http:// หรือ https:// "
				    "(a URL must start with http:// or https://)");
	if (len == scheme || url[scheme] == '/')
		return oi_error_set(err, NULL, 0, 0, "URL ไม่มีชื่อเว็บไซต์ (the URL has no host)");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f ||
		    strchr("\"<>\\^`{|}", url[i]))
			return oi_error_set(err, NULL, 0, 0, "URL มีช่องว่างหรืออักขระที่ใช้ไม่ได้ "
					    "(a URL must be printable ASCII without spaces or "
					    "\" < > \\ ^ ` { | }; percent-encode the rest)");
	return 0;
}

static int check_urls(const char (*urls)[OI_URL_MAX], size_t n, struct oi_error *err)
{
	if (n > OI_OIT_URLS_MAX)
		return oi_error_set(err, NULL, 0, 0, "URL ได้ไม่เกิน %d รายการ (at most %d URLs)",
				    OI_OIT_URLS_MAX, OI_OIT_URLS_MAX);
	for (size_t i = 0; i < n; i++)
		if (oi_store_oit_check_url(urls[i], err))
			return -1;
	return 0;
}

static int check_row(long assessment_id, long agency_id, const char *item, long by_user,
		     struct oi_error *err)
{
	return bad_id(assessment_id, "assessment", err) || bad_id(agency_id, "agency", err) ||
			       check_item(item, err) || bad_id(by_user, "user", err)
		       ? -1
		       : 0;
}

int oi_store_oit_submit(struct oi_store *st, struct oi_oit_submission *s, struct oi_error *err)
{
	if (!s)
		return oi_error_set(err, NULL, 0, 0, "no submission given");
	if (check_row(s->assessment_id, s->agency_id, s->item, s->by_user, err) ||
	    oi_store_oit_check_text(s->explanation, OI_OIT_TEXT_MAX, "คำอธิบาย", err) ||
	    check_urls((const char(*)[OI_URL_MAX])s->urls, s->n_urls, err))
		return -1;
	if (s->submitted && s->has && !s->n_urls)
		return oi_error_set(err, NULL, 0, 0, "ข้อที่มีการเผยแพร่ต้องระบุ URL อย่างน้อย 1 "
				    "รายการ (an item the agency publishes needs at least one URL)");
	return st->ops->oit_submit(st, s, err);
}

int oi_store_oit_review(struct oi_store *st, struct oi_oit_review *r, struct oi_error *err)
{
	if (!r)
		return oi_error_set(err, NULL, 0, 0, "no review given");
	if (check_row(r->assessment_id, r->agency_id, r->item, r->by_user, err) ||
	    bad_id(r->submission_id, "submission", err) ||
	    oi_store_oit_check_text(r->comment, OI_OIT_TEXT_MAX, "ความเห็น", err))
		return -1;
	if (r->round != 1 && r->round != 2)
		return oi_error_set(err, NULL, 0, 0, "round must be 1 or 2, not %d", r->round);
	if ((r->round == 2) != (r->clarification_id > 0))
		return oi_error_set(err, NULL, 0, 0, "a round-2 review names the clarification it "
				    "re-reviews, and only it does");
	return st->ops->oit_review(st, r, err);
}

int oi_store_oit_clarify(struct oi_store *st, struct oi_oit_clarification *c,
			 struct oi_error *err)
{
	if (!c)
		return oi_error_set(err, NULL, 0, 0, "no clarification given");
	if (check_row(c->assessment_id, c->agency_id, c->item, c->by_user, err) ||
	    bad_id(c->review_id, "review", err) ||
	    oi_store_oit_check_text(c->text, OI_OIT_TEXT_MAX, "คำชี้แจง", err) ||
	    check_urls((const char(*)[OI_URL_MAX])c->urls, c->n_urls, err))
		return -1;
	if (!c->text[0] && !c->n_urls)
		return oi_error_set(err, NULL, 0, 0, "คำชี้แจงต้องมีข้อความหรือ URL (a clarification "
				    "needs a text or a URL)");
	return st->ops->oit_clarify(st, c, err);
}

int oi_store_oit_confirm(struct oi_store *st, struct oi_oit_confirmation *list, size_t n,
			 struct oi_error *err)
{
	if (!n)
		return 0;
	if (!list)
		return oi_error_set(err, NULL, 0, 0, "no confirmations given");
	for (size_t i = 0; i < n; i++)
		if (check_row(list[i].assessment_id, list[i].agency_id, list[i].item,
			      list[i].by_user, err) ||
		    bad_id(list[i].review_id, "review", err))
			return -1;
	return st->ops->oit_confirm(st, list, n, err);
}

int oi_store_oit_states(struct oi_store *st, long assessment_id, long agency_id,
			struct oi_oit_item_state **out, size_t *n, struct oi_error *err)
{
	*out = NULL;
	*n = 0;
	if (bad_id(assessment_id, "assessment", err) || bad_id(agency_id, "agency", err))
		return -1;
	return st->ops->oit_states(st, assessment_id, agency_id, out, n, err);
}

int oi_store_oit_history(struct oi_store *st, long assessment_id, long agency_id,
			 const char *item, struct oi_oit_event **out, size_t *n,
			 struct oi_error *err)
{
	*out = NULL;
	*n = 0;
	if (bad_id(assessment_id, "assessment", err) || bad_id(agency_id, "agency", err) ||
	    check_item(item, err))
		return -1;
	return st->ops->oit_history(st, assessment_id, agency_id, item, out, n, err);
}

int oi_store_assignment_add(struct oi_store *st, long assessment_id, long assessor_id,
			    long agency_id, long by_user, struct oi_error *err)
{
	struct oi_user u;
	int rc;

	if (bad_id(assessment_id, "assessment", err) || bad_id(assessor_id, "assessor", err) ||
	    bad_id(agency_id, "agency", err) || bad_id(by_user, "user", err))
		return -1;
	rc = oi_store_user_by_id(st, assessor_id, &u, err);
	if (rc < 0)
		return -1;
	if (rc == 1 || u.role != OI_ROLE_ASSESSOR)
		return oi_error_set(err, NULL, 0, 0, "ผู้ใช้นี้ไม่ใช่ผู้ประเมิน (user %ld is not an "
				    "assessor)", assessor_id);
	return st->ops->assignment_add(st, assessment_id, assessor_id, agency_id, by_user, err);
}

int oi_store_assignment_remove(struct oi_store *st, long assessment_id, long assessor_id,
			       long agency_id, struct oi_error *err)
{
	if (bad_id(assessment_id, "assessment", err) || bad_id(assessor_id, "assessor", err) ||
	    bad_id(agency_id, "agency", err))
		return -1;
	return st->ops->assignment_remove(st, assessment_id, assessor_id, agency_id, err);
}

int oi_store_assignment_check(struct oi_store *st, long assessment_id, long assessor_id,
			      long agency_id, struct oi_error *err)
{
	if (assessment_id <= 0 || assessor_id <= 0 || agency_id <= 0)
		return 1;
	return st->ops->assignment_check(st, assessment_id, assessor_id, agency_id, err);
}

int oi_store_assignment_list(struct oi_store *st, long assessment_id, long assessor_id,
			     struct oi_assignment **out, size_t *n, struct oi_error *err)
{
	*out = NULL;
	*n = 0;
	if (bad_id(assessment_id, "assessment", err))
		return -1;
	return st->ops->assignment_list(st, assessment_id, assessor_id, out, n, err);
}

int oi_store_user_list(struct oi_store *st, enum oi_role role, struct oi_user **out, size_t *n,
		       struct oi_error *err)
{
	*out = NULL;
	*n = 0;
	if ((int)role < 0 || role >= OI_ROLE__MAX)
		return oi_error_set(err, NULL, 0, 0, "unknown role %d", (int)role);
	return st->ops->user_list(st, role, out, n, err);
}

int oi_store_agency_list(struct oi_store *st, struct oi_agency **out, size_t *n,
			 struct oi_error *err)
{
	*out = NULL;
	*n = 0;
	return st->ops->agency_list(st, out, n, err);
}

int oi_store_capture_add(struct oi_store *st, struct oi_capture_row *c, const void *body_gz,
			 size_t body_gz_len, struct oi_error *err)
{
	if (!c)
		return oi_error_set(err, NULL, 0, 0, "no capture given");
	if (bad_id(c->assessment_id, "assessment", err) || bad_id(c->agency_id, "agency", err) ||
	    check_item(c->item, err) || oi_store_oit_check_url(c->url, err))
		return -1;
	if (c->submission_id < 0 || c->clarification_id < 0)
		return oi_error_set(err, NULL, 0, 0, "negative submission or clarification id");
	if (body_gz_len > CAPTURE_BODY_MAX || (body_gz_len && !body_gz))
		return oi_error_set(err, NULL, 0, 0, "the stored copy is over %u bytes",
				    CAPTURE_BODY_MAX);
	if (strnlen(c->final_url, OI_URL_MAX) == OI_URL_MAX ||
	    strnlen(c->content_type, sizeof c->content_type) == sizeof c->content_type ||
	    strnlen(c->sha256, sizeof c->sha256) == sizeof c->sha256 ||
	    strnlen(c->text_sha256, sizeof c->text_sha256) == sizeof c->text_sha256 ||
	    strnlen(c->sniffed, sizeof c->sniffed) == sizeof c->sniffed ||
	    strnlen(c->outcome, sizeof c->outcome) == sizeof c->outcome || !c->outcome[0] ||
	    strnlen(c->error, sizeof c->error) == sizeof c->error)
		return oi_error_set(err, NULL, 0, 0, "a field of the capture is not terminated or "
				    "the outcome is empty");
	c->body_gz_len = body_gz_len;
	return st->ops->capture_add(st, c, body_gz, body_gz_len, err);
}

int oi_store_capture_get(struct oi_store *st, long id, struct oi_capture_row *out,
			 unsigned char **body, struct oi_error *err)
{
	if (body)
		*body = NULL;
	if (id <= 0)
		return 1;
	return st->ops->capture_get(st, id, out, body, err);
}

int oi_store_capture_latest(struct oi_store *st, long agency_id, const char *url, bool ok_only,
			    struct oi_capture_row *out, struct oi_error *err)
{
	if (agency_id <= 0 || !url || !*url || strnlen(url, OI_URL_MAX) == OI_URL_MAX)
		return 1;
	return st->ops->capture_latest(st, agency_id, url, ok_only, out, err);
}

int oi_store_capture_baseline(struct oi_store *st, long submission_id, long clarification_id,
			      const char *url, struct oi_capture_row *out, struct oi_error *err)
{
	if ((submission_id <= 0) == (clarification_id <= 0) || !url || !*url ||
	    strnlen(url, OI_URL_MAX) == OI_URL_MAX)
		return 1;
	return st->ops->capture_baseline(st, submission_id > 0 ? submission_id : 0,
					 clarification_id > 0 ? clarification_id : 0, url, out,
					 err);
}
