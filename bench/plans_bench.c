/*
 * plans_bench.c — the NACC admin's list of every agency's measures plan (/admin/plans,
 * oi_store_plan_overview) over a national year, beside the same counts in one SQLite SQL query
 * (make bench-plans, bench/plans.sh).
 *
 * Fills a fresh database at DB (through the store, as the web pages do) with N agencies
 * (default 8,300), each with a plan of M measures (default 10) over fiscal year 2570
 * (1 Oct 2026 – 30 Sep 2027) and seeded random 6- and 12-month reports, then times, RUNS
 * times each (median wall time): openita's overview as of TODAY (default 2027-06-15: the
 * 6-month reports are due, the 12-month ones not yet), and the peer — one SQL statement over
 * the same tables that counts reports, overdue measures and missing reports per agency (the
 * bench's measures all start on 1 October, so "6 months less a day" is plain SQLite date
 * arithmetic there). Every agency's three counts must agree (exit 1 if not). Prints "key=value"
 * lines: agencies, measures, fill_s, openita_ms, sqlite_ms, ratio.
 *
 * Usage: plans_bench DB [--agencies N] [--measures M] [--runs R] [--today YYYY-MM-DD]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "openita/plan.h"
#include "openita/store.h"

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void die(const char *what, const struct oi_error *err)
{
	fprintf(stderr, "plans_bench: %s: %s\n", what, err ? err->message : "");
	exit(1);
}

static void fill(struct oi_store *st, size_t n_agencies, size_t n_measures)
{
	struct oi_agency *list = calloc(n_agencies, sizeof *list);
	struct oi_assessment as;
	struct oi_error err;

	memset(&as, 0, sizeof as);
	as.fiscal_year = 2570;
	snprintf(as.framework_id, sizeof as.framework_id, "ita-2565");
	if (oi_store_assessment_add(st, &as, &err))
		die("assessment", &err);
	for (size_t i = 0; i < n_agencies; i++) {
		snprintf(list[i].code, sizeof list[i].code, "B%05zu", i + 1);
		snprintf(list[i].name, sizeof list[i].name, "หน่วยงานทดสอบที่ %zu", i + 1);
	}
	if (oi_store_agency_import(st, list, n_agencies, &err))
		die("agencies", &err);
	for (size_t i = 0; i < n_agencies; i++) {
		struct oi_plan *p = oi_plan_new("ita-2565", list[i].code, 2570);

		for (size_t m = 0; m < n_measures; m++) {
			struct oi_measure *me = oi_plan_add_measure(p);

			oi_plan_set(p, &me->issue_th, "มาตรการทดสอบ");
			for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++) {
				/* a third report on time, a few late, some never */
				unsigned r = next(10);

				if (cp == 1 && r < 7)
					continue;
				if (r < 4)
					continue;
				me->progress[cp].status = (enum oi_progress_status)(1 + next(3));
				oi_plan_set(p, &me->progress[cp].done_th, "ดำเนินการตามแผน");
				oi_plan_set(p, &me->progress[cp].reported_on, "2027-04-01");
			}
		}
		if (oi_store_plan_save(st, list[i].id, p, &err))
			die("plan", &err);
		oi_plan_free(p);
	}
	free(list);
}

/* The peer: the counts of oi_plan_overview in one SQL statement (measures start 1 October). */
static const char peer_sql[] =
	"SELECT a.code, "
	" (SELECT count(*) FROM plan_progress g WHERE g.plan_id = p.id AND g.status > 0), "
	" (SELECT count(*) FROM plan_measures m WHERE m.plan_id = p.id AND m.period_end < ?1 AND "
	"   coalesce((SELECT g.status FROM plan_progress g WHERE g.plan_id = p.id AND "
	"     g.measure_seq = m.seq AND g.status > 0 ORDER BY g.checkpoint DESC LIMIT 1), 0) <> 3), "
	" (SELECT count(*) FROM plan_measures m, (SELECT 0 AS cp UNION ALL SELECT 1) k "
	"   WHERE m.plan_id = p.id AND "
	"   CASE k.cp WHEN 0 THEN date(m.period_start, '+6 months', '-1 day') "
	"     ELSE m.period_end END < ?1 AND "
	"   NOT EXISTS (SELECT 1 FROM plan_progress g WHERE g.plan_id = p.id AND "
	"     g.measure_seq = m.seq AND g.checkpoint = k.cp AND g.status > 0)) "
	"FROM agencies a JOIN plans p ON p.agency_id = a.id AND p.fiscal_year = ?2 "
	"ORDER BY a.code";

