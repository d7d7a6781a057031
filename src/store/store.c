/*
 * store.c — the public store functions of include/openita/store.h: check the arguments once for
 * every implementation, then call through the implementation's table of operations
 * (store_int.h). Also the role names, and the random link tokens and access codes.
 *
 * Messages about what a person typed or chose (a taken code, a bad date) are Thai first with
 * the English after, in parentheses, because the web pages show them as they are; messages
 * about the machine (a disk error) stay in English with SQLite's own words.
 *
 * Which implementation: a path starting "postgres://" or "postgresql://" is meant for the
 * PostgreSQL implementation, which does not exist yet (the open fails saying so); anything
 * else is an SQLite file.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "migrations.h"
#include "openita/analysis.h"
#include "openita/plan.h"
#include "utf8.h"
#include "store_int.h"

static const char *const role_names[OI_ROLE__MAX] = {
	[OI_ROLE_ADMIN] = "admin",
	[OI_ROLE_AGENCY_ADMIN] = "agency_admin",
	[OI_ROLE_ASSESSOR] = "assessor",
	[OI_ROLE_VIEWER] = "viewer",
};

const char *oi_role_name(enum oi_role role)
{
	if ((int)role < 0 || role >= OI_ROLE__MAX)
		return "unknown";
	return role_names[role];
}

int oi_role_parse(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; i < OI_ROLE__MAX; i++)
		if (!strcmp(role_names[i], name))
			return i;
	return -1;
}

void store_random_token(char out[OI_TOKEN_MAX])
{
	unsigned char raw[16];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, OI_TOKEN_MAX, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void store_random_access_code(char out[STORE_ACCESS_CODE_LEN + 1])
{
	static const char alphabet[] = STORE_ACCESS_ALPHABET;
	unsigned char raw[STORE_ACCESS_CODE_LEN];

	_Static_assert(sizeof alphabet - 1 == 32, "the alphabet has 32 characters");
	randombytes_buf(raw, sizeof raw);
	/* 32 divides 256, so taking 5 bits of a uniform byte is uniform over the alphabet. */
	for (size_t i = 0; i < sizeof raw; i++)
		out[i] = alphabet[raw[i] & 31];
	out[STORE_ACCESS_CODE_LEN] = '\0';
}

/* ---- argument checks ---- */

/* s is a NUL-terminated string of fewer than cap bytes. */
static bool fits(const char *s, size_t cap)
{
	return s && strnlen(s, cap) < cap;
}

/* s has no ASCII control characters. */
static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

