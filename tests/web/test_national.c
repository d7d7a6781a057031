/*
 * test_national.c — the national dashboard (src/web/national.c) and the list behind it
 * (src/web/export.c): who may see it, counters, filters, sorting, pagination, the CSV export
 * (byte-order mark, RFC 4180 quoting of a Thai name with a comma and a quote, no formulas) and
 * the XLSX export (a zip with the sheet). The last test times the handler on 8,300 agencies and
 * prints the figure (it asserts no time).
 */
#include <time.h>

#include "export.h"
#include "routes.h"
#include "webtest.h"

/* ---- helpers ---- */

/* s percent-encoded into out (for Thai in a test's query string). */
static const char *enc(const char *s, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t k = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p && k + 4 < size; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_') {
			out[k++] = (char)*p;
		} else {
			out[k++] = '%';
			out[k++] = hex[*p >> 4];
			out[k++] = hex[*p & 15];
		}
	}
	out[k] = '\0';
	return out;
}

static void add_agency(struct webtest *t, const char *code, const char *name,
		       const char *type, const char *province, long staff, long service,
		       struct oi_participation *part_out)
{
	struct oi_agency a;
	struct oi_participation p;
	struct oi_error err;

	memset(&a, 0, sizeof a);
	snprintf(a.code, sizeof a.code, "%s", code);
	snprintf(a.name, sizeof a.name, "%s", name);
	snprintf(a.type, sizeof a.type, "%s", type);
	snprintf(a.province, sizeof a.province, "%s", province);
	if (oi_store_agency_add(t->st, &a, &err) ||
	    oi_store_participation_ensure(t->st, t->assessment.id, a.id, &p, &err) ||
	    oi_store_participation_set(t->st, p.id, staff, service, false, &err))
		fail_msg("add agency %s: %s", code, err.message);
	if (part_out)
		*part_out = p;
}

static void set_populations(struct webtest *t, const struct oi_participation *p, long staff,
			    long service)
{
	struct oi_error err;

	if (oi_store_participation_set(t->st, p->id, staff, service, false, &err))
		fail_msg("populations: %s", err.message);
}

/* Position of needle in hay (fails when absent). */
static size_t pos_of(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	if (!p)
		fail_msg("\"%s\" not in the page", needle);
	return (size_t)(p - hay);
}

#define ROW_MARK "<tr><td><a href=\"/agency/"

/* A01: collecting (populations set, few responses); A02: missing populations;
 * B01 reached; B02 collecting; B03 missing. */
static int fixture_setup(void **state)
{
	struct webtest *t;
	struct oi_participation b01;

	if (webtest_cmocka_setup(state))
		return -1;
	t = *state;
	set_populations(t, &t->p01, 40, 300);
	webtest_add_responses(t, t->p01.id, "IIT", 3, "2025-02-10T03", 1);
	add_agency(t, "B01", "เทศบาลตำบลบ้านเหนือ", "เทศบาล", "เชียงใหม่", 10, 5, &b01);
	webtest_add_responses(t, b01.id, "IIT", 10, "2025-02-10T03", 1);
	webtest_add_responses(t, b01.id, "EIT", 5, "2025-02-10T03", 1);
	add_agency(t, "B02", "องค์การบริหารส่วนตำบลขุนยวม", "อบต.", "แม่ฮ่องสอน", 200, 100, NULL);
	add_agency(t, "B03", "กรมทดสอบ", "กรม", "กรุงเทพมหานคร", -1, 50, NULL);
	return 0;
}

#define FIXTURE_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, webtest_cmocka_teardown)

/* ---- tests ---- */

static void test_route_table_listed(void **state)
{
	bool found = false;

	(void)state;
	for (size_t g = 0; g < web_route_group_count; g++)
		if (web_route_groups[g] == web_routes_national)
			found = true;
	assert_true(found);
}

