/*
 * store.h — persistence of the web system behind one interface.
 *
 * Callers (web/, cli/) see only the functions below: domain operations with C structs, never
 * SQL. The first implementation is SQLite in WAL mode (src/store/store_sqlite.c); a PostgreSQL
 * implementation can follow behind the same functions (src/store/store.c dispatches through a
 * table of operations), so no caller changes.
 *
 * Conventions
 *  - Every function returns 0 on success and -1 on failure with err filled (a message a person
 *    can act on, e.g. "agency code \"A01\" already exists"). Lookups return 1 when the thing
 *    is not there (err untouched).
 *  - A struct oi_store is safe to use from many threads at once: reads run in parallel on a pool
 *    of connections; writes go through one writer connection. Survey responses go through a
 *    group-commit queue (oi_store_response_submit): many responses, one durable commit.
 *  - Strings in structs are fixed-size, NUL-terminated, copied in and out: no ownership games.
 *  - Dates are ISO "YYYY-MM-DD" (Gregorian; the faces show Buddhist Era); times are Unix seconds.
 *
 * Anonymity by construction: a response row holds the participation, the instrument, the hour
 * it arrived ("YYYY-MM-DDTHH", coarsened) and the answers — nothing else. The duplicate guard's
 * nonces and the access codes live in tables of their own with no time and no reference to a
 * response, so no code or nonce can be linked to an answer.
 */
#ifndef OPENITA_STORE_H
#define OPENITA_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "openita/error.h"

#define OI_CODE_MAX 32        /* agency codes, access codes (bytes incl. NUL) */
#define OI_NAME_MAX 256       /* names: agency, user, province, type */
#define OI_TOKEN_MAX 48       /* survey link tokens, nonces, CSRF tokens */
#define OI_HASH_MAX 160       /* argon2id encoded hash (crypto_pwhash_STRBYTES = 128) */
#define OI_ANSWERS_MAX 256    /* one character per answer code of an instrument */

struct oi_store;

enum oi_role {
	OI_ROLE_ADMIN = 0,        /* NACC administrator: everything */
	OI_ROLE_AGENCY_ADMIN,     /* one agency's ITA officer: that agency only */
	OI_ROLE_ASSESSOR,         /* reads progress; reviews OIT (issue 4) */
	OI_ROLE_VIEWER,           /* reads the national dashboard */
	OI_ROLE__MAX
};

/* "admin", "agency_admin", "assessor", "viewer"; and back (-1 when unknown). */
const char *oi_role_name(enum oi_role role);
int oi_role_parse(const char *name);

struct oi_user {
	long id;
	char username[OI_NAME_MAX];
	enum oi_role role;
	long agency_id;                     /* 0 unless an agency admin */
	char agency_code[OI_CODE_MAX];      /* "" unless an agency admin */
	char password_hash[OI_HASH_MAX];    /* argon2id, as crypto_pwhash_str() writes it */
};

struct oi_agency {
	long id;
	char code[OI_CODE_MAX];
	char name[OI_NAME_MAX];
	char type[OI_NAME_MAX];             /* "" when not given */
	char province[OI_NAME_MAX];
	char parent_code[OI_CODE_MAX];
};

/* A fiscal year's run on a framework, with its calendar windows (inclusive dates). */
struct oi_assessment {
	long id;
	int fiscal_year;                    /* Buddhist Era, e.g. 2568 */
	char framework_id[OI_CODE_MAX];     /* a built-in framework id, e.g. "ita-2565" */
	char survey_open[11], survey_close[11];     /* IIT/EIT collection */
	char oit_open[11], oit_close[11];           /* OIT submission */
	char review_open[11], review_close[11];     /* assessors' review */
	char clarify_open[11], clarify_close[11];   /* clarification round */
	char publish_on[11];                        /* publication of results */
};