/* A text field a person gave: present (unless may_be_empty), short enough, printable. */
static int check_text(const char *s, size_t cap, bool may_be_empty, const char *thai,
		      const char *english, struct oi_error *err)
{
	if (!fits(s, cap))
		return oi_error_set(err, NULL, 0, 0, "%sยาวเกิน %zu ไบต์ (%s is longer than %zu bytes)",
				    thai, cap - 1, english, cap - 1);
	if (!may_be_empty && !*s)
		return oi_error_set(err, NULL, 0, 0, "ไม่ได้ระบุ%s (%s is empty)", thai, english);
	if (!printable(s))
		return oi_error_set(err, NULL, 0, 0, "%sมีอักขระควบคุม (%s contains a control "
				    "character)", thai, english);
	return 0;
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int number(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* s starts with a real Gregorian date "YYYY-MM-DD". */
static bool date_prefix_ok(const char *s)
{
	static const int days[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (!is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2) || s[7] != '-' ||
	    !is_digits(s + 8, 2))
		return false;
	y = number(s, 4);
	m = number(s + 5, 2);
	d = number(s + 8, 2);
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}

/* "" or a real date "YYYY-MM-DD" in a char[11]. */
static bool date_ok(const char s[11])
{
	size_t len = strnlen(s, 11);

	return len == 0 || (len == 10 && date_prefix_ok(s));
}

/* "YYYY-MM-DDTHH" with a real date and an hour 00..23, in a char[14]. */
static bool hour_ok(const char s[14])
{
	return strnlen(s, 14) == 13 && date_prefix_ok(s) && s[10] == 'T' &&
	       is_digits(s + 11, 2) && number(s + 11, 2) < 24;
}

static bool instrument_ok(const char *s)
{
	return s && (!strcmp(s, "IIT") || !strcmp(s, "EIT"));
}

static int bad_instrument(const char *s, struct oi_error *err)
{
	return oi_error_set(err, NULL, 0, 0, "instrument must be \"IIT\" or \"EIT\", not \"%.16s\"",
			    s && fits(s, 8) ? s : "?");
}

/* The windows of a: each "" or a date; each pair in order. */
static int check_windows(const struct oi_assessment *a, struct oi_error *err)
{
	const struct {
		const char *name;
		const char *open, *close;
	} pairs[] = {
		{"survey", a->survey_open, a->survey_close},
		{"oit", a->oit_open, a->oit_close},
		{"review", a->review_open, a->review_close},
		{"clarify", a->clarify_open, a->clarify_close},
		{"publish_on", a->publish_on, ""},
	};

	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		const char *open = pairs[i].open, *close = pairs[i].close;

		if (!date_ok(open) || !date_ok(close))
			return oi_error_set(err, NULL, 0, 0,
					    "วันที่ของช่วง %s ไม่ใช่วันที่ในรูปแบบ ปปปป-ดด-วว (the "
					    "%s dates must be real dates YYYY-MM-DD, or empty)",
					    pairs[i].name, pairs[i].name);
		if (*open && *close && strcmp(open, close) > 0)
			return oi_error_set(err, NULL, 0, 0,
					    "ช่วง %s เปิด %.10s หลังวันปิด %.10s (the %s window "
					    "opens after it closes)", pairs[i].name, open, close,
					    pairs[i].name);
	}
	return 0;
}

static int check_assessment(const struct oi_assessment *a, struct oi_error *err)
{
	if (!a)
		return oi_error_set(err, NULL, 0, 0, "no assessment given");
	if (a->fiscal_year < 2500 || a->fiscal_year > 2999)
		return oi_error_set(err, NULL, 0, 0, "ปีงบประมาณ %d ไม่ใช่ปี พ.ศ. (fiscal year %d "
				    "is not a Buddhist Era year 2500-2999)", a->fiscal_year,
				    a->fiscal_year);
	if (check_text(a->framework_id, OI_CODE_MAX, false, "รหัสกรอบการประเมิน",
		       "the framework id", err))
		return -1;
	return check_windows(a, err);
}

static int check_agency(const struct oi_agency *a, struct oi_error *err)
{
	if (!a)
		return oi_error_set(err, NULL, 0, 0, "no agency given");
	if (check_text(a->code, OI_CODE_MAX, false, "รหัสหน่วยงาน", "the agency code", err) ||
	    check_text(a->name, OI_NAME_MAX, false, "ชื่อหน่วยงาน", "the agency name", err) ||
	    check_text(a->type, OI_NAME_MAX, true, "ประเภทหน่วยงาน", "the agency type", err) ||
	    check_text(a->province, OI_NAME_MAX, true, "จังหวัด", "the province", err) ||
	    check_text(a->parent_code, OI_CODE_MAX, true, "รหัสหน่วยงานต้นสังกัด",
		       "the parent agency code", err))
		return -1;
	/* Codes appear in page addresses (/agency/CODE): no slash, no spaces. */
	if (strpbrk(a->code, "/ ?#%"))
		return oi_error_set(err, NULL, 0, 0, "รหัสหน่วยงาน \"%s\" มีช่องว่างหรืออักขระ / ? # %% "
				    "(agency code \"%s\" must not contain spaces or / ? # %%)",
				    a->code, a->code);
	return 0;
}

static int check_id(long id, const char *what, struct oi_error *err)
{
	if (id <= 0)
		return oi_error_set(err, NULL, 0, 0, "%s id must be positive, not %ld", what, id);
	return 0;
}

/* Answers: one character per code, '0'-'9' or 'A'-'Z'. */
static bool answers_ok(const char *s)
{
	size_t len = strnlen(s, OI_ANSWERS_MAX);

	if (!len || len == OI_ANSWERS_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	return true;
}

/* ---- open, close, schema, backup ---- */

int oi_store_open(const char *path, struct oi_store **out, struct oi_error *err)
{
	*out = NULL;
	if (!path || !*path)
		return oi_error_set(err, NULL, 0, 0, "no database path given");
	if (sodium_init() < 0)
		return oi_error_set(err, NULL, 0, 0, "libsodium cannot start (no random source)");
	if (!strncmp(path, "postgres://", 11) || !strncmp(path, "postgresql://", 13))
		return oi_error_set(err, NULL, 0, 0, "PostgreSQL is not supported yet; give the "
				    "path of an SQLite database file");
	return store_sqlite_open(path, out, err);
}

void oi_store_close(struct oi_store *st)
{
	if (st)
		st->ops->close(st);
}

int oi_store_schema_version(struct oi_store *st)
{
	return st->ops->schema_version(st);
}

/* Every implementation reaches the same version numbers; the SQLite list is the reference. */
int oi_store_schema_latest(void)
{
	return store_migrations_latest();
}

int oi_store_backup(struct oi_store *st, const char *dest, struct oi_error *err)
{
	if (!dest || !*dest)
		return oi_error_set(err, NULL, 0, 0, "no backup file given");
	return st->ops->backup(st, dest, err);
}

/* ---- users and sessions ---- */

int oi_store_user_add(struct oi_store *st, const char *username, enum oi_role role,
		      const char *agency_code, const char *password_hash, long *id_out,
		      struct oi_error *err)
{
	if (check_text(username, OI_NAME_MAX, false, "ชื่อผู้ใช้", "the username", err))
		return -1;
	if ((int)role < 0 || role >= OI_ROLE__MAX)
		return oi_error_set(err, NULL, 0, 0, "unknown role %d", (int)role);
	if (role == OI_ROLE_AGENCY_ADMIN) {
		if (!agency_code || !*agency_code)
			return oi_error_set(err, NULL, 0, 0, "ผู้ดูแลหน่วยงานต้องระบุหน่วยงาน (an "
					    "agency admin needs an agency code)");
		if (!fits(agency_code, OI_CODE_MAX))
			return oi_error_set(err, NULL, 0, 0, "ไม่มีหน่วยงานรหัสนี้ (no agency has "
					    "that code)");
	} else if (agency_code && *agency_code) {
		return oi_error_set(err, NULL, 0, 0, "บทบาท %s ไม่ผูกกับหน่วยงาน (only an "
				    "agency_admin has an agency; %s was given agency \"%.31s\")",
				    oi_role_name(role), oi_role_name(role), agency_code);
	}
	if (check_text(password_hash, OI_HASH_MAX, false, "รหัสผ่านที่เข้ารหัสแล้ว",
		       "the password hash", err))
		return -1;
	return st->ops->user_add(st, username, role,
				 role == OI_ROLE_AGENCY_ADMIN ? agency_code : "", password_hash,
				 id_out, err);
}

int oi_store_user_by_name(struct oi_store *st, const char *username, struct oi_user *out,
			  struct oi_error *err)
{
	if (!username || !fits(username, OI_NAME_MAX) || !*username)
		return 1;
	return st->ops->user_by_name(st, username, out, err);
}

int oi_store_user_by_id(struct oi_store *st, long id, struct oi_user *out, struct oi_error *err)
{
	if (id <= 0)
		return 1;
	return st->ops->user_by_id(st, id, out, err);
}

int oi_store_user_set_password(struct oi_store *st, long id, const char *password_hash,
			       struct oi_error *err)
{
	if (check_id(id, "user", err) ||
	    check_text(password_hash, OI_HASH_MAX, false, "รหัสผ่านที่เข้ารหัสแล้ว",
		       "the password hash", err))
		return -1;
	return st->ops->user_set_password(st, id, password_hash, err);
}

long oi_store_user_count(struct oi_store *st)
{
	return st->ops->user_count(st);
}

int oi_store_session_put(struct oi_store *st, const unsigned char token_hash[32], long user_id,
			 const char *csrf, int64_t expires_at, struct oi_error *err)
{
	if (!token_hash)
		return oi_error_set(err, NULL, 0, 0, "no session token hash given");
	if (check_id(user_id, "user", err) ||
	    check_text(csrf, OI_TOKEN_MAX, false, "CSRF token", "the CSRF token", err))
		return -1;
	return st->ops->session_put(st, token_hash, user_id, csrf, expires_at, err);
}

int oi_store_session_get(struct oi_store *st, const unsigned char token_hash[32], int64_t now,
			 struct oi_user *user, char csrf[OI_TOKEN_MAX], struct oi_error *err)
{
	if (!token_hash)
		return 1;
	return st->ops->session_get(st, token_hash, now, user, csrf, err);
}

int oi_store_session_delete(struct oi_store *st, const unsigned char token_hash[32],
			    struct oi_error *err)
{
	if (!token_hash)
		return 0;
	return st->ops->session_delete(st, token_hash, err);
}

int oi_store_session_delete_user(struct oi_store *st, long user_id,
				 const unsigned char *keep_hash, struct oi_error *err)
{
	if (check_id(user_id, "user", err))
		return -1;
	return st->ops->session_delete_user(st, user_id, keep_hash, err);
}

/* ---- agencies ---- */

int oi_store_agency_add(struct oi_store *st, struct oi_agency *a, struct oi_error *err)
{
	if (check_agency(a, err))
		return -1;
	return st->ops->agency_add(st, a, err);
}

int oi_store_agency_import(struct oi_store *st, struct oi_agency *list, size_t n,
			   struct oi_error *err)
{
	if (!n)
		return 0;
	if (!list)
		return oi_error_set(err, NULL, 0, 0, "no agencies given");
	for (size_t i = 0; i < n; i++) {
		struct oi_error row;

		if (check_agency(&list[i], &row))
			return oi_error_set(err, NULL, 0, 0, "แถวที่ %zu: %s", i + 1, row.message);
	}
	return st->ops->agency_import(st, list, n, err);
}

int oi_store_agency_by_code(struct oi_store *st, const char *code, struct oi_agency *out,
			    struct oi_error *err)
{
	if (!code || !*code || !fits(code, OI_CODE_MAX))
		return 1;
	return st->ops->agency_by_code(st, code, out, err);
}

int oi_store_agency_by_id(struct oi_store *st, long id, struct oi_agency *out,
			  struct oi_error *err)
{
	if (id <= 0)
		return 1;
	return st->ops->agency_by_id(st, id, out, err);
}

long oi_store_agency_count(struct oi_store *st)
{
	return st->ops->agency_count(st);
}

/* ---- assessments ---- */

int oi_store_assessment_add(struct oi_store *st, struct oi_assessment *a, struct oi_error *err)
{
	if (check_assessment(a, err))
		return -1;
	return st->ops->assessment_add(st, a, err);
}

int oi_store_assessment_update(struct oi_store *st, const struct oi_assessment *a,
			       struct oi_error *err)
{
	if (!a)
		return oi_error_set(err, NULL, 0, 0, "no assessment given");
	if (check_id(a->id, "assessment", err) || check_windows(a, err))
		return -1;
	return st->ops->assessment_update(st, a, err);
}

int oi_store_assessment_by_id(struct oi_store *st, long id, struct oi_assessment *out,
			      struct oi_error *err)
{
	if (id <= 0)
		return 1;
	return st->ops->assessment_by_id(st, id, out, err);
}

int oi_store_assessment_current(struct oi_store *st, struct oi_assessment *out,
				struct oi_error *err)
{
	return st->ops->assessment_current(st, out, err);
}

int oi_store_assessment_list(struct oi_store *st, struct oi_assessment **out, size_t *n,
			     struct oi_error *err)
{
	*out = NULL;
	*n = 0;
	return st->ops->assessment_list(st, out, n, err);
}

/* ---- participations ---- */

int oi_store_participation_ensure(struct oi_store *st, long assessment_id, long agency_id,
				  struct oi_participation *out, struct oi_error *err)
{
	if (check_id(assessment_id, "assessment", err) || check_id(agency_id, "agency", err))
		return -1;
	return st->ops->participation_ensure(st, assessment_id, agency_id, out, err);
}

int oi_store_participation_ensure_all(struct oi_store *st, long assessment_id,
				      struct oi_error *err)
{
	if (check_id(assessment_id, "assessment", err))
		return -1;
	return st->ops->participation_ensure_all(st, assessment_id, err);
}

int oi_store_participation_by_token(struct oi_store *st, const char *token,
				    struct oi_participation *out, char instrument[8],
				    struct oi_error *err)
{
	if (!token || !*token || !fits(token, OI_TOKEN_MAX))
		return 1;
	return st->ops->participation_by_token(st, token, out, instrument, err);
}

int oi_store_participation_get(struct oi_store *st, long assessment_id, long agency_id,
			       struct oi_participation *out, struct oi_error *err)
{
	if (assessment_id <= 0 || agency_id <= 0)
		return 1;
	return st->ops->participation_get(st, assessment_id, agency_id, out, err);
}

int oi_store_participation_set(struct oi_store *st, long participation_id,
			       long staff_population, long service_population,
			       bool iit_codes_required, struct oi_error *err)
{
	if (check_id(participation_id, "participation", err))
		return -1;
	if (staff_population < -1 || staff_population > 100000000L)
		return oi_error_set(err, NULL, 0, 0, "จำนวนบุคลากร %ld ไม่ถูกต้อง (the staff "
				    "population must be 0 to 100000000, not %ld)",
				    staff_population, staff_population);
	if (service_population < -1 || service_population > 100000000L)
		return oi_error_set(err, NULL, 0, 0, "จำนวนผู้รับบริการ %ld ไม่ถูกต้อง (the "
				    "service population must be 0 to 100000000, not %ld)",
				    service_population, service_population);
	return st->ops->participation_set(st, participation_id, staff_population,
					  service_population, iit_codes_required, err);
}

/* ---- responses ---- */

int oi_store_response_submit(struct oi_store *st, const struct oi_response *r,
			     enum oi_submit_result *result, struct oi_error *err)
{
	if (!r || !result)
		return oi_error_set(err, NULL, 0, 0, "no response given");
	if (check_id(r->participation_id, "participation", err))
		return -1;
	if (!instrument_ok(r->instrument) || !fits(r->instrument, sizeof r->instrument))
		return bad_instrument(r->instrument, err);
	if (!hour_ok(r->hour))
		return oi_error_set(err, NULL, 0, 0, "the hour of a response must be "
				    "\"YYYY-MM-DDTHH\", not \"%.13s\"", r->hour);
	if (!answers_ok(r->answers))
		return oi_error_set(err, NULL, 0, 0, "the answers must be 1 to %d characters "
				    "0-9 or A-Z", OI_ANSWERS_MAX - 1);
	if (!fits(r->nonce, OI_TOKEN_MAX) || !printable(r->nonce))
		return oi_error_set(err, NULL, 0, 0, "the nonce must be printable and shorter "
				    "than %d bytes", OI_TOKEN_MAX);
	if (!fits(r->access_code, OI_CODE_MAX) || !printable(r->access_code))
		return oi_error_set(err, NULL, 0, 0, "the access code must be printable and "
				    "shorter than %d bytes", OI_CODE_MAX);
	return st->ops->response_submit(st, r, result, err);
}

int oi_store_progress(struct oi_store *st, long assessment_id, long agency_id,
		      struct oi_agency_progress **out, size_t *n, struct oi_error *err)
{
	*out = NULL;
	*n = 0;
	if (check_id(assessment_id, "assessment", err))
		return -1;
	return st->ops->progress(st, assessment_id, agency_id, out, n, err);
}

int oi_store_daily_counts(struct oi_store *st, long participation_id, const char *instrument,
			  char (**days)[11], long **counts, size_t *n, struct oi_error *err)
{
	*days = NULL;
	*counts = NULL;
	*n = 0;
	if (check_id(participation_id, "participation", err))
		return -1;
	if (!instrument_ok(instrument))
		return bad_instrument(instrument, err);
	return st->ops->daily_counts(st, participation_id, instrument, days, counts, n, err);
}

int oi_store_responses_each(struct oi_store *st, long participation_id, const char *instrument,
			    int (*fn)(const char *answers, void *ctx), void *ctx,
			    struct oi_error *err)
{
	if (check_id(participation_id, "participation", err))
		return -1;
	if (!instrument_ok(instrument))
		return bad_instrument(instrument, err);
	if (!fn)
		return oi_error_set(err, NULL, 0, 0, "no function given");
	return st->ops->responses_each(st, participation_id, instrument, fn, ctx, err);
}

/* ---- access codes ---- */

int oi_store_access_codes_add(struct oi_store *st, long participation_id, size_t n,
			      struct oi_error *err)
{
	if (check_id(participation_id, "participation", err))
		return -1;
	if (n > STORE_ACCESS_CODES_MAX)
		return oi_error_set(err, NULL, 0, 0, "สร้างรหัสเข้าตอบได้ครั้งละไม่เกิน %d รหัส "
				    "(at most %d access codes at a time, not %zu)",
				    STORE_ACCESS_CODES_MAX, STORE_ACCESS_CODES_MAX, n);
	if (!n)
		return 0;
	return st->ops->access_codes_add(st, participation_id, n, err);
}

int oi_store_access_codes_list(struct oi_store *st, long participation_id,
			       char (**codes)[OI_CODE_MAX], bool **used, size_t *n,
			       struct oi_error *err)
{
	*codes = NULL;
	*used = NULL;
	*n = 0;
	if (check_id(participation_id, "participation", err))
		return -1;
	return st->ops->access_codes_list(st, participation_id, codes, used, n, err);
}

/* ---- audit ---- */

int oi_store_audit(struct oi_store *st, long user_id, const char *action, const char *detail,
		   struct oi_error *err)
{
	if (user_id < 0)
		return oi_error_set(err, NULL, 0, 0, "user id must be 0 (the system) or positive");
	if (!action || !*action || strlen(action) > 64)
		return oi_error_set(err, NULL, 0, 0, "an audit action is a short name (1-64 bytes)");
	return st->ops->audit(st, user_id, action, detail ? detail : "", err);
}

/* ---- results and measures plans ---- */

#define PLAN_TEXT_MAX 8192       /* bytes of one text, as plan.h bounds its JSON */
#define PLAN_MAX_MEASURES 500
#define PLAN_MAX_STEPS 50
#define PLAN_MAX_COMMITTEES 20
#define PLAN_MAX_MEMBERS 100
#define PLAN_MAX_PROBLEMS 200

static bool year_ok(int year)
{
	return year >= 2500 && year <= 2700;
}

/* A text of a result or plan: not NULL, at most PLAN_TEXT_MAX bytes, UTF-8 without control
 * characters other than tab, CR and LF. what names it in the message. */
static int check_plan_text(const char *s, const char *what, struct oi_error *err)
{
	size_t len;

	if (!s)
		return oi_error_set(err, NULL, 0, 0, "%s: missing text", what);
	len = strnlen(s, PLAN_TEXT_MAX + 1);
	if (len > PLAN_TEXT_MAX)
		return oi_error_set(err, NULL, 0, 0, "%s ยาวเกิน %d ไบต์ (%s is longer than %d "
				    "bytes)", what, PLAN_TEXT_MAX, what, PLAN_TEXT_MAX);
	if (!utf8_valid(s, len))
		return oi_error_set(err, NULL, 0, 0, "%s ไม่ใช่ UTF-8 (%s is not UTF-8)", what, what);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if ((ch < 0x20 && ch != '\t' && ch != '\r' && ch != '\n') || ch == 0x7f)
			return oi_error_set(err, NULL, 0, 0, "%s มีอักขระควบคุม (%s contains a "
					    "control character)", what, what);
	}
	return 0;
}

static int check_plan_date(const char *s, const char *what, struct oi_error *err)
{
	if (!s || strnlen(s, 11) > 10 || !date_ok(s))
		return oi_error_set(err, NULL, 0, 0, "%s: expected a date YYYY-MM-DD or nothing",
				    what);
	return 0;
}

static bool score_ok(double x)
{
	return isfinite(x) && x >= 0 && x <= 100;
}

static int check_result(const struct oi_agency_result *ar, const char *source,
			struct oi_error *err)
{
	const struct oi_framework *fw;

	if (!ar || !ar->fw)
		return oi_error_set(err, NULL, 0, 0, "no result to save");
	fw = ar->fw;
	if (!source || (strcmp(source, "entered") && strcmp(source, "computed")))
		return oi_error_set(err, NULL, 0, 0, "source must be \"entered\" or \"computed\"");
	if (!year_ok(ar->fiscal_year_be))
		return oi_error_set(err, NULL, 0, 0, "ปีงบประมาณ %d ไม่อยู่ในช่วง 2500–2700 (fiscal "
				    "year %d is not within 2500-2700)", ar->fiscal_year_be,
				    ar->fiscal_year_be);
	if (!fits(fw->id, OI_CODE_MAX))
		return oi_error_set(err, NULL, 0, 0, "framework id too long");
	for (size_t i = 0; i < fw->n_indicators; i++)
		if (ar->result.has_indicator[i] && !score_ok(ar->result.indicator[i]))
			return oi_error_set(err, NULL, 0, 0, "คะแนนตัวชี้วัด %s ต้องอยู่ระหว่าง 0 ถึง 100 "
					    "(indicator %s: score not within 0-100)",
					    fw->indicators[i].code, fw->indicators[i].code);
	for (size_t q = 0; ar->question_score && q < fw->n_questions; q++)
		if (!isnan(ar->question_score[q]) && !score_ok(ar->question_score[q]))
			return oi_error_set(err, NULL, 0, 0, "question %s: score not within 0-100",
					    fw->questions[q].code);
	for (size_t k = 0; ar->comment && k < fw->n_oit_items; k++)
		if (ar->comment[k] && check_plan_text(ar->comment[k], fw->oit_items[k].code, err))
			return -1;
	if (ar->n_previous > OI_MAX_PREVIOUS)
		return oi_error_set(err, NULL, 0, 0, "too many earlier years");
	for (size_t p = 0; p < ar->n_previous; p++) {
		const struct oi_previous_result *pr = &ar->previous[p];

		if (!year_ok(pr->fiscal_year_be))
			return oi_error_set(err, NULL, 0, 0, "ปีก่อนหน้า %d ไม่อยู่ในช่วง 2500–2700 "
					    "(earlier year %d not within 2500-2700)",
					    pr->fiscal_year_be, pr->fiscal_year_be);
		for (size_t k = 0; k < p; k++)
			if (ar->previous[k].fiscal_year_be == pr->fiscal_year_be)
				return oi_error_set(err, NULL, 0, 0, "ปี %d ซ้ำ (earlier year %d "
						    "given twice)", pr->fiscal_year_be,
						    pr->fiscal_year_be);
		for (size_t i = 0; i < fw->n_indicators; i++)
			if (pr->result.has_indicator[i] && !score_ok(pr->result.indicator[i]))
				return oi_error_set(err, NULL, 0, 0, "คะแนนตัวชี้วัด %s ปี %d ต้องอยู่"
						    "ระหว่าง 0 ถึง 100 (indicator %s of %d: score "
						    "not within 0-100)", fw->indicators[i].code,
						    pr->fiscal_year_be, fw->indicators[i].code,
						    pr->fiscal_year_be);
	}
	return 0;
}

int oi_store_result_save(struct oi_store *st, long agency_id, const struct oi_agency_result *ar,
			 const char *source, struct oi_error *err)
{
	if (check_id(agency_id, "agency", err) || check_result(ar, source, err))
		return -1;
	return st->ops->result_save(st, agency_id, ar, source, err);
}

int oi_store_result_load(struct oi_store *st, long agency_id, int fiscal_year_be,
			 const struct oi_framework *fw, struct oi_agency_result **out,
			 struct oi_error *err)
{
	*out = NULL;
	if (check_id(agency_id, "agency", err))
		return -1;
	if (!fw)
		return oi_error_set(err, NULL, 0, 0, "no framework to read the result with");
	return st->ops->result_load(st, agency_id, fiscal_year_be, fw, out, err);
}

static int check_progress(const struct oi_progress *g, const char *what, struct oi_error *err)
{
	if ((int)g->status < OI_PROGRESS_NOT_REPORTED || g->status > OI_PROGRESS_DONE)
		return oi_error_set(err, NULL, 0, 0, "%s: unknown progress status", what);
	if (check_plan_text(g->done_th, what, err) || check_plan_text(g->suggestion_th, what, err) ||
	    check_plan_text(g->remark_th, what, err) ||
	    check_plan_text(g->evidence_url, what, err) ||
	    check_plan_date(g->reported_on, what, err))
		return -1;
	return 0;
}

static int check_measure(const struct oi_measure *m, size_t i, struct oi_error *err)
{
	char what[48];

	snprintf(what, sizeof what, "measure %zu", i + 1);
	if (m->n_steps > PLAN_MAX_STEPS)
		return oi_error_set(err, NULL, 0, 0, "%s: more than %d steps", what, PLAN_MAX_STEPS);
	if (check_plan_text(m->instrument, what, err) || check_plan_text(m->source, what, err) ||
	    check_plan_text(m->issue_th, what, err) || check_plan_text(m->finding_th, what, err) ||
	    check_plan_text(m->guideline_th, what, err) || check_plan_text(m->unit_th, what, err) ||
	    check_plan_text(m->followup_th, what, err) ||
	    check_plan_date(m->period_start, what, err) ||
	    check_plan_date(m->period_end, what, err))
		return -1;
	for (size_t k = 0; k < m->n_steps; k++)
		if (check_plan_text(m->steps_th[k], what, err))
			return -1;
	for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++)
		if (check_progress(&m->progress[cp], what, err))
			return -1;
	return 0;
}

