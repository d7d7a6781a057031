/*
 * test_auth.c — login, throttling, sessions, CSRF, logout, password change, the dispatcher's
 * 401/303/403/404/405 answers, and the base routes (tests src/web/auth.c, web.c, routes.c).
 */
#include "webtest.h"

static void login_page_sets_double_submit_cookie(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct web_request q;
	struct web_response res;

	/* Without any cookie, the page hands one out and puts the same token in the form. */
	memset(&q, 0, sizeof q);
	q.method = WEB_GET;
	q.path = "/login";
	q.query = "";
	q.now = t->now;
	web_response_init(&res);
	web_handle(t->app, &q, &res);
	assert_int_equal(res.status, 200);
	assert_non_null(strstr(res.body.data, "name=\"csrf\""));
	assert_int_equal(res.n_headers > 0, 1);
	{
		bool found = false;

		for (size_t i = 0; i < res.n_headers; i++)
			if (!strcmp(res.headers[i].name, "Set-Cookie") &&
			    strstr(res.headers[i].value, "oi_pre=") &&
			    strstr(res.headers[i].value, "HttpOnly") &&
			    strstr(res.headers[i].value, "SameSite=Strict"))
				found = true;
		assert_true(found);
	}
	web_response_release(&res);
	webtest_request(t, "GET", "/login", NULL, NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "เข้าสู่ระบบ"));
	webtest_res_free(&r);
}

static void login_success_sets_session_cookie(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_request(t, "POST", "/login", NULL, "username=a01&password=" WEBTEST_PASSWORD, 0,
			NULL, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/agency/A01");
	assert_non_null(strstr(r.set_cookie, "oi_session="));
	assert_non_null(strstr(r.set_cookie, "HttpOnly"));
	assert_non_null(strstr(r.set_cookie, "SameSite=Strict"));
	assert_null(strstr(r.set_cookie, "Secure"));
	webtest_res_free(&r);
	webtest_request(t, "POST", "/login", NULL,
			"username=admin&password=" WEBTEST_PASSWORD "&next=/admin/assessments", 0,
			NULL, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/admin/assessments");
	webtest_res_free(&r);
	/* An open redirect is refused: the user lands at home. */
	webtest_request(t, "POST", "/login", NULL,
			"username=admin&password=" WEBTEST_PASSWORD "&next=//evil.example/x", 0,
			NULL, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/national");
	webtest_res_free(&r);
}

static void secure_cookie_behind_tls(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct web_app *app;
	struct oi_error err;

	t->cfg.secure_cookies = true;
	assert_int_equal(web_app_new(&t->cfg, t->st, &app, &err), 0);
	web_app_free(t->app);
	t->app = app;
	webtest_request(t, "POST", "/login", NULL, "username=a01&password=" WEBTEST_PASSWORD, 0,
			NULL, &r);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(r.set_cookie, "; Secure"));
	webtest_res_free(&r);
}

static void login_failures(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_request(t, "POST", "/login", NULL, "username=a01&password=wrong-password", 0, NULL,
			&r);
	assert_int_equal(r.status, 401);
	assert_non_null(strstr(r.body, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"));
	assert_null(strstr(r.set_cookie, "oi_session="));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/login", "username=nobody&password=wrong-password", NULL,
			      401);
	webtest_expect_status(t, "POST", "/login", "username=&password=", NULL, 422);
	/* A forged double-submit token. */
	webtest_expect_status(t, "POST", "/login",
			      "username=a01&password=" WEBTEST_PASSWORD "&csrf=forged-token", NULL,
			      403);
}

static void login_throttled_after_failures(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	for (int i = 0; i < 5; i++) {
		webtest_expect_status(t, "POST", "/login", "username=a02&password=bad-password-x",
				      NULL, 401);
	}
	/* Now even the right password waits. */
	webtest_request(t, "POST", "/login", NULL, "username=a02&password=" WEBTEST_PASSWORD, 0,
			NULL, &r);
	assert_int_equal(r.status, 429);
	assert_non_null(strstr(r.headers, "Retry-After: "));
	webtest_res_free(&r);
	/* Another network is not throttled. */
	t->remote_addr = "198.51.100.7";
	webtest_expect_status(t, "POST", "/login", "username=a02&password=" WEBTEST_PASSWORD, NULL,
			      303);
	/* After the window the first network may try again. */
	t->remote_addr = "192.0.2.10";
	t->now += 901;
	webtest_expect_status(t, "POST", "/login", "username=a02&password=" WEBTEST_PASSWORD, NULL,
			      303);
}

static void anonymous_and_wrong_role(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_request(t, "GET", "/password", NULL, NULL, 0, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/login?next=%2Fpassword");
	webtest_res_free(&r);
	webtest_request(t, "GET", "/nowhere", NULL, NULL, 0, "admin", &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "ไม่พบหน้าที่ต้องการ"));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/healthz", "", "admin", 405);
	webtest_request(t, "GET", "/", NULL, NULL, 0, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/login");
	webtest_res_free(&r);
	webtest_request(t, "GET", "/", NULL, NULL, 0, "viewer", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/national");
	webtest_res_free(&r);
}

static void password_change(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	struct oi_user u;

	webtest_request(t, "GET", "/password", NULL, NULL, 0, "viewer", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "name=\"csrf\" value=\"csrf-viewer\""));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/password",
			      "current=wrong-current-pw&new=new-pass-56789&confirm=new-pass-56789",
			      "viewer", 422);
	webtest_request(t, "POST", "/password", NULL,
			"current=" WEBTEST_PASSWORD "&new=short&confirm=short", 0, "viewer", &r);
	assert_int_equal(r.status, 422);
	assert_non_null(strstr(r.body, "อย่างน้อย 10"));
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/password",
			      "current=" WEBTEST_PASSWORD "&new=new-pass-56789&confirm=other-pass-5678",
			      "viewer", 422);
	/* A forged CSRF token changes nothing. */
	webtest_expect_status(t, "POST", "/password",
			      "current=" WEBTEST_PASSWORD "&new=new-pass-56789&confirm=new-pass-56789"
			      "&csrf=csrf-admin",
			      "viewer", 403);
	assert_int_equal(oi_store_user_by_name(t->st, "viewer", &u, NULL), 0);
	assert_true(auth_verify_password(u.password_hash, WEBTEST_PASSWORD));
	webtest_expect_status(t, "POST", "/password",
			      "current=" WEBTEST_PASSWORD "&new=new-pass-56789&confirm=new-pass-56789",
			      "viewer", 303);
	assert_int_equal(oi_store_user_by_name(t->st, "viewer", &u, NULL), 0);
	assert_true(auth_verify_password(u.password_hash, "new-pass-56789"));
	assert_false(auth_verify_password(u.password_hash, WEBTEST_PASSWORD));
	/* The session that changed it lives on. */
	webtest_request(t, "GET", "/password?done=1", NULL, NULL, 0, "viewer", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "เปลี่ยนรหัสผ่านแล้ว"));
	webtest_res_free(&r);
}

static void logout_ends_session(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_request(t, "POST", "/logout", NULL, "", 0, "assessor", &r);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/login");
	assert_non_null(strstr(r.set_cookie, "Max-Age=0"));
	webtest_res_free(&r);
	webtest_expect_status(t, "GET", "/password", NULL, "assessor", 303);
}

static void expired_session_is_no_session(void **state)
{
	struct webtest *t = *state;

	t->now += 86400 * 366;
	webtest_expect_status(t, "GET", "/password", NULL, "admin", 303);
}

static void healthz_and_stylesheet(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;

	webtest_request(t, "GET", "/healthz", NULL, NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"status\":\"ok\""));
	assert_non_null(strstr(r.content_type, "application/json"));
	webtest_res_free(&r);
	webtest_request(t, "GET", "/static/app.css", NULL, NULL, 0, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.content_type, "text/css"));
	assert_non_null(strstr(r.body, ":focus-visible"));
	assert_non_null(strstr(r.headers, "X-Content-Type-Options: nosniff"));
	assert_non_null(strstr(r.headers, "Content-Security-Policy: "));
	webtest_res_free(&r);
}