static void test_who_may_see(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_request(t, "GET", "/national", NULL, NULL, 0, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_true(!strncmp(r.location, "/login", 6));
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/national", NULL, "a01", 403);
	webtest_expect_status(t, "GET", "/national/export.csv", NULL, "a01", 403);
	webtest_expect_status(t, "GET", "/national/export.xlsx", NULL, NULL, 303);
	for (const char *const *u = (const char *const[]){"admin", "assessor", "viewer", NULL}; *u;
	     u++) {
		webtest_expect(t, "GET", "/national", NULL, *u, 200, &r);
		webtest_res_free(&r);
	}
}

/* The group answers GET only; a POST with the session's token is refused as a method. */
static void test_post_is_not_a_method(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char body[64], csrf[OI_TOKEN_MAX];

	snprintf(body, sizeof body, "csrf=%s", webtest_csrf("viewer", csrf, sizeof csrf));
	webtest_request(t, "POST", "/national", "application/x-www-form-urlencoded", body, 0,
			"viewer", &r);
	assert_int_equal(r.status, 405);
	webtest_res_free(&r);
}

static void test_list_counters_and_links(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_expect(t, "GET", "/national", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 5);
	assert_non_null(strstr(r.body, "<a href=\"/agency/A01\">A01</a>"));
	assert_non_null(strstr(r.body, "เทศบาลตำบลบ้านเหนือ"));
	/* counters: 5 agencies, 1 reached, 2 collecting, 2 missing populations */
	assert_non_null(strstr(r.body, "<strong class=\"counter\">5</strong> หน่วยงาน"));
	assert_non_null(strstr(r.body, "<strong class=\"counter ok\">1</strong> ครบขั้นต่ำ"));
	assert_non_null(strstr(r.body, "<strong class=\"counter warn\">2</strong> กำลังเก็บ"));
	assert_non_null(strstr(r.body, "<strong class=\"counter bad\">2</strong> ยังไม่กรอก"));
	/* A01: 3 IIT of minimum 30 (10 % of 40, at least 30); EIT 0 of 30 */
	assert_non_null(strstr(r.body, "<td class=\"num\">3 / 30</td><td class=\"num\">0 / 30"));
	/* B01: population 10 → minimum 10 (all), 5 → 5; reached */
	assert_non_null(strstr(r.body, "<td class=\"num\">10 / 10</td><td class=\"num\">5 / 5"));
	/* B03: staff not entered → no minimum shown */
	assert_non_null(strstr(r.body, "<td class=\"num\">0 / –</td>"));
	/* the form, the export links, the default sort announced */
	assert_non_null(strstr(r.body, "<form method=\"get\" action=\"/national\""));
	assert_non_null(strstr(r.body, "<label for=\"f-province\">"));
	assert_non_null(strstr(r.body, "href=\"/national/export.csv\""));
	assert_non_null(strstr(r.body, "href=\"/national/export.xlsx\""));
	assert_non_null(strstr(r.body, "aria-sort=\"ascending\""));
	assert_int_equal(webtest_count(r.body, "aria-sort="), 1);
	/* order by code */
	assert_true(pos_of(r.body, "/agency/A01\"") < pos_of(r.body, "/agency/A02\""));
	assert_true(pos_of(r.body, "/agency/A02\"") < pos_of(r.body, "/agency/B01\""));
	webtest_res_free(&r);
}

static void test_filters(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char target[512], e[256];

	snprintf(target, sizeof target, "/national?province=%s", enc("เชียงใหม่", e, sizeof e));
	webtest_expect(t, "GET", target, NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 2);       /* A02, B01 */
	assert_non_null(strstr(r.body, "/agency/A02\""));
	assert_non_null(strstr(r.body, "/agency/B01\""));
	assert_null(strstr(r.body, "/agency/A01\""));
	/* the chosen province stays selected; the export links carry the filter */
	assert_non_null(strstr(r.body, "<option value=\"เชียงใหม่\" selected>"));
	snprintf(target, sizeof target, "href=\"/national/export.csv?province=%s\"", e);
	assert_non_null(strstr(r.body, target));
	webtest_res_free(&r);

	snprintf(target, sizeof target, "/national?type=%s", enc("กรม", e, sizeof e));
	webtest_expect(t, "GET", target, NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 3);       /* A01, A02, B03 */
	webtest_res_free(&r);

	webtest_expect(t, "GET", "/national?status=missing", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 2);       /* A02, B03 */
	assert_non_null(strstr(r.body, "/agency/B03\""));
	/* counters ignore the status filter: still 5 agencies */
	assert_non_null(strstr(r.body, "<strong class=\"counter\">5</strong>"));
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/national?status=reached", NULL, "admin", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 1);
	assert_non_null(strstr(r.body, "/agency/B01\""));
	webtest_res_free(&r);

	/* text search: code, case-insensitive; Thai name part; trimmed; none */
	webtest_expect(t, "GET", "/national?q=b0", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 3);
	webtest_res_free(&r);
	snprintf(target, sizeof target, "/national?q=%%20%s%%20", enc("ขุนยวม", e, sizeof e));
	webtest_expect(t, "GET", target, NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 1);
	assert_non_null(strstr(r.body, "/agency/B02\""));
	webtest_res_free(&r);
	webtest_expect(t, "GET", "/national?q=nothing-like-this", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 0);
	assert_non_null(strstr(r.body, "ไม่พบหน่วยงานตามเงื่อนไข"));
	webtest_res_free(&r);

	/* combined: province and status */
	snprintf(target, sizeof target, "/national?province=%s&status=collecting",
		 enc("เชียงใหม่", e, sizeof e));
	webtest_expect(t, "GET", target, NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 0);
	webtest_res_free(&r);
}

static void test_sort(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_expect(t, "GET", "/national?sort=code&dir=desc", NULL, "viewer", 200, &r);
	assert_true(pos_of(r.body, "/agency/B03\"") < pos_of(r.body, "/agency/A01\""));
	assert_non_null(strstr(r.body, "aria-sort=\"descending\""));
	webtest_res_free(&r);

	/* names in Thai order: กรมทดสอบ, เทศบาล… (เ sorts by its consonant ท), สำนักงาน…, องค์การ… */
	webtest_expect(t, "GET", "/national?sort=name", NULL, "viewer", 200, &r);
	assert_true(pos_of(r.body, "/agency/B03\"") < pos_of(r.body, "/agency/B01\""));
	assert_true(pos_of(r.body, "/agency/B01\"") < pos_of(r.body, "/agency/A01\""));
	assert_true(pos_of(r.body, "/agency/A02\"") < pos_of(r.body, "/agency/B02\""));
	/* the header of the sorted column links to the other direction, keeping the filter */
	assert_non_null(strstr(r.body, "<th scope=\"col\" aria-sort=\"ascending\"><a href=\""
				       "/national?sort=name&amp;dir=desc\">"));
	webtest_res_free(&r);

	/* IIT by share of the minimum: no minimum (A02, B03) first, then A01 3/30, B02 0/20?
	 * B02 has 0 of 20 → 0 < 0.1; B01 10/10 last */
	webtest_expect(t, "GET", "/national?sort=iit", NULL, "viewer", 200, &r);
	assert_true(pos_of(r.body, "/agency/A02\"") < pos_of(r.body, "/agency/B02\""));
	assert_true(pos_of(r.body, "/agency/B03\"") < pos_of(r.body, "/agency/B02\""));
	assert_true(pos_of(r.body, "/agency/B02\"") < pos_of(r.body, "/agency/A01\""));
	assert_true(pos_of(r.body, "/agency/A01\"") < pos_of(r.body, "/agency/B01\""));
	webtest_res_free(&r);

	webtest_expect(t, "GET", "/national?sort=status&dir=desc", NULL, "viewer", 200, &r);
	assert_true(pos_of(r.body, "/agency/B01\"") < pos_of(r.body, "/agency/A01\""));
	assert_true(pos_of(r.body, "/agency/B02\"") < pos_of(r.body, "/agency/A02\""));
	webtest_res_free(&r);

	/* กรุงเทพฯ before เชียงใหม่ */
	webtest_expect(t, "GET", "/national?sort=province", NULL, "viewer", 200, &r);
	assert_true(pos_of(r.body, "/agency/A01\"") < pos_of(r.body, "/agency/A02\""));
	assert_true(pos_of(r.body, "/agency/B03\"") < pos_of(r.body, "/agency/B01\""));
	webtest_res_free(&r);
}

static void test_thai_order(void **state)
{
	(void)state;
	/* a leading vowel sorts by the consonant after it: เกษตร before ขอนแก่น (bytewise: after) */
	assert_true(agency_text_cmp("เกษตร", "ขอนแก่น") < 0);
	assert_true(strcmp("เกษตร", "ขอนแก่น") > 0);
	assert_true(agency_text_cmp("กา", "เกษตร") < 0);
	assert_true(agency_text_cmp("ไก่", "ขา") < 0);
	/* tone marks count only when all else is equal */
	assert_true(agency_text_cmp("ก่า", "กาก") < 0);
	assert_true(agency_text_cmp("กา", "ก่า") != 0);
	assert_int_equal(agency_text_cmp("สำนักงาน", "สำนักงาน"), 0);
	/* ASCII case folded at the first level */
	assert_true(agency_text_cmp("abc", "ABD") < 0);
	/* malformed bytes do not crash and order deterministically */
	assert_true(agency_text_cmp("\xE0\xB8", "\xE0") > 0);
}

static void test_pagination(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_agency *list = calloc(120, sizeof *list);
	struct oi_error err;

	for (int i = 0; i < 120; i++) {
		snprintf(list[i].code, sizeof list[i].code, "P%03d", i + 1);
		snprintf(list[i].name, sizeof list[i].name, "หน่วยงานทดสอบ %d", i + 1);
		snprintf(list[i].province, sizeof list[i].province, "ลำปาง");
	}
	if (oi_store_agency_import(t->st, list, 120, &err) ||
	    oi_store_participation_ensure_all(t->st, t->assessment.id, &err))
		fail_msg("import: %s", err.message);
	free(list);

	/* 122 agencies: 50 + 50 + 22 */
	webtest_expect(t, "GET", "/national", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 50);
	assert_non_null(strstr(r.body, "แสดงลำดับที่ 1–50 จาก 122 หน่วยงาน"));
	assert_non_null(strstr(r.body, "หน้า 1 จาก 3"));
	assert_non_null(strstr(r.body, "<a aria-current=\"page\" href=\"/national\">"));
	assert_non_null(strstr(r.body, "href=\"/national?page=2\">2</a>"));
	assert_non_null(strstr(r.body, "href=\"/national?page=3\">3</a>"));
	webtest_res_free(&r);

	webtest_expect(t, "GET", "/national?page=3&sort=name&dir=desc", NULL, "viewer", 200,
		       &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 22);
	assert_non_null(strstr(r.body, "แสดงลำดับที่ 101–122 จาก 122"));
	/* page links keep the sort */
	assert_non_null(strstr(r.body, "href=\"/national?sort=name&amp;dir=desc&amp;page=2\""));
	webtest_res_free(&r);

	/* beyond the last page: the last page */
	webtest_expect(t, "GET", "/national?page=99", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 22);
	webtest_res_free(&r);

	/* paging the filtered list: P100..P120 */
	webtest_expect(t, "GET", "/national?q=p1&page=1", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 21);
	assert_null(strstr(r.body, "class=\"pagination\""));
	webtest_res_free(&r);
}

static void test_bad_parameters(void **state)
{
	static const char *const bad[] = {
		"/national?page=-1",     "/national?page=0",       "/national?page=abc",
		"/national?page=1x",     "/national?page=99999999", "/national?sort=bogus",
		"/national?dir=up",      "/national?status=done",  "/national/export.csv?sort=x",
		"/national/export.xlsx?status=x",
	};
	struct webtest *t = *state;
	struct webtest_res r;
	char target[512];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		webtest_request(t, "GET", bad[i], NULL, NULL, 0, "viewer", &r);
		if (r.status != 400)
			fail_msg("%s: %d, not 400", bad[i], r.status);
		assert_non_null(strstr(r.content_type, "text/html"));
		webtest_res_free(&r);
	}
	/* the message names the parameter */
	webtest_request(t, "GET", "/national?sort=bogus", NULL, NULL, 0, "viewer", &r);
	assert_non_null(strstr(r.body, "(sort)"));
	webtest_res_free(&r);
	/* an over-long search */
	snprintf(target, sizeof target, "/national?q=%0*d", 201, 0);
	webtest_expect_status(t, "GET", target, NULL, "viewer", 400);
	/* an unknown province is no error: nothing matches */
	webtest_expect(t, "GET", "/national?province=Atlantis", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, ROW_MARK), 0);
	webtest_res_free(&r);
}