/* An agency taking part in an assessment. */
struct oi_participation {
	long id;
	long assessment_id;
	long agency_id;
	long staff_population;              /* IIT population; -1 not entered yet */
	long service_population;            /* EIT population; -1 not entered yet */
	char iit_token[OI_TOKEN_MAX];       /* unguessable survey link codes (base64url) */
	char eit_token[OI_TOKEN_MAX];
	bool iit_codes_required;            /* IIT accepts only single-use access codes */
};

/* One row of the progress view: an agency's participation with its response counts. */
struct oi_agency_progress {
	struct oi_agency agency;
	struct oi_participation part;
	long iit_responses;
	long eit_responses;
};

/* One anonymous response as submitted. */
struct oi_response {
	long participation_id;
	char instrument[8];                 /* "IIT" or "EIT" */
	char hour[14];                      /* "YYYY-MM-DDTHH" (UTC), coarsened by the caller */
	char answers[OI_ANSWERS_MAX];       /* one char per answer code: '0' none, '1'..'9', 'A'=10 */
	char nonce[OI_TOKEN_MAX];           /* the form's duplicate guard; "" for none */
	char access_code[OI_CODE_MAX];      /* "" unless the IIT requires codes */
};

enum oi_submit_result {
	OI_SUBMIT_STORED = 0,               /* durable: committed and synced */
	OI_SUBMIT_DUPLICATE,                /* nonce seen before: nothing stored, not an error */
	OI_SUBMIT_CODE_INVALID,             /* access code unknown or already used */
};

/*
 * Open (creating if absent) the database at path, set WAL mode and synchronous=FULL, and apply
 * every migration not yet applied, each in its own transaction. Fails with a clear message when
 * the file is not a database, is of a newer schema than this program knows, or cannot be
 * written. The caller frees *out with oi_store_close().
 */
int oi_store_open(const char *path, struct oi_store **out, struct oi_error *err);

/* Stop the commit queue (answering what it holds), close every connection, free st. */
void oi_store_close(struct oi_store *st);

/* The schema version the database is at, and the latest this program knows. */
int oi_store_schema_version(struct oi_store *st);
int oi_store_schema_latest(void);

/*
 * Copy the whole database, consistently, to a new file at dest while others keep using it
 * (SQLite's online backup API). Fails if dest exists. Restore: stop the server, copy the backup
 * over the database file (removing its -wal and -shm files), start again.
 */
int oi_store_backup(struct oi_store *st, const char *dest, struct oi_error *err);

/* ---- users and sessions ---- */

/* Add a user; agency_code must name an existing agency for OI_ROLE_AGENCY_ADMIN and be NULL or
 * "" otherwise. A taken username is an error. *id_out (may be NULL) gets the new id. */
int oi_store_user_add(struct oi_store *st, const char *username, enum oi_role role,
		      const char *agency_code, const char *password_hash, long *id_out,
		      struct oi_error *err);
int oi_store_user_by_name(struct oi_store *st, const char *username, struct oi_user *out,
			  struct oi_error *err);
int oi_store_user_by_id(struct oi_store *st, long id, struct oi_user *out, struct oi_error *err);
int oi_store_user_set_password(struct oi_store *st, long id, const char *password_hash,
			       struct oi_error *err);
/* Number of users (0 on a fresh database). */
long oi_store_user_count(struct oi_store *st);

/* A session: the SHA-256 of the cookie's token is stored, never the token. */
int oi_store_session_put(struct oi_store *st, const unsigned char token_hash[32], long user_id,
			 const char *csrf, int64_t expires_at, struct oi_error *err);
/* The session's user and CSRF token; 1 when there is none or it expired at `now`. */
int oi_store_session_get(struct oi_store *st, const unsigned char token_hash[32], int64_t now,
			 struct oi_user *user, char csrf[OI_TOKEN_MAX], struct oi_error *err);
int oi_store_session_delete(struct oi_store *st, const unsigned char token_hash[32],
			    struct oi_error *err);
