/*
 * demo_previous.c — the demo's previous fiscal year (issue 5, "results in"): an assessment of
 * the year before the demo year, every window a year back, in which D01 collected exactly its
 * minimum samples of IIT and EIT responses and had every OIT item confirmed by the NACC admin,
 * O9 and O17 failed with the assessors' comments. D01's workspace can then compute last year's
 * result from the database (the result page's "ผลที่คำนวณจากข้อมูลในระบบ") instead of typing
 * the result sheet in. Answers come from a seeded generator, so every demo is the same.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "demo.h"
#include "openita/date.h"
#include "openita/framework.h"
#include "openita/sample.h"

#define PREVIOUS_STAFF 398          /* D01's populations last year */
#define PREVIOUS_SERVICE 3410

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* An option of subitem s drawn with weight exp(4 × score / 100): mostly favourable answers,
 * the shape of an agency scoring in the high 80s. */
static char answer(const struct oi_framework *fw, size_t s, uint64_t *rng)
{
	const struct oi_scale *scale = fw->questions[fw->subitems[s].question].scale;
	double w[OI_MAX_OPTIONS], sum = 0, x;
	size_t k;

	for (k = 0; k < scale->n_options; k++)
		sum += w[k] = exp(4.0 * oi_subitem_score(fw, s, (unsigned)(k + 1)) / 100.0);
	x = (double)(next(rng) >> 11) / 9007199254740992.0 * sum;
	for (k = 0; k + 1 < scale->n_options && x >= w[k]; k++)
		x -= w[k];
	return k + 1 < 10 ? (char)('0' + k + 1) : 'A';
}

/* The date `days` after iso into out ("" stays ""). */
static void shift(char out[11], const char *iso, long days)
{
	int y, m, d;

	if (oi_date_parse(iso, &y, &m, &d)) {
		out[0] = '\0';
		return;
	}
	oi_date_from_days(oi_date_days(y, m, d) + days, out);
}

static int responses(struct oi_store *st, const struct oi_framework *fw, long participation,
		     const struct oi_assessment *as, const char *code, long population,
		     uint64_t *rng, struct oi_error *err)
{
	long inst = oi_framework_find_instrument(fw, code);
	const struct oi_instrument *in;
	unsigned long n;

	if (inst < 0)
		return oi_error_set(err, NULL, 0, 0, "framework %s has no %s", fw->id, code);
	in = &fw->instruments[inst];
	n = oi_required_sample_size(fw, (size_t)inst, (unsigned long)population);
	for (unsigned long i = 0; i < n; i++) {
		struct oi_response r;
		enum oi_submit_result result;

		memset(&r, 0, sizeof r);
		r.participation_id = participation;
		snprintf(r.instrument, sizeof r.instrument, "%s", code);
		/* spread over the survey window's first days, office hours in UTC */
		shift(r.hour, as->survey_open, (long)(i % 20));
		snprintf(r.hour + 10, sizeof r.hour - 10, "T%02lu", 2 + i % 7);
		for (size_t j = 0; j < in->n_subitems && j + 1 < sizeof r.answers; j++)
			r.answers[j] = answer(fw, in->first_subitem + j, rng);
		if (oi_store_response_submit(st, &r, &result, err))
			return -1;
	}
	return 0;
}

static const char *failed_comment(const char *item)
{
	if (!strcmp(item, "O9"))
		return "ไม่พบข่าวประชาสัมพันธ์ที่เผยแพร่ในปีที่ประเมิน ลิงก์ที่ระบุเป็นข่าวของปีก่อน";
	if (!strcmp(item, "O17"))
		return "ไม่พบรายงานผลการดำเนินงานรอบ 6 เดือน มีเพียงแผนดำเนินงานประจำปี";
	return NULL;
}

/* Every OIT item of D01: submitted, reviewed, confirmed; O9 and O17 fail. */
static int oit_items(struct oi_store *st, const struct oi_framework *fw, long assessment_id,
		     long agency_id, struct oi_error *err)
{
	struct oi_user officer, assessor, admin;

	if (oi_store_user_by_name(st, "agency1", &officer, err) ||
	    oi_store_user_by_name(st, "assessor", &assessor, err) ||
	    oi_store_user_by_name(st, "admin", &admin, err))
		return oi_error_set(err, NULL, 0, 0, "the demo's OIT users are missing");
	for (size_t k = 0; k < fw->n_oit_items; k++) {
		const char *code = fw->oit_items[k].code, *comment = failed_comment(code);
		struct oi_oit_submission s;
		struct oi_oit_review r;
		struct oi_oit_confirmation f;

		memset(&s, 0, sizeof s);
		memset(&r, 0, sizeof r);
		memset(&f, 0, sizeof f);
		s.assessment_id = r.assessment_id = f.assessment_id = assessment_id;
		s.agency_id = r.agency_id = f.agency_id = agency_id;
		snprintf(s.item, sizeof s.item, "%s", code);
		memcpy(r.item, s.item, sizeof r.item);
		memcpy(f.item, s.item, sizeof f.item);
		s.has = s.submitted = true;
		snprintf(s.urls[0], sizeof s.urls[0], "https://www.demo-agency.go.th/ita/last-year/%s",
			 code);
		s.n_urls = 1;
		s.by_user = officer.id;
		if (oi_store_oit_submit(st, &s, err))
			return -1;
		r.round = 1;
		r.submission_id = s.id;
		r.pass = comment == NULL;
		snprintf(r.comment, sizeof r.comment, "%s", comment ? comment : "");
		r.by_user = assessor.id;
		if (oi_store_oit_review(st, &r, err))
			return -1;
		f.review_id = r.id;
		f.pass = r.pass;
		f.by_user = admin.id;
		if (oi_store_oit_confirm(st, &f, 1, err))
			return -1;
	}
	return 0;
}

int demo_previous_year(struct oi_store *st, const struct oi_framework *fw,
		       const struct oi_assessment *current, const struct oi_agency *d01,
		       struct oi_error *err)
{
	struct oi_assessment as = *current;
	struct oi_participation part;
	uint64_t rng = 0x2566a5d1c0ffee01ULL;

	as.id = 0;
	as.fiscal_year = current->fiscal_year - 1;
	shift(as.survey_open, current->survey_open, -364);
	shift(as.survey_close, current->survey_close, -364);
	shift(as.oit_open, current->oit_open, -364);
	shift(as.oit_close, current->oit_close, -364);
	shift(as.review_open, current->review_open, -364);
	shift(as.review_close, current->review_close, -364);
	shift(as.clarify_open, current->clarify_open, -364);
	shift(as.clarify_close, current->clarify_close, -364);
	shift(as.publish_on, current->publish_on, -364);
	if (oi_store_assessment_add(st, &as, err) ||
	    oi_store_participation_ensure(st, as.id, d01->id, &part, err) ||
	    oi_store_participation_set(st, part.id, PREVIOUS_STAFF, PREVIOUS_SERVICE, false, err))
		return -1;
	if (responses(st, fw, part.id, &as, "IIT", PREVIOUS_STAFF, &rng, err) ||
	    responses(st, fw, part.id, &as, "EIT", PREVIOUS_SERVICE, &rng, err))
		return -1;
	return oit_items(st, fw, as.id, d01->id, err);
}
