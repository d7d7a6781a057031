/*
 * test_oit_store.c — the OIT cycle in the store (store.h's OIT section; src/store/store_oit.c,
 * sqlite_oit.c; migration 3) on SQLite files under /tmp: a whole cycle (draft, submission,
 * capture, review, clarification, re-review, confirmation) read back as states and as the
 * item's history in time order; drafts newer than the submission; the schema refusing UPDATE
 * and DELETE on every append-only table (read through a raw SQLite handle); refused input
 * (bad URLs, too many URLs, control characters, a round 2 without its clarification, a capture
 * without an outcome) stores nothing; assignments; capture bodies round-trip.
 */
#include <time.h>

#include "storetest.h"

struct fixture {
	STORE_FIXTURE_FIELDS;
	long assessment, agency, agency2, admin, officer, assessor;
};

static void must(int rc, const struct oi_error *err)
{
	if (rc)
		fail_msg("%s", err->message);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof *fx);
	struct oi_error err;
	struct oi_agency a = {0}, b = {0};
	struct oi_assessment as = {0};

	assert_non_null(fx);
	store_fixture_open(fx, "oit");
	snprintf(a.code, sizeof a.code, "A01");
	snprintf(a.name, sizeof a.name, "หน่วยงาน หนึ่ง");
	snprintf(b.code, sizeof b.code, "A02");
	snprintf(b.name, sizeof b.name, "หน่วยงาน สอง");
	must(oi_store_agency_add(fx->st, &a, &err), &err);
	must(oi_store_agency_add(fx->st, &b, &err), &err);
	as.fiscal_year = 2568;
	snprintf(as.framework_id, sizeof as.framework_id, "ita-2565");
	must(oi_store_assessment_add(fx->st, &as, &err), &err);
	fx->assessment = as.id;
	fx->agency = a.id;
	fx->agency2 = b.id;
	must(oi_store_user_add(fx->st, "admin", OI_ROLE_ADMIN, NULL, "h", &fx->admin, &err), &err);
	must(oi_store_user_add(fx->st, "officer", OI_ROLE_AGENCY_ADMIN, "A01", "h", &fx->officer,
			       &err), &err);
	must(oi_store_user_add(fx->st, "assessor", OI_ROLE_ASSESSOR, NULL, "h", &fx->assessor,
			       &err), &err);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	store_fixture_close(fx);
	free(fx);
	return 0;
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

static struct oi_oit_submission *submission(struct fixture *fx, const char *item, bool submitted,
					    const char *url)
{
	static struct oi_oit_submission s;

	memset(&s, 0, sizeof s);
	s.assessment_id = fx->assessment;
	s.agency_id = fx->agency;
	snprintf(s.item, sizeof s.item, "%s", item);
	s.has = true;
	s.submitted = submitted;
	snprintf(s.explanation, sizeof s.explanation, "หน้าเว็บโครงสร้างหน่วยงาน");
	if (url) {
		snprintf(s.urls[0], sizeof s.urls[0], "%s", url);
		s.n_urls = 1;
	}
	s.by_user = fx->officer;
	return &s;
}

static const struct oi_oit_item_state *find_state(const struct oi_oit_item_state *v, size_t n,
						  const char *item)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].item, item))
			return &v[i];
	fail_msg("no state for %s", item);
	return NULL;
}

static void test_schema_version(void **state)
{
	struct fixture *fx = *state;

	assert_true(oi_store_schema_version(fx->st) >= 4);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM pragma_table_info("
				 "'evidence_captures') WHERE name IN ('text_sha256', 'sniffed')"), 2);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM sqlite_master WHERE name IN "
				 "('oit_submissions', 'oit_urls', 'oit_reviews', "
				 "'oit_clarifications', 'oit_clarification_urls', "
				 "'oit_confirmations', 'evidence_captures', "
				 "'assessor_assignments')"), 8);
}

