/*
 * demo.c — the demo year `openita serve --demo` puts into a fresh database.
 *
 * A newcomer should see a living system within seconds: the fiscal year of today on ita-2565
 * with its survey window open, eight agencies of different kinds across the country, one
 * account per role, and about 1,700 IIT/EIT responses spread over the last three weeks the way
 * real ones arrive (office hours, few at weekends, a burst after each agency shares its link).
 * Some agencies are past their minimum sample (so provisional scores show), some below, one has
 * not started, and two have not entered their populations yet.
 *
 * The structure is fixed (same agencies, populations, response counts and answers on every run,
 * from a seeded generator); only the dates follow `now`, and the passwords come from libsodium's
 * randombytes, new each time. Responses go through oi_store_response_submit from several threads
 * at once, as a busy server's would, so the store's group commit batches them.
 *
 * Answers lean toward the favourable options (scored with the framework's own option scores, so
 * reverse-scored sub-items lean the other way), with a per-agency quality and a per-respondent
 * leniency; a few answers are left blank ('0').
 *
 * From result to action: the agencies that took part last year have last year's result sheet
 * stored (indicator scores, failed OIT items with the assessors' comments, the year before for
 * comparison), and D01 has this year's measures plan drafted from its analysis with the built-in
 * playbook, a committee with members, a problem, the memo fields and a first progress report.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "auth.h"
#include "cli.h"
#include "demo.h"
#include "openita/date.h"
#include "openita/analysis.h"
#include "openita/framework.h"
#include "openita/plan.h"
#include "openita/playbook.h"
#include "openita/sample.h"

#define DEMO_FRAMEWORK "ita-2565"
#define DEMO_DAYS 21                    /* responses arrive over this many days up to now */
#define DEMO_THREADS 16                 /* concurrent submitters */
#define DEMO_PASSWORD_LEN 14            /* "xxxx-xxxx-xxxx": 12 random characters */
#define DAY (24L * 3600)

/* One demo agency: who it is, its populations (-1 not entered yet), how many responses it has
 * collected so far, and how favourably its people and clients answer (the softmax sharpness
 * over option scores: about 2.5 gives a survey score near 80, 5 near 92). */
struct demo_agency {
	const char *code, *name, *type, *province;
	long staff, service;
	int iit, eit;
	double quality;
	int start_day;                  /* days after the first demo day its link was shared */
};

static const struct demo_agency demo_agencies[] = {
	{"D01", "สำนักงานสาธารณสุขจังหวัดน่าน", "ส่วนภูมิภาค", "น่าน",
	 412, 3650, 58, 180, 5.0, 0},
	{"D02", "เทศบาลตำบลบ้านโป่ง", "องค์กรปกครองส่วนท้องถิ่น", "ราชบุรี",
	 146, 5200, 41, 150, 4.0, 1},
	{"D03", "องค์การบริหารส่วนตำบลแม่ทา", "องค์กรปกครองส่วนท้องถิ่น", "ลำพูน",
	 58, 1340, 19, 57, 3.2, 6},
	{"D04", "สำนักงานที่ดินจังหวัดขอนแก่น", "ส่วนภูมิภาค", "ขอนแก่น",
	 236, 48000, 33, 230, 2.6, 2},
	{"D05", "มหาวิทยาลัยราชภัฏอุบลราชธานี", "สถาบันอุดมศึกษา", "อุบลราชธานี",
	 1180, -1, 186, 300, 4.4, 0},
	{"D06", "เทศบาลนครหาดใหญ่", "องค์กรปกครองส่วนท้องถิ่น", "สงขลา",
	 1650, 158000, 92, 290, 3.6, 3},
	{"D07", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัดเชียงราย", "ส่วนภูมิภาค",
	 "เชียงราย", -1, -1, 14, 23, 3.0, 12},
	{"D08", "องค์การบริหารส่วนจังหวัดสุรินทร์", "องค์กรปกครองส่วนท้องถิ่น", "สุรินทร์",
	 -1, -1, 0, 0, 3.0, 0},
};
#define DEMO_N_AGENCIES (sizeof demo_agencies / sizeof *demo_agencies)