/* Delete every session of a user except keep_hash (may be NULL): after a password change. */
int oi_store_session_delete_user(struct oi_store *st, long user_id,
				 const unsigned char *keep_hash, struct oi_error *err);

/* ---- agencies ---- */

/* Add one agency (a->id is set). Code empty, name empty or code taken are errors. */
int oi_store_agency_add(struct oi_store *st, struct oi_agency *a, struct oi_error *err);
/* Add n agencies in one transaction: all or none. A taken code fails the whole batch, and err
 * names it. (Per-row validation with line numbers is the caller's job, before this.) */
int oi_store_agency_import(struct oi_store *st, struct oi_agency *list, size_t n,
			   struct oi_error *err);
int oi_store_agency_by_code(struct oi_store *st, const char *code, struct oi_agency *out,
			    struct oi_error *err);
int oi_store_agency_by_id(struct oi_store *st, long id, struct oi_agency *out,
			  struct oi_error *err);
long oi_store_agency_count(struct oi_store *st);

/* ---- assessments ---- */

/* Add an assessment (a->id is set). A fiscal year can be opened once. */
int oi_store_assessment_add(struct oi_store *st, struct oi_assessment *a, struct oi_error *err);
/* Replace the calendar windows of assessment a->id. */
int oi_store_assessment_update(struct oi_store *st, const struct oi_assessment *a,
			       struct oi_error *err);
int oi_store_assessment_by_id(struct oi_store *st, long id, struct oi_assessment *out,
			      struct oi_error *err);
/* The assessment of the latest fiscal year; 1 when there is none. */
int oi_store_assessment_current(struct oi_store *st, struct oi_assessment *out,
				struct oi_error *err);
/* Every assessment, newest fiscal year first: *out is malloc'd (caller frees), *n its length. */
int oi_store_assessment_list(struct oi_store *st, struct oi_assessment **out, size_t *n,
			     struct oi_error *err);

/* ---- participations ---- */

/* The agency's participation in the assessment, created (with fresh random link tokens and
 * unknown populations) when absent. */
int oi_store_participation_ensure(struct oi_store *st, long assessment_id, long agency_id,
				  struct oi_participation *out, struct oi_error *err);
/* Create the participation of every agency that has none in the assessment. */
int oi_store_participation_ensure_all(struct oi_store *st, long assessment_id,
				      struct oi_error *err);
/* The participation whose IIT or EIT token is `token`; *instrument gets "IIT" or "EIT".
 * 1 when no link has that token. */
int oi_store_participation_by_token(struct oi_store *st, const char *token,
				    struct oi_participation *out, char instrument[8],
				    struct oi_error *err);
int oi_store_participation_get(struct oi_store *st, long assessment_id, long agency_id,
			       struct oi_participation *out, struct oi_error *err);
/* Set populations (-1 leaves one unchanged) and whether the IIT requires access codes. */
int oi_store_participation_set(struct oi_store *st, long participation_id,
			       long staff_population, long service_population,
			       bool iit_codes_required, struct oi_error *err);

/* ---- responses ---- */

/*
 * Store one response durably and say how it went (*result). Blocks until the group commit that
 * carries it has been synced to disk, so a caller that answers 2xx afterwards never loses an
 * acknowledged response. In the same transaction: the nonce (when not "") is recorded and a
 * repeated one makes the response a duplicate; an access code (when not "") must exist for the
 * participation and be unused, and is marked used.
 */
int oi_store_response_submit(struct oi_store *st, const struct oi_response *r,
			     enum oi_submit_result *result, struct oi_error *err);

/* Every participation of the assessment with its agency and response counts, by agency code.
 * *out is malloc'd (caller frees). agency_id > 0 restricts it to that agency. */
int oi_store_progress(struct oi_store *st, long assessment_id, long agency_id,
		      struct oi_agency_progress **out, size_t *n, struct oi_error *err);

/* Responses per day of one participation and instrument, oldest first: days[i] is
 * "YYYY-MM-DD", the day in Thailand (UTC+7) of the UTC hour the response was stored with,
 * counts[i] the number that day. *days and *counts are malloc'd (caller frees). */
