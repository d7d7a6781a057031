/*
 * routes.c — the route table of the whole web system: the groups, one file each, plus the few
 * routes that belong to no group (home, health check, stylesheet). A new page goes in its
 * group's table; a new group gets one line here.
 */
#include <string.h>

#include <jansson.h>

#include "auth.h"
#include "html.h"
#include "codes.h"
#include "documents.h"
#include "oit.h"
#include "plan.h"
#include "posters.h"
#include "routes.h"


static void get_home(struct web_ctx *c)
{
	char home[96];

	if (!c->session.valid) {
		web_redirect(c, "/login");
		return;
	}
	auth_home(&c->session.user, home, sizeof home);
	web_redirect(c, home);
}

static void get_healthz(struct web_ctx *c)
{
	struct oi_store *st = web_app_store(c->app);
	int version = oi_store_schema_version(st);

	if (version != oi_store_schema_latest()) {
		web_json(c, 503, json_pack("{s:s, s:i}", "status", "database not ready", "schema",
					   version));
		return;
	}
	web_json(c, 200, json_pack("{s:s, s:i}", "status", "ok", "schema", version));
}

static void get_stylesheet(struct web_ctx *c)
{
	web_bytes(c, "text/css; charset=utf-8", web_stylesheet, strlen(web_stylesheet), NULL);
	web_header_add(c, "Cache-Control", "public, max-age=3600");
}

static const struct web_route web_routes_base[] = {
	{WEB_GET, "/", WEB_PUBLIC, get_home, 0},
	{WEB_GET, "/healthz", WEB_PUBLIC, get_healthz, 0},
	{WEB_GET, "/static/app.css", WEB_PUBLIC, get_stylesheet, 0},
	{0, NULL, 0, NULL, 0},
};

/* A group not linked in (weak, address NULL) is skipped by the dispatcher. */
const struct web_route *const web_route_groups[] = {
	web_routes_base,
	web_routes_auth,
	web_routes_survey,
	web_routes_codes,
	web_routes_posters,
	web_routes_agency,
	web_routes_result,
	web_routes_plan,
	web_routes_plan_measures,
	web_routes_plan_groups,
	web_routes_plan_memo,
	web_routes_admin_plans,
	web_routes_documents,
	web_routes_admin,
	web_routes_national,
	web_routes_api,
	web_routes_oit,
	web_routes_review,
	web_routes_evidence,
};

const size_t web_route_group_count = sizeof web_route_groups / sizeof web_route_groups[0];