/* The accounts, one per role; the agency admins run D01 and D02. */
static const struct {
	const char *username;
	enum oi_role role;
	const char *agency;
	const char *what_th, *what_en;
} demo_users[] = {
	{"admin", OI_ROLE_ADMIN, NULL, "ผู้ดูแลระบบ (สำนักงาน ป.ป.ช.)", "administrator"},
	{"agency1", OI_ROLE_AGENCY_ADMIN, "D01", "ผู้ดูแลหน่วยงาน D01", "agency admin of D01"},
	{"agency2", OI_ROLE_AGENCY_ADMIN, "D02", "ผู้ดูแลหน่วยงาน D02", "agency admin of D02"},
	{"assessor", OI_ROLE_ASSESSOR, NULL, "ผู้ประเมิน", "assessor"},
	{"viewer", OI_ROLE_VIEWER, NULL, "ผู้ติดตามผล (แดชบอร์ดระดับประเทศ)", "national viewer"},
};
#define DEMO_N_USERS (sizeof demo_users / sizeof *demo_users)

/* ---- a small seeded generator: the same demo on every run ---- */

struct rng {
	uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);    /* splitmix64 */

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Standard normal (Box–Muller). */
static double rng_normal(struct rng *r)
{
	double u = rng_unit(r), v = rng_unit(r);

	return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * M_PI * v);
}