static int check_plan(const struct oi_plan *p, struct oi_error *err)
{
	const struct oi_memo *m;

	if (!p)
		return oi_error_set(err, NULL, 0, 0, "no plan to save");
	m = &p->memo;
	if (!year_ok(p->fiscal_year_be))
		return oi_error_set(err, NULL, 0, 0, "ปีงบประมาณ %d ไม่อยู่ในช่วง 2500–2700 (fiscal "
				    "year %d is not within 2500-2700)", p->fiscal_year_be,
				    p->fiscal_year_be);
	if (p->n_measures > PLAN_MAX_MEASURES || p->n_committees > PLAN_MAX_COMMITTEES ||
	    p->n_problems > PLAN_MAX_PROBLEMS)
		return oi_error_set(err, NULL, 0, 0, "แผนใหญ่เกินกำหนด (a plan has at most %d measures, "
				    "%d committees, %d problems)", PLAN_MAX_MEASURES,
				    PLAN_MAX_COMMITTEES, PLAN_MAX_PROBLEMS);
	if (check_plan_text(p->framework_id, "framework", err) ||
	    check_plan_text(p->agency_code, "agency code", err) ||
	    check_plan_text(p->agency_name_th, "agency name", err) ||
	    check_plan_text(p->prepared_by_th, "prepared by", err) ||
	    check_plan_text(p->prepared_position_th, "prepared by (position)", err) ||
	    check_plan_text(m->department_th, "memo department", err) ||
	    check_plan_text(m->reference_no, "memo reference", err) ||
	    check_plan_date(m->date, "memo date", err) ||
	    check_plan_text(m->subject_th, "memo subject", err) ||
	    check_plan_text(m->to_th, "memo to", err) ||
	    check_plan_text(m->signer_name_th, "memo signer", err) ||
	    check_plan_text(m->signer_position_th, "memo signer position", err))
		return -1;
	for (size_t i = 0; i < p->n_measures; i++)
		if (check_measure(&p->measures[i], i, err))
			return -1;
	for (size_t i = 0; i < p->n_committees; i++) {
		const struct oi_committee *c = &p->committees[i];

		if (c->n_members > PLAN_MAX_MEMBERS)
			return oi_error_set(err, NULL, 0, 0, "committee %zu: more than %d members",
					    i + 1, PLAN_MAX_MEMBERS);
		if (check_plan_text(c->instrument, "committee", err) ||
		    check_plan_text(c->name_th, "committee", err) ||
		    check_plan_text(c->duties_th, "committee", err))
			return -1;
		for (size_t k = 0; k < c->n_members; k++) {
			const struct oi_committee_member *mb = &c->members[k];

			if ((int)mb->role < OI_ROLE_CHAIR || mb->role > OI_ROLE_SECRETARY)
				return oi_error_set(err, NULL, 0, 0, "committee %zu member %zu: "
						    "unknown role", i + 1, k + 1);
			if (check_plan_text(mb->name_th, "member", err) ||
			    check_plan_text(mb->position_th, "member", err))
				return -1;
		}
	}
	for (size_t i = 0; i < p->n_problems; i++)
		if (check_plan_text(p->problems_th[i], "problem", err))
			return -1;
	return 0;
}

