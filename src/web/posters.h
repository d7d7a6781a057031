/*
 * posters.h — the survey posters of an agency, as files to print (posters.c), and the absolute
 * survey link that posters, code sheets and pages show.
 *
 *   GET /agency/:agency/poster/iit?format=pdf   A4 PDF (default) or ?format=png (150 dpi)
 *   GET /agency/:agency/poster/eit?format=png
 *
 * Roles: administrators, and the agency's own administrators (the dispatcher checks :agency).
 * The poster is for the current assessment (the latest fiscal year) and needs the agency's
 * participation in it.
 */
#ifndef OPENITA_WEB_POSTERS_H
#define OPENITA_WEB_POSTERS_H

#include "web.h"

extern const struct web_route web_routes_posters[];

/*
 * Append the absolute link of the survey with this token to out: "http://HOST/s/TOKEN", HOST the
 * request's Host header when it is a plain host name or address with an optional port (else
 * "localhost"), and "https" instead when the server sets Secure cookies (it runs behind TLS).
 */
void posters_survey_link(const struct web_ctx *c, const char *token, struct buf *out);

/*
 * The current assessment (the latest fiscal year) and c->agency's participation in it, for the
 * pages that print an agency's survey links (posters, access codes). Returns 0, or -1 after
 * answering 404 (no assessment yet, or the agency does not take part) or 500.
 */
int posters_participation(struct web_ctx *c, struct oi_assessment *as,
			  struct oi_participation *part);

#endif
