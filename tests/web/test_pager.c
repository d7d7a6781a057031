/*
 * test_pager.c — the paged admin lists of agencies (src/web/pager.c and its users): with 122
 * agencies, /admin/plans, /admin/oit, /review and /evidence show 50 a page, page 3 the last
 * 22, the "หน่วยงาน X–Y จาก N" line, links to the previous, first, last and next pages that
 * keep the filter, ?q= finding one agency by its code and by a fragment of its Thai name, a
 * bad page number refused with 400 and a page beyond the last showing the last; an assessor's
 * /review pages only the agencies assigned to them; /admin/assignments pages its assignments
 * and offers the codes of at most a page of the agencies that pass the filter.
 */
#include "webtest.h"

#define N_IMPORTED 120
#define FOREST_NAME "สำนักงานป่าไม้จังหวัดลำปาง"
#define FOREST_Q "%E0%B8%9B%E0%B9%88%E0%B8%B2%E0%B9%84%E0%B8%A1%E0%B9%89" /* ป่าไม้ */

/* Import P001..P120 (P077 named FOREST_NAME) beside the harness's A01 and A02: 122 agencies. */
static void import_agencies(struct webtest *t)
{
	struct oi_agency *list = calloc(N_IMPORTED, sizeof *list);
	struct oi_error err;

	assert_non_null(list);
	for (int i = 0; i < N_IMPORTED; i++) {
		snprintf(list[i].code, sizeof list[i].code, "P%03d", i + 1);
		if (i + 1 == 77)
			snprintf(list[i].name, sizeof list[i].name, "%s", FOREST_NAME);
		else
			snprintf(list[i].name, sizeof list[i].name, "หน่วยงานทดสอบ %d", i + 1);
		snprintf(list[i].province, sizeof list[i].province, "ลำปาง");
	}
	if (oi_store_agency_import(t->st, list, N_IMPORTED, &err) ||
	    oi_store_participation_ensure_all(t->st, t->assessment.id, &err))
		fail_msg("import: %s", err.message);
	free(list);
}

struct list_page {
	const char *path;      /* the route */
	const char *row;       /* what begins each row of the list; NULL: rows only on problems */
};

static const struct list_page pages[] = {
	{"/admin/plans", "<tr><th scope=\"row\"><a href=\"/agency/"},
	{"/admin/oit", "<tr><th scope=\"row\"><a href=\"/admin/oit/"},
	{"/review", "<tr><th scope=\"row\"><a href=\"/review/"},
	{"/evidence", NULL},
};

/* The target path?query into buf. */
static const char *target(char *buf, size_t size, const char *path, const char *query)
{
	snprintf(buf, size, "%s%s%s", path, *query ? "?" : "", query);
	return buf;
}

/* The body holds before, path and after in a row, or the test fails. */
static void expect_in(const char *body, const char *before, const char *path, const char *after)
{
	char want[256];

	snprintf(want, sizeof want, "%s%s%s", before, path, after);
	if (!strstr(body, want))
		fail_msg("%s: missing %s", path, want);
}

