/*
 * migrations.h — the schema of the SQLite store as an ordered list of scripts, private to
 * src/store/.
 *
 * Migration N takes a database from schema version N-1 to N. Versions start at 1 and have no
 * gaps; a released script is never edited (a change is a new script at the end). The table
 * schema_migrations(version, applied_at) records what a database has had; sqlite_db.c applies
 * the missing scripts at open, each in its own transaction, and refuses a database whose
 * version is above store_migrations_latest(). A PostgreSQL implementation would keep its own
 * list with the same version numbers and the same tables.
 */
#ifndef OPENITA_STORE_MIGRATIONS_H
#define OPENITA_STORE_MIGRATIONS_H

#include <stddef.h>

struct store_migration {
	int version;        /* 1, 2, 3 … in order */
	const char *about;  /* one line: what it changes (for error messages) */
	const char *sql;    /* the script: statements separated by ';' */
};

/* The list, oldest first, and its length. */
extern const struct store_migration store_migrations[];
extern const size_t store_migrations_count;

/* The version of the last script: the schema this program expects. */
int store_migrations_latest(void);

#endif
