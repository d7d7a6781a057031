/*
 * report_bench.c — the benchmark of the four documents (make bench-reports, bench/reports.sh).
 *
 * For every agency of a published-result sheet (the `--indicators` format, docs/formats.md §5,
 * as bench/reports.sh makes it from `openita score --format csv` on the national synthetic
 * dataset) it does what `openita report` does for one agency, in one process: the agency's row
 * goes through the core's reader (oi_agency_result_read_indicators, from an in-memory CSV of
 * the header and that row), its OIT verdicts likewise when --oit is given, its name from
 * --agencies, fiscal year 2565; then oi_analyse, oi_plan_draft with the built-in playbook, and
 * the four documents — analysis, measures, progress (6 months), memo — composed and rendered as
 * PDF (or DOCX). Each document's compose + render (report_build + doc_render_*) is timed with
 * CLOCK_MONOTONIC, and with the thread's CPU clock (CLOCK_THREAD_CPUTIME_ID: what the document
 * costs whatever else the shared machine runs); reading, analysis and drafting are timed apart ("prepare"). Each thread
 * first makes the first agency's documents once, uncounted (the first layout loads the fonts):
 * the per-document figures are those of a running service, the cold start is printed apart.
 *
 * Checks: every PDF starts with "%PDF-" and holds at least one page object; every DOCX starts
 * with "PK". Every --check-every'th agency's documents are also laid out again with
 * doc_page_count() (outside the timing), whose count must equal the PDF's. Any failure → exit 1.
 *
 * Options: --indicators FILE (required), --agencies FILE (names), --oit FILE (verdicts),
 * --limit N (first N agencies), --stride S (every S-th agency
 * of the file, from the first: a sample across agency types, which the file lists in blocks;
 * --limit then counts the sample), --format pdf|docx, --threads T (each thread opens its own
 * framework and playbook and renders its own documents; agencies are handed out one at a time),
 * --out DIR (write CODE-KIND.pdf|docx there; default: keep in memory and discard), --list FILE
 * (one line per document: agency, kind, bytes, pages, ms), --check-every N (default 1: every
 * agency). Prints per kind count, mean, median, p95, max ms, pages and bytes; then total wall
 * time, documents per second and total bytes, as "key=value" lines that bench/reports.sh reads.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "openita/analysis.h"
#include "openita/csv.h"
#include "openita/framework.h"
#include "openita/plan.h"
#include "openita/playbook.h"
#include "reports.h"

#define NKINDS 4
#define FISCAL_YEAR_BE 2565
#define FILE_MAX (1u << 30)
#define DOC_MAX (256u << 20)

struct agency {
	char *code;          /* NUL-terminated copy */
	const char *line;    /* its row of the indicators file, without the line end */
	size_t line_len;
	const char *name;    /* from --agencies, or NULL */
	const char *oit;     /* its block of oit.csv rows (contiguous), or NULL */
	size_t oit_len;
};

struct bench {
	const char *indicators_path, *agencies_path, *oit_path, *out_dir, *list_path;
	long limit, stride;
	int threads, check_every;
	enum report_format format;
	char *ind, *oitfile;             /* whole files */
	size_t ind_header_len, oit_header_len;
	struct agency *agencies;
	size_t n, row;
	char **name_codes, **names;      /* from --agencies, sorted by code */
	size_t n_names;
	/* results, [kind][agency] */
	double *ms[NKINDS];
	double *cpu[NKINDS];             /* the thread's CPU time for the same span */
	int *pages[NKINDS];
	size_t *bytes[NKINDS];
	double *prepare_ms;
	double warmup_ms;                /* the slowest thread's warm-up agency */
	atomic_size_t next;
	atomic_long failures;
	pthread_mutex_t print_lock;
};

static double clock_ms(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

/* CPU time of the calling thread: what a document costs whatever else the machine runs. */
static double cpu_ms(void)
{
	return clock_ms(CLOCK_THREAD_CPUTIME_ID);
}

static void fail(struct bench *b, const char *code, const char *what, const struct oi_error *err)
{
	atomic_fetch_add(&b->failures, 1);
	pthread_mutex_lock(&b->print_lock);
	fprintf(stderr, "report_bench: %s: %s%s%s\n", code, what, err ? ": " : "",
		err ? err->message : "");
	pthread_mutex_unlock(&b->print_lock);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf bf;
	char chunk[1 << 16];
	size_t n;

	if (!f) {
		fprintf(stderr, "report_bench: cannot open %s: %s\n", path, strerror(errno));
		exit(2);
	}
	buf_init(&bf, FILE_MAX);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(&bf, chunk, n)) {
			fprintf(stderr, "report_bench: %s is too large\n", path);
			exit(2);
		}
	if (ferror(f)) {
		fprintf(stderr, "report_bench: cannot read %s: %s\n", path, strerror(errno));
		exit(2);
	}
	fclose(f);
	return buf_detach(&bf, len);
}

