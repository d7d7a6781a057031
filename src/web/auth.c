/*
 * auth.c — accounts in the browser: login with argon2id-hashed passwords (libsodium) and a
 * throttle after repeated failures, session cookies (HttpOnly, SameSite=Strict, Secure behind
 * TLS; only the token's SHA-256 is stored), CSRF tokens, logout and password change.
 *
 * Routes: GET/POST /login, POST /logout, GET/POST /password.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app_int.h"
#include "auth.h"
#include "html.h"

#define THROTTLE_WINDOW 900      /* seconds a run of failures is remembered */

int auth_hash_password(const char *password, char out[OI_HASH_MAX], struct oi_error *err)
{
	size_t len = strlen(password);

	if (len < AUTH_PASSWORD_MIN)
		return oi_error_set(err, "", 0, 0, "รหัสผ่านต้องยาวอย่างน้อย %d ตัวอักษร",
				    AUTH_PASSWORD_MIN);
	if (len > AUTH_PASSWORD_MAX)
		return oi_error_set(err, "", 0, 0, "รหัสผ่านยาวเกิน %d ไบต์", AUTH_PASSWORD_MAX);
	if (sodium_init() < 0 ||
	    crypto_pwhash_str(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return oi_error_set(err, "", 0, 0, "could not hash the password (out of memory)");
	return 0;
}

bool auth_verify_password(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool auth_cookie(const char *header, const char *name, char *out, size_t size)
{
	size_t nlen = strlen(name);
	const char *p = header;

	while (p && *p) {
		while (*p == ' ' || *p == ';')
			p++;
		if (!strncmp(p, name, nlen) && p[nlen] == '=') {
			const char *v = p + nlen + 1;
			size_t vlen = strcspn(v, ";");

			if (vlen >= size)
				return false;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return true;
		}
		p = strchr(p, ';');
	}
	return false;
}

/* A new random token, base64url without padding, of `bytes` random bytes. */
static void random_token(char *out, size_t size, size_t bytes)
{
	unsigned char raw[32];

	randombytes_buf(raw, bytes);
	sodium_bin2base64(out, size, raw, bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_load_session(struct web_ctx *c)
{
	char token[64];

	memset(&c->session, 0, sizeof c->session);
	if (!auth_cookie(c->req->cookie, "oi_session", token, sizeof token) || !token[0])
		return;
	crypto_hash_sha256(c->session.token_hash, (const unsigned char *)token, strlen(token));
	if (oi_store_session_get(web_app_store(c->app), c->session.token_hash,
				 (int64_t)c->req->now, &c->session.user, c->session.csrf,
				 NULL) == 0)
		c->session.valid = true;
}

static bool same_token(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n && n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

bool auth_csrf_ok(struct web_ctx *c)
{
	const char *sent = web_field(c, "csrf");
	char pre[64];

	if (!sent)
		return false;
	if (c->session.valid)
		return same_token(sent, c->session.csrf);
	return auth_cookie(c->req->cookie, "oi_pre", pre, sizeof pre) && same_token(sent, pre);
}

void auth_home(const struct oi_user *u, char *out, size_t size)
{
	if (u->role == OI_ROLE_AGENCY_ADMIN)
		snprintf(out, size, "/agency/%s", u->agency_code);
	else if (u->role == OI_ROLE_ADMIN || u->role == OI_ROLE_ASSESSOR ||
		 u->role == OI_ROLE_VIEWER)
		snprintf(out, size, "/national");
	else
		snprintf(out, size, "/");
}

static void set_cookie(struct web_ctx *c, const char *name, const char *value, long max_age)
{
	char h[256];

	snprintf(h, sizeof h, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%ld%s", name,
		 value, max_age, web_app_config(c->app)->secure_cookies ? "; Secure" : "");
	web_header_add(c, "Set-Cookie", h);
}

/* ---- throttle: failures per (username, network), by keyed hash ---- */

static void throttle_key(struct web_ctx *c, const char *username, unsigned char key[16])
{
	crypto_generichash_state st;
	char net[64];
	const char *addr = c->req->remote_addr ? c->req->remote_addr : "";
	const char *cut = strchr(addr, ':') ? NULL : strrchr(addr, '.');
	size_t n = cut ? (size_t)(cut - addr) : strlen(addr);

	/* IPv4: the /24; IPv6: the address as given (login throttling is per pair anyway). */
	snprintf(net, sizeof net, "%.*s", (int)n, addr);
	crypto_generichash_init(&st, c->app->secret, sizeof c->app->secret, 16);
	crypto_generichash_update(&st, (const unsigned char *)username, strlen(username) + 1);
	crypto_generichash_update(&st, (const unsigned char *)net, strlen(net));
	crypto_generichash_final(&st, key, 16);
}

static struct throttle_slot *throttle_slot(struct web_app *app, const unsigned char key[16])
{
	size_t i = ((size_t)key[0] | (size_t)key[1] << 8) % APP_THROTTLE_SLOTS;

	return &app->throttle[i];
}

/* Seconds the pair must still wait, 0 when it may try. */
static long throttle_wait(struct web_ctx *c, const unsigned char key[16])
{
	struct web_app *app = c->app;
	struct throttle_slot *s;
	long wait = 0;

	pthread_mutex_lock(&app->lock);
	s = throttle_slot(app, key);
	if (!memcmp(s->key, key, 16) && s->failures >= app->cfg.login_failures_max &&
	    c->req->now - s->last_failure < THROTTLE_WINDOW)
		wait = THROTTLE_WINDOW - (long)(c->req->now - s->last_failure);
	pthread_mutex_unlock(&app->lock);
	return wait;
}

static void throttle_note(struct web_ctx *c, const unsigned char key[16], bool failed)
{
	struct web_app *app = c->app;
	struct throttle_slot *s;

	pthread_mutex_lock(&app->lock);
	s = throttle_slot(app, key);
	if (memcmp(s->key, key, 16) || c->req->now - s->last_failure >= THROTTLE_WINDOW) {
		memcpy(s->key, key, 16);
		s->failures = 0;
	}
	if (failed) {
		s->failures++;
		s->last_failure = c->req->now;
	} else {
		s->failures = 0;
	}
	pthread_mutex_unlock(&app->lock);
}

/* ---- pages ---- */

static void login_form(struct web_ctx *c, const char *username, const char *message)
{
	struct buf *b = &c->res->body;
	char pre[64];
	const char *next = web_query(c, "next") ? web_query(c, "next") : web_field(c, "next");

	if (!auth_cookie(c->req->cookie, "oi_pre", pre, sizeof pre) || strlen(pre) < 16) {
		random_token(pre, sizeof pre, 16);
		set_cookie(c, "oi_pre", pre, 86400);
	}
	page_begin(c, "เข้าสู่ระบบ");
	html_raw(b, "<h1>เข้าสู่ระบบ</h1>");
	if (message) {
		html_raw(b, "<p class=\"errors\" role=\"alert\">");
		html_text(b, message);
		html_raw(b, "</p>");
	}
	html_raw(b, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"csrf\" "
		    "value=\"");
	html_attr(b, pre);
	html_raw(b, "\">");
	if (next) {
		html_raw(b, "<input type=\"hidden\" name=\"next\" value=\"");
		html_attr(b, next);
		html_raw(b, "\">");
	}
	html_raw(b, "<label for=\"username\">ชื่อผู้ใช้</label><input type=\"text\" "
		    "id=\"username\" name=\"username\" autocomplete=\"username\" required "
		    "autocapitalize=\"none\" value=\"");
	html_attr(b, username ? username : "");
	html_raw(b, "\"><label for=\"password\">รหัสผ่าน</label><input type=\"password\" "
		    "id=\"password\" name=\"password\" autocomplete=\"current-password\" required>"
		    "<p><button type=\"submit\">เข้าสู่ระบบ</button></p></form>"
		    "<p class=\"notice\">ผู้ตอบแบบสำรวจ IIT และ EIT ไม่ต้องเข้าสู่ระบบ: "
		    "ใช้ลิงก์หรือคิวอาร์โค้ดที่หน่วยงานให้ไว้</p>");
	page_end(c);
}

static void get_login(struct web_ctx *c)
{
	if (c->session.valid) {
		char home[96];

		auth_home(&c->session.user, home, sizeof home);
		web_redirect(c, home);
		return;
	}
	login_form(c, NULL, NULL);
}

/* A local path to go back to after login ("/x", never "//host"). */
static bool safe_next(const char *next)
{
	return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
	       strlen(next) < 512 && !strpbrk(next, "\r\n");
}

/* A hash of a random password: a login for an unknown user takes as long as a wrong
 * password, so timing does not tell which usernames exist. */
static char dummy_hash[OI_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy_hash(void)
{
	char pw[32];

	random_token(pw, sizeof pw, 16);
	if (auth_hash_password(pw, dummy_hash, NULL))
		dummy_hash[0] = '\0';
}

static void post_login(struct web_ctx *c)
{
	const char *username = web_field(c, "username");
	const char *password = web_field(c, "password");
	const char *next = web_field(c, "next");
	unsigned char key[16], raw[32], hash[32];
	char token[64], csrf[OI_TOKEN_MAX], home[96];
	struct oi_user u;
	struct oi_error err;
	long wait;
	bool ok;

	if (!username || !password || !username[0] || !password[0]) {
		c->res->status = 422;
		login_form(c, username, "กรุณากรอกชื่อผู้ใช้และรหัสผ่าน");
		c->res->status = 422;
		return;
	}
	if (strlen(username) >= OI_NAME_MAX || strlen(password) > AUTH_PASSWORD_MAX) {
		login_form(c, NULL, "ชื่อผู้ใช้หรือรหัสผ่านยาวเกินไป");
		c->res->status = 422;
		return;
	}
	throttle_key(c, username, key);
	wait = throttle_wait(c, key);
	if (wait > 0) {
		char msg[256], retry[32];

		snprintf(msg, sizeof msg, "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป กรุณาลองใหม่ในอีก "
			 "%ld นาที", (wait + 59) / 60);
		snprintf(retry, sizeof retry, "%ld", wait);
		login_form(c, username, msg);
		c->res->status = 429;
		web_header_add(c, "Retry-After", retry);
		return;
	}
	if (oi_store_user_by_name(web_app_store(c->app), username, &u, &err) == 0)
		ok = auth_verify_password(u.password_hash, password);
	else {
		pthread_once(&dummy_once, make_dummy_hash);
		auth_verify_password(dummy_hash, password);
		ok = false;
	}
	throttle_note(c, key, !ok);
	if (!ok) {
		login_form(c, username, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
		c->res->status = 401;
		return;
	}
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, sizeof token, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	crypto_hash_sha256(hash, (const unsigned char *)token, strlen(token));
	random_token(csrf, sizeof csrf, 24);
	if (oi_store_session_put(web_app_store(c->app), hash, u.id, csrf,
				 (int64_t)c->req->now + AUTH_SESSION_SECONDS, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	oi_store_audit(web_app_store(c->app), u.id, "login", u.username, NULL);
	auth_home(&u, home, sizeof home);
	web_redirect(c, safe_next(next) ? next : home);
	set_cookie(c, "oi_session", token, AUTH_SESSION_SECONDS);
}

static void post_logout(struct web_ctx *c)
{
	oi_store_session_delete(web_app_store(c->app), c->session.token_hash, NULL);
	web_redirect(c, "/login");
	set_cookie(c, "oi_session", "", 0);
}

static void password_form(struct web_ctx *c, const char *message, bool done)
{
	struct buf *b = &c->res->body;

	page_begin(c, "เปลี่ยนรหัสผ่าน");
	html_raw(b, "<h1>เปลี่ยนรหัสผ่าน</h1>");
	if (done)
		html_raw(b, "<p class=\"notice ok\" role=\"status\">เปลี่ยนรหัสผ่านแล้ว "
			    "การเข้าสู่ระบบจากอุปกรณ์อื่นถูกยกเลิกทั้งหมด</p>");
	if (message) {
		html_raw(b, "<p class=\"errors\" role=\"alert\">");
		html_text(b, message);
		html_raw(b, "</p>");
	}
	html_raw(b, "<form method=\"post\" action=\"/password\">");
	page_csrf(c);
	html_raw(b, "<label for=\"current\">รหัสผ่านปัจจุบัน</label><input type=\"password\" "
		    "id=\"current\" name=\"current\" autocomplete=\"current-password\" required>"
		    "<label for=\"new\">รหัสผ่านใหม่ (อย่างน้อย 10 ตัวอักษร)</label>"
		    "<input type=\"password\" id=\"new\" name=\"new\" autocomplete=\"new-password\" "
		    "required minlength=\"10\"><label for=\"confirm\">ยืนยันรหัสผ่านใหม่</label>"
		    "<input type=\"password\" id=\"confirm\" name=\"confirm\" "
		    "autocomplete=\"new-password\" required minlength=\"10\">"
		    "<p><button type=\"submit\">บันทึกรหัสผ่านใหม่</button></p></form>");
	page_end(c);
}

static void get_password(struct web_ctx *c)
{
	password_form(c, NULL, web_query(c, "done") != NULL);
}

static void post_password(struct web_ctx *c)
{
	const char *current = web_field(c, "current");
	const char *fresh = web_field(c, "new");
	const char *confirm = web_field(c, "confirm");
	char hash[OI_HASH_MAX];
	struct oi_error err;
	struct oi_store *st = web_app_store(c->app);

	if (!current || !fresh || !confirm) {
		password_form(c, "กรุณากรอกให้ครบทั้งสามช่อง", false);
		c->res->status = 422;
		return;
	}
	if (!auth_verify_password(c->session.user.password_hash, current)) {
		password_form(c, "รหัสผ่านปัจจุบันไม่ถูกต้อง", false);
		c->res->status = 422;
		return;
	}
	if (strcmp(fresh, confirm)) {
		password_form(c, "รหัสผ่านใหม่กับการยืนยันไม่ตรงกัน", false);
		c->res->status = 422;
		return;
	}
	if (auth_hash_password(fresh, hash, &err)) {
		password_form(c, err.message, false);
		c->res->status = 422;
		return;
	}
	if (oi_store_user_set_password(st, c->session.user.id, hash, &err) ||
	    oi_store_session_delete_user(st, c->session.user.id, c->session.token_hash, &err)) {
		web_error(c, 500, err.message);
		return;
	}
	oi_store_audit(st, c->session.user.id, "password", c->session.user.username, NULL);
	web_redirect(c, "/password?done=1");
}

const struct web_route web_routes_auth[] = {
	{WEB_GET, "/login", WEB_PUBLIC, get_login, 0},
	{WEB_POST, "/login", WEB_PUBLIC, post_login, 8192},
	{WEB_POST, "/logout", WEB_ANY_USER, post_logout, 8192},
	{WEB_GET, "/password", WEB_ANY_USER, get_password, 0},
	{WEB_POST, "/password", WEB_ANY_USER, post_password, 8192},
	{0, NULL, 0, NULL, 0},
};
