/*
 * test_admin.c — the administrator's pages (src/web/admin.c) and the agency checks they use
 * (src/web/agency_import.c): opening and editing fiscal years, adding one agency, importing
 * thousands from CSV with every bad row reported and nothing stored, and who may do it.
 */
#include "webtest.h"

#include "agency_import.h"

#define WINDOWS_2569                                                                        \
	"survey_open=2025-11-01&survey_close=2026-01-31&oit_open=2025-11-01"                \
	"&oit_close=2026-02-28&review_open=2026-03-01&review_close=2026-04-15"               \
	"&clarify_open=2026-04-16&clarify_close=2026-04-30&publish_on=2026-09-15"

static size_t assessment_count(struct webtest *t)
{
	struct oi_assessment *list;
	size_t n;
	struct oi_error err;

	if (oi_store_assessment_list(t->st, &list, &n, &err))
		webtest_fail("list", &err);
	free(list);
	return n;
}

static void assessments_page_and_roles(void **state)
{
	struct webtest *t = *state;
	static const char *const others[] = {"a01", "assessor", "viewer"};
	struct webtest_res r;

	webtest_request(t, "GET", "/admin/assessments", NULL, NULL, 0, "admin", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<th scope=\"row\">2568</th>"));
	assert_non_null(strstr(r.body, "1 ม.ค. 2568 – 31 มี.ค. 2568"));
	assert_non_null(strstr(r.body, "<option value=\"ita-2565\""));
	assert_non_null(strstr(r.body, "name=\"survey_open\""));
	assert_non_null(strstr(r.body, "name=\"publish_on\""));
	assert_non_null(strstr(r.body, "<legend>"));
	webtest_res_free(&r);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		webtest_expect_status(t, "GET", "/admin/assessments", NULL, others[i], 403);
		webtest_expect_status(t, "POST", "/admin/assessments",
				      "fiscal_year=2569&framework=ita-2565&" WINDOWS_2569,
				      others[i], 403);
		webtest_expect_status(t, "GET", "/admin/agencies/new", NULL, others[i], 403);
		webtest_expect_status(t, "POST", "/admin/agencies", "code=Z1&name=x", others[i],
				      403);
		webtest_expect_status(t, "GET", "/admin/agencies/import", NULL, others[i], 403);
		webtest_expect_status(t, "POST", "/admin/agencies/import",
				      "csv=code%2Cname%0AZ1%2Cx%0A", others[i], 403);
	}
	assert_int_equal(assessment_count(t), 1);
	assert_int_equal(oi_store_agency_count(t->st), 2);
}

static void open_a_year(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_assessment cur;
	struct oi_participation p;
	struct oi_error err;

	webtest_request(t, "POST", "/admin/assessments", NULL,
			"fiscal_year=2569&framework=ita-2568&" WINDOWS_2569, 0, "admin", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/admin/assessments?created=2569");
	webtest_res_free(&r);
	assert_int_equal(assessment_count(t), 2);
	assert_int_equal(oi_store_assessment_current(t->st, &cur, &err), 0);
	assert_int_equal(cur.fiscal_year, 2569);
	assert_string_equal(cur.framework_id, "ita-2568");
	assert_string_equal(cur.survey_open, "2025-11-01");
	assert_string_equal(cur.clarify_close, "2026-04-30");
	assert_string_equal(cur.publish_on, "2026-09-15");
	/* every agency takes part, with its own links */
	assert_int_equal(oi_store_participation_get(t->st, cur.id, t->a01.id, &p, &err), 0);
	assert_int_equal(p.staff_population, -1);
	assert_true(strcmp(p.iit_token, t->p01.iit_token) != 0);
	assert_int_equal(oi_store_participation_get(t->st, cur.id, t->a02.id, &p, &err), 0);

	webtest_request(t, "GET", "/admin/assessments?created=2569", NULL, NULL, 0, "admin", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "เปิดปีงบประมาณ 2569 แล้ว"));
	assert_non_null(strstr(r.body, "<th scope=\"row\">2569</th>"));
	webtest_res_free(&r);

	/* the agency page now shows the new year (agency.c linked in by name: routes.c refers
	 * to its table weakly) */
	assert_non_null(web_routes_agency[0].pattern);
	webtest_request(t, "GET", "/agency/A01", NULL, NULL, 0, "a01", &r);
	if (r.status != 200)
		fail_msg("status %d: %s", r.status, r.body);
	assert_non_null(strstr(r.body, "ปีงบประมาณ 2569"));
	webtest_res_free(&r);
}

