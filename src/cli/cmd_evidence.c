/*
 * cmd_evidence.c — `openita evidence SUBCOMMAND`: OIT evidence URLs from the shell. One table
 * of subcommands (`capture` here; a new one is a function and a row); each parses its own
 * options.
 *
 * `evidence capture` fetches each URL under the bounds of src/check/capture.h and prints one
 * JSON object per URL and line, in the order given (capture_to_json()). URLs come from the
 * arguments and from --from FILE (one a line; blank lines and lines starting with # skipped) and
 * are streamed through capture_each(): a new transfer starts as soon as one ends, and memory is
 * bounded by the transfers running (plus the JSON lines waiting for a slower earlier URL), not by
 * the number of URLs. Exit status:
 * 0 when every URL was fetched (its evidence is not broken), 1 when any was broken (DNS,
 * refused, timeout, 4xx/5xx, a refused address, …), 2 for bad usage.
 *
 * `evidence check` is the link monitor's scheduled run (issue 4): every current evidence URL of
 * the current assessment's OIT submissions and clarifications (of one agency with --agency) is
 * captured through the same code the web pages use (oit_capture_rows, in bounded batches),
 * stored, and classified against the capture taken at submission (oit_evidence_of). It prints
 * "CODE ITEM STATE URL" for each that is not fine and exits 1 when there is any, 0 when none,
 * 2 for bad usage or a database error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "capture.h"
#include "cli.h"
#include "oit.h"
#include "openita/store.h"

#define MAX_TIMEOUT_S 3600.0
#define MAX_BODY_LIMIT (1024ul * 1024 * 1024)
#define MAX_CONCURRENCY 256
#define MAX_LINE 8192

/* Where the URLs of one run come from: the arguments first, then the file. */
struct url_source {
	char **args;
	int n_args, next_arg;
	FILE *file;
	const char *file_name;
	unsigned long line;
	char *buf;               /* getline's buffer */
	size_t buf_size;
};

/* The next URL (a pointer into argv or into the line buffer, valid until the next call), or
 * NULL at the end; *status -1 on a read error. */
static char *next_url(struct url_source *s, int *status)
{
	ssize_t len;

	if (s->next_arg < s->n_args)
		return s->args[s->next_arg++];
	while (s->file && (len = getline(&s->buf, &s->buf_size, s->file)) >= 0) {
		char *start = s->buf;

		s->line++;
		while (len > 0 && (s->buf[len - 1] == '\n' || s->buf[len - 1] == '\r' ||
				   s->buf[len - 1] == ' ' || s->buf[len - 1] == '\t'))
			s->buf[--len] = '\0';
		while (*start == ' ' || *start == '\t')
			start++;
		if (!*start || *start == '#')
			continue;
		if (strlen(start) > MAX_LINE)
			start[MAX_LINE] = '\0';   /* captured as is: too long, it fails as a bad URL */
		return start;
	}
	if (s->file && ferror(s->file)) {
		fprintf(stderr, "openita evidence capture: cannot read %s: %s\n", s->file_name,
			strerror(errno));
		*status = -1;
	}
	return NULL;
}

/*
 * One run of `evidence capture`: the URL source, and the JSON lines of captures that completed
 * before an earlier URL's, held until they can be printed in the order given. The ring holds
 * the lines of indexes printed … printed + cap - 1 at index % cap.
 */
struct capture_run {
	struct url_source src;
	int read_status;
	size_t n_urls;
	char **ring;
	size_t cap, printed;
	int status;                  /* 0, or 1 when any evidence is broken */
};

static const char *run_next(void *arg)
{
	struct capture_run *r = arg;
	const char *url = next_url(&r->src, &r->read_status);

	if (url)
		r->n_urls++;
	return url;
}

