/*
 * posters.c — the agency's survey posters as PDF or PNG attachments (routes in posters.h).
 *
 * The handler gathers what the poster says — the instrument's title and respondents from the
 * assessment's framework, the agency's name, the fiscal year, the absolute link of the survey —
 * and hands it to poster_render() (src/render/poster.c), which does the drawing.
 */
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "poster.h"
#include "posters.h"

#define POSTER_MAX_BYTES (16u << 20)

/* A Host header we are willing to print on paper: letters, digits, . - : [ ] only. */
static bool host_ok(const char *h)
{
	size_t n = h ? strlen(h) : 0;

	return n > 0 && n <= 260 &&
	       strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == n;
}

void posters_survey_link(const struct web_ctx *c, const char *token, struct buf *out)
{
	buf_puts(out, web_app_config(c->app)->secure_cookies ? "https://" : "http://");
	buf_puts(out, host_ok(c->req->host) ? c->req->host : "localhost");
	buf_puts(out, "/s/");
	buf_puts(out, token);
}

int posters_participation(struct web_ctx *c, struct oi_assessment *as,
			  struct oi_participation *part)
{
	struct oi_store *st = web_app_store(c->app);
	struct oi_error err;
	int rc = oi_store_assessment_current(st, as, &err);

	if (rc == 1) {
		web_error(c, 404, "ยังไม่มีปีการประเมิน จึงยังไม่มีลิงก์แบบวัดของหน่วยงาน");
		return -1;
	}
	if (rc == 0)
		rc = oi_store_participation_get(st, as->id, c->agency.id, part, &err);
	if (rc == 1) {
		web_error(c, 404, "หน่วยงานนี้ยังไม่ได้เข้าร่วมการประเมินปีปัจจุบัน "
				  "จึงยังไม่มีลิงก์แบบวัดของหน่วยงาน");
		return -1;
	}
	if (rc) {
		web_error(c, 500, "ระบบขัดข้อง: อ่านข้อมูลการเข้าร่วมประเมินไม่ได้ "
				  "กรุณาลองใหม่อีกครั้ง");
		return -1;
	}
	return 0;
}

static void poster_get(struct web_ctx *c)
{
	const char *which = c->params[1], *format = web_query(c, "format");
	const struct oi_framework *fw;
	const struct oi_instrument *ins;
	struct oi_assessment as;
	struct oi_participation part;
	struct oi_error err;
	struct poster p;
	struct buf title, link, out;
	enum poster_format fmt;
	char code[8], safe[OI_CODE_MAX], filename[128];
	long idx;

	if (!strcmp(which, "iit"))
		memcpy(code, "IIT", 4);
	else if (!strcmp(which, "eit"))
		memcpy(code, "EIT", 4);
	else {
		web_error(c, 404, "ไม่มีโปสเตอร์ของแบบวัดนี้ (มีเฉพาะ iit และ eit)");
		return;
	}
	if (!format || !*format || !strcmp(format, "pdf"))
		fmt = POSTER_PDF;
	else if (!strcmp(format, "png"))
		fmt = POSTER_PNG;
	else {
		web_error(c, 400, "รูปแบบไฟล์ต้องเป็น pdf หรือ png (format=pdf หรือ format=png)");
		return;
	}
	if (posters_participation(c, &as, &part))
		return;
	fw = web_app_framework(c->app, as.framework_id, &err);
	idx = fw ? oi_framework_find_instrument(fw, code) : -1;
	if (idx < 0) {
		web_error(c, 500, "ระบบขัดข้อง: อ่านข้อมูลแบบวัดไม่ได้ กรุณาลองใหม่อีกครั้ง");
		return;
	}
	ins = &fw->instruments[idx];

	buf_init(&title, 1024);
	buf_init(&link, 1024);
	buf_init(&out, POSTER_MAX_BYTES);
	buf_printf(&title, "%s (%s)", ins->name_th, ins->code);
	posters_survey_link(c, code[0] == 'I' ? part.iit_token : part.eit_token, &link);
	memset(&p, 0, sizeof p);
	p.title_th = title.data;
	p.agency_name = c->agency.name;
	p.fiscal_year_be = as.fiscal_year;
	p.respondents_th = ins->respondents_th;
	p.url = link.data;
	p.needs_access_code = code[0] == 'I' && part.iit_codes_required;

	if (title.overflow || link.overflow || poster_render(&p, fmt, &out, &err)) {
		web_error(c, 500, "สร้างโปสเตอร์ไม่สำเร็จ กรุณาลองใหม่อีกครั้ง");
	} else {
		web_file_safe(safe, sizeof safe, c->agency.code);
		snprintf(filename, sizeof filename, "poster-%s-%s-%d.%s", safe, which,
			 as.fiscal_year, fmt == POSTER_PNG ? "png" : "pdf");
		web_bytes(c, fmt == POSTER_PNG ? "image/png" : "application/pdf", out.data,
			  out.len, filename);
	}
	buf_release(&title);
	buf_release(&link);
	buf_release(&out);
}

const struct web_route web_routes_posters[] = {
	{WEB_GET, "/agency/:agency/poster/:instrument", WEB_ADMIN | WEB_AGENCY, poster_get, 0},
	{0, NULL, 0, NULL, 0},
};