static size_t line_end(const char *s, size_t len, size_t from)
{
	const char *nl = memchr(s + from, '\n', len - from);

	return nl ? (size_t)(nl - s) : len;
}

static int cmp_agency(const void *a, const void *b)
{
	return strcmp(((const struct agency *)a)->code, ((const struct agency *)b)->code);
}

static int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The indicators file: header, then one agency per line (codes have no quotes or commas). */
static void load_indicators(struct bench *b)
{
	size_t len, pos, cap = 0;

	b->ind = slurp(b->indicators_path, &len);
	b->ind_header_len = line_end(b->ind, len, 0);
	for (pos = b->ind_header_len + 1; pos < len; ) {
		size_t end = line_end(b->ind, len, pos), l = end;
		const char *comma;

		if (l > pos && b->ind[l - 1] == '\r')
			l--;
		if (l > pos && b->row++ % b->stride != 0) {
			pos = end + 1;
			continue;
		}
		if (l > pos) {
			if (b->limit >= 0 && (long)b->n >= b->limit)
				break;
			comma = memchr(b->ind + pos, ',', l - pos);
			if (!comma || memchr(b->ind + pos, '"', l - pos)) {
				fprintf(stderr, "report_bench: %s: line not of the form CODE,...\n",
					b->indicators_path);
				exit(2);
			}
			if (b->n == cap) {
				cap = cap ? cap * 2 : 1024;
				b->agencies = realloc(b->agencies, cap * sizeof *b->agencies);
				if (!b->agencies)
					abort();
			}
			b->agencies[b->n] = (struct agency){
				.code = strndup(b->ind + pos, (size_t)(comma - (b->ind + pos))),
				.line = b->ind + pos, .line_len = l - pos,
			};
			b->n++;
		}
		pos = end + 1;
	}
}

/* Names: agencies.csv, columns code and name (oi_csv: names are quoted when they must be). */
static void load_names(struct bench *b)
{
	struct oi_csv *csv;
	const struct oi_csv_record *rec;
	struct oi_error err;
	long code_col = -1, name_col = -1;
	size_t cap = 0;
	int rc;

	if (oi_csv_open(b->agencies_path, &csv, &err)) {
		fprintf(stderr, "report_bench: %s: %s\n", b->agencies_path, err.message);
		exit(2);
	}
	while ((rc = oi_csv_next(csv, &rec, &err)) == 1) {
		if (code_col < 0) {
			for (size_t i = 0; i < rec->n_fields; i++) {
				if (strcmp(rec->fields[i].data, "code") == 0)
					code_col = (long)i;
				else if (strcmp(rec->fields[i].data, "name") == 0)
					name_col = (long)i;
			}
			if (code_col < 0 || name_col < 0) {
				fprintf(stderr, "report_bench: %s: no code and name columns\n",
					b->agencies_path);
				exit(2);
			}
			continue;
		}
		if ((size_t)code_col >= rec->n_fields || (size_t)name_col >= rec->n_fields)
			continue;
		if (b->n_names == cap) {
			cap = cap ? cap * 2 : 1024;
			b->name_codes = realloc(b->name_codes, cap * sizeof *b->name_codes);
			b->names = realloc(b->names, cap * sizeof *b->names);
			if (!b->name_codes || !b->names)
				abort();
		}
		/* one allocation: code NUL name NUL, so sorting the codes keeps the names */
		size_t cl = rec->fields[code_col].len, nl = rec->fields[name_col].len;
		char *s = malloc(cl + nl + 2);

		if (!s)
			abort();
		memcpy(s, rec->fields[code_col].data, cl + 1);
		memcpy(s + cl + 1, rec->fields[name_col].data, nl + 1);
		b->name_codes[b->n_names++] = s;
	}
	if (rc < 0) {
		fprintf(stderr, "report_bench: %s:%lu: %s\n", b->agencies_path, err.line, err.message);
		exit(2);
	}
	oi_csv_free(csv);
	qsort(b->name_codes, b->n_names, sizeof *b->name_codes, cmp_str_ptr);
	for (size_t i = 0; i < b->n_names; i++)
		b->names[i] = b->name_codes[i] + strlen(b->name_codes[i]) + 1;
}

