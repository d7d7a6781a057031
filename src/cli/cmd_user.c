/*
 * cmd_user.c — `openita user add`: create an account (the first administrator too) from the
 * shell. The password is read from the terminal without echo (twice), or as one line from
 * standard input when that is not a terminal; it is stored only as an argon2id hash.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>

#include "auth.h"
#include "cli.h"
#include "openita/store.h"

/* One line from stdin into buf (without the newline); echo off on a terminal. */
static bool read_secret(const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO);
	bool ok;
	size_t n;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	ok = fgets(buf, (int)size, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fprintf(stderr, "\n");
	}
	if (!ok)
		return false;
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return true;
}

static int user_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"role", required_argument, NULL, 'r'},
		{"agency", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "openita.db", *role_name = NULL, *agency = NULL;
	char password[AUTH_PASSWORD_MAX + 8], again[AUTH_PASSWORD_MAX + 8], hash[OI_HASH_MAX];
	struct oi_store *st;
	struct oi_error err;
	long id;
	int c, role;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'r': role_name = optarg; break;
		case 'a': agency = optarg; break;
		default: return cli_usage("user", "unknown or incomplete option \"%s\"",
					  argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage("user", "give exactly one USERNAME after the options");
	if (!role_name)
		return cli_usage("user", "--role is required: admin, agency_admin, assessor or "
				 "viewer");
	role = oi_role_parse(role_name);
	if (role < 0)
		return cli_usage("user", "--role \"%s\" is not one of admin, agency_admin, "
				 "assessor, viewer", role_name);
	if (role == OI_ROLE_AGENCY_ADMIN && !agency)
		return cli_usage("user", "an agency_admin needs --agency CODE");
	if (role != OI_ROLE_AGENCY_ADMIN && agency)
		return cli_usage("user", "--agency is only for --role agency_admin");
	if (!read_secret("password: ", password, sizeof password))
		return cli_usage("user", "no password given on standard input");
	if (isatty(STDIN_FILENO) &&
	    (!read_secret("again: ", again, sizeof again) || strcmp(password, again)))
		return cli_usage("user", "the two passwords differ");
	if (auth_hash_password(password, hash, &err))
		return cli_fail(&err);
	sodium_memzero(password, sizeof password);
	if (oi_store_open(db, &st, &err))
		return cli_fail(&err);
	if (oi_store_user_add(st, argv[optind], (enum oi_role)role, agency, hash, &id, &err) ||
	    oi_store_audit(st, 0, "user.add", argv[optind], &err)) {
		oi_store_close(st);
		return cli_fail(&err);
	}
	oi_store_close(st);
	printf("user %s (%s%s%s) added to %s\n", argv[optind], role_name, agency ? ", agency " : "",
	       agency ? agency : "", db);
	return cli_finish_output();
}

int cmd_user(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "add"))
		return cli_usage("user", "expected: openita user add --role ROLE [--agency CODE] "
				 "USERNAME");
	return user_add(argc - 1, argv + 1);
}
