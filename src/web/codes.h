/*
 * codes.h — single-use access codes of an agency's IIT (codes.c).
 *
 *   GET  /agency/:agency/codes            whether the IIT requires codes, how many exist and are
 *                                         used, the forms below, links to the sheet and posters
 *   POST /agency/:agency/codes/generate   count=N (1..10000): N new codes → 303 back
 *   POST /agency/:agency/codes/require    required=1|0: switch "the IIT requires codes" → 303 back
 *   GET  /agency/:agency/codes/sheet      the unused codes as cut-out cards on A4, to print
 *
 * Roles: administrators, and the agency's own administrators (the dispatcher checks :agency and
 * the CSRF token of the POSTs). Everything is about the current assessment.
 */
#ifndef OPENITA_WEB_CODES_H
#define OPENITA_WEB_CODES_H

#include "web.h"

extern const struct web_route web_routes_codes[];

#endif