static void duplicate_year_refused(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_request(t, "POST", "/admin/assessments", NULL,
			"fiscal_year=2568&framework=ita-2565&" WINDOWS_2569, 0, "admin", &r);
	assert_int_equal(r.status, 409);
	assert_non_null(strstr(r.body, "ปีงบประมาณ 2568 เปิดไว้แล้ว"));
	assert_non_null(strstr(r.body, "value=\"2025-11-01\""));   /* the form comes back */
	webtest_res_free(&r);
	assert_int_equal(assessment_count(t), 1);
}

static void bad_assessment_forms(void **state)
{
	struct webtest *t = *state;
	static const struct {
		const char *body, *want;
	} cases[] = {
		{"fiscal_year=2569&framework=ita-2565&survey_open=2025-02-30&survey_close=2026-01-31"
		 "&oit_open=2025-11-01&oit_close=2026-02-28&review_open=2026-03-01"
		 "&review_close=2026-04-15&clarify_open=2026-04-16&clarify_close=2026-04-30"
		 "&publish_on=2026-09-15",
		 "วันเปิดรับแบบสำรวจ IIT/EIT: &quot;2025-02-30&quot; ไม่ใช่วันที่ที่ถูกต้อง"},
		{"fiscal_year=2569&framework=ita-2565&survey_open=2026-02-01&survey_close=2026-01-31"
		 "&oit_open=2025-11-01&oit_close=2026-02-28&review_open=2026-03-01"
		 "&review_close=2026-04-15&clarify_open=2026-04-16&clarify_close=2026-04-30"
		 "&publish_on=2026-09-15",
		 "วันปิดรับแบบสำรวจ IIT/EIT (2026-01-31) ต้องไม่ก่อนวันเปิดรับแบบสำรวจ IIT/EIT"},
		{"fiscal_year=2569&framework=ita-2565&survey_open=2025-11-01&survey_close=2026-01-31"
		 "&oit_open=2025-11-01&oit_close=2026-02-28&review_open=2026-03-01"
		 "&review_close=2026-02-15&clarify_open=2026-04-16&clarify_close=2026-04-30"
		 "&publish_on=2026-09-15",
		 "วันสิ้นสุดการตรวจ OIT ของผู้ประเมิน (2026-02-15) ต้องไม่ก่อน"},
		{"fiscal_year=2569&framework=ita-2565&survey_open=2025-11-01&survey_close=2026-01-31"
		 "&oit_open=2025-11-01&oit_close=2026-02-28&review_open=2026-03-01"
		 "&review_close=2026-04-15&clarify_open=2026-04-16&clarify_close=2026-04-30"
		 "&publish_on=15%2F09%2F2026",
		 "วันประกาศผล: &quot;15/09/2026&quot; ไม่ใช่วันที่ที่ถูกต้อง"},
		{"fiscal_year=2569&framework=ita-2565&survey_open=2025-11-01",
		 "วันปิดส่งข้อมูล OIT: ยังไม่ได้กรอกวันที่"},
		{"fiscal_year=abc&framework=ita-2565&" WINDOWS_2569,
		 "ปีงบประมาณ (พ.ศ.): &quot;abc&quot; ต้องเป็นตัวเลขปีพุทธศักราช 2500 ถึง 2700"},
		{"fiscal_year=2025&framework=ita-2565&" WINDOWS_2569, "2500 ถึง 2700"},
		{"fiscal_year=2701&framework=ita-2565&" WINDOWS_2569, "2500 ถึง 2700"},
		{"fiscal_year=&framework=ita-2565&" WINDOWS_2569, "ปีงบประมาณ (พ.ศ.): ยังไม่ได้กรอก"},
		{"fiscal_year=2569&framework=ita-9999&" WINDOWS_2569,
		 "กรอบการประเมิน: &quot;ita-9999&quot; ไม่มีในระบบ"},
		{"fiscal_year=2569&" WINDOWS_2569, "กรอบการประเมิน"},
	};
	struct webtest_res r;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		webtest_request(t, "POST", "/admin/assessments", NULL, cases[i].body, 0, "admin",
				&r);
		if (r.status != 422 || !strstr(r.body, cases[i].want))
			fail_msg("case %zu: status %d, want \"%s\"", i, r.status, cases[i].want);
		assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
		webtest_res_free(&r);
		assert_int_equal(assessment_count(t), 1);
	}
	/* every problem at once */
	webtest_request(t, "POST", "/admin/assessments", NULL,
			"fiscal_year=1&framework=x&survey_open=x", 0, "admin", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "ปีงบประมาณ (พ.ศ.)"));
	assert_non_null(strstr(r.body, "กรอบการประเมิน: &quot;x&quot;"));
	assert_non_null(strstr(r.body, "วันเปิดรับแบบสำรวจ IIT/EIT: &quot;x&quot;"));
	assert_non_null(strstr(r.body, "วันประกาศผล: ยังไม่ได้กรอกวันที่"));
	webtest_res_free(&r);
}

