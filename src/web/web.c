/*
 * web.c — the dispatcher: one request in, one response out. Finds the route, loads the
 * session, enforces role and agency, parses the form with its body cap, checks CSRF, runs the
 * handler, adds the security headers every response carries. See web.h for the contract.
 */
#include <string.h>

#include "auth.h"
#include "html.h"
#include "routes.h"
#include "web.h"

void web_response_init(struct web_response *res)
{
	memset(res, 0, sizeof *res);
	buf_init(&res->body, WEB_MAX_RESPONSE);
	arena_init(&res->arena);
}

void web_response_release(struct web_response *res)
{
	buf_release(&res->body);
	arena_release(&res->arena);
}

/* Match path against pattern; fills params. Both start with '/'. */
static bool match(const char *pattern, const char *path, const char **params,
		  struct arena *arena)
{
	size_t np = 0;

	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return false;
		pattern++, path++;
		if (*pattern == ':') {
			size_t seg = strcspn(path, "/");

			if (!seg || np == WEB_MAX_PARAMS)
				return false;
			params[np++] = arena_strndup(arena, path, seg);
			pattern += strcspn(pattern, "/");
			path += seg;
		} else {
			size_t seg = strcspn(pattern, "/");

			if (strncmp(pattern, path, seg) || (path[seg] && path[seg] != '/'))
				return false;
			pattern += seg;
			path += seg;
		}
	}
	return !*pattern && !*path;
}

/* The index of ":agency" among the pattern's parameters, or -1. */
static int agency_param(const char *pattern)
{
	int k = 0;

	for (const char *p = pattern; (p = strchr(p, ':')) != NULL; p++, k++)
		if (!strncmp(p, ":agency", 7) && (p[7] == '/' || !p[7]))
			return k;
	return -1;
}

static const struct web_route *find_route(struct web_ctx *c, bool *path_known)
{
	unsigned m = c->req->method == WEB_HEAD ? WEB_GET : c->req->method;

	*path_known = false;
	for (size_t g = 0; g < web_route_group_count; g++) {
		if (!web_route_groups[g])
			continue;
		for (const struct web_route *r = web_route_groups[g]; r->pattern; r++) {
			const char *params[WEB_MAX_PARAMS] = {0};

			if (!match(r->pattern, c->req->path, params, c->arena))
				continue;
			*path_known = true;
			if (!(r->methods & m))
				continue;
			memcpy(c->params, params, sizeof params);
			return r;
		}
	}
	return NULL;
}

size_t web_body_cap(enum web_method method, const char *path)
{
	unsigned m = method == WEB_HEAD ? WEB_GET : method;
	size_t cap = 64u << 10;
	struct arena scratch;

	arena_init(&scratch);
	for (size_t g = 0; g < web_route_group_count; g++) {
		for (const struct web_route *r = web_route_groups[g]; r && r->pattern; r++) {
			const char *params[WEB_MAX_PARAMS];

			if ((r->methods & m) && match(r->pattern, path, params, &scratch)) {
				cap = r->max_body ? r->max_body : WEB_MAX_BODY;
				goto done;
			}
		}
	}
done:
	arena_release(&scratch);
	return cap;
}

static bool parse_body(struct web_ctx *c, const struct web_route *r)
{
	const struct web_request *q = c->req;
	size_t cap = r->max_body ? r->max_body : WEB_MAX_BODY;
	const char *ct = q->content_type ? q->content_type : "";
	struct oi_error err;
	int rc;

	if (q->body_too_large || q->body_len > cap) {
		web_error(c, 413, "ข้อมูลที่ส่งมีขนาดใหญ่เกินกำหนด");
		return false;
	}
	if (!strncasecmp(ct, "application/x-www-form-urlencoded", 33) || (!*ct && !q->body_len))
		rc = form_parse_urlencoded(c->arena, q->body ? q->body : "", q->body_len,
					   &c->form, &err);
	else if (!strncasecmp(ct, "multipart/form-data", 19))
		rc = form_parse_multipart(c->arena, ct, q->body, q->body_len, &c->form, &err);
	else {
		web_error(c, 415, "รองรับเฉพาะข้อมูลจากแบบฟอร์ม "
				  "(application/x-www-form-urlencoded หรือ multipart/form-data)");
		return false;
	}
	if (rc) {
		web_error(c, 400, err.message);
		return false;
	}
	return true;
}

