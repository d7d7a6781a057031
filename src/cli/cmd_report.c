/*
 * cmd_report.c — `openita report`: the documents an agency publishes after its result, from
 * files, without a server.
 *
 *   openita report analysis|measures|progress|memo|plan --framework ID
 *       (--indicators FILE | --iit FILE --eit FILE) --agency CODE [--oit FILE] [--questions FILE] [--previous FILE] [--plan FILE.json]
 *       [--playbook FILE] [--year BE] [--name NAME] [--checkpoint 6|12] [--digits thai|arabic]
 *       [--today YYYY-MM-DD] --format pdf|docx|html|csv|xlsx|json --out FILE
 *
 * The result comes in through the core's readers (analysis.h) — a published result sheet, or
 * the agency's survey answers scored here exactly as `openita score` does — is analysed, and the plan is
 * either read (--plan) or drafted from the analysis and the playbook. `report plan` writes the
 * drafted plan as JSON for the agency to edit and give back with --plan. Every input is read and
 * the whole document made before anything is written; the output goes to a temporary file
 * renamed over --out at the end, so a fault leaves no half-written file (exit 2, message
 * FILE:LINE:COLUMN as everywhere).
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "openita/analysis.h"
#include "openita/plan.h"
#include "openita/playbook.h"
#include "openita/score_input.h"
#include "reports.h"

#define PLAN_FILE_MAX (16u << 20)
#define OUTPUT_MAX (512u << 20)

struct report_args {
	const char *framework, *indicators, *agency, *oit, *questions, *previous, *plan;
	const char *iit, *eit;                    /* survey answers: scores computed here */
	const char *playbook, *name, *out, *today;
	int year, checkpoint, kind, format;       /* kind -1: plan (JSON) */
	bool thai_digits;
};

typedef int (*result_reader)(struct oi_agency_result *, struct oi_csv *, struct oi_error *);

static int read_result_file(result_reader read, struct oi_agency_result *ar, const char *path,
			    struct oi_error *err)
{
	struct oi_csv *csv;
	int rc;

	if (!path)
		return 0;
	if (oi_csv_open(path, &csv, err))
		return -1;
	rc = read(ar, csv, err);
	oi_csv_free(csv);
	return rc;
}

/* One survey file of instrument code into ss (the core's reader, docs/formats.md §2–3). */
static int read_survey_file(const struct oi_framework *fw, struct oi_scoreset *ss,
			    const char *code, const char *path, struct oi_error *err)
{
	long ins = oi_framework_find_instrument(fw, code);
	struct oi_csv *csv;
	int rc;

	if (ins < 0 || fw->instruments[ins].kind != OI_SURVEY)
		return oi_error_set(err, path, 0, 0, "%s is not a survey instrument of %s", code,
				    fw->id);
	if (oi_csv_open(path, &csv, err))
		return -1;
	rc = oi_read_survey(ss, (size_t)ins, csv, NULL, err);
	oi_csv_free(csv);
	return rc;
}

/* Score the agency's IIT/EIT answers as `openita score` does and take its computed indicators
 * and question scores into ar (the OIT comes from --oit or --indicators). */
static int computed_result(const struct oi_framework *fw, const struct report_args *a,
			   struct oi_agency_result *ar, struct oi_error *err)
{
	struct oi_scoreset *ss = oi_scoreset_new(fw);
	int rc = 0;

	if (a->iit)
		rc = read_survey_file(fw, ss, "IIT", a->iit, err);
	if (!rc && a->eit)
		rc = read_survey_file(fw, ss, "EIT", a->eit, err);
	if (!rc && oi_agency_result_from_scoreset(ar, ss, err))
		rc = oi_error_set(err, a->iit ? a->iit : a->eit, 0, 0,
				  "agency %s has no answers in the survey files", a->agency);
	oi_scoreset_free(ss);
	return rc;
}