static void test_cycle(void **state)
{
	struct fixture *fx = *state;
	struct oi_error err;
	struct oi_oit_submission *s;
	struct oi_oit_review r = {0}, r2 = {0};
	struct oi_oit_clarification k = {0};
	struct oi_oit_confirmation f = {0};
	struct oi_capture_row cap = {0}, got;
	struct oi_oit_item_state *v;
	struct oi_oit_event *ev;
	const struct oi_oit_item_state *x;
	unsigned char *body;
	size_t n;
	long sub_id;

	s = submission(fx, "O1", false, "https://example.go.th/draft");
	must(oi_store_oit_submit(fx->st, s, &err), &err);
	s = submission(fx, "O1", true, "https://example.go.th/structure");
	snprintf(s->urls[1], sizeof s->urls[1], "https://example.go.th/structure.pdf");
	s->n_urls = 2;
	must(oi_store_oit_submit(fx->st, s, &err), &err);
	sub_id = s->id;
	assert_true(sub_id > 0 && s->at > 0);

	cap.assessment_id = fx->assessment;
	cap.agency_id = fx->agency;
	snprintf(cap.item, sizeof cap.item, "O1");
	cap.submission_id = sub_id;
	snprintf(cap.url, sizeof cap.url, "https://example.go.th/structure");
	snprintf(cap.final_url, sizeof cap.final_url, "https://example.go.th/structure");
	cap.fetched_at = (int64_t)time(NULL);
	cap.status = 200;
	snprintf(cap.content_type, sizeof cap.content_type, "text/html");
	cap.size = 5;
	snprintf(cap.sha256, sizeof cap.sha256, "%064d", 1);
	snprintf(cap.outcome, sizeof cap.outcome, "ok");
	must(oi_store_capture_add(fx->st, &cap, "\x1f\x8b\x08zz", 5, &err), &err);
	assert_int_equal(oi_store_capture_get(fx->st, cap.id, &got, &body, &err), 0);
	assert_int_equal(got.body_gz_len, 5);
	assert_memory_equal(body, "\x1f\x8b\x08zz", 5);
	assert_string_equal(got.outcome, "ok");
	assert_int_equal(got.submission_id, sub_id);
	free(body);
	assert_int_equal(oi_store_capture_baseline(fx->st, sub_id, 0, cap.url, &got, &err), 0);
	assert_int_equal(got.id, cap.id);
	assert_int_equal(oi_store_capture_latest(fx->st, fx->agency, cap.url, true, &got, &err), 0);
	assert_int_equal(oi_store_capture_latest(fx->st, fx->agency2, cap.url, false, &got, &err),
			 1);
	assert_int_equal(oi_store_capture_get(fx->st, 9999, &got, NULL, &err), 1);
	/* migration 4: no text fingerprint or sniffed kind given → NULL, read back as "" */
	assert_string_equal(got.text_sha256, "");
	assert_string_equal(got.sniffed, "");
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM evidence_captures WHERE "
				 "text_sha256 IS NULL AND sniffed IS NULL"), 1);
	{
		struct oi_capture_row more = cap;   /* of another item: O1's history stays */

		snprintf(more.text_sha256, sizeof more.text_sha256, "%064d", 2);
		snprintf(more.sniffed, sizeof more.sniffed, "pdf");
		snprintf(more.item, sizeof more.item, "O2");
		more.submission_id = 0;
		must(oi_store_capture_add(fx->st, &more, NULL, 0, &err), &err);
		assert_int_equal(oi_store_capture_get(fx->st, more.id, &got, NULL, &err), 0);
		assert_string_equal(got.text_sha256, more.text_sha256);
		assert_string_equal(got.sniffed, "pdf");
		assert_int_equal(oi_store_capture_latest(fx->st, fx->agency, cap.url, false, &got,
							 &err), 0);
		assert_int_equal(got.id, more.id);
		assert_string_equal(got.text_sha256, more.text_sha256);
		/* the baseline is still the first, with its body */
		assert_int_equal(oi_store_capture_baseline(fx->st, sub_id, 0, cap.url, &got, &err),
				 0);
		assert_int_equal(got.id, cap.id);
		assert_int_equal(oi_store_capture_get(fx->st, cap.id, &got, &body, &err), 0);
		assert_memory_equal(body, "\x1f\x8b\x08zz", 5);
		free(body);
	}

	r.assessment_id = fx->assessment;
	r.agency_id = fx->agency;
	snprintf(r.item, sizeof r.item, "O1");
	r.round = 1;
	r.submission_id = sub_id;
	r.pass = false;
	snprintf(r.comment, sizeof r.comment, "ไม่พบแผนผังโครงสร้าง");
	r.by_user = fx->assessor;
	must(oi_store_oit_review(fx->st, &r, &err), &err);

	k.assessment_id = fx->assessment;
	k.agency_id = fx->agency;
	snprintf(k.item, sizeof k.item, "O1");
	k.review_id = r.id;
	snprintf(k.text, sizeof k.text, "เพิ่มแผนผังแล้ว");
	snprintf(k.urls[0], sizeof k.urls[0], "https://example.go.th/chart");
	k.n_urls = 1;
	k.by_user = fx->officer;
	must(oi_store_oit_clarify(fx->st, &k, &err), &err);

	r2 = r;
	r2.round = 2;
	r2.clarification_id = k.id;
	r2.pass = true;
	snprintf(r2.comment, sizeof r2.comment, "ผ่านหลังชี้แจง");
	must(oi_store_oit_review(fx->st, &r2, &err), &err);

	f.assessment_id = fx->assessment;
	f.agency_id = fx->agency;
	snprintf(f.item, sizeof f.item, "O1");
	f.review_id = r2.id;
	f.pass = true;
	f.by_user = fx->admin;
	must(oi_store_oit_confirm(fx->st, &f, 1, &err), &err);

	s = submission(fx, "O2", true, NULL);
	s->has = false;
	must(oi_store_oit_submit(fx->st, s, &err), &err);
	s = submission(fx, "O2", false, NULL);
	snprintf(s->explanation, sizeof s->explanation, "ร่างใหม่");
	must(oi_store_oit_submit(fx->st, s, &err), &err);

	must(oi_store_oit_states(fx->st, fx->assessment, fx->agency, &v, &n, &err), &err);
	assert_int_equal(n, 2);
	x = find_state(v, n, "O1");
	assert_int_equal(x->submission.id, sub_id);
	assert_int_equal(x->submission.n_urls, 2);
	assert_string_equal(x->submission.urls[1], "https://example.go.th/structure.pdf");
	assert_string_equal(x->submission.by_name, "officer");
	assert_int_equal(x->draft.id, 0);      /* the draft was older than the submission */
	assert_int_equal(x->review1.id, r.id);
	assert_false(x->review1.pass);
	assert_int_equal(x->review2.id, r2.id);
	assert_true(x->review2.pass);
	assert_int_equal(x->clarification.id, k.id);
	assert_int_equal(x->clarification.n_urls, 1);
	assert_int_equal(x->confirmation.review_id, r2.id);
	assert_true(x->confirmation.pass);
	assert_string_equal(x->confirmation.by_name, "admin");
	x = find_state(v, n, "O2");
	assert_true(x->submission.id > 0);
	assert_false(x->submission.has);
	assert_true(x->draft.id > x->submission.id);
	assert_string_equal(x->draft.explanation, "ร่างใหม่");
	free(v);

	must(oi_store_oit_history(fx->st, fx->assessment, fx->agency, "O1", &ev, &n, &err), &err);
	assert_int_equal(n, 7);
	assert_int_equal(ev[0].kind, OI_OIT_EVENT_SUBMISSION);
	assert_false(ev[0].submitted);
	assert_int_equal(ev[1].kind, OI_OIT_EVENT_SUBMISSION);
	assert_true(ev[1].submitted);
	assert_int_equal(ev[1].n_urls, 2);
	assert_int_equal(ev[2].kind, OI_OIT_EVENT_CAPTURE);
	for (size_t i = 1; i < n; i++)
		assert_true(ev[i - 1].at <= ev[i].at);
	{
		int kinds[5] = {0};

		for (size_t i = 0; i < n; i++)
			kinds[ev[i].kind]++;
		assert_int_equal(kinds[OI_OIT_EVENT_SUBMISSION], 2);
		assert_int_equal(kinds[OI_OIT_EVENT_REVIEW], 2);
		assert_int_equal(kinds[OI_OIT_EVENT_CLARIFICATION], 1);
		assert_int_equal(kinds[OI_OIT_EVENT_CONFIRMATION], 1);
		assert_int_equal(kinds[OI_OIT_EVENT_CAPTURE], 1);
	}
	assert_int_equal(ev[n - 1].kind, OI_OIT_EVENT_CONFIRMATION);
	free(ev);

	/* The other agency sees nothing of A01's. */
	must(oi_store_oit_states(fx->st, fx->assessment, fx->agency2, &v, &n, &err), &err);
	assert_int_equal(n, 0);
	free(v);
}