static void test_escaping(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	add_agency(t, "X<1>", "<script>alert(1)</script> & co", "\"type\"", "จังหวัด'", 1, 1,
		   NULL);
	webtest_expect(t, "GET", "/national?q=%3Cscript", NULL, "viewer", 200, &r);
	assert_null(strstr(r.body, "<script>"));
	assert_non_null(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
	assert_non_null(strstr(r.body, "href=\"/agency/X%3C1%3E\""));
	/* the search text is echoed escaped into the form */
	assert_non_null(strstr(r.body, "value=\"&lt;script\""));
	assert_non_null(strstr(r.body, "<option value=\"&quot;type&quot;\">"));
	webtest_res_free(&r);
}

static void test_export_csv(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	char target[512], e[256];

	add_agency(t, "Q01", "สำนักงาน \"ทดสอบ\", สาขาเชียงใหม่", "กรม", "เชียงใหม่", 40, 40,
		   NULL);
	add_agency(t, "Q02", "=HYPERLINK(\"http://x\")", "กรม", "ตาก", 1, 1, NULL);

	webtest_expect(t, "GET", "/national/export.csv", NULL, "assessor", 200, &r);
	assert_string_equal(r.content_type, "text/csv; charset=utf-8");
	assert_non_null(strstr(r.headers, "Content-Disposition: attachment; filename=\""
					  "openita-2568-agencies.csv\""));
	assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
	assert_true(!strncmp(r.body + 3, "รหัสหน่วยงาน,ชื่อหน่วยงาน,ประเภท,จังหวัด,", 40));
	assert_int_equal(webtest_count(r.body, "\r\n"), 1 + 7);
	assert_int_equal(webtest_count(r.body, "\n"), 1 + 7);      /* every line ends CRLF */
	assert_non_null(strstr(r.body, "\r\nQ01,\"สำนักงาน \"\"ทดสอบ\"\", สาขาเชียงใหม่\",กรม,"
				       "เชียงใหม่,40,0,30,40,0,30,กำลังเก็บข้อมูล\r\n"));
	/* a formula is defused */
	assert_non_null(strstr(r.body, "\r\nQ02,\"'=HYPERLINK(\"\"http://x\"\")\",กรม,ตาก,"));
	/* a population not entered is an empty cell; numbers are plain */
	assert_non_null(strstr(r.body, "\r\nB03,กรมทดสอบ,กรม,กรุงเทพมหานคร,,0,,50,0,30,"
				       "ยังไม่กรอกจำนวนประชากร\r\n"));
	assert_non_null(strstr(r.body, "\r\nB01,เทศบาลตำบลบ้านเหนือ,เทศบาล,เชียงใหม่,10,10,10,5,5,5,"
				       "ครบขั้นต่ำ IIT และ EIT\r\n"));
	webtest_res_free(&r);

	/* the export follows the filter and the sort, and ignores the page */
	snprintf(target, sizeof target, "/national/export.csv?province=%s&sort=code&dir=desc"
					"&page=7",
		 enc("เชียงใหม่", e, sizeof e));
	webtest_expect(t, "GET", target, NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, "\r\n"), 1 + 3);    /* Q01, B01, A02 */
	assert_true(pos_of(r.body, "\r\nQ01,") < pos_of(r.body, "\r\nB01,"));
	assert_true(pos_of(r.body, "\r\nB01,") < pos_of(r.body, "\r\nA02,"));
	webtest_res_free(&r);

	/* an empty selection: the header row only */
	webtest_expect(t, "GET", "/national/export.csv?q=zzz", NULL, "viewer", 200, &r);
	assert_int_equal(webtest_count(r.body, "\r\n"), 1);
	webtest_res_free(&r);
}

