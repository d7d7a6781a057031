/*
 * cmd_serve.c — `openita serve`: open (and migrate) the database, optionally fill it with the
 * demo year, start the HTTP server, and stop cleanly on SIGINT or SIGTERM. OIT evidence URLs are
 * captured when submitted (libcurl, short bounds; --evidence-allow-private admits private
 * addresses, for a test site on the same network).
 */
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "demo.h"
#include "evidence_schedule.h"
#include "oit.h"
#include "server.h"
#include "web.h"

/* "N" → 0..1000000 into *out; false when not a number in range. */
static bool parse_count(const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 7)
		return false;
	v = strtoul(s, &end, 10);
	if (v > 1000000)
		return false;
	*out = (unsigned)v;
	return true;
}

/* The address a browser on this machine opens: the listen host (127.0.0.1 for "every
 * address") with the port actually bound. */
static void print_url(const char *listen, unsigned port, const char *db)
{
	const char *colon = strrchr(listen, ':');
	int hlen = colon ? (int)(colon - listen) : 0;
	bool any = !hlen || !strncmp(listen, "0.0.0.0:", 8) || !strncmp(listen, "[::]:", 5);

	printf("openita: serving %s\n\n    open http://%.*s:%u/ in a browser\n\n"
	       "(Ctrl-C stops the server)\n", db, any ? 9 : hlen, any ? "127.0.0.1" : listen,
	       port);
}

int cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"listen", required_argument, NULL, 'l'},
		{"demo", no_argument, NULL, 'D'},
		{"secure-cookies", no_argument, NULL, 's'},
		{"rate-network", required_argument, NULL, 'n'},
		{"rate-link", required_argument, NULL, 'k'},
		{"evidence-allow-private", no_argument, NULL, 'P'},
		{"evidence-every", required_argument, NULL, 'e'},
		{NULL, 0, NULL, 0},
	};
	struct oit_curl_capturer capturer;
	struct evidence_schedule *schedule = NULL;
	unsigned evidence_minutes = 24 * 60;
	bool allow_private = false;
	struct web_config cfg;
	struct oi_store *st = NULL;
	struct web_app *app = NULL;
	struct web_server *srv = NULL;
	struct oi_error err;
	bool demo = false;
	sigset_t sigs;
	int c, sig;

	web_config_defaults(&cfg);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': cfg.db_path = optarg; break;
		case 'l': cfg.listen = optarg; break;
		case 'D': demo = true; break;
		case 's': cfg.secure_cookies = true; break;
		case 'P': allow_private = true; break;
		case 'e': {
			unsigned minutes;

			if (!parse_count(optarg, &minutes) || minutes > 7 * 24 * 60)
				return cli_usage("serve", "--evidence-every is the link monitor's interval "
						 "in minutes, 0 (off) to 10080 (a week), not \"%s\"",
						 optarg);
			evidence_minutes = minutes;
			break;
		}
		case 'n':
			if (!parse_count(optarg, &cfg.rate_network_per_min))
				return cli_usage("serve", "--rate-network must be a number of "
						 "submissions per minute (0 = no limit), not \"%s\"",
						 optarg);
			break;
		case 'k':
			if (!parse_count(optarg, &cfg.rate_link_per_min))
				return cli_usage("serve", "--rate-link must be a number of "
						 "submissions per minute (0 = no limit), not \"%s\"",
						 optarg);
			break;
		default: return cli_usage("serve", "unknown or incomplete option \"%s\"",
					  argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("serve", "unexpected argument \"%s\"", argv[optind]);
	oit_capturer_curl(&capturer, allow_private, true);
	cfg.capturer = &capturer.capturer;

	/* Block the stop signals in every thread; the main thread waits for them below. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (oi_store_open(cfg.db_path, &st, &err))
		return cli_fail(&err);
	if (demo && oi_store_user_count(st) == 0) {
		printf("openita: creating the demo year in %s\n", cfg.db_path);
		if (demo_seed(st, time(NULL), stdout, &err))
			goto fail;
	} else if (demo) {
		printf("openita: %s already has accounts; starting it as it is (the demo "
		       "passwords were printed when it was created)\n", cfg.db_path);
	} else if (oi_store_user_count(st) == 0) {
		printf("openita: no accounts yet. Create the first administrator with\n"
		       "  openita user add --db %s --role admin USERNAME\n", cfg.db_path);
	}
	if (web_app_new(&cfg, st, &app, &err) || web_server_start(app, cfg.listen, &srv, &err))
		goto fail;
	if (evidence_minutes && evidence_schedule_start(st, &capturer.capturer,
							evidence_minutes * 60u, &schedule, &err))
		goto fail;
	print_url(cfg.listen, web_server_port(srv), cfg.db_path);
	if (evidence_minutes)
		printf("openita: the link monitor checks every evidence URL every %u minutes\n",
		       evidence_minutes);
	fflush(stdout);
	sigwait(&sigs, &sig);
	printf("openita: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	evidence_schedule_stop(schedule);
	web_server_stop(srv);
	web_app_free(app);
	oi_store_close(st);
	printf("openita: stopped cleanly\n");
	return cli_finish_output();
fail:
	evidence_schedule_stop(schedule);
	web_server_stop(srv);
	web_app_free(app);
	oi_store_close(st);
	return cli_fail(&err);
}