static void run_done(void *arg, size_t index, struct capture *c)
{
	struct capture_run *r = arg;

	if (evidence_classify(c, NULL) == EVIDENCE_BROKEN)
		r->status = 1;
	if (index - r->printed >= r->cap) {
		size_t cap = r->cap * 2;
		char **ring;

		while (index - r->printed >= cap)
			cap *= 2;
		ring = xcalloc(cap, sizeof *ring);
		for (size_t i = r->printed; i < r->printed + r->cap; i++)
			ring[i % cap] = r->ring[i % r->cap];
		free(r->ring);
		r->ring = ring;
		r->cap = cap;
	}
	r->ring[index % r->cap] = capture_to_json(c);
	capture_release(c);
	while (r->ring[r->printed % r->cap]) {
		char **line = &r->ring[r->printed % r->cap];

		puts(*line);
		free(*line);
		*line = NULL;
		r->printed++;
	}
}

static int parse_seconds(const char *text, long *ms)
{
	char *end;
	double s;

	errno = 0;
	s = strtod(text, &end);
	if (errno || end == text || *end || !(s > 0) || s > MAX_TIMEOUT_S)
		return -1;
	*ms = (long)(s * 1000 + 0.5);
	if (*ms < 1)
		*ms = 1;
	return 0;
}

static int parse_count(const char *text, unsigned long max, unsigned long *n)
{
	char *end;

	if (!*text || strspn(text, "0123456789") != strlen(text) || strlen(text) > 12)
		return -1;
	errno = 0;
	*n = strtoul(text, &end, 10);
	return errno || *n == 0 || *n > max ? -1 : 0;
}

static int evidence_capture(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"allow-private", no_argument, NULL, 'p'},
		{"timeout", required_argument, NULL, 't'},
		{"connect-timeout", required_argument, NULL, 'c'},
		{"max-size", required_argument, NULL, 'm'},
		{"concurrency", required_argument, NULL, 'n'},
		{"from", required_argument, NULL, 'f'},
		{NULL, 0, NULL, 0},
	};
	struct capture_options opt = {0};
	struct capture_run run = {0};
	struct oi_error err;
	const char *from = NULL;
	unsigned long count;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': opt.allow_private = true; break;
		case 't':
			if (parse_seconds(optarg, &opt.total_timeout_ms))
				return cli_usage("evidence", "--timeout must be seconds from 0.001 to "
						 "3600, not \"%s\"", optarg);
			break;
		case 'c':
			if (parse_seconds(optarg, &opt.connect_timeout_ms))
				return cli_usage("evidence", "--connect-timeout must be seconds from "
						 "0.001 to 3600, not \"%s\"", optarg);
			break;
		case 'm':
			if (parse_count(optarg, MAX_BODY_LIMIT, &count))
				return cli_usage("evidence", "--max-size must be bytes from 1 to %lu, "
						 "not \"%s\"", MAX_BODY_LIMIT, optarg);
			opt.max_body = count;
			break;
		case 'n':
			if (parse_count(optarg, MAX_CONCURRENCY, &count))
				return cli_usage("evidence", "--concurrency must be from 1 to %d, not "
						 "\"%s\"", MAX_CONCURRENCY, optarg);
			opt.concurrency = count;
			break;
		case 'f': from = optarg; break;
		default:
			return cli_usage("evidence", "unknown or incomplete option \"%s\"",
					 argv[optind - 1]);
		}
	}
	if (optind >= argc && !from)
		return cli_usage("evidence", "capture needs at least one URL (or --from FILE)");
	run.src.args = argv + optind;
	run.src.n_args = argc - optind;
	if (from) {
		run.src.file_name = from;
		run.src.file = !strcmp(from, "-") ? stdin : fopen(from, "r");
		if (!run.src.file) {
			fprintf(stderr, "openita evidence capture: cannot open %s: %s\n", from,
				strerror(errno));
			return EXIT_BAD_INPUT;
		}
	}
	run.cap = 64;
	run.ring = xcalloc(run.cap, sizeof *run.ring);
	if (capture_each(run_next, run_done, &run, &opt, &err)) {
		char line[OI_ERROR_MESSAGE_MAX + 64];

		fprintf(stderr, "openita evidence capture: %s\n",
			oi_error_format(&err, line, sizeof line));
		run.status = 1;
	}
	free(run.ring);
	free(run.src.buf);
	if (run.src.file && run.src.file != stdin)
		fclose(run.src.file);
	if (run.read_status)
		return EXIT_BAD_INPUT;
	if (!run.n_urls)
		return cli_usage("evidence", "%s holds no URL", from ? from : "the input");
	if (cli_finish_output())
		return 1;
	return run.status;
}