struct counts {
	long reported, overdue, missing;
};

static double peer(sqlite3 *db, const char *today, struct counts *out, size_t n)
{
	sqlite3_stmt *s;
	double t0 = now_s();
	size_t i = 0;

	if (sqlite3_prepare_v2(db, peer_sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "plans_bench: peer: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	sqlite3_bind_text(s, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, 2570);
	while (sqlite3_step(s) == SQLITE_ROW && i < n) {
		out[i].reported = sqlite3_column_int64(s, 1);
		out[i].overdue = sqlite3_column_int64(s, 2);
		out[i].missing = sqlite3_column_int64(s, 3);
		i++;
	}
	sqlite3_finalize(s);
	return now_s() - t0;
}

int main(int argc, char **argv)
{
	size_t n_agencies = 8300, n_measures = 10, runs = 5, n = 0;
	const char *today = "2027-06-15", *path;
	double *t_ours, *t_peer, t0, fill_s;
	struct oi_plan_overview *rows = NULL;
	struct counts *want;
	struct oi_store *st;
	struct oi_error err;
	sqlite3 *db;
	size_t mismatches = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: plans_bench DB [--agencies N] [--measures M] [--runs R] "
				"[--today YYYY-MM-DD]\n");
		return 2;
	}
	path = argv[1];
	for (int i = 2; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--agencies"))
			n_agencies = strtoul(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--measures"))
			n_measures = strtoul(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--runs"))
			runs = strtoul(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--today"))
			today = argv[i + 1];
	}
	if (!n_agencies || !runs)
		return 2;
	remove(path);
	if (oi_store_open(path, &st, &err))
		die("open", &err);
	t0 = now_s();
	fill(st, n_agencies, n_measures);
	fill_s = now_s() - t0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("peer open", NULL);
	t_ours = calloc(runs, sizeof *t_ours);
	t_peer = calloc(runs, sizeof *t_peer);
	want = calloc(n_agencies, sizeof *want);
	for (size_t r = 0; r < runs; r++) {
		free(rows);
		t0 = now_s();
		if (oi_store_plan_overview(st, 2570, today, &rows, &n, &err))
			die("overview", &err);
		t_ours[r] = now_s() - t0;
		t_peer[r] = peer(db, today, want, n_agencies);
	}
	for (size_t i = 0; i < n && i < n_agencies; i++)
		if (rows[i].n_reported != (size_t)want[i].reported ||
		    rows[i].n_overdue != (size_t)want[i].overdue ||
		    rows[i].n_missing != (size_t)want[i].missing) {
			if (mismatches++ < 5)
				fprintf(stderr, "plans_bench: %s: openita %zu/%zu/%zu, SQL %ld/%ld/%ld\n",
					rows[i].agency.code, rows[i].n_reported, rows[i].n_overdue,
					rows[i].n_missing, want[i].reported, want[i].overdue,
					want[i].missing);
		}
	qsort(t_ours, runs, sizeof *t_ours, cmp_double);
	qsort(t_peer, runs, sizeof *t_peer, cmp_double);
	printf("agencies=%zu\nmeasures=%zu\nfill_s=%.1f\nopenita_ms=%.1f\nsqlite_ms=%.1f\n"
	       "ratio=%.2f\nmismatches=%zu\n", n, n_measures, fill_s, t_ours[runs / 2] * 1e3,
	       t_peer[runs / 2] * 1e3, t_ours[runs / 2] / t_peer[runs / 2], mismatches);
	sqlite3_close(db);
	oi_store_close(st);
	free(rows);
	free(want);
	free(t_ours);
	free(t_peer);
	return mismatches ? 1 : 0;
}