int oi_store_daily_counts(struct oi_store *st, long participation_id, const char *instrument,
			  char (**days)[11], long **counts, size_t *n, struct oi_error *err);

/* Call fn(answers, ctx) for every response of a participation and instrument; fn returning
 * non-zero stops early. */
int oi_store_responses_each(struct oi_store *st, long participation_id, const char *instrument,
			    int (*fn)(const char *answers, void *ctx), void *ctx,
			    struct oi_error *err);

/* ---- access codes ---- */

/* Generate n new single-use IIT access codes (8 characters from an alphabet without look-alike
 * characters) for the participation; n ≤ 10000. */
int oi_store_access_codes_add(struct oi_store *st, long participation_id, size_t n,
			      struct oi_error *err);
/* Every access code of the participation, in the order generated: *codes malloc'd, used[i]
 * says whether codes[i] was used (caller frees both). */
int oi_store_access_codes_list(struct oi_store *st, long participation_id,
			       char (**codes)[OI_CODE_MAX], bool **used, size_t *n,
			       struct oi_error *err);

/* ---- audit ---- */

/* Record who (user id, 0 for the system) did what (a short action name) with a detail text. */
int oi_store_audit(struct oi_store *st, long user_id, const char *action, const char *detail,
		   struct oi_error *err);

/* ---- results and measures plans (issue 5) ---- */

struct oi_framework;
struct oi_agency_result;
struct oi_plan;

/*
 * Save the result of agency agency_id for ar->fiscal_year_be (2500–2700), replacing the one
 * stored for that year, all or nothing: the framework id (ar->fw->id), every indicator with a
 * score, every question score that is not NaN, every OIT verdict (with its comment, "" when
 * none) and every earlier year's indicator scores. source is "entered" (typed from the result
 * sheet) or "computed". Scores must be finite within 0..100; comments at most 8 KiB of text.
 */
int oi_store_result_save(struct oi_store *st, long agency_id, const struct oi_agency_result *ar,
			 const char *source, struct oi_error *err);

/*
 * Load the result of agency agency_id for fiscal_year_be into a new struct oi_agency_result of
 * fw (agency code and name from the agency; indicators, instruments, total and grade recomputed
 * with oi_agency_result_finish()); the caller frees *out with oi_agency_result_free(). Returns 1
 * (*out NULL) when there is none; -1 when it was stored under another framework than fw.
 */
int oi_store_result_load(struct oi_store *st, long agency_id, int fiscal_year_be,
			 const struct oi_framework *fw, struct oi_agency_result **out,
			 struct oi_error *err);

/*
 * Load the plan of agency agency_id for fiscal_year_be (the year its measures run). Returns 0
 * with *out a new plan (free it with oi_plan_free()), 1 (*out NULL) when the agency has no plan
 * for that year, -1 on failure.
 */
int oi_store_plan_load(struct oi_store *st, long agency_id, int fiscal_year_be,
		       struct oi_plan **out, struct oi_error *err);

/*
 * Store plan as the plan of agency agency_id for plan->fiscal_year_be, replacing whatever was
 * stored for that agency and year (measures, steps, progress, committees, members, problems,
 * memo) in one transaction: either the whole new plan is stored or the old one stays. Checks
 * first: fiscal year 2500–2700; every text valid UTF-8 without control characters other than
 * tab, CR and LF, at most 8 KiB; dates "" or a real YYYY-MM-DD; at most 500 measures of 50 steps,
 * 20 committees of 100 members, 200 problems (plan.h's bounds). The caller records the audit
 * entry (oi_store_audit).
 */
int oi_store_plan_save(struct oi_store *st, long agency_id, const struct oi_plan *plan,
		       struct oi_error *err);