static void edit_windows(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_assessment a;
	struct oi_error err;
	char path[64];

	snprintf(path, sizeof path, "/admin/assessments/%ld", t->assessment.id);
	webtest_request(t, "POST", path, NULL,
			"survey_open=2025-01-01&survey_close=2025-04-15&oit_open=2025-01-01"
			"&oit_close=2025-04-30&review_open=2025-05-01&review_close=2025-06-15"
			"&clarify_open=2025-06-16&clarify_close=2025-06-30&publish_on=2025-09-30",
			0, "admin", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/admin/assessments?updated=2568");
	webtest_res_free(&r);
	assert_int_equal(oi_store_assessment_by_id(t->st, t->assessment.id, &a, &err), 0);
	assert_string_equal(a.survey_close, "2025-04-15");
	assert_string_equal(a.publish_on, "2025-09-30");
	assert_int_equal(a.fiscal_year, 2568);
	assert_string_equal(a.framework_id, "ita-2565");

	/* a bad edit changes nothing and reopens that year's form with the message */
	webtest_request(t, "POST", path, NULL,
			"survey_open=2025-05-01&survey_close=2025-04-15&oit_open=2025-01-01"
			"&oit_close=2025-04-30&review_open=2025-05-01&review_close=2025-06-15"
			"&clarify_open=2025-06-16&clarify_close=2025-06-30&publish_on=2025-13-30",
			0, "admin", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "ต้องไม่ก่อนวันเปิดรับแบบสำรวจ IIT/EIT"));
	assert_non_null(strstr(r.body, "วันประกาศผล: &quot;2025-13-30&quot;"));
	assert_non_null(strstr(r.body, "<details class=\"no-print\" open>"));
	webtest_res_free(&r);
	assert_int_equal(oi_store_assessment_by_id(t->st, t->assessment.id, &a, &err), 0);
	assert_string_equal(a.survey_open, "2025-01-01");
	assert_string_equal(a.publish_on, "2025-09-30");

	webtest_expect_status(t, "POST", "/admin/assessments/999999", WINDOWS_2569, "admin", 404);
	webtest_expect_status(t, "POST", "/admin/assessments/x1", WINDOWS_2569, "admin", 404);
	webtest_expect_status(t, "POST", path, WINDOWS_2569, "a01", 403);
}

