/*
 * documents.h — the agency's documents from the database, for the plan workspace (documents.c):
 *
 *   GET /agency/:agency/plan/doc/<kind>.<fmt>[?digits=arabic]
 *       kind analysis | measures | progress-6 | progress-12 | memo
 *       fmt  pdf | docx | html | csv | xlsx
 *
 * Roles: administrators, the agency's own administrators and viewers; not assessors.
 */
#ifndef OPENITA_WEB_DOCUMENTS_H
#define OPENITA_WEB_DOCUMENTS_H

#include "web.h"

extern const struct web_route web_routes_documents[];

#endif