/* One agency's line of the national view of plans. */
struct oi_plan_overview {
	struct oi_agency agency;
	bool has_result;                    /* a result is stored for fiscal_year - 1 */
	bool has_plan;
	size_t n_measures;
	size_t n_reported;                  /* measure × checkpoint reports recorded */
	size_t n_overdue;                   /* OI_ALERT_OVERDUE alerts as of today */
	size_t n_missing;                   /* OI_ALERT_REPORT_MISSING alerts as of today */
};

/*
 * Every agency, by code, with its plan for fiscal_year_be: measures, reports, and the alerts of
 * oi_plan_alerts() as of today ("YYYY-MM-DD"). *out is malloc'd (caller frees), *n its length.
 */
int oi_store_plan_overview(struct oi_store *st, int fiscal_year_be, const char *today,
			   struct oi_plan_overview **out, size_t *n, struct oi_error *err);

/* ---- OIT: submissions, evidence captures, reviews, clarifications, confirmations (issue 4) ----
 *
 * Every step of the OIT cycle is a new row; nothing is ever updated or deleted (the schema's
 * triggers refuse it), so an item's history is the rows in time order. What is "current" is
 * read, never stored:
 *   - the current submission of an item is its latest row with submitted = true; a draft is
 *     the latest row when it is newer than that;
 *   - the round-1 verdict is the latest round-1 review, the round-2 verdict the latest round-2
 *     review (made after a clarification), the final verdict round 2's when there is one, else
 *     round 1's;
 *   - the confirmed verdict is the latest confirmation.
 * Item codes are the framework's ("O1" … "O43"); the store checks their shape, the web checks
 * them against the framework. Texts are UTF-8 without control characters other than tab, CR and
 * LF, at most OI_OIT_TEXT_MAX - 1 bytes; URLs are http(s), printable ASCII without spaces or
 * " < > \ ^ ` { | }, at most
 * OI_URL_MAX - 1 bytes, at most OI_OIT_URLS_MAX of them.
 */

#define OI_OIT_ITEM_MAX 16       /* item code bytes incl. NUL: "O43" */
#define OI_OIT_TEXT_MAX 4096     /* explanation, comment, clarification bytes incl. NUL */
#define OI_OIT_URLS_MAX 5        /* URLs per submission or clarification */
#define OI_URL_MAX 1024          /* bytes of a URL incl. NUL */

/* One row of oit_submissions with its URLs: what the agency said about an item. */
struct oi_oit_submission {
	long id;                            /* 0: none */
	long assessment_id, agency_id;
	char item[OI_OIT_ITEM_MAX];
	bool has;                           /* the agency says it publishes the item */
	bool submitted;                     /* false: a draft */
	char explanation[OI_OIT_TEXT_MAX];
	size_t n_urls;
	char urls[OI_OIT_URLS_MAX][OI_URL_MAX];
	long by_user;
	char by_name[OI_NAME_MAX];          /* filled on reads */
	int64_t at;                         /* filled by the store on writes */
};

/* One row of oit_clarifications: the agency's answer to a failed verdict. */
struct oi_oit_clarification {
	long id;
	long assessment_id, agency_id;
	char item[OI_OIT_ITEM_MAX];
	long review_id;                     /* the failed round-1 review it answers */
	char text[OI_OIT_TEXT_MAX];
	size_t n_urls;
	char urls[OI_OIT_URLS_MAX][OI_URL_MAX];
	long by_user;
	char by_name[OI_NAME_MAX];
	int64_t at;
};

/* One row of oit_reviews: an assessor's verdict. */
struct oi_oit_review {
	long id;
	long assessment_id, agency_id;
	char item[OI_OIT_ITEM_MAX];
	int round;                          /* 1: review, 2: re-review after a clarification */
	long submission_id;                 /* the submission reviewed */
	long clarification_id;              /* round 2: the clarification re-reviewed; else 0 */
	bool pass;
	char comment[OI_OIT_TEXT_MAX];
	long by_user;
	char by_name[OI_NAME_MAX];
	int64_t at;
};