static void test_append_only(void **state)
{
	struct fixture *fx = *state;
	static const char *const tables[] = {
		"oit_submissions", "oit_urls", "oit_reviews", "oit_clarifications",
		"oit_clarification_urls", "oit_confirmations", "evidence_captures",
	};
	struct oi_error err;
	struct oi_oit_submission *s = submission(fx, "O3", true, "https://example.go.th/x");

	must(oi_store_oit_submit(fx->st, s, &err), &err);
	assert_int_equal(raw_try(fx->path, "UPDATE oit_submissions SET has = 0", NULL),
			 SQLITE_CONSTRAINT);
	assert_int_equal(raw_try(fx->path, "DELETE FROM oit_submissions", NULL), SQLITE_CONSTRAINT);
	assert_int_equal(raw_try(fx->path, "UPDATE oit_urls SET url = 'http://evil'", NULL),
			 SQLITE_CONSTRAINT);
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
		char sql[160];

		snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE type = "
			 "'trigger' AND tbl_name = '%s'", tables[i]);
		assert_int_equal(raw_int(fx->path, sql), 2);
	}
	assert_int_equal(raw_int(fx->path, "SELECT has FROM oit_submissions"), 1);
}

static void test_refused(void **state)
{
	struct fixture *fx = *state;
	struct oi_error err;
	struct oi_oit_submission *s;
	struct oi_oit_review r = {0};
	struct oi_capture_row cap = {0};
	static const char *const bad_urls[] = {
		"ftp://example.go.th/x", "javascript:alert(1)", "https://", "https:///x",
		"https://example.go.th/a b", "example.go.th", "https://example.go.th/\x01",
		"https://example.go.th/\"><script>", "https://example.go.th/{x}",
	};

	for (size_t i = 0; i < sizeof bad_urls / sizeof *bad_urls; i++) {
		s = submission(fx, "O4", true, bad_urls[i]);
		assert_int_equal(oi_store_oit_submit(fx->st, s, &err), -1);
	}
	s = submission(fx, "O4", true, NULL);        /* has, submitted, no URL */
	assert_int_equal(oi_store_oit_submit(fx->st, s, &err), -1);
	assert_non_null(strstr(err.message, "URL"));
	s = submission(fx, "O4", true, "https://example.go.th/x");
	s->n_urls = OI_OIT_URLS_MAX + 1;
	assert_int_equal(oi_store_oit_submit(fx->st, s, &err), -1);
	s = submission(fx, "O4", true, "https://example.go.th/x");
	snprintf(s->explanation, sizeof s->explanation, "a\x07" "b");
	assert_int_equal(oi_store_oit_submit(fx->st, s, &err), -1);
	s = submission(fx, "O4", true, "https://example.go.th/x");
	snprintf(s->explanation, sizeof s->explanation, "\xff\xfe");
	assert_int_equal(oi_store_oit_submit(fx->st, s, &err), -1);
	s = submission(fx, "O<4>", true, "https://example.go.th/x");
	assert_int_equal(oi_store_oit_submit(fx->st, s, &err), -1);
	s = submission(fx, "O4", true, "https://example.go.th/x");
	s->by_user = 0;
	assert_int_equal(oi_store_oit_submit(fx->st, s, &err), -1);

	r.assessment_id = fx->assessment;
	r.agency_id = fx->agency;
	snprintf(r.item, sizeof r.item, "O4");
	r.round = 2;                                  /* without its clarification */
	r.submission_id = 1;
	r.by_user = fx->assessor;
	assert_int_equal(oi_store_oit_review(fx->st, &r, &err), -1);
	r.round = 3;
	assert_int_equal(oi_store_oit_review(fx->st, &r, &err), -1);
	r.round = 1;
	r.submission_id = 424242;                     /* no such submission: the foreign key */
	assert_int_equal(oi_store_oit_review(fx->st, &r, &err), -1);

	cap.assessment_id = fx->assessment;
	cap.agency_id = fx->agency;
	snprintf(cap.item, sizeof cap.item, "O4");
	snprintf(cap.url, sizeof cap.url, "https://example.go.th/x");
	assert_int_equal(oi_store_capture_add(fx->st, &cap, NULL, 0, &err), -1);   /* no outcome */

	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM oit_submissions"), 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM oit_reviews"), 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM evidence_captures"), 0);
}