static void admin_lists_are_paged(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char url[256];

	import_agencies(t);
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		const struct list_page *pg = &pages[i];

		/* page 1 of 3 */
		webtest_expect(t, "GET", pg->path, NULL, "admin", 200, &r);
		if (pg->row)
			assert_int_equal(webtest_count(r.body, pg->row), 50);
		assert_non_null(strstr(r.body, "หน่วยงาน 1–50 จาก 122"));
		assert_non_null(strstr(r.body, "หน้า 1 จาก 3"));
		expect_in(r.body, "<a aria-current=\"page\" href=\"", pg->path, "\"><strong>1</strong>");
		expect_in(r.body, "href=\"", pg->path, "?page=2\">2</a>");
		expect_in(r.body, "href=\"", pg->path, "?page=3\">3</a>");
		expect_in(r.body, "href=\"", pg->path, "?page=2\">ถัดไป ›</a>");
		assert_null(strstr(r.body, "ก่อนหน้า"));
		/* the filter form */
		expect_in(r.body, "<form method=\"get\" action=\"", pg->path, "\" role=\"search\"");
		assert_non_null(strstr(r.body, "<label for=\"f-q\">ค้นหาหน่วยงาน (รหัสหรือชื่อ)</label>"));
		webtest_res_free(&r);

		/* page 3: the last 22, a link back and to the first */
		webtest_expect(t, "GET", target(url, sizeof url, pg->path, "page=3"), NULL, "admin",
			       200, &r);
		if (pg->row)
			assert_int_equal(webtest_count(r.body, pg->row), 22);
		assert_non_null(strstr(r.body, "หน่วยงาน 101–122 จาก 122"));
		expect_in(r.body, "href=\"", pg->path, "?page=2\">‹ ก่อนหน้า</a>");
		expect_in(r.body, "href=\"", pg->path, "\">1</a>");
		assert_null(strstr(r.body, "ถัดไป"));
		if (pg->row)
			assert_non_null(strstr(r.body, "P120"));
		webtest_res_free(&r);

		/* beyond the last page: the last page, as on /national */
		webtest_expect(t, "GET", target(url, sizeof url, pg->path, "page=99"), NULL, "admin",
			       200, &r);
		assert_non_null(strstr(r.body, "หน่วยงาน 101–122 จาก 122"));
		webtest_res_free(&r);

		/* bad page numbers: 400 with the dashboard's Thai message */
		webtest_expect(t, "GET", target(url, sizeof url, pg->path, "page=0"), NULL, "admin",
			       400, &r);
		assert_non_null(strstr(r.body, "หมายเลขหน้า (page) ต้องเป็นจำนวนเต็ม"));
		webtest_res_free(&r);
		webtest_expect_status(t, "GET", target(url, sizeof url, pg->path, "page=abc"), NULL,
				      "admin", 400);
		webtest_expect_status(t, "GET", target(url, sizeof url, pg->path, "page=-1"), NULL,
				      "admin", 400);

		/* ?q= by code (any case, spaces trimmed): one agency, no paging links */
		webtest_expect(t, "GET", target(url, sizeof url, pg->path, "q=+p077+"), NULL, "admin",
			       200, &r);
		if (pg->row)
			assert_int_equal(webtest_count(r.body, pg->row), 1);
		assert_non_null(strstr(r.body, "หน่วยงาน 1–1 จาก 1"));
		assert_null(strstr(r.body, "class=\"pagination\""));
		assert_non_null(strstr(r.body, "name=\"q\" maxlength=\"200\" value=\"p077\""));
		webtest_res_free(&r);

		/* ?q= by a fragment of the Thai name */
		webtest_expect(t, "GET", target(url, sizeof url, pg->path, "q=" FOREST_Q), NULL,
			       "admin", 200, &r);
		if (pg->row) {
			assert_int_equal(webtest_count(r.body, pg->row), 1);
			assert_non_null(strstr(r.body, FOREST_NAME));
		}
		assert_non_null(strstr(r.body, "หน่วยงาน 1–1 จาก 1"));
		webtest_res_free(&r);

		/* a filter that matches more than a page: the links keep it */
		webtest_expect(t, "GET", target(url, sizeof url, pg->path, "q=P"), NULL, "admin",
			       200, &r);
		assert_non_null(strstr(r.body, "หน่วยงาน 1–50 จาก 120"));
		expect_in(r.body, "href=\"", pg->path, "?q=P&amp;page=3\">3</a>");
		webtest_res_free(&r);

		/* nothing found */
		webtest_expect(t, "GET", target(url, sizeof url, pg->path, "q=ZZZ"), NULL, "admin",
			       200, &r);
		assert_non_null(strstr(r.body, "ไม่พบหน่วยงานตามคำค้น"));
		if (pg->row)
			assert_int_equal(webtest_count(r.body, pg->row), 0);
		webtest_res_free(&r);
	}
}

