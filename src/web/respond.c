/*
 * respond.c — what handlers use to answer: headers, redirects, error pages (Thai HTML, or JSON
 * under /api/), JSON and byte bodies, safe file names, form and query lookups, the agency access
 * rules.
 */
#include <string.h>

#include <jansson.h>

#include "html.h"
#include "web.h"

void web_header_add(struct web_ctx *c, const char *name, const char *value)
{
	struct web_response *r = c->res;

	if (r->n_headers == WEB_MAX_HEADERS)
		return;
	r->headers[r->n_headers].name = arena_strdup(c->arena, name);
	r->headers[r->n_headers].value = arena_strdup(c->arena, value);
	r->n_headers++;
}

void web_redirect(struct web_ctx *c, const char *location)
{
	c->res->status = 303;
	web_header_add(c, "Location", location);
	buf_reset(&c->res->body);
}

static const char *status_title_th(int status)
{
	switch (status) {
	case 400: return "คำขอไม่ถูกต้อง";
	case 401: return "ต้องเข้าสู่ระบบก่อน";
	case 403: return "ไม่มีสิทธิ์เข้าถึง";
	case 404: return "ไม่พบหน้าที่ต้องการ";
	case 405: return "ไม่รองรับวิธีการนี้";
	case 409: return "ข้อมูลซ้ำหรือขัดแย้ง";
	case 410: return "ปิดรับแล้ว";
	case 413: return "ข้อมูลที่ส่งมีขนาดใหญ่เกินไป";
	case 415: return "รูปแบบข้อมูลไม่รองรับ";
	case 422: return "ข้อมูลไม่ถูกต้อง";
	case 429: return "ส่งข้อมูลถี่เกินไป";
	default: return status >= 500 ? "ระบบขัดข้อง" : "เกิดข้อผิดพลาด";
	}
}

void web_error(struct web_ctx *c, int status, const char *message_th)
{
	buf_reset(&c->res->body);
	if (c->api) {
		json_t *o = json_pack("{s:s, s:i}", "error", message_th ? message_th : "",
				      "status", status);

		web_json(c, status, o);
		return;
	}
	page_begin(c, status_title_th(status));
	html_raw(&c->res->body, "<h1>");
	html_text(&c->res->body, status_title_th(status));
	html_raw(&c->res->body, "</h1><p class=\"error-message\" role=\"alert\">");
	html_text(&c->res->body, message_th);
	html_raw(&c->res->body, "</p><p><a href=\"/\">กลับหน้าแรก</a></p>");
	page_end(c);
	c->res->status = status;
}

void web_json(struct web_ctx *c, int status, json_t *body)
{
	char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;

	buf_reset(&c->res->body);
	c->res->status = status;
	c->res->content_type = "application/json; charset=utf-8";
	if (text) {
		buf_puts(&c->res->body, text);
		free(text);
	}
	buf_puts(&c->res->body, "\n");
	json_decref(body);
}

void web_bytes(struct web_ctx *c, const char *content_type, const void *data, size_t len,
	       const char *filename)
{
	buf_reset(&c->res->body);
	c->res->status = 200;
	c->res->content_type = arena_strdup(c->arena, content_type);
	if (buf_add(&c->res->body, data, len)) {
		web_error(c, 500, "เอกสารมีขนาดใหญ่เกินกว่าที่ระบบส่งได้");
		return;
	}
	if (filename) {
		struct buf h;

		buf_init(&h, 1024);
		buf_printf(&h, "attachment; filename=\"%s\"", filename);
		web_header_add(c, "Content-Disposition", h.data ? h.data : "attachment");
		buf_release(&h);
	}
}

void web_file_safe(char *dst, size_t size, const char *src)
{
	size_t k = 0;

	for (; *src && k + 1 < size; src++) {
		char ch = *src;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    ch == '-' || ch == '_')
			dst[k++] = ch;
	}
	dst[k] = '\0';
}

const char *web_query(const struct web_ctx *c, const char *name)
{
	return form_get(&c->query, name, NULL);
}

const char *web_field(const struct web_ctx *c, const char *name)
{
	return form_get(&c->form, name, NULL);
}

bool web_may_read_agency(const struct web_ctx *c, long agency_id)
{
	if (!c->session.valid)
		return false;
	if (c->session.user.role == OI_ROLE_AGENCY_ADMIN)
		return c->session.user.agency_id == agency_id;
	return true;
}

bool web_may_write_agency(const struct web_ctx *c, long agency_id)
{
	if (!c->session.valid)
		return false;
	if (c->session.user.role == OI_ROLE_ADMIN)
		return true;
	return c->session.user.role == OI_ROLE_AGENCY_ADMIN &&
	       c->session.user.agency_id == agency_id;
}