/* OIT verdicts: each agency's rows must be contiguous (gen_national writes them so). */
static void load_oit(struct bench *b, struct agency *sorted)
{
	size_t len, pos, start = 0;
	char *cur = NULL;

	b->oitfile = slurp(b->oit_path, &len);
	b->oit_header_len = line_end(b->oitfile, len, 0);
	for (pos = b->oit_header_len + 1; pos <= len; ) {
		size_t end = pos < len ? line_end(b->oitfile, len, pos) : len;
		const char *comma = pos < len ? memchr(b->oitfile + pos, ',', end - pos) : NULL;
		size_t cl = comma ? (size_t)(comma - (b->oitfile + pos)) : 0;

		if (cur && (!comma || strlen(cur) != cl || memcmp(cur, b->oitfile + pos, cl))) {
			struct agency key = {.code = cur}, *a;

			a = bsearch(&key, sorted, b->n, sizeof *sorted, cmp_agency);
			if (a) {
				if (a->oit) {
					fprintf(stderr, "report_bench: %s: agency %s's rows are not "
						"contiguous\n", b->oit_path, cur);
					exit(2);
				}
				a->oit = b->oitfile + start;
				a->oit_len = pos - start;
			}
			free(cur);
			cur = NULL;
		}
		if (comma && !cur) {
			cur = strndup(b->oitfile + pos, cl);
			start = pos;
		}
		if (pos >= len)
			break;
		pos = end + 1;
	}
	free(cur);
}

static int read_from_memory(int (*read)(struct oi_agency_result *, struct oi_csv *,
					struct oi_error *),
			    struct oi_agency_result *ar, const char *header, size_t header_len,
			    const char *rows, size_t rows_len, struct buf *scratch,
			    struct oi_error *err)
{
	struct oi_csv *csv;
	int rc;

	buf_reset(scratch);
	buf_add(scratch, header, header_len);
	buf_add(scratch, "\n", 1);
	buf_add(scratch, rows, rows_len);
	buf_add(scratch, "\n", 1);
	csv = oi_csv_from_memory("agency row", scratch->data, scratch->len);
	rc = read(ar, csv, err);
	oi_csv_free(csv);
	return rc;
}

/* Pages of a cairo PDF: its page objects, "/Type /Page" not followed by "s". */
static int pdf_pages(const char *p, size_t len)
{
	static const char key[] = "/Type /Page";
	const char *end = p + len;
	int n = 0;

	while ((p = memmem(p, (size_t)(end - p), key, sizeof key - 1)) != NULL) {
		p += sizeof key - 1;
		if (p >= end || *p != 's')
			n++;
	}
	return n;
}

static void write_file(struct bench *b, const char *code, enum report_kind kind,
		       const struct buf *doc)
{
	char path[4096];
	FILE *f;

	if ((size_t)snprintf(path, sizeof path, "%s/%s-%s.%s", b->out_dir, code,
			     report_kind_name(kind), report_format_name(b->format)) >= sizeof path) {
		fail(b, code, "output path too long", NULL);
		return;
	}
	f = fopen(path, "wb");
	if (!f || fwrite(doc->data, 1, doc->len, f) != doc->len) {
		fail(b, code, "cannot write the document", NULL);
		if (f)
			fclose(f);
		return;
	}
	if (fclose(f))
		fail(b, code, "cannot write the document", NULL);
}