int oi_store_plan_load(struct oi_store *st, long agency_id, int fiscal_year_be,
		       struct oi_plan **out, struct oi_error *err)
{
	*out = NULL;
	if (check_id(agency_id, "agency", err))
		return -1;
	return st->ops->plan_load(st, agency_id, fiscal_year_be, out, err);
}

int oi_store_plan_save(struct oi_store *st, long agency_id, const struct oi_plan *plan,
		       struct oi_error *err)
{
	if (check_id(agency_id, "agency", err) || check_plan(plan, err))
		return -1;
	return st->ops->plan_save(st, agency_id, plan, err);
}

/* Index of the overview row of agency_id in byid (rows sorted by agency id), or -1. */
static long overview_row(struct oi_plan_overview *const *byid, size_t n, long agency_id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (byid[mid]->agency.id < agency_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && byid[lo]->agency.id == agency_id ? (long)lo : -1;
}

static int by_agency_id(const void *a, const void *b)
{
	long x = (*(struct oi_plan_overview *const *)a)->agency.id;
	long y = (*(struct oi_plan_overview *const *)b)->agency.id;

	return (x > y) - (x < y);
}

/* Add the reports and alerts of one agency's measures (m[0..k), as stored) to o: the measures
 * go into a plan of their own with just what oi_plan_alerts reads, so the counts are the
 * agency page's. */
static void overview_alerts(struct oi_plan_overview *o, const struct store_measure_dates *m,
			    size_t k, struct oi_measure *scratch, const char *today)
{
	struct oi_plan plan;
	struct oi_plan_alert alerts[64];
	size_t total, shown;

	memset(&plan, 0, sizeof plan);
	for (size_t i = 0; i < k; i++) {
		memset(&scratch[i], 0, sizeof scratch[i]);
		scratch[i].period_start = (char *)m[i].period_start;
		scratch[i].period_end = (char *)m[i].period_end;
		for (int cp = 0; cp < OI_PLAN_CHECKPOINTS; cp++) {
			scratch[i].progress[cp].status = (enum oi_progress_status)m[i].status[cp];
			o->n_reported += m[i].status[cp] != OI_PROGRESS_NOT_REPORTED;
		}
	}
	plan.measures = scratch;
	plan.n_measures = k;
	total = oi_plan_alerts(&plan, today, alerts, sizeof alerts / sizeof *alerts);
	shown = total < 64 ? total : 64;
	for (size_t i = 0; i < shown; i++) {
		if (alerts[i].kind == OI_ALERT_OVERDUE)
			o->n_overdue++;
		else
			o->n_missing++;
	}
	/* Beyond the buffer: count them as missing reports (the larger kind). */
	o->n_missing += total - shown;
}

int oi_store_plan_overview(struct oi_store *st, int fiscal_year_be, const char *today,
			   struct oi_plan_overview **out, size_t *n, struct oi_error *err)
{
	struct store_measure_dates *m = NULL;
	struct oi_plan_overview **byid = NULL;
	struct oi_measure *scratch = NULL;
	size_t n_m = 0, longest = 0;
	char day[11];

	*out = NULL;
	*n = 0;
	if (!today || strnlen(today, 11) != 10)
		return oi_error_set(err, NULL, 0, 0, "today must be a date YYYY-MM-DD");
	memcpy(day, today, 11);
	if (!date_ok(day))
		return oi_error_set(err, NULL, 0, 0, "today must be a date YYYY-MM-DD");
	if (st->ops->plan_list(st, fiscal_year_be, out, n, err))
		return -1;
	/* Reports and alerts from one read of every plan's measures (not one load per plan):
	 * the national list of 8,300 agencies stays one query (docs/BENCHMARKS.md). */
	if (st->ops->plan_measure_dates(st, fiscal_year_be, &m, &n_m, err)) {
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	byid = xcalloc(*n ? *n : 1, sizeof *byid);
	for (size_t i = 0; i < *n; i++)
		byid[i] = &(*out)[i];
	qsort(byid, *n, sizeof *byid, by_agency_id);
	for (size_t i = 0, k; i < n_m; i = k) {
		for (k = i; k < n_m && m[k].agency_id == m[i].agency_id; k++)
			;
		longest = k - i > longest ? k - i : longest;
	}
	scratch = xcalloc(longest ? longest : 1, sizeof *scratch);
	for (size_t i = 0, k; i < n_m; i = k) {
		long row;

		for (k = i; k < n_m && m[k].agency_id == m[i].agency_id; k++)
			;
		row = overview_row(byid, *n, m[i].agency_id);
		if (row >= 0 && byid[row]->has_plan)
			overview_alerts(byid[row], &m[i], k - i, scratch, day);
	}
	free(scratch);
	free(byid);
	free(m);
	return 0;
}
