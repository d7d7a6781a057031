/*
 * agency_import.h — validating agencies before they are stored: one agency from a form
 * (admin.c) or thousands from a CSV file (the admin import page and the API).
 *
 * The CSV has a header line naming its columns: `code` and `name` first, then any of `type`,
 * `province`, `parent` in any order (`code,name,type,province,parent` is the full form), as in
 * the `openita score --agencies` format (docs/formats.md §2). A BOM is allowed. Nothing is
 * trimmed. EVERY row is checked, and every problem is reported with its line: a code not of
 * 1..30 characters A-Z a-z 0-9 - _ . , a code twice in the file, a code that exists already,
 * an empty or over-long name, a parent that is neither in the file nor in the database (or is
 * the agency itself, or makes a loop), a row with the wrong number of fields. When the file
 * has any problem nothing is to be imported; when it has none the agencies are ordered so that
 * every parent in the file comes before its children, ready for one oi_store_agency_import.
 *
 * Messages are Thai, naming the line ("บรรทัด 5") and the column.
 */
#ifndef OPENITA_WEB_AGENCY_IMPORT_H
#define OPENITA_WEB_AGENCY_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/error.h"
#include "openita/store.h"

#define AGENCY_IMPORT_MAX_ROWS 20000   /* agencies in one file */
#define AGENCY_CODE_MAX_CHARS 30        /* characters of an agency code */
#define AGENCY_NAME_MAX_BYTES 255       /* bytes of a name, type or province */

struct agency_problem {
	unsigned long line;                 /* 1-based line of the file; 0 for a form */
	char field[16];                     /* "code", "name", … or "" for the whole row */
	char message[512];                  /* Thai, without the line number */
};

struct agency_import {
	struct oi_agency *agencies;         /* valid rows, parents first (malloc'd) */
	size_t n;
	struct agency_problem *problems;    /* every problem, by line (malloc'd) */
	size_t n_problems;
	bool fatal;                         /* the file could not be read to its end */
};

/*
 * Check one agency's fields (as a form gives them; NULL counts as "") against the rules and
 * the store (code not taken, parent exists). On success fill *out (id 0) and return 0; else
 * return -1 with err's message the first problem, Thai, naming the field ("รหัสหน่วยงาน …"),
 * and err's file set to the field's name ("code", "name", "type", "province", "parent").
 */
int agency_validate(struct oi_store *st, const char *code, const char *name, const char *type,
		    const char *province, const char *parent, struct oi_agency *out,
		    struct oi_error *err);

/*
 * True when code is 1..AGENCY_CODE_MAX_CHARS characters, each of A-Z a-z 0-9 - _ .
 */
bool agency_code_valid(const char *code, size_t len);

/*
 * Read and check a whole CSV file held in data[0..len) (name for messages). Always fills *out
 * (release it with agency_import_release): out->n_problems == 0 means every row is good and
 * out->agencies holds them all. Returns 0 when the checking ran (whatever it found), -1 with
 * err filled only when the store failed while looking codes up.
 */
int agency_import_check(struct oi_store *st, const char *name, const char *data, size_t len,
			struct agency_import *out, struct oi_error *err);

/* Free what agency_import_check allocated; *imp is empty afterwards. */
void agency_import_release(struct agency_import *imp);

#endif