/* Capture and classify the evidence of one agency; *problems counts what is not fine. */
static int check_agency(struct oi_store *st, const struct oit_capturer *cap,
			const struct oi_assessment *as, const struct oi_agency *a,
			size_t *problems, size_t *checked, struct oi_error *err)
{
	struct oi_capture_row *urls = NULL;
	struct oit_evidence *ev;
	size_t n;
	int rc = oit_check_agency(st, cap, as->id, a->id, &urls, &n, err);

	ev = xmalloc(sizeof *ev);
	for (size_t i = 0; i < n && !rc; i++) {
		if (oit_evidence_of(st, &urls[i], ev, err)) {
			rc = -1;
			break;
		}
		(*checked)++;
		if (ev->checked && ev->state == EVIDENCE_OK)
			continue;
		(*problems)++;
		printf("%s %s %s %s\n", a->code, urls[i].item,
		       ev->checked ? evidence_state_name(ev->state) : "unchecked", urls[i].url);
	}
	free(ev);
	free(urls);
	return rc;
}

static int evidence_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"agency", required_argument, NULL, 'a'},
		{"allow-private", no_argument, NULL, 'p'},
		{NULL, 0, NULL, 0},
	};
	const char *db = "openita.db", *code = NULL;
	bool allow_private = false;
	struct oit_curl_capturer cap;
	struct oi_store *st = NULL;
	struct oi_assessment as;
	struct oi_agency one, *agencies = NULL;
	struct oi_error err;
	size_t n = 0, problems = 0, checked = 0;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'a': code = optarg; break;
		case 'p': allow_private = true; break;
		default:
			return cli_usage("evidence", "unknown or incomplete option \"%s\"",
					 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("evidence", "check takes no arguments, not \"%s\"", argv[optind]);
	oit_capturer_curl(&cap, allow_private, false);
	if (oi_store_open(db, &st, &err))
		return cli_fail(&err);
	rc = oi_store_assessment_current(st, &as, &err);
	if (rc) {
		if (rc > 0)
			oi_error_set(&err, NULL, 0, 0, "no assessment in %s: nothing to check", db);
		goto fail;
	}
	if (code) {
		rc = oi_store_agency_by_code(st, code, &one, &err);
		if (rc) {
			if (rc > 0)
				oi_error_set(&err, NULL, 0, 0, "no agency has the code \"%s\"", code);
			goto fail;
		}
	} else if (oi_store_agency_list(st, &agencies, &n, &err)) {
		goto fail;
	}
	for (size_t i = 0; i < (code ? 1 : n); i++)
		if (check_agency(st, &cap.capturer, &as, code ? &one : &agencies[i], &problems,
				 &checked, &err))
			goto fail;
	fprintf(stderr, "openita evidence check: %zu URLs, %zu not fine\n", checked, problems);
	free(agencies);
	oi_store_close(st);
	return problems ? 1 : 0;
fail:
	free(agencies);
	oi_store_close(st);
	return cli_fail(&err);
}

struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
};

static const struct subcommand subcommands[] = {
	{"capture", evidence_capture},
	{"check", evidence_check},
};

int cmd_evidence(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage("evidence", "a subcommand is needed");
	for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].run(argc - 1, argv + 1);
	return cli_usage("evidence", "unknown subcommand \"%s\"", argv[1]);
}