static void add_one_agency(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_agency a;
	struct oi_participation p;
	struct oi_error err;

	webtest_request(t, "GET", "/admin/agencies/new", NULL, NULL, 0, "admin", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "name=\"code\""));
	assert_non_null(strstr(r.body, "<label for=\"f-name\">"));
	webtest_res_free(&r);

	webtest_request(t, "POST", "/admin/agencies", NULL,
			"code=A03.x_1-2&name=%E0%B8%81%E0%B8%A3%E0%B8%A1%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A"
			"&type=%E0%B8%81%E0%B8%A3%E0%B8%A1&province=&parent=A01",
			0, "admin", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/admin/agencies/new?added=A03.x_1-2");
	webtest_res_free(&r);
	assert_int_equal(oi_store_agency_by_code(t->st, "A03.x_1-2", &a, &err), 0);
	assert_string_equal(a.name, "กรมทดสอบ");
	assert_string_equal(a.type, "กรม");
	assert_string_equal(a.parent_code, "A01");
	assert_int_equal(oi_store_participation_get(t->st, t->assessment.id, a.id, &p, &err), 0);
	assert_int_equal(oi_store_agency_count(t->st), 3);

	webtest_request(t, "GET", "/admin/agencies/new?added=A03.x_1-2", NULL, NULL, 0, "admin",
			&r);
	assert_non_null(strstr(r.body, "เพิ่มหน่วยงาน A03.x_1-2 แล้ว"));
	assert_non_null(strstr(r.body, "href=\"/agency/A03.x_1-2\""));
	webtest_res_free(&r);

	/* refused: each names its field, and nothing is added */
	{
		static const struct {
			const char *body, *want;
		} cases[] = {
			{"code=A04&name=", "ชื่อหน่วยงาน (name) ว่าง"},
			{"code=&name=x", "รหัสหน่วยงาน (code) ว่าง"},
			{"code=A+04&name=x", "รหัสหน่วยงาน (code) &quot;A 04&quot; ไม่ถูกต้อง"},
			{"code=%E0%B8%81&name=x", "ไม่ถูกต้อง"},
			{"code=A0123456789012345678901234567890&name=x", "1–30 ตัวอักษร"},
			{"code=A01&name=x", "รหัสหน่วยงาน (code) &quot;A01&quot; มีอยู่ในระบบแล้ว"},
			{"code=A04&name=x&parent=NOPE", "หน่วยงานแม่ (parent) &quot;NOPE&quot; ไม่มีในระบบ"},
			{"code=A04&name=x&parent=A04", "ต้องไม่ใช่หน่วยงานเดียวกัน"},
			{"code=A04&name=x&parent=a+b", "ไม่ใช่รหัสหน่วยงานที่ถูกต้อง"},
			{"code=A04&name=a%0Ab", "อักขระควบคุม"},
		};

		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			webtest_request(t, "POST", "/admin/agencies", NULL, cases[i].body, 0,
					"admin", &r);
			if (r.status != 422 || !strstr(r.body, cases[i].want))
				fail_msg("case %zu: status %d, want \"%s\"", i, r.status,
					 cases[i].want);
			assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
			webtest_res_free(&r);
			assert_int_equal(oi_store_agency_count(t->st), 3);
		}
	}
	/* a name of 256 bytes is one too many */
	{
		char body[400];

		memcpy(body, "code=A05&name=", 14);
		memset(body + 14, 'n', 256);
		body[14 + 256] = '\0';
		webtest_request(t, "POST", "/admin/agencies", NULL, body, 0, "admin", &r);
		assert_int_equal(r.status, 422);
		assert_non_null(strstr(r.body, "ยาว 256 ไบต์ เกิน 255 ไบต์"));
		webtest_res_free(&r);
		body[14 + 255] = '\0';
		webtest_expect_status(t, "POST", "/admin/agencies", body, "admin", 303);
	}
}

/* A multipart body with the admin's CSRF field and the CSV as the file part "file". */
static char *multipart(const char *csv, size_t csv_len, size_t *len)
{
	static const char tail[] = "\r\n--BOUNDARYxyz--\r\n";
	char head[512], csrf[OI_TOKEN_MAX];
	size_t hlen;
	char *body;

	hlen = (size_t)snprintf(head, sizeof head,
				"--BOUNDARYxyz\r\nContent-Disposition: form-data; name=\"csrf\""
				"\r\n\r\n%s\r\n--BOUNDARYxyz\r\nContent-Disposition: form-data; "
				"name=\"file\"; filename=\"agencies.csv\"\r\nContent-Type: text/csv"
				"\r\n\r\n",
				webtest_csrf("admin", csrf, sizeof csrf));
	body = malloc(hlen + csv_len + sizeof tail);
	memcpy(body, head, hlen);
	memcpy(body + hlen, csv, csv_len);
	memcpy(body + hlen + csv_len, tail, sizeof tail);
	*len = hlen + csv_len + sizeof tail - 1;
	return body;
}

