/*
 * store_int.h — what the store's implementations share, private to src/store/.
 *
 * struct oi_store is a table of operations (struct store_ops) that an implementation embeds as
 * the first member of its own state (SQLite: struct sqlite_store in sqlite_int.h). store.c
 * checks every argument once for all implementations (lengths, roles, date and hour shapes,
 * instruments) and then calls through the table, so an implementation receives only valid
 * input and deals with storage alone. The random link tokens and access codes are drawn here
 * too, so every implementation makes them the same way.
 */
#ifndef OPENITA_STORE_INT_H
#define OPENITA_STORE_INT_H

#include "openita/plan.h"
#include "openita/store.h"

/* Length of a survey link token: 16 random bytes as unpadded base64url. */
#define STORE_TOKEN_LEN 22
/* Length of an access code. */
#define STORE_ACCESS_CODE_LEN 8
/* Most access codes one call may generate. */
#define STORE_ACCESS_CODES_MAX 10000

/*
 * The operations an implementation provides; one per public function of store.h with the
 * same contract (arguments already checked by store.c).
 */
/* One measure of a plan as the overview's alerts see it (store_ops.plan_measure_dates). */
struct store_measure_dates {
	long agency_id;
	char period_start[11], period_end[11];   /* as stored ("" or invalid raise no alert) */
	unsigned char status[OI_PLAN_CHECKPOINTS];   /* enum oi_progress_status per checkpoint */
};

struct store_ops {
	const char *name;   /* "sqlite" */
	void (*close)(struct oi_store *st);
	int (*schema_version)(struct oi_store *st);
	int (*backup)(struct oi_store *st, const char *dest, struct oi_error *err);

	int (*user_add)(struct oi_store *st, const char *username, enum oi_role role,
			const char *agency_code, const char *password_hash, long *id_out,
			struct oi_error *err);
	int (*user_by_name)(struct oi_store *st, const char *username, struct oi_user *out,
			    struct oi_error *err);
	int (*user_by_id)(struct oi_store *st, long id, struct oi_user *out,
			  struct oi_error *err);
	int (*user_set_password)(struct oi_store *st, long id, const char *password_hash,
				 struct oi_error *err);
	long (*user_count)(struct oi_store *st);

	int (*session_put)(struct oi_store *st, const unsigned char token_hash[32], long user_id,
			   const char *csrf, int64_t expires_at, struct oi_error *err);
	int (*session_get)(struct oi_store *st, const unsigned char token_hash[32], int64_t now,
			   struct oi_user *user, char csrf[OI_TOKEN_MAX], struct oi_error *err);
	int (*session_delete)(struct oi_store *st, const unsigned char token_hash[32],
			      struct oi_error *err);
	int (*session_delete_user)(struct oi_store *st, long user_id,
				   const unsigned char *keep_hash, struct oi_error *err);

	int (*agency_add)(struct oi_store *st, struct oi_agency *a, struct oi_error *err);
	int (*agency_import)(struct oi_store *st, struct oi_agency *list, size_t n,
			     struct oi_error *err);
	int (*agency_by_code)(struct oi_store *st, const char *code, struct oi_agency *out,
			      struct oi_error *err);
	int (*agency_by_id)(struct oi_store *st, long id, struct oi_agency *out,
			    struct oi_error *err);
	long (*agency_count)(struct oi_store *st);

	int (*assessment_add)(struct oi_store *st, struct oi_assessment *a, struct oi_error *err);
	int (*assessment_update)(struct oi_store *st, const struct oi_assessment *a,
				 struct oi_error *err);
	int (*assessment_by_id)(struct oi_store *st, long id, struct oi_assessment *out,
				struct oi_error *err);
	int (*assessment_current)(struct oi_store *st, struct oi_assessment *out,
				  struct oi_error *err);
	int (*assessment_list)(struct oi_store *st, struct oi_assessment **out, size_t *n,
			       struct oi_error *err);

	int (*participation_ensure)(struct oi_store *st, long assessment_id, long agency_id,
				    struct oi_participation *out, struct oi_error *err);
	int (*participation_ensure_all)(struct oi_store *st, long assessment_id,
					struct oi_error *err);
	int (*participation_by_token)(struct oi_store *st, const char *token,
				      struct oi_participation *out, char instrument[8],
				      struct oi_error *err);
	int (*participation_get)(struct oi_store *st, long assessment_id, long agency_id,
				 struct oi_participation *out, struct oi_error *err);
	int (*participation_set)(struct oi_store *st, long participation_id,
				 long staff_population, long service_population,
				 bool iit_codes_required, struct oi_error *err);

	int (*response_submit)(struct oi_store *st, const struct oi_response *r,
			       enum oi_submit_result *result, struct oi_error *err);
	int (*progress)(struct oi_store *st, long assessment_id, long agency_id,
			struct oi_agency_progress **out, size_t *n, struct oi_error *err);
	int (*daily_counts)(struct oi_store *st, long participation_id, const char *instrument,
			    char (**days)[11], long **counts, size_t *n, struct oi_error *err);
	int (*responses_each)(struct oi_store *st, long participation_id, const char *instrument,
			      int (*fn)(const char *answers, void *ctx), void *ctx,
			      struct oi_error *err);

