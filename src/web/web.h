/*
 * web.h — the web system's request model, independent of the HTTP library.
 *
 * server.c turns each libmicrohttpd request into a struct web_request, calls web_handle(), and
 * sends the struct web_response back. Everything between — routing, sessions, CSRF, role and
 * agency checks, the pages and the API — works on these two structs only, so tests run whole
 * requests through web_handle() without sockets (the h2o model), and a few through real HTTP.
 *
 * Route table (routes.c): method, path pattern, roles allowed, handler. The dispatcher, before a
 * handler runs:
 *   - finds the session from the cookie; a route with roles and no session → 303 to /login
 *     (or 401 JSON under /api/);
 *   - refuses a role not in the route's mask → 403;
 *   - for a pattern with ":agency", refuses an agency admin whose agency is another → 403;
 *   - parses the form of a POST (urlencoded or multipart; body cap) → 400/413 on bad input;
 *   - checks the CSRF token (field "csrf") of every POST from a session → 403 when forged;
 *     a POST without a session (the login form) must carry the token of the "oi_pre" cookie
 *     (double submit), except the respondents' survey routes under /s/, whose duplicate guard
 *     is the form's nonce.
 * Handlers then read ctx->params / ctx->form / ctx->query and write ctx->res.
 *
 * Memory: every request has an arena (ctx->arena) freed when the request ends.
 */
#ifndef OPENITA_WEB_WEB_H
#define OPENITA_WEB_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "form.h"
#include "openita/framework.h"
#include "openita/store.h"

#define WEB_MAX_BODY (2u << 20)        /* request body cap: 2 MiB (CSV imports) */
#define WEB_MAX_SURVEY_BODY (16u << 10) /* survey POST cap: 16 KiB */
#define WEB_MAX_RESPONSE (64u << 20)   /* response body cap (exports) */
#define WEB_MAX_HEADERS 8
#define WEB_MAX_PARAMS 4

enum web_method { WEB_GET = 1, WEB_POST = 2, WEB_HEAD = 4, WEB_OTHER = 8 };

struct oit_capturer;

struct web_config {
	const char *db_path;
	const char *listen;            /* "127.0.0.1:8080" */
	bool secure_cookies;           /* behind TLS: cookies get Secure */
	unsigned rate_network_per_min; /* survey POSTs per network (/24, /48) per minute; 0 = off */
	unsigned rate_link_per_min;    /* survey POSTs per link per minute; 0 = off */
	unsigned login_failures_max;   /* failures per username+network before throttling */
	unsigned threads;              /* 0: libmicrohttpd's default policy */
	const struct oit_capturer *capturer; /* OIT evidence capture (oit.h); NULL: none */
};

/* Fill c with the defaults (rates 120 and 1200 per minute, 5 login failures). */
void web_config_defaults(struct web_config *c);

struct web_app;   /* server-wide state: store, frameworks, secrets, limiters (app.c) */

/*
 * Make the app on an open store (which must outlive it): loads the frameworks of the store's
 * assessments, draws the process secret (libsodium) for keyed hashes.
 */
int web_app_new(const struct web_config *cfg, struct oi_store *st, struct web_app **out,
		struct oi_error *err);
void web_app_free(struct web_app *app);
struct oi_store *web_app_store(struct web_app *app);
const struct web_config *web_app_config(const struct web_app *app);
/* The process secret (32 random bytes drawn at start): the key of keyed hashes (rate limits,
 * login throttling), so nothing derived from an address survives a restart. */
const unsigned char *web_app_secret(const struct web_app *app);
/* The framework of an assessment (cached; owned by the app), or NULL with err filled. */
const struct oi_framework *web_app_framework(struct web_app *app, const char *framework_id,
					     struct oi_error *err);

struct web_request {
	enum web_method method;
	const char *path;              /* percent-decoded path, no query: "/agency/A01" */
	const char *query;             /* raw query string without '?', or "" */
	const char *content_type;      /* or NULL */
	const char *cookie;            /* the Cookie header, or NULL */
	const char *host;              /* the Host header, or NULL */
	const char *body;
	size_t body_len;
	bool body_too_large;           /* the server stopped reading at the cap */
	const char *remote_addr;       /* textual IP: for keyed hashing only, never stored */
	time_t now;                    /* the request's time (tests set it) */
};

struct web_header { const char *name, *value; };

struct web_response {
	int status;                    /* 0 until a handler sets it */
	const char *content_type;      /* default "text/html; charset=utf-8" */
	struct buf body;
	struct web_header headers[WEB_MAX_HEADERS];
	size_t n_headers;
	struct arena arena;            /* the request's memory (ctx->arena), freed with it */
};

struct web_session {
	bool valid;
	struct oi_user user;
	char csrf[OI_TOKEN_MAX];
	unsigned char token_hash[32];
};