#define MULTIPART_TYPE "multipart/form-data; boundary=BOUNDARYxyz"

static void import_three_thousand(void **state)
{
	struct webtest *t = *state;
	struct buf csv;
	struct webtest_res r;
	struct oi_agency a;
	struct oi_participation p;
	struct oi_error err;
	char *body;
	size_t len;

	buf_init(&csv, 4u << 20);
	buf_puts(&csv, "\xEF\xBB\xBF" "code,name,type,province,parent\r\n");
	for (int i = 1; i <= 3000; i++) {
		/* every 10th row's parent comes later in the file; every 7th is under A01 */
		char parent[16] = "";

		if (i % 10 == 0 && i < 3000)
			snprintf(parent, sizeof parent, "B%05d", i + 1);
		else if (i % 7 == 0)
			snprintf(parent, sizeof parent, "A01");
		buf_printf(&csv, "B%05d,\"องค์การบริหารส่วนตำบลทดสอบ %d, สาขา \"\"%d\"\"\",อบต.,"
				 "จังหวัดทดสอบ,%s\r\n",
			   i, i, i % 3, parent);
	}
	assert_false(csv.overflow);
	body = multipart(csv.data, csv.len, &len);
	webtest_request(t, "POST", "/admin/agencies/import", MULTIPART_TYPE, body, len, "admin",
			&r);
	if (r.status != 200)
		fail_msg("status %d: %.2000s", r.status, r.body);
	assert_non_null(strstr(r.body, "นำเข้า 3,000 หน่วยงาน"));
	webtest_res_free(&r);
	free(body);
	buf_release(&csv);

	assert_int_equal(oi_store_agency_count(t->st), 3002);
	assert_int_equal(oi_store_agency_by_code(t->st, "B02999", &a, &err), 0);
	assert_string_equal(a.name, "องค์การบริหารส่วนตำบลทดสอบ 2999, สาขา \"2\"");
	assert_string_equal(a.province, "จังหวัดทดสอบ");
	assert_int_equal(oi_store_agency_by_code(t->st, "B00010", &a, &err), 0);
	assert_string_equal(a.parent_code, "B00011");
	assert_int_equal(oi_store_agency_by_code(t->st, "B00007", &a, &err), 0);
	assert_string_equal(a.parent_code, "A01");
	assert_int_equal(oi_store_participation_get(t->st, t->assessment.id, a.id, &p, &err), 0);

	/* the same file again: every row's code exists now; nothing is added */
	webtest_request(t, "POST", "/admin/agencies/import", NULL,
			"csv=code%2Cname%0AB00001%2Cx%0AB00002%2Cy%0A", 0, "admin", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "บรรทัด 2"));
	assert_non_null(strstr(r.body, "บรรทัด 3"));
	assert_non_null(strstr(r.body, "มีอยู่ในระบบแล้ว"));
	webtest_res_free(&r);
	assert_int_equal(oi_store_agency_count(t->st), 3002);
}