	int (*access_codes_add)(struct oi_store *st, long participation_id, size_t n,
				struct oi_error *err);
	int (*access_codes_list)(struct oi_store *st, long participation_id,
				 char (**codes)[OI_CODE_MAX], bool **used, size_t *n,
				 struct oi_error *err);

	int (*audit)(struct oi_store *st, long user_id, const char *action, const char *detail,
		     struct oi_error *err);

	int (*result_save)(struct oi_store *st, long agency_id,
			   const struct oi_agency_result *ar, const char *source,
			   struct oi_error *err);
	int (*result_load)(struct oi_store *st, long agency_id, int fiscal_year_be,
			   const struct oi_framework *fw, struct oi_agency_result **out,
			   struct oi_error *err);
	int (*plan_save)(struct oi_store *st, long agency_id, const struct oi_plan *plan,
			 struct oi_error *err);
	int (*plan_load)(struct oi_store *st, long agency_id, int fiscal_year_be,
			 struct oi_plan **out, struct oi_error *err);
	/* oi_store_plan_overview() without the alerts and reports (store.c adds them from the
	 * loaded plans): agencies with has_result, has_plan and n_measures. */
	int (*plan_list)(struct oi_store *st, int fiscal_year_be, struct oi_plan_overview **out,
			 size_t *n, struct oi_error *err);
	/* Every measure of every plan of fiscal_year_be with what its alerts depend on, ordered
	 * plan (one agency's together): *out malloc'd (caller frees), *n its length. */
	int (*plan_measure_dates)(struct oi_store *st, int fiscal_year_be,
				  struct store_measure_dates **out, size_t *n,
				  struct oi_error *err);

	/* The OIT cycle (store_oit.c checks; sqlite_oit.c implements). */
	int (*oit_submit)(struct oi_store *st, struct oi_oit_submission *s, struct oi_error *err);
	int (*oit_review)(struct oi_store *st, struct oi_oit_review *r, struct oi_error *err);
	int (*oit_clarify)(struct oi_store *st, struct oi_oit_clarification *c,
			   struct oi_error *err);
	int (*oit_confirm)(struct oi_store *st, struct oi_oit_confirmation *list, size_t n,
			   struct oi_error *err);
	int (*oit_states)(struct oi_store *st, long assessment_id, long agency_id,
			  struct oi_oit_item_state **out, size_t *n, struct oi_error *err);
	int (*oit_history)(struct oi_store *st, long assessment_id, long agency_id,
			   const char *item, struct oi_oit_event **out, size_t *n,
			   struct oi_error *err);
	int (*assignment_add)(struct oi_store *st, long assessment_id, long assessor_id,
			      long agency_id, long by_user, struct oi_error *err);
	int (*assignment_remove)(struct oi_store *st, long assessment_id, long assessor_id,
				 long agency_id, struct oi_error *err);
	int (*assignment_check)(struct oi_store *st, long assessment_id, long assessor_id,
				long agency_id, struct oi_error *err);
	int (*assignment_list)(struct oi_store *st, long assessment_id, long assessor_id,
			       struct oi_assignment **out, size_t *n, struct oi_error *err);
	int (*user_list)(struct oi_store *st, enum oi_role role, struct oi_user **out, size_t *n,
			 struct oi_error *err);
	int (*agency_list)(struct oi_store *st, struct oi_agency **out, size_t *n,
			   struct oi_error *err);
	int (*capture_add)(struct oi_store *st, struct oi_capture_row *c, const void *body_gz,
			   size_t body_gz_len, struct oi_error *err);
	int (*capture_get)(struct oi_store *st, long id, struct oi_capture_row *out,
			   unsigned char **body, struct oi_error *err);
	int (*capture_latest)(struct oi_store *st, long agency_id, const char *url, bool ok_only,
			      struct oi_capture_row *out, struct oi_error *err);
	int (*capture_baseline)(struct oi_store *st, long submission_id, long clarification_id,
				const char *url, struct oi_capture_row *out,
				struct oi_error *err);
};

/* The head of every implementation's state. */
struct oi_store {
	const struct store_ops *ops;
};

/* Open the SQLite implementation at path (the contract of oi_store_open). */
int store_sqlite_open(const char *path, struct oi_store **out, struct oi_error *err);

/* A fresh survey link token: STORE_TOKEN_LEN characters of base64url (A-Z a-z 0-9 - _) from 16
 * random bytes, NUL-terminated. libsodium must be initialised (oi_store_open does it). */
void store_random_token(char out[OI_TOKEN_MAX]);

/* A fresh access code: STORE_ACCESS_CODE_LEN characters from STORE_ACCESS_ALPHABET. */
#define STORE_ACCESS_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
void store_random_access_code(char out[STORE_ACCESS_CODE_LEN + 1]);

#endif