/* True when the zip's bytes name the file (local headers store names uncompressed). */
static bool zip_has(const struct webtest_res *r, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i + n <= r->len; i++)
		if (!memcmp(r->body + i, name, n))
			return true;
	return false;
}

static void test_export_xlsx(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_expect(t, "GET", "/national/export.xlsx?sort=name", NULL, "admin", 200, &r);
	assert_string_equal(r.content_type,
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_non_null(strstr(r.headers, "filename=\"openita-2568-agencies.xlsx\""));
	assert_true(r.len > 1000);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
	assert_true(zip_has(&r, "xl/worksheets/sheet1.xml"));
	assert_true(zip_has(&r, "xl/workbook.xml"));
	assert_true(zip_has(&r, "xl/styles.xml"));
	webtest_res_free(&r);

	/* an empty selection is still a workbook */
	webtest_expect(t, "GET", "/national/export.xlsx?q=zzz", NULL, "viewer", 200, &r);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
	webtest_res_free(&r);
}

static void test_list_unit(void **state)
{
	struct webtest *t = *state;
	struct agency_list l;
	struct agency_filter f;
	struct oi_error err;
	struct form q = {0};
	const char *problem = NULL;
	size_t first, end;

	assert_int_equal(agency_filter_parse(&q, true, &f, &problem), 0);
	assert_int_equal(f.per_page, AGENCY_PER_PAGE);
	assert_int_equal(f.page, 1);
	assert_int_equal(f.status, -1);
	assert_int_equal(agency_list_load(&l, t->st, t->fw, t->assessment.id, 0, &err), 0);
	assert_int_equal(l.n_rows, 5);
	f.per_page = 2;
	agency_list_select(&l, &f);
	assert_int_equal(l.n_match, 5);
	assert_int_equal(agency_list_pages(&l, 2), 3);
	agency_list_page(&l, 3, 2, &first, &end);
	assert_int_equal(first, 4);
	assert_int_equal(end, 5);
	agency_list_page(&l, 4, 2, &first, &end);
	assert_int_equal(first, end);
	assert_int_equal(l.by_status[AGENCY_REACHED], 1);
	assert_int_equal(l.by_status[AGENCY_COLLECTING], 2);
	assert_int_equal(l.by_status[AGENCY_MISSING], 2);
	agency_list_release(&l);
	/* one agency only */
	assert_int_equal(agency_list_load(&l, t->st, t->fw, t->assessment.id, t->a02.id, &err), 0);
	assert_int_equal(l.n_rows, 1);
	assert_string_equal(l.rows[0].p->agency.code, "A02");
	assert_int_equal(l.rows[0].iit_min, -1);
	agency_list_release(&l);
	assert_int_equal(agency_status_parse("reached"), AGENCY_REACHED);
	assert_int_equal(agency_status_parse("Reached"), -1);
	assert_int_equal(agency_sort_parse("eit"), SORT_EIT);
	assert_int_equal(agency_sort_parse(""), -1);
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* 8,300 agencies: the handler's time is printed, never asserted. */
static void test_national_scale(void **state)
{
	enum { N = 8300 };
	static const char *const provinces[] = {"กรุงเทพมหานคร", "เชียงใหม่", "ขอนแก่น",
						"สงขลา", "ลำปาง", "ตาก", "ภูเก็ต"};
	static const char *const types[] = {"กรม", "เทศบาล", "อบต.", "มหาวิทยาลัย"};
	static const char *const targets[] = {
		"/national", "/national?sort=name&page=80", "/national?sort=iit&dir=desc",
		"/national?q=%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A%201",
		"/national?status=missing&province=%E0%B8%95%E0%B8%B2%E0%B8%81",
		"/national/export.csv", "/national/export.xlsx"};
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_agency *list = calloc(N, sizeof *list);
	struct oi_error err;
	struct timespec t0;

	for (int i = 0; i < N; i++) {
		snprintf(list[i].code, sizeof list[i].code, "N%05d", i);
		snprintf(list[i].name, sizeof list[i].name, "%sหน่วยงานทดสอบ %d",
			 i % 3 ? "" : "เ", (i * 7919) % N);
		snprintf(list[i].province, sizeof list[i].province, "%s", provinces[i % 7]);
		snprintf(list[i].type, sizeof list[i].type, "%s", types[i % 4]);
	}
	if (oi_store_agency_import(t->st, list, N, &err) ||
	    oi_store_participation_ensure_all(t->st, t->assessment.id, &err))
		fail_msg("import: %s", err.message);
	free(list);
	for (int k = 0; k < 3; k++) {   /* the store's share: reading the progress rows */
		struct oi_agency_progress *rows = NULL;
		size_t n = 0;
		double ms;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (oi_store_progress(t->st, t->assessment.id, 0, &rows, &n, &err))
			fail_msg("%s", err.message);
		ms = ms_since(&t0);
		free(rows);
		if (k == 2)
			printf("    %-62s %8.1f ms  (%zu rows)\n", "oi_store_progress alone", ms, n);
	}
	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		double best = 1e9;

		for (int k = 0; k < 3; k++) {
			clock_gettime(CLOCK_MONOTONIC, &t0);
			webtest_request(t, "GET", targets[i], NULL, NULL, 0, "viewer", &r);
			double ms = ms_since(&t0);

			best = ms < best ? ms : best;
			assert_int_equal(r.status, 200);
			if (i == 0)
				assert_int_equal(webtest_count(r.body, ROW_MARK), 50);
			if (k < 2)
				webtest_res_free(&r);
		}
		printf("    %-62s %8.1f ms  (%zu bytes, %d agencies)\n", targets[i], best, r.len,
		       N + 2);
		webtest_res_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_route_table_listed),
		webtest_unit_test(test_who_may_see),
		webtest_unit_test(test_post_is_not_a_method),
		FIXTURE_TEST(test_list_counters_and_links),
		FIXTURE_TEST(test_filters),
		FIXTURE_TEST(test_sort),
		cmocka_unit_test(test_thai_order),
		webtest_unit_test(test_pagination),
		webtest_unit_test(test_bad_parameters),
		webtest_unit_test(test_escaping),
		FIXTURE_TEST(test_export_csv),
		FIXTURE_TEST(test_export_xlsx),
		FIXTURE_TEST(test_list_unit),
		webtest_unit_test(test_national_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