static void import_bad_rows_nothing_stored(void **state)
{
	struct webtest *t = *state;
	static const char csv[] = "code,name,type,province,parent\n"   /* line 1 */
				  "C01,หน่วยงาน 1,,,\n"                 /* 2 */
				  "C02,หน่วยงาน 2,,,C01\n"              /* 3 */
				  "C03,หน่วยงาน 3,,,A02\n"              /* 4 */
				  "C04,,,,\n"                           /* 5: empty name */
				  "C05,หน่วยงาน 5,,,\n"                 /* 6 */
				  "\n"                                   /* 7: blank, skipped */
				  "C06,หน่วยงาน 6,,,\n"                 /* 8 */
				  "C 07,หน่วยงาน 7,,,\n"                /* 9: bad code */
				  "C08,หน่วยงาน 8,,,C01\n";             /* 10 */
	struct webtest_res r;
	char *body;
	size_t len;

	body = multipart(csv, sizeof csv - 1, &len);
	webtest_request(t, "POST", "/admin/agencies/import", MULTIPART_TYPE, body, len, "admin",
			&r);
	free(body);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "<td>บรรทัด 5</td><td>name</td><td>ชื่อหน่วยงาน (name) ว่าง"));
	assert_non_null(strstr(r.body, "<td>บรรทัด 9</td><td>code</td><td>รหัสหน่วยงาน (code) &quot;C 07&quot;"));
	assert_null(strstr(r.body, "บรรทัด 2<"));
	assert_null(strstr(r.body, "บรรทัด 10<"));
	assert_non_null(strstr(r.body, "ยังไม่ได้นำเข้าหน่วยงานใดเลย: พบปัญหา 2 รายการ ใน 2 บรรทัด"));
	webtest_res_free(&r);
	assert_int_equal(oi_store_agency_count(t->st), 2);

	/* the pasted text comes back to be fixed */
	webtest_request(t, "POST", "/admin/agencies/import", NULL,
			"csv=code%2Cname%0AX1%2C%0A", 0, "admin", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "บรรทัด 2"));
	assert_non_null(strstr(r.body, "code,name\nX1,\n</textarea>"));
	webtest_res_free(&r);
	/* neither file nor text */
	webtest_request(t, "POST", "/admin/agencies/import", NULL, "csv=", 0, "admin", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "ยังไม่ได้เลือกไฟล์ CSV"));
	webtest_res_free(&r);
	/* a pasted good file is imported */
	webtest_request(t, "POST", "/admin/agencies/import", NULL,
			"csv=code%2Cname%2Cprovince%0AX1%2Cgood%2C%E0%B8%95%E0%B8%B2%E0%B8%81%0A", 0,
			"admin", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "นำเข้า 1 หน่วยงาน"));
	webtest_res_free(&r);
	assert_int_equal(oi_store_agency_count(t->st), 3);
}