/* One row of oit_confirmations: the NACC admin confirms a verdict. */
struct oi_oit_confirmation {
	long id;
	long assessment_id, agency_id;
	char item[OI_OIT_ITEM_MAX];
	long review_id;                     /* the review whose verdict is confirmed */
	bool pass;
	long by_user;
	char by_name[OI_NAME_MAX];
	int64_t at;
};

/* Where one item of one agency stands: the current rows (id 0 when there is none). */
struct oi_oit_item_state {
	char item[OI_OIT_ITEM_MAX];
	struct oi_oit_submission submission;    /* the current submitted row */
	struct oi_oit_submission draft;         /* the latest row when it is a newer draft */
	struct oi_oit_review review1, review2;  /* the latest of each round */
	struct oi_oit_clarification clarification; /* the latest */
	struct oi_oit_confirmation confirmation;    /* the latest */
};

/*
 * Append a submission (draft or submitted) of s->item by s->by_user; s->id and s->at are set.
 * The caller has checked the OIT window and the item against the framework.
 */
int oi_store_oit_submit(struct oi_store *st, struct oi_oit_submission *s, struct oi_error *err);

/* Append a review; r->round 2 needs r->clarification_id. r->id and r->at are set. */
int oi_store_oit_review(struct oi_store *st, struct oi_oit_review *r, struct oi_error *err);

/* Append a clarification answering review c->review_id; c->id and c->at are set. */
int oi_store_oit_clarify(struct oi_store *st, struct oi_oit_clarification *c,
			 struct oi_error *err);

/* Append n confirmations in one transaction (all or none); each gets its id and at. */
int oi_store_oit_confirm(struct oi_store *st, struct oi_oit_confirmation *list, size_t n,
			 struct oi_error *err);

/*
 * The state of every item the agency has any row for in the assessment, by item code (ordered
 * as text; the caller orders by the framework). *out is malloc'd (caller frees; each element is
 * about 30 KiB), *n its length.
 */
int oi_store_oit_states(struct oi_store *st, long assessment_id, long agency_id,
			struct oi_oit_item_state **out, size_t *n, struct oi_error *err);

enum oi_oit_event_kind {
	OI_OIT_EVENT_SUBMISSION,
	OI_OIT_EVENT_REVIEW,
	OI_OIT_EVENT_CLARIFICATION,
	OI_OIT_EVENT_CONFIRMATION,
	OI_OIT_EVENT_CAPTURE,
};

/* One step of an item's history; which fields mean something depends on kind. */
struct oi_oit_event {
	enum oi_oit_event_kind kind;
	int64_t at;
	long id;                            /* the row's id in its table */
	long by_user;                       /* 0 for captures (the system) */
	char by_name[OI_NAME_MAX];
	bool submitted;                     /* SUBMISSION: false for a draft */
	bool has;                           /* SUBMISSION */
	int round;                          /* REVIEW */
	bool pass;                          /* REVIEW, CONFIRMATION */
	size_t n_urls;                      /* SUBMISSION, CLARIFICATION */
	char url[OI_URL_MAX];               /* CAPTURE: the URL; SUBMISSION, CLARIFICATION: the
					       first URL ("" none) */
	char outcome[24];                   /* CAPTURE */
	long status;                        /* CAPTURE: HTTP status */
	char text[OI_OIT_TEXT_MAX];         /* explanation, comment or clarification ("" none) */
};

/* Every step of one item in time order (then by kind and id): submissions, reviews,
 * clarifications, confirmations and evidence captures. *out malloc'd (caller frees). */
int oi_store_oit_history(struct oi_store *st, long assessment_id, long agency_id,
			 const char *item, struct oi_oit_event **out, size_t *n,
			 struct oi_error *err);

/* ---- assessor assignments ---- */

/* Assign (idempotent) or unassign an assessor to an agency in an assessment. The user must be
 * an assessor. by_user is who did it. */
int oi_store_assignment_add(struct oi_store *st, long assessment_id, long assessor_id,
			    long agency_id, long by_user, struct oi_error *err);