/* An assessor's /review pages the agencies assigned to them, and only those. */
static void assessor_review_is_paged_over_assignments(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_user assessor, admin;
	struct oi_agency a;
	struct oi_error err;
	char code[16];
	const char *row = "<tr><th scope=\"row\"><a href=\"/review/";
	const char *remove = "name=\"action\" value=\"remove\"";

	import_agencies(t);
	if (oi_store_user_by_name(t->st, "assessor", &assessor, &err) ||
	    oi_store_user_by_name(t->st, "admin", &admin, &err))
		fail_msg("%s", err.message);
	for (int i = 1; i <= 60; i++) {     /* P001..P060: two pages */
		snprintf(code, sizeof code, "P%03d", i);
		if (oi_store_agency_by_code(t->st, code, &a, &err) ||
		    oi_store_assignment_add(t->st, t->assessment.id, assessor.id, a.id, admin.id,
					    &err))
			fail_msg("%s", err.message);
	}
	webtest_expect(t, "GET", "/review", NULL, "assessor", 200, &r);
	assert_int_equal(webtest_count(r.body, row), 50);
	assert_non_null(strstr(r.body, "หน่วยงาน 1–50 จาก 60"));
	assert_non_null(strstr(r.body, "href=\"/review?page=2\">ถัดไป ›</a>"));
	webtest_res_free(&r);

	webtest_expect(t, "GET", "/review?page=2", NULL, "assessor", 200, &r);
	assert_int_equal(webtest_count(r.body, row), 10);
	assert_non_null(strstr(r.body, "หน่วยงาน 51–60 จาก 60"));
	webtest_res_free(&r);

	/* the filter does not reach agencies not assigned */
	webtest_expect(t, "GET", "/review?q=P077", NULL, "assessor", 200, &r);
	assert_int_equal(webtest_count(r.body, row), 0);
	assert_non_null(strstr(r.body, "ไม่พบหน่วยงานตามคำค้น"));
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/review?q=P042", NULL, "assessor", 200, &r);
	assert_int_equal(webtest_count(r.body, row), 1);
	webtest_res_free(&r);

	/* /admin/assignments: the 60 assignments 50 a page; the codes offered follow the filter */
	webtest_expect(t, "GET", "/admin/assignments", NULL, "admin", 200, &r);
	assert_int_equal(webtest_count(r.body, remove), 50);
	assert_int_equal(webtest_count(r.body, "<option value=\"P"), 48); /* A01, A02 first */
	assert_non_null(strstr(r.body, "หน่วยงาน 1–50 จาก 60"));
	assert_non_null(strstr(r.body, "href=\"/admin/assignments?page=2\">ถัดไป ›</a>"));
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/admin/assignments?page=2", NULL, "admin", 200, &r);
	assert_int_equal(webtest_count(r.body, remove), 10);
	assert_non_null(strstr(r.body, "หน่วยงาน 51–60 จาก 60"));
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/admin/assignments?q=" FOREST_Q, NULL, "admin", 200, &r);
	assert_int_equal(webtest_count(r.body, remove), 0);          /* P077 is not assigned */
	assert_non_null(strstr(r.body, "<option value=\"P077\">" FOREST_NAME "</option>"));
	assert_int_equal(webtest_count(r.body, "<option value=\"P"), 1);
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/admin/assignments?q=p042", NULL, "admin", 200, &r);
	assert_int_equal(webtest_count(r.body, remove), 1);
	assert_non_null(strstr(r.body, "หน่วยงาน 1–1 จาก 1"));
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/admin/assignments?page=x", NULL, "admin", 400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		webtest_unit_test(admin_lists_are_paged),
		webtest_unit_test(assessor_review_is_paged_over_assignments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