static void test_assignments(void **state)
{
	struct fixture *fx = *state;
	struct oi_error err;
	struct oi_assignment *v;
	struct oi_user *u;
	size_t n;

	assert_int_equal(oi_store_assignment_check(fx->st, fx->assessment, fx->assessor,
						   fx->agency, &err), 1);
	must(oi_store_assignment_add(fx->st, fx->assessment, fx->assessor, fx->agency, fx->admin,
				     &err), &err);
	must(oi_store_assignment_add(fx->st, fx->assessment, fx->assessor, fx->agency, fx->admin,
				     &err), &err);    /* idempotent */
	assert_int_equal(oi_store_assignment_check(fx->st, fx->assessment, fx->assessor,
						   fx->agency, &err), 0);
	assert_int_equal(oi_store_assignment_check(fx->st, fx->assessment, fx->assessor,
						   fx->agency2, &err), 1);
	/* only assessors can be assigned */
	assert_int_equal(oi_store_assignment_add(fx->st, fx->assessment, fx->officer, fx->agency,
						 fx->admin, &err), -1);
	must(oi_store_assignment_list(fx->st, fx->assessment, 0, &v, &n, &err), &err);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].assessor_name, "assessor");
	assert_string_equal(v[0].agency.code, "A01");
	free(v);
	must(oi_store_assignment_remove(fx->st, fx->assessment, fx->assessor, fx->agency, &err),
	     &err);
	assert_int_equal(oi_store_assignment_check(fx->st, fx->assessment, fx->assessor,
						   fx->agency, &err), 1);
	must(oi_store_user_list(fx->st, OI_ROLE_ASSESSOR, &u, &n, &err), &err);
	assert_int_equal(n, 1);
	assert_string_equal(u[0].username, "assessor");
	free(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_schema_version), T(test_cycle), T(test_append_only), T(test_refused),
		T(test_assignments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