int oi_store_assignment_remove(struct oi_store *st, long assessment_id, long assessor_id,
			       long agency_id, struct oi_error *err);
/* 0 when assessor_id is assigned to agency_id in the assessment, 1 when not, -1 on failure. */
int oi_store_assignment_check(struct oi_store *st, long assessment_id, long assessor_id,
			      long agency_id, struct oi_error *err);

struct oi_assignment {
	long assessor_id;
	char assessor_name[OI_NAME_MAX];
	struct oi_agency agency;
};

/* The assignments of the assessment, by agency code then assessor name; assessor_id > 0 keeps
 * that assessor's only. *out malloc'd (caller frees). */
int oi_store_assignment_list(struct oi_store *st, long assessment_id, long assessor_id,
			     struct oi_assignment **out, size_t *n, struct oi_error *err);

/* Every user of a role, by username. *out malloc'd (caller frees). */
int oi_store_user_list(struct oi_store *st, enum oi_role role, struct oi_user **out, size_t *n,
		       struct oi_error *err);

/* Every agency, by code. *out malloc'd (caller frees). */
int oi_store_agency_list(struct oi_store *st, struct oi_agency **out, size_t *n,
			 struct oi_error *err);

/* ---- evidence captures ---- */

/* One stored capture of an evidence URL (the body is read apart: oi_store_capture_body). */
struct oi_capture_row {
	long id;
	long assessment_id, agency_id;
	char item[OI_OIT_ITEM_MAX];
	long submission_id;                 /* the submission it was taken for, or 0 */
	long clarification_id;              /* the clarification it was taken for, or 0 */
	char url[OI_URL_MAX];
	int64_t fetched_at;
	long status;                        /* HTTP status, 0 when none */
	char final_url[OI_URL_MAX];
	char content_type[128];
	uint64_t size;
	char sha256[65];                    /* "" when no body */
	char text_sha256[65];               /* of an HTML body's visible text; "" when none (not
					       HTML, or stored before migration 4) */
	char sniffed[8];                    /* what the first bytes of a body with a generic
					       content type are: "pdf", "image", "office"; or "" */
	char outcome[24];                   /* capture_outcome_name(): "ok", "http_error", … */
	char error[256];
	bool truncated;
	size_t body_gz_len;                 /* bytes of the stored gzip copy (0: none) */
};

/* Append a capture (c->id set) with its gzip body (may be NULL / 0; at most 8 MiB). */
int oi_store_capture_add(struct oi_store *st, struct oi_capture_row *c, const void *body_gz,
			 size_t body_gz_len, struct oi_error *err);
/* A capture by id; *body (may be NULL: not wanted) gets a malloc'd copy of its gzip body
 * (NULL when none; caller frees). 1 when there is no such capture. */
int oi_store_capture_get(struct oi_store *st, long id, struct oi_capture_row *out,
			 unsigned char **body, struct oi_error *err);
/* Captures of url for the agency: the latest (ok_only: the latest with outcome "ok"); or the
 * baseline, the first taken for the submission (submission_id > 0) or the clarification
 * (clarification_id > 0; submission_id 0) that gave the URL. 1 when there is none. */
int oi_store_capture_latest(struct oi_store *st, long agency_id, const char *url, bool ok_only,
			    struct oi_capture_row *out, struct oi_error *err);
/* The checks the store applies, for the forms to give the same message before storing: a text
 * of at most cap - 1 bytes (UTF-8, no control characters but tab, CR, LF; thai names it), and
 * an evidence URL. 0, or -1 with err filled. */
int oi_store_oit_check_text(const char *s, size_t cap, const char *thai, struct oi_error *err);
int oi_store_oit_check_url(const char *url, struct oi_error *err);

int oi_store_capture_baseline(struct oi_store *st, long submission_id, long clarification_id,
			      const char *url, struct oi_capture_row *out, struct oi_error *err);

#endif