static void do_agency(struct bench *b, size_t i, const struct oi_framework *fw,
		      const struct oi_playbook *pb, struct buf *scratch, struct buf *doc, size_t slot)
{
	struct agency *ag = &b->agencies[i];
	bool warm = slot != i;   /* the warm-up writes to its thread's spare slot (n + thread) */
	struct oi_agency_result *ar;
	struct oi_analysis an = {0};
	struct oi_plan *plan = NULL;
	struct oi_error err;
	double t0 = now_ms();

	ar = oi_agency_result_new(fw, ag->code);
	ar->fiscal_year_be = FISCAL_YEAR_BE;
	oi_agency_result_set_name(ar, ag->name);
	if (read_from_memory(oi_agency_result_read_indicators, ar, b->ind, b->ind_header_len,
			     ag->line, ag->line_len, scratch, &err) ||
	    (ag->oit && read_from_memory(oi_agency_result_read_oit, ar, b->oitfile,
					 b->oit_header_len, ag->oit, ag->oit_len, scratch, &err))) {
		fail(b, ag->code, "reading the result", &err);
		oi_agency_result_free(ar);
		atomic_fetch_add(&b->failures, NKINDS - 1);
		return;
	}
	oi_agency_result_finish(ar);
	if (oi_analyse(ar, &an, &err)) {
		fail(b, ag->code, "oi_analyse", &err);
		oi_agency_result_free(ar);
		atomic_fetch_add(&b->failures, NKINDS - 1);
		return;
	}
	if (oi_plan_draft(&an, pb, 0, &plan, &err)) {
		fail(b, ag->code, "oi_plan_draft", &err);
		oi_analysis_release(&an);
		oi_agency_result_free(ar);
		atomic_fetch_add(&b->failures, NKINDS - 1);
		return;
	}
	b->prepare_ms[slot] = now_ms() - t0;

	struct report_input in = {
		.analysis = &an, .plan = plan, .playbook = pb, .checkpoint = 0,
		.thai_digits = true, .today = NULL,
	};
	for (int k = 0; k < NKINDS; k++) {
		struct doc *d = NULL;
		int rc;
		double c0;

		buf_reset(doc);
		t0 = now_ms();
		c0 = cpu_ms();
		rc = report_build((enum report_kind)k, &in, &d, &err);
		if (rc == 0)
			rc = b->format == REPORT_PDF ? doc_render_pdf(d, doc, &err)
						     : doc_render_docx(d, doc, &err);
		b->ms[k][slot] = now_ms() - t0;
		b->cpu[k][slot] = cpu_ms() - c0;
		b->bytes[k][slot] = doc->len;
		if (rc) {
			fail(b, ag->code, report_kind_name((enum report_kind)k), &err);
			b->pages[k][slot] = -1;
		} else if (b->format == REPORT_PDF) {
			int pages = doc->len >= 5 && memcmp(doc->data, "%PDF-", 5) == 0
				    ? pdf_pages(doc->data, doc->len) : 0;

			b->pages[k][slot] = pages;
			if (pages < 1)
				fail(b, ag->code, "not a PDF with a page", NULL);
			else if (!warm && b->check_every > 0 && i % (size_t)b->check_every == 0) {
				int laid = doc_page_count(d, &err);

				if (laid != pages) {
					char what[128];

					snprintf(what, sizeof what, "%s: doc_page_count %d, PDF %d",
						 report_kind_name((enum report_kind)k), laid,
						 pages);
					fail(b, ag->code, what, NULL);
				}
			}
		} else {
			b->pages[k][slot] = 0;
			if (doc->len < 4 || memcmp(doc->data, "PK\x03\x04", 4) != 0)
				fail(b, ag->code, "not a DOCX (zip)", NULL);
		}
		if (rc == 0 && b->out_dir && !warm)
			write_file(b, ag->code, (enum report_kind)k, doc);
		doc_free(d);
	}
	oi_plan_free(plan);
	oi_analysis_release(&an);
	oi_agency_result_free(ar);
}

struct worker_arg {
	struct bench *b;
	size_t thread;
};

static void *worker(void *arg)
{
	struct bench *b = ((struct worker_arg *)arg)->b;
	size_t spare = b->n + ((struct worker_arg *)arg)->thread;
	struct oi_framework *fw = NULL;
	struct oi_playbook *pb = NULL;
	struct oi_error err;
	struct buf scratch, doc;
	size_t i;

	if (oi_framework_open("ita-2565", &fw, &err) || oi_playbook_open(NULL, fw, &pb, &err)) {
		fprintf(stderr, "report_bench: ita-2565: %s\n", err.message);
		exit(2);
	}
	buf_init(&scratch, 1u << 24);
	buf_init(&doc, DOC_MAX);
	if (b->n) {
		/* warm-up, not counted: the first layout loads the fonts (fontconfig, Pango's
		   font map of the thread); the national figures are of a running service */
		double t0 = now_ms();

		do_agency(b, 0, fw, pb, &scratch, &doc, spare);
		pthread_mutex_lock(&b->print_lock);
		if (now_ms() - t0 > b->warmup_ms)
			b->warmup_ms = now_ms() - t0;
		pthread_mutex_unlock(&b->print_lock);
	}
	while ((i = atomic_fetch_add(&b->next, 1)) < b->n)
		do_agency(b, i, fw, pb, &scratch, &doc, i);
	buf_release(&scratch);
	buf_release(&doc);
	oi_playbook_free(pb);
	oi_framework_free(fw);
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted v[0..n). */
static double pct(const double *v, size_t n, double p)
{
	size_t r = (size_t)(p / 100.0 * (double)n + 0.999999);

	return n ? v[r ? r - 1 : 0] : 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: report_bench --indicators FILE [--agencies FILE] [--oit FILE] "
		"[--limit N] [--stride S] [--format pdf|docx] [--threads T] [--out DIR] [--list FILE] "
		"[--check-every N]\n");
	return 2;
}