static int read_plan_file(const char *path, struct oi_plan **out, struct oi_error *err)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;
	int rc;

	if (!f)
		return oi_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
	buf_init(&b, PLAN_FILE_MAX);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(&b, chunk, n)) {
			fclose(f);
			buf_release(&b);
			return oi_error_set(err, path, 0, 0, "larger than %u MiB",
					    PLAN_FILE_MAX >> 20);
		}
	if (ferror(f)) {
		fclose(f);
		buf_release(&b);
		return oi_error_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
	}
	fclose(f);
	rc = oi_plan_read_json(path, b.data ? b.data : "", b.len, out, err);
	buf_release(&b);
	return rc;
}

/* Write len bytes to path through a temporary file in the same folder; "-" is stdout. */
static int write_output(const char *path, const char *data, size_t len)
{
	char tmp[4096];
	FILE *f;

	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len)
			return -1;
		return cli_finish_output();
	}
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= sizeof tmp) {
		fprintf(stderr, "openita report: the output path is too long\n");
		return 1;
	}
	f = fopen(tmp, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fflush(f) || fsync(fileno(f))) {
		fprintf(stderr, "openita report: cannot write %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		unlink(tmp);
		return 1;
	}
	if (fclose(f) || rename(tmp, path)) {
		fprintf(stderr, "openita report: cannot write %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return 1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct report_args *a)
{
	static const struct option longopts[] = {
		{"framework", required_argument, NULL, 'f'},
		{"indicators", required_argument, NULL, 'n'},
		{"iit", required_argument, NULL, 'I'},
		{"eit", required_argument, NULL, 'E'},
		{"agency", required_argument, NULL, 'a'},
		{"oit", required_argument, NULL, 'o'},
		{"questions", required_argument, NULL, 'q'},
		{"previous", required_argument, NULL, 'p'},
		{"plan", required_argument, NULL, 'P'},
		{"playbook", required_argument, NULL, 'b'},
		{"year", required_argument, NULL, 'y'},
		{"name", required_argument, NULL, 'N'},
		{"checkpoint", required_argument, NULL, 'c'},
		{"digits", required_argument, NULL, 'd'},
		{"today", required_argument, NULL, 't'},
		{"format", required_argument, NULL, 'F'},
		{"out", required_argument, NULL, 'O'},
		{NULL, 0, NULL, 0},
	};
	const char *format = NULL;
	int c;

	if (argc < 2)
		return cli_usage("report", "which document: analysis, measures, progress, memo or plan");
	if (strcmp(argv[1], "plan") == 0)
		a->kind = -1;
	else if ((a->kind = report_kind_parse(argv[1])) < 0)
		return cli_usage("report", "no document \"%s\": analysis, measures, progress, memo "
				 "or plan", argv[1]);
	a->checkpoint = 0;
	a->thai_digits = true;
	optind = 2;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		char *end;
		long v;

		switch (c) {
		case 'f': a->framework = optarg; break;
		case 'n': a->indicators = optarg; break;
		case 'I': a->iit = optarg; break;
		case 'E': a->eit = optarg; break;
		case 'a': a->agency = optarg; break;
		case 'o': a->oit = optarg; break;
		case 'q': a->questions = optarg; break;
		case 'p': a->previous = optarg; break;
		case 'P': a->plan = optarg; break;
		case 'b': a->playbook = optarg; break;
		case 'N': a->name = optarg; break;
		case 't': a->today = optarg; break;
		case 'F': format = optarg; break;
		case 'O': a->out = optarg; break;
		case 'y':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 2500 || v > 2700)
				return cli_usage("report", "--year is a Buddhist Era year such as 2567, "
						 "not \"%s\"", optarg);
			a->year = (int)v;
			break;
		case 'c':
			if (strcmp(optarg, "6") && strcmp(optarg, "12"))
				return cli_usage("report", "--checkpoint is 6 or 12 (months), not \"%s\"",
						 optarg);
			a->checkpoint = strcmp(optarg, "12") == 0;
			break;
		case 'd':
			if (strcmp(optarg, "thai") && strcmp(optarg, "arabic"))
				return cli_usage("report", "--digits is thai or arabic, not \"%s\"",
						 optarg);
			a->thai_digits = strcmp(optarg, "thai") == 0;
			break;
		default:
			return cli_usage("report", "unknown or incomplete option \"%s\"",
					 argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("report", "unexpected argument \"%s\"", argv[optind]);
	if (!a->framework)
		return cli_usage("report", "--framework is required (built in: ita-2565, ita-2568)");
	if (!a->agency)
		return cli_usage("report", "--agency CODE is required");
	if (!a->indicators && !a->oit && !a->iit && !a->eit)
		return cli_usage("report", "the result is needed: give --indicators (the result sheet) "
				 "or --iit/--eit (answers to score), and --oit");
	if (!a->out)
		return cli_usage("report", "--out FILE is required (- for standard output)");
	if (a->kind < 0) {
		if (format && strcmp(format, "json"))
			return cli_usage("report", "report plan writes json, not \"%s\"", format);
		a->format = -1;
	} else if (!format) {
		return cli_usage("report", "--format is required: pdf, docx, html, csv or xlsx");
	} else if ((a->format = report_format_parse(format)) < 0) {
		return cli_usage("report", "--format is pdf, docx, html, csv or xlsx, not \"%s\"",
				 format);
	}
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct report_args a = {0};
	struct oi_framework *fw = NULL;
	struct oi_playbook *pb = NULL;
	struct oi_agency_result *ar = NULL;
	struct oi_analysis an = {0};
	bool analysed = false;
	struct oi_plan *plan = NULL;
	struct oi_error err;
	struct buf out;
	int status;

	buf_init(&out, OUTPUT_MAX);
	if ((status = parse_args(argc, argv, &a)) != 0)
		return status;
	status = EXIT_BAD_INPUT;
	if (oi_framework_open(a.framework, &fw, &err) || oi_playbook_open(a.playbook, fw, &pb, &err))
		goto fail;
	ar = oi_agency_result_new(fw, a.agency);
	ar->fiscal_year_be = a.year ? a.year :
		fw->n_fiscal_years ? fw->fiscal_years_be[fw->n_fiscal_years - 1] : 0;
	if (a.name)
		oi_agency_result_set_name(ar, a.name);
	if ((a.iit || a.eit) && computed_result(fw, &a, ar, &err))
		goto fail;
	if (read_result_file(oi_agency_result_read_indicators, ar, a.indicators, &err) ||
	    read_result_file(oi_agency_result_read_oit, ar, a.oit, &err) ||
	    read_result_file(oi_agency_result_read_questions, ar, a.questions, &err) ||
	    read_result_file(oi_agency_result_read_previous, ar, a.previous, &err))
		goto fail;
	oi_agency_result_finish(ar);
	if (oi_analyse(ar, &an, &err))
		goto fail;
	analysed = true;
	if (a.plan ? read_plan_file(a.plan, &plan, &err) : oi_plan_draft(&an, pb, 0, &plan, &err))
		goto fail;
	if (a.kind < 0) {
		char *json = oi_plan_to_json(plan);

		buf_puts(&out, json);
		free(json);
	} else {
		struct report_input in = {
			.analysis = &an, .plan = plan, .playbook = pb, .checkpoint = a.checkpoint,
			.thai_digits = a.thai_digits, .today = a.today,
		};

		if (report_render((enum report_kind)a.kind, (enum report_format)a.format, &in, &out,
				  &err))
			goto fail;
	}
	status = write_output(a.out, out.data ? out.data : "", out.len);
	goto out;
fail:
	status = cli_fail(&err);
out:
	buf_release(&out);
	oi_plan_free(plan);
	if (analysed)
		oi_analysis_release(&an);
	oi_agency_result_free(ar);
	oi_playbook_free(pb);
	oi_framework_free(fw);
	return status;
}
