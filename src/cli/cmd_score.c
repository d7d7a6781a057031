/*
 * cmd_score.c — `openita score`: read answers, OIT verdicts and published indicator scores,
 * and print every agency's result.
 *
 * Survey files are read in parallel, one thread each into its own score set, then merged;
 * OIT verdicts and published scores follow on the merged set (published scores last, so that
 * a score given twice is caught). Nothing is printed until every input has been read: a fault
 * anywhere leaves stdout empty and exits with status 2.
 */
#include <getopt.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "openita/framework.h"
#include "openita/score.h"
#include "openita/score_input.h"
#include "score_output.h"

#define MAX_SURVEY_FILES OI_MAX_INSTRUMENTS

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV };

struct survey_job {
	const char *instrument_code, *path;
	size_t instrument;
	const struct oi_framework *fw;
	const struct oi_scoreset *known;
	struct oi_scoreset *ss;
	struct oi_error err;
	int rc;
	bool threaded;            /* read in its own thread, to be joined */
	pthread_t thread;
};

static void *read_survey_job(void *arg)
{
	struct survey_job *job = arg;
	struct oi_csv *csv;

	job->ss = oi_scoreset_new(job->fw);
	job->rc = oi_csv_open(job->path, &csv, &job->err);
	if (!job->rc) {
		job->rc = oi_read_survey(job->ss, job->instrument, csv, job->known, &job->err);
		oi_csv_free(csv);
	}
	return NULL;
}

typedef int (*reader_fn)(struct oi_scoreset *, struct oi_csv *, const struct oi_scoreset *,
			 struct oi_error *);

static int read_file(reader_fn read, struct oi_scoreset *ss, const char *path,
		     const struct oi_scoreset *known, struct oi_error *err)
{
	struct oi_csv *csv;
	int rc;

	if (oi_csv_open(path, &csv, err))
		return -1;
	rc = read(ss, csv, known, err);
	oi_csv_free(csv);
	return rc;
}

static int read_agencies(struct oi_scoreset *ss, struct oi_csv *csv,
			 const struct oi_scoreset *known, struct oi_error *err)
{
	(void)known;
	return oi_read_agencies(ss, csv, err);
}

/* Read every survey file, in parallel, and merge them into ss in the order given. */
static int read_surveys(struct survey_job *jobs, size_t n, struct oi_scoreset *ss,
			struct oi_error *err)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		jobs[i].threaded = !pthread_create(&jobs[i].thread, NULL, read_survey_job, &jobs[i]);
		if (!jobs[i].threaded)
			read_survey_job(&jobs[i]);      /* no thread to be had: read it here */
	}
	for (size_t i = 0; i < n; i++)
		if (jobs[i].threaded)
			pthread_join(jobs[i].thread, NULL);
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].rc && !rc) {
			*err = jobs[i].err;
			rc = -1;
		}
		if (!rc)
			oi_scoreset_merge(ss, jobs[i].ss);
		oi_scoreset_free(jobs[i].ss);
	}
	return rc;
}

int cmd_score(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"framework", required_argument, NULL, 'f'},
		{"agencies", required_argument, NULL, 'a'},
		{"iit", required_argument, NULL, 'I'},
		{"eit", required_argument, NULL, 'E'},
		{"survey", required_argument, NULL, 's'},
		{"oit", required_argument, NULL, 'o'},
		{"indicators", required_argument, NULL, 'n'},
		{"format", required_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	const char *framework = NULL, *agencies = NULL, *oit = NULL, *indicators = NULL;
	struct survey_job jobs[MAX_SURVEY_FILES];
	size_t n_jobs = 0;
	enum format format = FORMAT_TEXT;
	struct oi_framework *fw = NULL;
	struct oi_scoreset *ss = NULL, *known = NULL;
	struct oi_error err;
	int c, status = EXIT_BAD_INPUT;

	memset(jobs, 0, sizeof jobs);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': framework = optarg; break;
		case 'a': agencies = optarg; break;
		case 'o': oit = optarg; break;
		case 'n': indicators = optarg; break;
		case 'I':
		case 'E':
		case 's':
			if (n_jobs == MAX_SURVEY_FILES)
				return cli_usage("score", "too many survey files");
			if (c == 's') {
				char *eq = strchr(optarg, '=');

				if (!eq || eq == optarg || !eq[1])
					return cli_usage("score", "--survey takes CODE=FILE, not \"%s\"",
							 optarg);
				*eq = '\0';
				jobs[n_jobs].instrument_code = optarg;
				jobs[n_jobs].path = eq + 1;
			} else {
				jobs[n_jobs].instrument_code = c == 'I' ? "IIT" : "EIT";
				jobs[n_jobs].path = optarg;
			}
			n_jobs++;
			break;
		case 'F':
			if (!strcmp(optarg, "json"))
				format = FORMAT_JSON;
			else if (!strcmp(optarg, "csv"))
				format = FORMAT_CSV;
			else if (!strcmp(optarg, "text"))
				format = FORMAT_TEXT;
			else
				return cli_usage("score", "--format is json, csv or text, not \"%s\"",
						 optarg);
			break;
		default:
			return cli_usage("score", "unknown or incomplete option \"%s\"",
					 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("score", "unexpected argument \"%s\"", argv[optind]);
	if (!framework)
		return cli_usage("score", "--framework is required (built in: ita-2565, ita-2568)");
	if (!n_jobs && !oit && !indicators)
		return cli_usage("score", "nothing to score: give --iit, --eit, --oit or --indicators");
	if (oi_framework_open(framework, &fw, &err))
		return cli_fail(&err);
	for (size_t i = 0; i < n_jobs; i++) {
		long ins = oi_framework_find_instrument(fw, jobs[i].instrument_code);

		if (ins < 0 || fw->instruments[ins].kind != OI_SURVEY) {
			cli_usage("score", "\"%s\" is not a survey instrument of %s",
				  jobs[i].instrument_code, fw->id);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (jobs[j].instrument == (size_t)ins) {
				cli_usage("score", "two files for %s", jobs[i].instrument_code);
				goto out;
			}
		jobs[i].instrument = (size_t)ins;
		jobs[i].fw = fw;
	}
	ss = oi_scoreset_new(fw);
	if (agencies) {
		known = oi_scoreset_new(fw);
		if (read_file(read_agencies, known, agencies, NULL, &err))
			goto fail;
		oi_scoreset_merge(ss, known);
	}
	for (size_t i = 0; i < n_jobs; i++)
		jobs[i].known = known;
	if (read_surveys(jobs, n_jobs, ss, &err) ||
	    (oit && read_file(oi_read_oit, ss, oit, known, &err)) ||
	    (indicators && read_file(oi_read_indicators, ss, indicators, known, &err)))
		goto fail;
	if (format == FORMAT_JSON)
		score_write_json(stdout, ss);
	else if (format == FORMAT_CSV)
		score_write_csv(stdout, ss);
	else
		score_write_text(stdout, ss);
	status = cli_finish_output();
	goto out;
fail:
	status = cli_fail(&err);
out:
	oi_scoreset_free(ss);
	oi_scoreset_free(known);
	oi_framework_free(fw);
	return status;
}