/* An index 0..n-1 drawn with the given weights (not all zero). */
static size_t rng_pick(struct rng *r, const double *weights, size_t n)
{
	double total = 0, x;

	for (size_t i = 0; i < n; i++)
		total += weights[i];
	x = rng_unit(r) * total;
	for (size_t i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

/* ---- dates ---- */

/* "YYYY-MM-DD" of the Thai calendar day `days` after the one that starts at local_midnight (a
 * Unix time shifted by the Thai offset, so gmtime reads the local date). */
static void demo_date(char out[11], time_t local_midnight, long days)
{
	time_t t = local_midnight + (time_t)(days * DAY);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* ---- passwords ---- */

/* A readable random password "xxxx-xxxx-xxxx": 12 characters from an alphabet without the
 * look-alikes 0/O, 1/l/I (about 70 bits). */
static void demo_password(char out[DEMO_PASSWORD_LEN + 1])
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t o = 0;

	for (int i = 0; i < 12; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	}
	out[o] = '\0';
}

/* ---- the responses ---- */

/* Everything the submitting threads share: the responses to store and the first error. */
struct demo_batch {
	struct oi_store *st;
	struct oi_response *list;
	size_t n, next, stored;
	pthread_mutex_t lock;
	bool failed;
	struct oi_error err;
};

/* Each thread takes the next response until none are left or one has failed. */
static void *demo_submitter(void *arg)
{
	struct demo_batch *b = arg;

	for (;;) {
		enum oi_submit_result result;
		struct oi_error err;
		size_t i;
		bool stop;
		int rc;

		pthread_mutex_lock(&b->lock);
		i = b->next++;
		stop = i >= b->n || b->failed;
		pthread_mutex_unlock(&b->lock);
		if (stop)
			return NULL;
		rc = oi_store_response_submit(b->st, &b->list[i], &result, &err);
		pthread_mutex_lock(&b->lock);
		if (rc && !b->failed) {
			b->failed = true;
			b->err = err;
		} else if (!rc && result != OI_SUBMIT_STORED && !b->failed) {
			b->failed = true;
			oi_error_set(&b->err, NULL, 0, 0, "a demo response was not stored (result "
				     "%d): its nonce or access code was refused", (int)result);
		} else if (!rc) {
			b->stored++;
		}
		pthread_mutex_unlock(&b->lock);
	}
}

/* Submit b->list from DEMO_THREADS threads; 0 when every response was stored. */
static int demo_submit_all(struct demo_batch *b, struct oi_error *err)
{
	pthread_t threads[DEMO_THREADS];
	size_t started = 0;

	pthread_mutex_init(&b->lock, NULL);
	for (; started < DEMO_THREADS; started++)
		if (pthread_create(&threads[started], NULL, demo_submitter, b))
			break;
	if (!started)
		demo_submitter(b);      /* no threads to be had: submit them one by one here */
	for (size_t i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	pthread_mutex_destroy(&b->lock);
	if (b->failed) {
		*err = b->err;
		return -1;
	}
	return 0;
}

/* The answers of one respondent to survey instrument `inst`: for each answer code an option
 * drawn with weight exp(sharpness × score / 100), score being what the framework gives that
 * option (reverse items included), so higher sharpness means more favourable answers. */
static void demo_answers(const struct oi_framework *fw, size_t inst, double sharpness,
			 struct rng *r, char out[OI_ANSWERS_MAX])
{
	const struct oi_instrument *in = &fw->instruments[inst];
	size_t n = in->n_subitems < OI_ANSWERS_MAX - 1 ? in->n_subitems : OI_ANSWERS_MAX - 1;

	for (size_t j = 0; j < n; j++) {
		size_t s = in->first_subitem + j;
		const struct oi_scale *scale = fw->questions[fw->subitems[s].question].scale;
		double weights[OI_MAX_OPTIONS];
		size_t k;

		if (rng_unit(r) < 0.004) {      /* a question left blank now and then */
			out[j] = '0';
			continue;
		}
		for (k = 0; k < scale->n_options; k++)
			weights[k] = exp(sharpness * oi_subitem_score(fw, s, (unsigned)(k + 1)) / 100.0);
		k = rng_pick(r, weights, scale->n_options) + 1;
		out[j] = k < 10 ? (char)('0' + k) : 'A';
	}
	out[n] = '\0';
}

/* The weight of a response arriving `day` days after the first demo day (0..DEMO_DAYS-1) for
 * an agency that shared its link on day `start`: nothing before, a burst after sharing and a
 * smaller one after a reminder ten days later, little at weekends. */
static double demo_day_weight(int day, int start, int wday)
{
	double w;

	if (day < start)
		return 0;
	w = 1.0 + 2.5 * exp(-(day - start) / 2.5);
	if (day >= start + 10)
		w += 1.5 * exp(-(day - start - 10) / 2.0);
	if (wday == 0 || wday == 6)
		w *= 0.12;
	return w;
}

/* Office hours in Bangkok, 08:00–16:59, a little quieter at lunch and at the ends. */
static const double demo_hour_weights[] = {
	0.6, 1.2, 1.4, 1.1, 0.5, 1.0, 1.3, 1.1, 0.6,
};
#define DEMO_FIRST_HOUR 8

/*
 * Fill list (room for every agency's iit+eit responses) with the demo responses of
 * participations part_ids[] (in demo_agencies order), arriving up to `now`.
 */
static size_t demo_make_responses(const struct oi_framework *fw, size_t iit, size_t eit,
				  const long *part_ids, time_t now, struct oi_response *list)
{
	time_t local_now = now + OI_THAI_UTC_OFFSET;
	time_t today = local_now - local_now % DAY;          /* local midnight, shifted */
	int now_hour = (int)(local_now % DAY / 3600);
	struct rng r = {0x17a2565d3e0ULL};
	size_t n = 0;

	for (size_t a = 0; a < DEMO_N_AGENCIES; a++) {
		const struct demo_agency *ag = &demo_agencies[a];
		double days[DEMO_DAYS];
		int counts[2] = {ag->iit, ag->eit};
		bool any_day = false;

		for (int d = 0; d < DEMO_DAYS; d++) {
			time_t t = today - (time_t)(DEMO_DAYS - 1 - d) * DAY;
			struct tm tm;

			gmtime_r(&t, &tm);
			days[d] = demo_day_weight(d, ag->start_day, tm.tm_wday);
			if (d == DEMO_DAYS - 1 && now_hour < DEMO_FIRST_HOUR)
				days[d] = 0;            /* today's office has not opened yet */
			any_day = any_day || days[d] > 0;
		}
		if (!any_day)
			days[0] = 1;
		for (int which = 0; which < 2; which++) {
			size_t inst = which ? eit : iit;

			for (int i = 0; i < counts[which]; i++) {
				struct oi_response *resp = &list[n++];
				unsigned char raw[16];
				size_t d, h;
				time_t t;
				struct tm tm;
				double sharpness = ag->quality + 0.9 * rng_normal(&r);

				memset(resp, 0, sizeof *resp);
				resp->participation_id = part_ids[a];
				memcpy(resp->instrument, which ? "EIT" : "IIT", 4);
				do {
					d = rng_pick(&r, days, DEMO_DAYS);
					h = rng_pick(&r, demo_hour_weights,
						     sizeof demo_hour_weights /
						     sizeof *demo_hour_weights);
				} while (d == DEMO_DAYS - 1 &&
					 (int)h + DEMO_FIRST_HOUR > now_hour);
				t = today - (time_t)(DEMO_DAYS - 1 - d) * DAY +
				    (time_t)(h + DEMO_FIRST_HOUR) * 3600 - OI_THAI_UTC_OFFSET;
				gmtime_r(&t, &tm);
				strftime(resp->hour, sizeof resp->hour, "%Y-%m-%dT%H", &tm);
				demo_answers(fw, inst, sharpness < 0.5 ? 0.5 : sharpness, &r,
					     resp->answers);
				randombytes_buf(raw, sizeof raw);
				sodium_bin2base64(resp->nonce, sizeof resp->nonce, raw, sizeof raw,
						  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
			}
		}
	}
	return n;
}

/* ---- the table for the newcomer ---- */

static void demo_print(FILE *out, const struct oi_framework *fw, size_t iit, size_t eit,
		       const struct oi_assessment *as, char passwords[][DEMO_PASSWORD_LEN + 1],
		       const char (*iit_tokens)[OI_TOKEN_MAX], size_t stored, double seconds)
{
	fprintf(out, "\nปีงบประมาณสาธิต พ.ศ. %d (demo fiscal year %d BE) — %s\n"
		"  เก็บแบบสำรวจ IIT/EIT (survey window): %s – %s\n"
		"  OIT: %s – %s   ตรวจ (review): %s – %s   ชี้แจง (clarification): %s – %s\n"
		"  ประกาศผล (publication): %s\n\n",
		as->fiscal_year, as->fiscal_year, DEMO_FRAMEWORK, as->survey_open,
		as->survey_close, as->oit_open, as->oit_close, as->review_open, as->review_close,
		as->clarify_open, as->clarify_close, as->publish_on);

	fprintf(out, "หน่วยงาน (agencies): %zu, คำตอบ (responses): %zu stored in %.1f s\n\n",
		DEMO_N_AGENCIES, stored, seconds);
	fprintf(out, "  ");
	cli_put_padded(out, "รหัส", 6);
	cli_put_padded(out, "IIT ตอบ/ขั้นต่ำ", 18);
	cli_put_padded(out, "EIT ตอบ/ขั้นต่ำ", 18);
	fprintf(out, "หน่วยงาน\n  ");
	cli_put_padded(out, "code", 6);
	cli_put_padded(out, "IIT got/min", 18);
	cli_put_padded(out, "EIT got/min", 18);
	fprintf(out, "agency\n");
	for (size_t a = 0; a < DEMO_N_AGENCIES; a++) {
		const struct demo_agency *ag = &demo_agencies[a];
		char cell[2][32];
		long pop[2] = {ag->staff, ag->service};
		int got[2] = {ag->iit, ag->eit};

		for (int w = 0; w < 2; w++) {
			if (pop[w] < 0)
				snprintf(cell[w], sizeof cell[w], "%d/?", got[w]);
			else
				snprintf(cell[w], sizeof cell[w], "%d/%lu", got[w],
					 oi_required_sample_size(fw, w ? eit : iit,
								 (unsigned long)pop[w]));
		}
		fprintf(out, "  ");
		cli_put_padded(out, ag->code, 6);
		cli_put_padded(out, cell[0], 18);
		cli_put_padded(out, cell[1], 18);
		fprintf(out, "%s (%s)\n", ag->name, ag->province);
	}
	fprintf(out, "  (? = ยังไม่กรอกจำนวนประชากร, population not entered yet)\n\n");
	fprintf(out, "  แบบวัด IIT ของ D01 (D01's IIT link): /s/%s\n", iit_tokens[0]);
	fprintf(out, "  ผลการประเมินปี %d และแผนมาตรการปี %d ของ D01 (last year's result and this "
		"year's measures plan): /agency/D01/result, /agency/D01/plan\n\n",
		as->fiscal_year - 1, as->fiscal_year);

	fprintf(out, "บัญชีผู้ใช้สาธิต (demo accounts) — รหัสผ่านแสดงครั้งนี้ครั้งเดียว จดไว้ "
		"(the passwords are shown only now: note them)\n\n  ");
	cli_put_padded(out, "ชื่อผู้ใช้", 12);
	cli_put_padded(out, "รหัสผ่าน", 18);
	fprintf(out, "บทบาท\n  ");
	cli_put_padded(out, "username", 12);
	cli_put_padded(out, "password", 18);
	fprintf(out, "role\n");
	for (size_t u = 0; u < DEMO_N_USERS; u++) {
		fprintf(out, "  ");
		cli_put_padded(out, demo_users[u].username, 12);
		cli_put_padded(out, passwords[u], 18);
		fprintf(out, "%s — %s (%s)\n", demo_users[u].what_th, demo_users[u].what_en,
			oi_role_name(demo_users[u].role));
	}
	fprintf(out, "\n");
	fflush(out);
}

/* ---- last year's results and D01's plan ---- */

/* Last year's indicator scores 1..10 of the first six demo agencies (as on a result sheet), and
 * the year before's. Each has weaknesses below the framework's strength_min. */
static const double demo_results[][2][10] = {
	{{96.12, 93.40, 84.75, 95.20, 91.33, 88.10, 86.45, 83.90, 94.00, 62.50},
	 {94.00, 92.10, 81.20, 93.80, 90.00, 85.50, 84.00, 80.10, 90.00, 56.25}},
	{{92.80, 89.55, 78.20, 90.10, 88.75, 82.30, 80.40, 79.95, 91.50, 75.00},
	 {90.10, 86.00, 75.00, 88.00, 85.20, 80.00, 78.00, 76.50, 87.50, 68.75}},
	{{88.40, 85.00, 72.60, 86.90, 84.10, 78.80, 77.25, 74.30, 85.00, 43.75},
	 {85.00, 83.10, 70.00, 84.00, 80.00, 76.40, 75.00, 70.00, 80.00, 37.50}},
	{{90.25, 87.80, 80.10, 91.75, 86.60, 74.20, 72.50, 70.85, 88.00, 81.25},
	 {88.00, 85.00, 79.00, 90.00, 84.00, 70.00, 70.10, 68.40, 86.00, 75.00}},
	{{97.10, 95.30, 90.40, 96.80, 94.20, 91.75, 92.30, 90.60, 97.00, 93.75},
	 {96.00, 94.10, 88.00, 95.00, 92.00, 90.00, 90.50, 88.00, 95.00, 87.50}},
	{{93.30, 90.90, 83.35, 92.60, 90.10, 84.00, 83.50, 81.00, 92.50, 68.75},
	 {91.00, 89.00, 80.00, 91.20, 88.50, 82.20, 81.00, 79.00, 90.00, 62.50}},
};
#define DEMO_N_RESULTS (sizeof demo_results / sizeof *demo_results)

static const char *const demo_comments[] = {
	"ไม่พบการเปิดเผยข้อมูลการดำเนินงานตามแผนรอบ 6 เดือน",
	"ข้อมูลที่เปิดเผยเป็นของปีงบประมาณก่อน ไม่ใช่ปีที่ประเมิน",
	"ลิงก์ที่ให้ไว้ไม่สามารถเข้าถึงได้ในวันที่ตรวจ",
};

/* Store last year's result of agency a (index into demo_results). */
static int demo_result(struct oi_store *st, const struct oi_framework *fw, int year,
		       const struct oi_agency *agency, size_t a, struct oi_error *err)
{
	struct oi_agency_result *ar = oi_agency_result_new(fw, agency->code);
	struct oi_previous_result *pr = &ar->previous[0];
	size_t n_fail = a % 3 + 1;
	int rc;

	oi_agency_result_set_name(ar, agency->name);
	ar->fiscal_year_be = year;
	ar->n_previous = 1;
	pr->fiscal_year_be = year - 1;
	for (size_t i = 0; i < fw->n_indicators && i < 10; i++) {
		ar->result.has_indicator[i] = true;
		ar->result.indicator[i] = demo_results[a][0][i];
		pr->result.has_indicator[i] = true;
		pr->result.indicator[i] = demo_results[a][1][i];
	}
	/* some OIT items failed, spread over the list, with the assessors' comments */
	for (size_t k = 0; k < n_fail && fw->n_oit_items; k++) {
		size_t item = (a * 7 + k * 11 + 3) % fw->n_oit_items;
		const char *text = demo_comments[(a + k) % 3];
		size_t len = strlen(text) + 1;

		ar->verdict[item] = 0;
		free(ar->comment[item]);   /* analysis.h: owned by ar, malloc'd */
		ar->comment[item] = memcpy(xmalloc(len), text, len);
	}
	oi_result_finish(fw, &pr->result);
	oi_agency_result_finish(ar);
	rc = oi_store_result_save(st, agency->id, ar, "entered", err);
	oi_agency_result_free(ar);
	return rc;
}

/* D01's plan for this year: drafted from its analysis, then worked on a little. */
static int demo_plan(struct oi_store *st, const struct oi_framework *fw, int year,
		     const struct oi_agency *agency, time_t local_midnight, struct oi_error *err)
{
	struct oi_agency_result *ar = NULL;
	struct oi_playbook *pb = NULL;
	struct oi_plan *plan = NULL;
	struct oi_analysis an;
	struct oi_committee_member *mb;
	char reported[11], memo_date[11];
	int rc = -1;

	if (oi_store_result_load(st, agency->id, year - 1, fw, &ar, err) != 0)
		return -1;
	if (oi_analyse(ar, &an, err))
		goto done;
	if (oi_playbook_open(NULL, fw, &pb, err))
		pb = NULL;   /* without a built-in playbook the draft uses the framework's texts */
	rc = oi_plan_draft(&an, pb, year, &plan, err);
	oi_analysis_release(&an);
	if (rc)
		goto done;
	rc = -1;
	oi_plan_set(plan, &plan->agency_name_th, agency->name);
	oi_plan_set(plan, &plan->prepared_by_th, "นางสาวกมลวรรณ ใจดี");
	oi_plan_set(plan, &plan->prepared_position_th, "นักวิเคราะห์นโยบายและแผนชำนาญการ");
	demo_date(memo_date, local_midnight, -20);
	oi_plan_set(plan, &plan->memo.reference_no, "นน 0032/1234");
	oi_plan_set(plan, &plan->memo.date, memo_date);
	oi_plan_set(plan, &plan->memo.to_th, "นายแพทย์สาธารณสุขจังหวัดน่าน");
	oi_plan_set(plan, &plan->memo.signer_name_th, "นายสมชาย รักษ์ดี");
	oi_plan_set(plan, &plan->memo.signer_position_th, "รองนายแพทย์สาธารณสุขจังหวัดน่าน");
	if (plan->n_committees) {
		mb = oi_plan_committee_add_member(plan, &plan->committees[0]);
		oi_plan_set(plan, &mb->name_th, "นายสมชาย รักษ์ดี");
		oi_plan_set(plan, &mb->position_th, "รองนายแพทย์สาธารณสุขจังหวัดน่าน");
		mb->role = OI_ROLE_CHAIR;
		mb = oi_plan_committee_add_member(plan, &plan->committees[0]);
		oi_plan_set(plan, &mb->name_th, "นางสาวกมลวรรณ ใจดี");
		oi_plan_set(plan, &mb->position_th, "นักวิเคราะห์นโยบายและแผนชำนาญการ");
		mb->role = OI_ROLE_SECRETARY;
	}
	oi_plan_add_problem(plan, "บุคลากรที่รับผิดชอบงาน ITA มีภาระงานอื่นมาก จึงติดตามมาตรการได้ไม่ต่อเนื่อง");
	if (plan->n_measures) {
		struct oi_progress *g = &plan->measures[0].progress[0];

		demo_date(reported, local_midnight, -3);
		g->status = OI_PROGRESS_IN_PROGRESS;
		oi_plan_set(plan, &g->done_th, "ประชุมชี้แจงบุคลากรทุกกลุ่มงานแล้ว 2 ครั้ง และเผยแพร่"
						 "ประกาศเจตนารมณ์บนเว็บไซต์");
		oi_plan_set(plan, &g->suggestion_th, "ควรจัดทำแบบทดสอบความเข้าใจหลังการอบรม");
		oi_plan_set(plan, &g->evidence_url, "https://www.example.go.th/ita/2570/o36");
		oi_plan_set(plan, &g->reported_on, reported);
	}
	if (plan->n_measures > 1) {
		/* a short measure that should have ended five days ago: the newcomer sees an alert */
		struct oi_measure *m = &plan->measures[plan->n_measures - 1];
		char end[11];

		demo_date(end, local_midnight, -5);
		if (strcmp(end, m->period_start) >= 0)
			oi_plan_set(plan, &m->period_end, end);
	}
	if (oi_store_plan_save(st, agency->id, plan, err) ||
	    oi_store_audit(st, 0, "demo.plan", "D01's plan was drafted for the demo", err))
		goto done;
	rc = 0;
done:
	oi_playbook_free(pb);
	oi_plan_free(plan);
	oi_agency_result_free(ar);
	return rc;
}

/* ---- the seed ---- */

int demo_seed(struct oi_store *st, time_t now, FILE *out, struct oi_error *err)
{
	struct oi_framework *fw = NULL;
	struct oi_assessment as;
	struct oi_agency agencies[DEMO_N_AGENCIES];
	char passwords[DEMO_N_USERS][DEMO_PASSWORD_LEN + 1];
	char hashes[DEMO_N_USERS][OI_HASH_MAX];
	char iit_tokens[DEMO_N_AGENCIES][OI_TOKEN_MAX];
	long part_ids[DEMO_N_AGENCIES];
	struct demo_batch batch;
	struct timespec t0, t1;
	time_t local_now = now + OI_THAI_UTC_OFFSET, today;
	struct tm tm;
	long iit_idx, eit_idx;
	size_t total = 0, n_assessments = 0;
	struct oi_assessment *existing = NULL;
	int rc = -1, gregorian_fy;

	memset(&batch, 0, sizeof batch);
	if (sodium_init() < 0)
		return oi_error_set(err, NULL, 0, 0, "libsodium could not start (no random source)");

	/* Refuse, changing nothing, unless the database is empty. */
	if (oi_store_user_count(st) != 0)
		return oi_error_set(err, NULL, 0, 0, "ฐานข้อมูลมีบัญชีผู้ใช้อยู่แล้ว จึงไม่สร้างข้อมูล"
				    "สาธิต (the database already has accounts: the demo year is only "
				    "created in a fresh database)");
	if (oi_store_agency_count(st) != 0)
		return oi_error_set(err, NULL, 0, 0, "ฐานข้อมูลมีหน่วยงานอยู่แล้ว จึงไม่สร้างข้อมูล"
				    "สาธิต (the database already has agencies: the demo year is only "
				    "created in a fresh database)");
	if (oi_store_assessment_list(st, &existing, &n_assessments, err))
		return -1;
	free(existing);
	if (n_assessments)
		return oi_error_set(err, NULL, 0, 0, "ฐานข้อมูลมีปีงบประมาณอยู่แล้ว จึงไม่สร้างข้อมูล"
				    "สาธิต (the database already has an assessment: the demo year is "
				    "only created in a fresh database)");

	if (oi_framework_open(DEMO_FRAMEWORK, &fw, err))
		return -1;
	iit_idx = oi_framework_find_instrument(fw, "IIT");
	eit_idx = oi_framework_find_instrument(fw, "EIT");
	if (iit_idx < 0 || eit_idx < 0) {
		oi_error_set(err, NULL, 0, 0, "framework %s has no IIT or no EIT", DEMO_FRAMEWORK);
		goto done;
	}

	/* Passwords first: hashing can only fail before anything is written. */
	for (size_t u = 0; u < DEMO_N_USERS; u++) {
		demo_password(passwords[u]);
		if (auth_hash_password(passwords[u], hashes[u], err))
			goto done;
	}

	/* The fiscal year of today in Bangkok: October starts the next one; BE = CE + 543. */
	today = local_now - local_now % DAY;
	gmtime_r(&today, &tm);
	gregorian_fy = tm.tm_year + 1900 + (tm.tm_mon >= 9 ? 1 : 0);
	memset(&as, 0, sizeof as);
	as.fiscal_year = gregorian_fy + 543;
	memcpy(as.framework_id, DEMO_FRAMEWORK, sizeof DEMO_FRAMEWORK);
	demo_date(as.survey_open, today, -30);
	demo_date(as.survey_close, today, 60);
	demo_date(as.oit_open, today, -30);      /* OIT evidence alongside the surveys */
	demo_date(as.oit_close, today, 60);
	demo_date(as.review_open, today, -30);   /* assessors review as evidence comes in */
	demo_date(as.review_close, today, 90);
	demo_date(as.clarify_open, today, 91);   /* agencies answer the assessors' questions */
	demo_date(as.clarify_close, today, 105);
	demo_date(as.publish_on, today, 120);
	if (oi_store_assessment_add(st, &as, err))
		goto done;

	memset(agencies, 0, sizeof agencies);
	for (size_t a = 0; a < DEMO_N_AGENCIES; a++) {
		snprintf(agencies[a].code, sizeof agencies[a].code, "%s", demo_agencies[a].code);
		snprintf(agencies[a].name, sizeof agencies[a].name, "%s", demo_agencies[a].name);
		snprintf(agencies[a].type, sizeof agencies[a].type, "%s", demo_agencies[a].type);
		snprintf(agencies[a].province, sizeof agencies[a].province, "%s",
			 demo_agencies[a].province);
	}
	if (oi_store_agency_import(st, agencies, DEMO_N_AGENCIES, err))
		goto done;
	for (size_t a = 0; a < DEMO_N_AGENCIES; a++) {
		struct oi_participation part;

		if (oi_store_participation_ensure(st, as.id, agencies[a].id, &part, err) ||
		    oi_store_participation_set(st, part.id, demo_agencies[a].staff,
					       demo_agencies[a].service, false, err))
			goto done;
		part_ids[a] = part.id;
		snprintf(iit_tokens[a], sizeof iit_tokens[a], "%s", part.iit_token);
	}
	for (size_t u = 0; u < DEMO_N_USERS; u++)
		if (oi_store_user_add(st, demo_users[u].username, demo_users[u].role,
				      demo_users[u].agency, hashes[u], NULL, err))
			goto done;

	for (size_t a = 0; a < DEMO_N_AGENCIES; a++)
		total += (size_t)demo_agencies[a].iit + (size_t)demo_agencies[a].eit;
	batch.st = st;
	batch.list = xmalloc(total * sizeof *batch.list);
	batch.n = demo_make_responses(fw, (size_t)iit_idx, (size_t)eit_idx, part_ids, now,
				      batch.list);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (demo_submit_all(&batch, err))
		goto done;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (oi_store_audit(st, 0, "demo.seed", "the demo year was created", err))
		goto done;
	for (size_t a = 0; a < DEMO_N_RESULTS && a < DEMO_N_AGENCIES; a++)
		if (demo_result(st, fw, as.fiscal_year - 1, &agencies[a], a, err))
			goto done;
	if (demo_plan(st, fw, as.fiscal_year, &agencies[0], today, err))
		goto done;
	if (DEMO_N_AGENCIES >= 2 && demo_oit(st, fw, as.id, &agencies[0], &agencies[1], err))
		goto done;
	if (demo_previous_year(st, fw, &as, &agencies[0], err))
		goto done;

	demo_print(out, fw, (size_t)iit_idx, (size_t)eit_idx, &as, passwords,
		   (const char (*)[OI_TOKEN_MAX])iit_tokens, batch.stored,
		   (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	rc = 0;
done:
	sodium_memzero(passwords, sizeof passwords);
	free(batch.list);
	oi_framework_free(fw);
	return rc;
}
