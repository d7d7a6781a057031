/*
 * cmd_backup.c — `openita backup [--db FILE] DEST`: a consistent copy of the web system's
 * database in a new file, taken while the server keeps running (SQLite's online backup, through
 * oi_store_backup). Restoring is a file copy with the server stopped: docs/operations.md.
 *
 * Exit status: 0 written; 2 bad usage, no database at FILE, not a database, or DEST exists;
 * 1 the copy could not be written (disk full, permissions).
 */
#include <getopt.h>
#include <sys/stat.h>

#include "cli.h"
#include "openita/store.h"

int cmd_backup(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "openita.db", *dest;
	struct oi_store *st;
	struct oi_error err;
	struct stat sb;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		default: return cli_usage("backup", "unknown or incomplete option \"%s\"",
					  argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage("backup", "give the file to write the backup to (DEST)");
	if (optind + 1 < argc)
		return cli_usage("backup", "unexpected argument \"%s\"", argv[optind + 1]);
	dest = argv[optind];
	/* Opening a missing database would create an empty one: refuse first. */
	if (stat(db, &sb) || !S_ISREG(sb.st_mode)) {
		oi_error_set(&err, db, 0, 0, "no database file here (give it with --db FILE)");
		return cli_fail(&err);
	}
	if (!lstat(dest, &sb)) {
		oi_error_set(&err, dest, 0, 0, "already exists; a backup is written to a new file "
			     "only");
		return cli_fail(&err);
	}
	if (oi_store_open(db, &st, &err))
		return cli_fail(&err);
	if (oi_store_backup(st, dest, &err)) {
		char line[OI_ERROR_FILE_MAX + OI_ERROR_MESSAGE_MAX + 8];

		oi_store_close(st);
		fprintf(stderr, "%s\n", oi_error_format(&err, line, sizeof line));
		return 1;
	}
	printf("%s: backup of %s (schema version %d)\n", dest, db, oi_store_schema_version(st));
	oi_store_close(st);
	return cli_finish_output();
}