struct web_ctx {
	struct web_app *app;
	const struct web_request *req;
	struct web_response *res;
	struct arena *arena;
	struct web_session session;
	const char *params[WEB_MAX_PARAMS];   /* ":name" segments of the pattern, in order */
	struct oi_agency agency;              /* for patterns with ":agency": that agency (the
						 dispatcher answers 404 when it does not exist) */
	struct form query;                    /* parsed query string */
	struct form form;                     /* parsed POST body (empty for GET) */
	bool api;                             /* the path starts with /api/ : errors as JSON */
};

typedef void (*web_handler)(struct web_ctx *c);

/* Role masks for the route table. */
#define WEB_PUBLIC 0u
#define WEB_ADMIN (1u << OI_ROLE_ADMIN)
#define WEB_AGENCY (1u << OI_ROLE_AGENCY_ADMIN)
#define WEB_ASSESSOR (1u << OI_ROLE_ASSESSOR)
#define WEB_VIEWER (1u << OI_ROLE_VIEWER)
#define WEB_ANY_USER (WEB_ADMIN | WEB_AGENCY | WEB_ASSESSOR | WEB_VIEWER)

struct web_route {
	unsigned methods;              /* WEB_GET | WEB_POST … (GET routes also answer HEAD) */
	const char *pattern;           /* "/agency/:agency/poster/:instrument" */
	unsigned roles;                /* WEB_PUBLIC, or a mask of roles */
	web_handler handler;
	size_t max_body;               /* 0: WEB_MAX_BODY */
};

/*
 * Answer one request: route, authenticate, authorise, parse, run the handler, and make sure the
 * response has a status (500 with a Thai page when a handler set none). res must have been
 * prepared by web_response_init(); the caller sends it and then frees everything the request
 * used with web_response_release() (headers and parsed forms live in res->arena).
 */
void web_handle(struct web_app *app, const struct web_request *req, struct web_response *res);
void web_response_init(struct web_response *res);
/* The body cap of the route that would answer method + path (WEB_MAX_BODY unless the route sets
 * its own; 64 KiB when no route matches): the server stops reading a body there. */
size_t web_body_cap(enum web_method method, const char *path);
void web_response_release(struct web_response *res);

/* ---- helpers for handlers (respond.c) ---- */

/* Add a response header (name and value copied into the request arena). */
void web_header_add(struct web_ctx *c, const char *name, const char *value);
/* 303 See Other to location. */
void web_redirect(struct web_ctx *c, const char *location);
/* An error: a Thai HTML page with the message (or {"error": message} under /api/). */
void web_error(struct web_ctx *c, int status, const char *message_th);
/* A JSON body (a jansson json_t *, taken over and freed) with the status. */
struct json_t;
void web_json(struct web_ctx *c, int status, struct json_t *body);
/* A bytes body with a content type and, when filename is not NULL, a Content-Disposition
 * attachment header. data is copied. */
void web_bytes(struct web_ctx *c, const char *content_type, const void *data, size_t len,
	       const char *filename);
/* src (an agency code) made safe for a file name: only its letters, digits, '-' and '_' are
 * kept, cut to fit dst of size bytes (size > 0), always terminated. */
void web_file_safe(char *dst, size_t size, const char *src);

/* A query or form value, or NULL. */
const char *web_query(const struct web_ctx *c, const char *name);
const char *web_field(const struct web_ctx *c, const char *name);

/* True when the session may act for the agency (admins always; agency admins for their own). */
bool web_may_write_agency(const struct web_ctx *c, long agency_id);
bool web_may_read_agency(const struct web_ctx *c, long agency_id);

/* ---- the page layout (layout.c) ---- */

/* Open an HTML page: doctype, <head> with title and the stylesheet, the top bar with the user's
 * name, role and menu (by role), and <main>. */
void page_begin(struct web_ctx *c, const char *title_th);
/* Close <main> and the page; status 200 unless set. */
void page_end(struct web_ctx *c);
/* The hidden CSRF input of the session's forms. */
void page_csrf(struct web_ctx *c);
/* A date "YYYY-MM-DD" written in Thai with the Buddhist-Era year: "1 ต.ค. 2568". */
void page_date_th(struct buf *b, const char *iso);
/* A window "open – close" as page_date_th() writes each date; close NULL: open alone. */
void page_dates_th(struct buf *b, const char *open, const char *close);
/* n with thousands separators: "1,234,567"; a negative n with a leading '-'. */
void page_int(struct buf *b, long n);

/* ---- the route groups (one file each), listed in routes.c; others in their own headers ---- */

extern const struct web_route web_routes_auth[];      /* auth.c: login, logout, password */
extern const struct web_route web_routes_survey[];    /* survey.c: /s/:token … */
extern const struct web_route web_routes_agency[];    /* agency.c: agency workspace */
extern const struct web_route web_routes_admin[];     /* admin.c: assessments, agencies */
extern const struct web_route web_routes_national[];  /* national.c: dashboard, exports */
extern const struct web_route web_routes_api[];       /* api.c: /api/v1 */
/* Each table ends with a route whose pattern is NULL. */

#endif