/* The checker itself: one file per kind of problem, and the order of a good file. */
static void import_checks(void **state)
{
	struct webtest *t = *state;
	static const struct {
		const char *csv;
		unsigned long line;
		const char *want;
	} cases[] = {
		{"code,name\nD1,a\nD1,b\n", 3, "\"D1\" ซ้ำกับบรรทัด 2"},
		{"code,name\nA01,a\n", 2, "\"A01\" มีอยู่ในระบบแล้ว"},
		{"code,name\nD1,\n", 2, "ชื่อหน่วยงาน (name) ว่าง"},
		{"code,name\n,x\n", 2, "รหัสหน่วยงาน (code) ว่าง"},
		{"code,name\nD/1,x\n", 2, "\"D/1\" ไม่ถูกต้อง"},
		{"code,name\n D1,x\n", 2, "ไม่ถูกต้อง"},
		{"code,name,parent\nD1,x,NOPE\n", 2, "\"NOPE\" ไม่มีทั้งในไฟล์และในระบบ"},
		{"code,name,parent\nD1,x,D1\n", 2, "ต้องไม่ใช่หน่วยงานเดียวกัน"},
		{"code,name,parent\nD1,x,D2\nD2,y,D1\n", 2, "วงวน"},
		{"code,name,parent\nD1,x\n", 2, "มี 2 ช่อง แต่หัวตารางมี 3 ช่อง"},
		{"code,name\nD1,x,y\n", 2, "มี 3 ช่อง แต่หัวตารางมี 2 ช่อง"},
		{"name,code\nx,D1\n", 1, "หัวตารางต้องขึ้นต้นด้วยคอลัมน์ code,name"},
		{"code,name,colour\nD1,x,red\n", 1, "ไม่รู้จักคอลัมน์ \"colour\""},
		{"code,name,type,type\nD1,x,a,b\n", 1, "คอลัมน์ \"type\" ซ้ำ"},
		{"code,name\n", 1, "ไม่มีแถวหน่วยงาน"},
		{"", 1, "ไฟล์ว่าง"},
		{"code,name\nD1,\"x\n", 2, "อ่านไฟล์ CSV ไม่ได้"},
		{"code,name,province\nD1,x,\"a\nb\"\n", 2, "อักขระควบคุม"},
	};
	struct agency_import imp;
	struct oi_error err;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		bool found = false;

		assert_int_equal(agency_import_check(t->st, "t.csv", cases[i].csv,
						     strlen(cases[i].csv), &imp, &err),
				 0);
		for (size_t k = 0; k < imp.n_problems; k++)
			if (imp.problems[k].line == cases[i].line &&
			    strstr(imp.problems[k].message, cases[i].want))
				found = true;
		if (!found)
			fail_msg("case %zu: no problem at line %lu with \"%s\" (%zu problems, first: "
				 "%lu %s)",
				 i, cases[i].line, cases[i].want, imp.n_problems,
				 imp.n_problems ? imp.problems[0].line : 0,
				 imp.n_problems ? imp.problems[0].message : "");
		assert_int_equal(imp.n, 0);
		agency_import_release(&imp);
	}

	/* a loop reports every row on it; problems come by line */
	{
		static const char csv[] = "code,name,parent\nE1,a,E3\nE2,b,E1\nE3,c,E2\nE4,d,\n";

		assert_int_equal(agency_import_check(t->st, "t.csv", csv, sizeof csv - 1, &imp,
						     &err), 0);
		assert_int_equal(imp.n_problems, 3);
		assert_int_equal(imp.problems[0].line, 2);
		assert_int_equal(imp.problems[1].line, 3);
		assert_int_equal(imp.problems[2].line, 4);
		agency_import_release(&imp);
	}
	/* good: parents before children whatever the file's order */
	{
		static const char csv[] = "code,name,parent,province\n"
					  "F3,c,F2,x\nF2,b,F1,\nF1,a,,\nF0,z,A01,\n";

		assert_int_equal(agency_import_check(t->st, "t.csv", csv, sizeof csv - 1, &imp,
						     &err), 0);
		assert_int_equal(imp.n_problems, 0);
		assert_int_equal(imp.n, 4);
		assert_string_equal(imp.agencies[0].code, "F1");
		assert_string_equal(imp.agencies[1].code, "F0");
		assert_string_equal(imp.agencies[2].code, "F2");
		assert_string_equal(imp.agencies[3].code, "F3");
		assert_string_equal(imp.agencies[3].province, "x");
		assert_string_equal(imp.agencies[3].parent_code, "F2");
		agency_import_release(&imp);
	}
	/* more than 20,000 rows is refused */
	{
		struct buf csv;

		buf_init(&csv, 1u << 20);
		buf_puts(&csv, "code,name\n");
		for (int i = 0; i <= AGENCY_IMPORT_MAX_ROWS; i++)
			buf_printf(&csv, "G%d,n\n", i);
		assert_int_equal(agency_import_check(t->st, "t.csv", csv.data, csv.len, &imp, &err),
				 0);
		assert_true(imp.fatal);
		assert_int_equal(imp.n_problems, 1);
		assert_int_equal(imp.problems[0].line, AGENCY_IMPORT_MAX_ROWS + 2);
		assert_non_null(strstr(imp.problems[0].message, "เกิน 20,000"));
		agency_import_release(&imp);
		buf_release(&csv);
	}
	assert_true(agency_code_valid("A-b_c.9", 7));
	assert_false(agency_code_valid("", 0));
	assert_false(agency_code_valid("a b", 3));
	assert_true(agency_code_valid("123456789012345678901234567890", 30));
	assert_false(agency_code_valid("1234567890123456789012345678901", 31));
}

/* Every admin route is for the NACC administrator only. (Referencing the table also links
 * admin.c in while routes.c refers to it weakly.) */
static void route_table(void **state)
{
	size_t n = 0;

	(void)state;
	for (const struct web_route *r = web_routes_admin; r->pattern; r++, n++) {
		assert_int_equal(r->roles, WEB_ADMIN);
		assert_int_equal(strncmp(r->pattern, "/admin/", 7), 0);
	}
	assert_int_equal(n, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(route_table),
		webtest_unit_test(assessments_page_and_roles),
		webtest_unit_test(open_a_year),
		webtest_unit_test(duplicate_year_refused),
		webtest_unit_test(bad_assessment_forms),
		webtest_unit_test(edit_windows),
		webtest_unit_test(add_one_agency),
		webtest_unit_test(import_three_thousand),
		webtest_unit_test(import_bad_rows_nothing_stored),
		webtest_unit_test(import_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
