/*
 * routes.h — the one list of route groups the dispatcher searches, in order (routes.c).
 */
#ifndef OPENITA_WEB_ROUTES_H
#define OPENITA_WEB_ROUTES_H

#include <stddef.h>

#include "web.h"

/* The route tables (web_route_group_count of them; an entry may be NULL: skip it); each table
 * ends with a route whose pattern is NULL. Tests iterate them to cover every route. */
extern const struct web_route *const web_route_groups[];
extern const size_t web_route_group_count;

/* The stylesheet served at /static/app.css (layout.c). */
extern const char web_stylesheet[];

#endif