static void bad_bodies(void **state)
{
	struct webtest *t = *state;
	struct webtest_res r;
	size_t big = 9000;
	char *body = malloc(big + 1);

	memset(body, 'x', big);
	body[big] = '\0';
	memcpy(body, "username=", 9);
	webtest_request(t, "POST", "/login", NULL, body, big, NULL, &r);
	assert_int_equal(r.status, 413);
	webtest_res_free(&r);
	free(body);
	webtest_request(t, "POST", "/login", "application/json", "{\"username\":\"a\"}", 0, NULL,
			&r);
	assert_int_equal(r.status, 415);
	webtest_res_free(&r);
	webtest_expect_status(t, "POST", "/login", "username=%FF%FE&password=x", NULL, 400);
	webtest_expect_status(t, "GET", "/login?next=%G0", NULL, NULL, 400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		webtest_unit_test(login_page_sets_double_submit_cookie),
		webtest_unit_test(login_success_sets_session_cookie),
		webtest_unit_test(secure_cookie_behind_tls),
		webtest_unit_test(login_failures),
		webtest_unit_test(login_throttled_after_failures),
		webtest_unit_test(anonymous_and_wrong_role),
		webtest_unit_test(password_change),
		webtest_unit_test(logout_ends_session),
		webtest_unit_test(expired_session_is_no_session),
		webtest_unit_test(healthz_and_stylesheet),
		webtest_unit_test(bad_bodies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