static long number(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max) {
		fprintf(stderr, "report_bench: \"%s\" is not a number in %ld..%ld\n", s, min, max);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"indicators", required_argument, NULL, 'i'},
		{"agencies", required_argument, NULL, 'a'},
		{"oit", required_argument, NULL, 'o'},
		{"limit", required_argument, NULL, 'l'},
		{"format", required_argument, NULL, 'f'},
		{"threads", required_argument, NULL, 't'},
		{"out", required_argument, NULL, 'O'},
		{"list", required_argument, NULL, 'L'},
		{"check-every", required_argument, NULL, 'c'},
		{"stride", required_argument, NULL, 's'},
		{NULL, 0, NULL, 0},
	};
	static struct bench b = {.limit = -1, .stride = 1, .threads = 1, .check_every = 1,
				 .format = REPORT_PDF};
	pthread_t *tids;
	struct worker_arg *args;
	struct agency *sorted;
	double t0, wall_ms, total_ms = 0, total_cpu = 0;
	size_t total_bytes = 0;
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': b.indicators_path = optarg; break;
		case 'a': b.agencies_path = optarg; break;
		case 'o': b.oit_path = optarg; break;
		case 'O': b.out_dir = optarg; break;
		case 'L': b.list_path = optarg; break;
		case 's': b.stride = number(optarg, 1, 10000000); break;
		case 'l': b.limit = number(optarg, 0, 10000000); break;
		case 't': b.threads = (int)number(optarg, 1, 256); break;
		case 'c': b.check_every = (int)number(optarg, 0, 100000000); break;
		case 'f':
			if (strcmp(optarg, "pdf") == 0)
				b.format = REPORT_PDF;
			else if (strcmp(optarg, "docx") == 0)
				b.format = REPORT_DOCX;
			else
				return usage();
			break;
		default:
			return usage();
		}
	}
	if (!b.indicators_path || optind < argc)
		return usage();
	pthread_mutex_init(&b.print_lock, NULL);
	load_indicators(&b);
	if (b.agencies_path)
		load_names(&b);
	/* a copy sorted by code to find agencies by code; its elements point into the same
	   strings, so fill names and OIT blocks there and copy them back by code */
	sorted = malloc((b.n ? b.n : 1) * sizeof *sorted);
	if (!sorted)
		abort();
	memcpy(sorted, b.agencies, b.n * sizeof *sorted);
	qsort(sorted, b.n, sizeof *sorted, cmp_agency);
	if (b.oit_path)
		load_oit(&b, sorted);
	for (size_t i = 0; i < b.n; i++) {
		struct agency *s = bsearch(&b.agencies[i], sorted, b.n, sizeof *sorted, cmp_agency);
		char *key = b.agencies[i].code, **nm;

		b.agencies[i].oit = s->oit;
		b.agencies[i].oit_len = s->oit_len;
		nm = b.n_names ? bsearch(&key, b.name_codes, b.n_names, sizeof *b.name_codes,
					 cmp_str_ptr) : NULL;
		b.agencies[i].name = nm ? b.names[nm - b.name_codes] : NULL;
	}
	free(sorted);
	for (int k = 0; k < NKINDS; k++) {
		b.ms[k] = calloc(b.n + (size_t)b.threads, sizeof *b.ms[k]);
		b.cpu[k] = calloc(b.n + (size_t)b.threads, sizeof *b.cpu[k]);
		b.pages[k] = calloc(b.n + (size_t)b.threads, sizeof *b.pages[k]);
		b.bytes[k] = calloc(b.n + (size_t)b.threads, sizeof *b.bytes[k]);
		if (!b.ms[k] || !b.cpu[k] || !b.pages[k] || !b.bytes[k])
			abort();
	}
	b.prepare_ms = calloc(b.n + (size_t)b.threads, sizeof *b.prepare_ms);
	tids = calloc((size_t)b.threads, sizeof *tids);
	args = calloc((size_t)b.threads, sizeof *args);
	if (!b.prepare_ms || !tids || !args)
		abort();

	t0 = now_ms();
	for (int t = 0; t < b.threads; t++) {
		args[t] = (struct worker_arg){.b = &b, .thread = (size_t)t};
		if (pthread_create(&tids[t], NULL, worker, &args[t])) {
			fprintf(stderr, "report_bench: cannot start a thread\n");
			return 2;
		}
	}
	for (int t = 0; t < b.threads; t++)
		pthread_join(tids[t], NULL);
	wall_ms = now_ms() - t0;

	if (b.list_path) {
		FILE *f = fopen(b.list_path, "w");

		if (!f) {
			fprintf(stderr, "report_bench: cannot write %s\n", b.list_path);
			return 2;
		}
		fprintf(f, "agency,kind,bytes,pages,ms,cpu_ms\n");
		for (size_t i = 0; i < b.n; i++)
			for (int k = 0; k < NKINDS; k++)
				fprintf(f, "%s,%s,%zu,%d,%.3f,%.3f\n", b.agencies[i].code,
					report_kind_name((enum report_kind)k), b.bytes[k][i],
					b.pages[k][i], b.ms[k][i], b.cpu[k][i]);
		if (fclose(f))
			return 2;
	}

	printf("agencies=%zu format=%s threads=%d\n", b.n, report_format_name(b.format),
	       b.threads);
	for (int k = 0; k < NKINDS; k++) {
		double *v = malloc((b.n + 1) * sizeof *v), sum = 0, pages = 0, csum = 0;
		double *cv = malloc((b.n + 1) * sizeof *cv);
		size_t bytes = 0, worst = 0;

		if (!v || !cv)
			abort();
		for (size_t i = 0; i < b.n; i++) {
			v[i] = b.ms[k][i];
			cv[i] = b.cpu[k][i];
			csum += cv[i];
			sum += v[i];
			bytes += b.bytes[k][i];
			pages += b.pages[k][i] > 0 ? b.pages[k][i] : 0;
			if (b.ms[k][i] > b.ms[k][worst])
				worst = i;
		}
		qsort(v, b.n, sizeof *v, cmp_double);
		qsort(cv, b.n, sizeof *cv, cmp_double);
		printf("kind=%s count=%zu mean_ms=%.2f median_ms=%.2f p95_ms=%.2f max_ms=%.2f "
		       "max_agency=%s max_pages=%d mean_pages=%.2f mean_kb=%.1f bytes=%zu "
		       "cpu_mean_ms=%.2f cpu_median_ms=%.2f cpu_p95_ms=%.2f cpu_max_ms=%.2f\n",
		       report_kind_name((enum report_kind)k), b.n, b.n ? sum / (double)b.n : 0,
		       pct(v, b.n, 50), pct(v, b.n, 95), b.n ? v[b.n - 1] : 0,
		       b.n ? b.agencies[worst].code : "-", b.n ? b.pages[k][worst] : 0,
		       b.n ? pages / (double)b.n : 0, b.n ? (double)bytes / (double)b.n / 1024 : 0,
		       bytes, b.n ? csum / (double)b.n : 0, pct(cv, b.n, 50), pct(cv, b.n, 95),
		       b.n ? cv[b.n - 1] : 0);
		total_ms += sum;
		total_cpu += csum;
		total_bytes += bytes;
		free(v);
		free(cv);
	}
	{
		double prep = 0;

		for (size_t i = 0; i < b.n; i++)
			prep += b.prepare_ms[i];
		printf("prepare mean_ms=%.3f (read result, analyse, draft plan; per agency)\n",
		       b.n ? prep / (double)b.n : 0);
	}
	printf("warmup ms=%.1f (the first agency's four documents, once per thread first: "
	       "in the wall time, not in the per-document figures)\n", b.warmup_ms);
	printf("total docs=%zu wall_s=%.2f docs_per_s=%.2f compose_render_s=%.2f "
	       "mean_ms_per_doc=%.2f cpu_s=%.2f cpu_mean_ms_per_doc=%.2f bytes=%zu failures=%ld\n",
	       b.n * NKINDS, wall_ms / 1e3,
	       wall_ms > 0 ? (double)(b.n * NKINDS) / (wall_ms / 1e3) : 0, total_ms / 1e3,
	       b.n ? total_ms / (double)(b.n * NKINDS) : 0, total_cpu / 1e3,
	       b.n ? total_cpu / (double)(b.n * NKINDS) : 0, total_bytes,
	       atomic_load(&b.failures));
	return atomic_load(&b.failures) ? 1 : 0;
}
