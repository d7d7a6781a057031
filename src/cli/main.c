/*
 * main.c — the `openita` program: one table of commands, each in its own file (cmd_*.c).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define OPENITA_VERSION "0.1.0"

/*
 * For sanitizer builds (make SAN=1): the documents and posters are drawn with Pango, whose
 * fontconfig keeps its font cache for the life of the process on purpose; LeakSanitizer would
 * report it when `openita serve` stops (tests/e2e/run.sh checks the log). Ours are still all
 * reported. An ordinary build never calls this.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;
};

static const struct command commands[] = {
	{"score", cmd_score, "score agencies from answers, OIT verdicts or published indicators",
	 "openita score --framework ID|FILE [--agencies FILE] [--iit FILE] [--eit FILE]\n"
	 "              [--survey CODE=FILE] [--oit FILE] [--indicators FILE]\n"
	 "              [--format text|json|csv]\n"
	 "  Formats of the files: docs/formats.md. Output on stdout; a fault in any input is\n"
	 "  reported as FILE:LINE:COLUMN: message, with exit status 2 and no output."},
	{"report", cmd_report, "the documents after a result: analysis, measures, progress, memo",
	 "openita report analysis|measures|progress|memo|plan --framework ID|FILE\n"
	 "               --agency CODE (--indicators FILE | --iit FILE --eit FILE)\n"
	 "               [--oit FILE] [--questions FILE]\n"
	 "               [--previous FILE] [--plan FILE.json] [--playbook FILE] [--year BE]\n"
	 "               [--name NAME] [--checkpoint 6|12] [--digits thai|arabic]\n"
	 "               [--today YYYY-MM-DD] --format pdf|docx|html|csv|xlsx --out FILE\n"
	 "  analysis  the analysis report (cover, contents, result, strengths, weaknesses,\n"
	 "            recommendations, action tables)\n"
	 "  measures  the measures document (O42); progress  the 6/12-month report (O43)\n"
	 "  memo      the covering memo (บันทึกข้อความ)\n"
	 "  plan      the measures plan drafted from the result, as JSON to edit and give back\n"
	 "            with --plan (format: docs/plan.md)\n"
	 "  The result: the published sheet (--indicators), or the answers scored here as\n"
	 "  `openita score` does (--iit, --eit; the OIT from --oit verdicts).\n"
	 "  Without --plan the plan is drafted from the analysis and the playbook. --year is the\n"
	 "  assessed fiscal year (default: the framework's last). csv and xlsx hold the\n"
	 "  document's tables. --out - writes to standard output."},
	{"sample", cmd_sample, "the minimum sample for a population",
	 "openita sample --framework ID|FILE --population N [--instrument IIT|EIT]\n"
	 "  Prints the minimum number of responses as a bare integer (instrument: IIT)."},
	{"framework", cmd_framework, "list, show or check framework files",
	 "openita framework list\n"
	 "openita framework show ID|FILE [--wording FILE]\n"
	 "openita framework check FILE"},
	{"serve", cmd_serve, "run the web system: surveys, workspaces, dashboards, API",
	 "openita serve [--db FILE] [--listen ADDR:PORT] [--demo] [--secure-cookies]\n"
	 "              [--rate-network N] [--rate-link N] [--evidence-allow-private]\n"
	 "              [--evidence-every MINUTES]\n"
	 "  --db FILE         the database (default openita.db; created and migrated at start)\n"
	 "  --listen A:P      where to listen (default 127.0.0.1:8080; :8080 for every address)\n"
	 "  --demo            in a database without accounts: create the demo year and print\n"
	 "                    its accounts and passwords\n"
	 "  --secure-cookies  behind a TLS proxy: session cookies get Secure\n"
	 "  --rate-network N  survey submissions per minute per network (default 120; 0 = off)\n"
	 "  --rate-link N     survey submissions per minute per survey link (default 1200)\n"
	 "  --evidence-allow-private  OIT evidence URLs on private, loopback or link-local\n"
	 "                    addresses are captured too (refused by default)\n"
	 "  --evidence-every M the link monitor captures every current evidence URL again\n"
	 "                    every M minutes (default 1440, a day; 0 = off)\n"
	 "  Stops cleanly on SIGINT or SIGTERM."},
	{"user", cmd_user, "create an account",
	 "openita user add [--db FILE] --role admin|agency_admin|assessor|viewer\n"
	 "                 [--agency CODE] USERNAME\n"
	 "  The password is asked twice on a terminal, or read as one line from stdin."},
	{"evidence", cmd_evidence, "capture OIT evidence URLs: status, final URL, type, size, SHA-256",
	 "openita evidence capture [--allow-private] [--timeout S] [--connect-timeout S]\n"
	 "                         [--max-size BYTES] [--concurrency N] [--from FILE] URL...\n"
	 "  Prints one JSON object per URL and line, in order: url, final_url, status,\n"
	 "  content_type, size, sha256, text_sha256 (an HTML page's visible text, digits\n"
	 "  ignored), sniffed (pdf, image, office: what a body of a generic type such as\n"
	 "  application/octet-stream is), fetched_at, outcome, error. Bounds: --timeout (whole\n"
	 "  transfer, default 20 s), --connect-timeout (5 s), --max-size (body, default 10 MiB;\n"
	 "  a larger one is cut there), 5 redirects, http and https only. Private, loopback and\n"
	 "  link-local addresses are refused unless --allow-private. --from FILE reads URLs one\n"
	 "  a line (- for stdin). Exit 0 when every URL was fetched, 1 when any is broken,\n"
	 "  2 for bad usage.\n"
	 "openita evidence check [--db FILE] [--agency CODE] [--allow-private]\n"
	 "  Captures every current OIT evidence URL of the current assessment (one agency with\n"
	 "  --agency), stores the captures, and prints each URL that is broken, changed since it\n"
	 "  was submitted (a page: its visible text), empty or of an unexpected type: CODE ITEM\n"
	 "  STATE URL. Exit 0 when all are fine, 1 when any is not, 2 for bad usage or a\n"
	 "  database error."},
	{"backup", cmd_backup, "copy the database consistently while it is in use",
	 "openita backup [--db FILE] DEST\n"
	 "  Restore: docs/operations.md."},
};

#define N_COMMANDS (sizeof commands / sizeof *commands)

static const struct command *find(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int help(const char *topic)
{
	const struct command *c = topic ? find(topic) : NULL;

	if (c) {
		printf("%s — %s\n\nusage:\n%s\n", c->name, c->summary, c->usage);
		return 0;
	}
	printf("openita %s — Integrity and Transparency Assessment (ITA), end to end\n\n"
	       "usage: openita COMMAND [OPTIONS]\n\ncommands:\n", OPENITA_VERSION);
	for (size_t i = 0; i < N_COMMANDS; i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].summary);
	printf("  %-10s %s\n\n", "help", "help on a command: openita help score");
	return topic ? 2 : 0;
}

int main(int argc, char **argv)
{
	const struct command *c;

	if (argc < 2)
		return help(NULL) ? 2 : 2;
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return help(argc > 2 ? argv[2] : NULL);
	if (!strcmp(argv[1], "--version")) {
		printf("openita %s\n", OPENITA_VERSION);
		return 0;
	}
	c = find(argv[1]);
	if (!c) {
		fprintf(stderr, "openita: unknown command \"%s\"; see: openita help\n", argv[1]);
		return 2;
	}
	return c->run(argc - 1, argv + 1);
}