static void security_headers(struct web_ctx *c)
{
	web_header_add(c, "X-Content-Type-Options", "nosniff");
	web_header_add(c, "X-Frame-Options", "DENY");
	web_header_add(c, "Referrer-Policy", "no-referrer");
	web_header_add(c, "Content-Security-Policy",
		       "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
		       "form-action 'self'; frame-ancestors 'none'");
}

static void dispatch(struct web_ctx *c)
{
	const struct web_request *q = c->req;
	const struct web_route *r;
	struct oi_error err;
	bool path_known;
	int ap;

	c->api = !strncmp(q->path, "/api/", 5);
	if (form_parse_urlencoded(c->arena, q->query ? q->query : "",
				  q->query ? strlen(q->query) : 0, &c->query, &err)) {
		web_error(c, 400, err.message);
		return;
	}
	r = find_route(c, &path_known);
	if (!r) {
		if (path_known)
			web_error(c, 405, "ไม่รองรับวิธีการส่งคำขอนี้สำหรับหน้านี้");
		else
			web_error(c, 404, "ไม่พบหน้าที่ต้องการ ตรวจสอบที่อยู่อีกครั้ง");
		return;
	}
	auth_load_session(c);
	if (r->roles) {
		if (!c->session.valid) {
			if (c->api) {
				web_error(c, 401, "ต้องเข้าสู่ระบบก่อน (session cookie)");
			} else {
				struct buf loc;

				buf_init(&loc, 2048);
				buf_puts(&loc, "/login?next=");
				html_urlencode(&loc, q->path);
				web_redirect(c, loc.overflow || !loc.data ? "/login" : loc.data);
				buf_release(&loc);
			}
			return;
		}
		if (!(r->roles & (1u << c->session.user.role))) {
			web_error(c, 403, "บัญชีนี้ไม่มีสิทธิ์ใช้หน้านี้");
			return;
		}
	}
	ap = agency_param(r->pattern);
	if (ap >= 0) {
		const char *code = c->params[ap];

		if (c->session.valid && c->session.user.role == OI_ROLE_AGENCY_ADMIN &&
		    strcmp(code, c->session.user.agency_code)) {
			web_error(c, 403, "บัญชีนี้ดูแลได้เฉพาะหน่วยงานของตนเอง");
			return;
		}
		if (oi_store_agency_by_code(web_app_store(c->app), code, &c->agency, &err)) {
			web_error(c, 404, "ไม่พบหน่วยงานรหัสนี้");
			return;
		}
	}
	if (q->method == WEB_POST) {
		if (!parse_body(c, r))
			return;
		if (!(r->roles == WEB_PUBLIC && !strncmp(r->pattern, "/s/", 3)) &&
		    !auth_csrf_ok(c)) {
			web_error(c, 403, "แบบฟอร์มหมดอายุหรือไม่ถูกต้อง (CSRF) "
					  "กรุณาโหลดหน้าใหม่แล้วส่งอีกครั้ง");
			return;
		}
	}
	r->handler(c);
}

void web_handle(struct web_app *app, const struct web_request *req, struct web_response *res)
{
	struct web_ctx c;

	memset(&c, 0, sizeof c);
	c.app = app;
	c.req = req;
	c.res = res;
	c.arena = &res->arena;
	dispatch(&c);
	if (!res->status)
		web_error(&c, 500, "ระบบขัดข้อง: หน้านี้ไม่ได้ให้คำตอบ");
	if (res->body.overflow)
		web_error(&c, 500, "คำตอบมีขนาดใหญ่เกินกำหนด");
	if (!res->content_type)
		res->content_type = "text/html; charset=utf-8";
	security_headers(&c);
	if (c.session.valid || c.api)
		web_header_add(&c, "Cache-Control", "no-store");
}
