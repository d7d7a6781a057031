/*
 * oit.h — what the OIT pages share (issue 4): the agency's form (oit.c), the assessor's
 * workbench and the NACC admin's assignments and confirmations (review.c), the stored copies of
 * evidence and the link monitor (evidence.c), the provisional OIT scores (oit_score.c).
 *
 * An item's status is read from the store's current rows (struct oi_oit_item_state) by one
 * rule, oit_status(), so every page says the same thing about it. Windows are the assessment's
 * inclusive dates compared with the request's UTC date; a window with a date missing is closed.
 *
 * Evidence capture goes through a struct oit_capturer the server is given (web_config): the
 * web layer never fetches anything itself, so tests give a double and the program gives the
 * libcurl capture (src/check/). NULL: nothing is captured.
 */
#ifndef OPENITA_WEB_OIT_H
#define OPENITA_WEB_OIT_H

#include <stdbool.h>
#include <stddef.h>

#include "capture.h"
#include "openita/framework.h"
#include "openita/store.h"
#include "web.h"

/* Fetch every URL of urls (n of them) and fill rows[i] (url, fetched_at, status, final_url,
 * content_type, size, sha256, text_sha256, sniffed, outcome, error, truncated) and bodies[i]/lens[i] (a malloc'd gzip
 * copy or NULL; the caller frees). Returns 0, or -1 when nothing could be tried. */
struct oit_capturer {
	int (*fetch)(void *arg, const char *const *urls, size_t n, struct oi_capture_row *rows,
		     unsigned char **bodies, size_t *lens);
	void *arg;
};

enum oit_status {
	OIT_NONE = 0,          /* nothing written */
	OIT_DRAFT,             /* a draft, never submitted */
	OIT_SUBMITTED,         /* submitted, not reviewed */
	OIT_PASSED,            /* final verdict pass, not confirmed */
	OIT_FAILED,            /* round-1 fail, no clarification */
	OIT_CLARIFIED,         /* clarification filed, waiting for the re-review */
	OIT_FAILED_FINAL,      /* round-2 fail */
	OIT_CONFIRMED_PASS,
	OIT_CONFIRMED_FAIL,
};

/* The current assessment, its framework and today's date for one request; 0, or -1 after
 * answering (404 no assessment, 500). */
struct oit_page {
	struct oi_assessment as;
	const struct oi_framework *fw;
	char today[11];
	struct oi_oit_item_state *states;   /* malloc'd by oit_page_load_states (oit_page_free) */
	size_t n_states;
};
int oit_page_load(struct web_ctx *c, struct oit_page *p);
/* The states of agency_id (0, or -1 after answering 500). */
int oit_page_load_states(struct web_ctx *c, struct oit_page *p, long agency_id);
void oit_page_free(struct oit_page *p);
/* The index of the OIT item named by the path's params[param], or -1 after answering 404. */
long oit_path_item(struct web_ctx *c, const struct oit_page *p, size_t param);

/* The state of an item code, or NULL when the agency has no row for it. */
const struct oi_oit_item_state *oit_state(const struct oit_page *p, const char *item);

enum oit_status oit_status(const struct oi_oit_item_state *s);
const char *oit_status_th(enum oit_status st);
/* The CSS class of a status: "ok", "bad", "warn" or "". */
const char *oit_status_class(enum oit_status st);

/* The final review of an item (round 2 when there is one after the clarification, else round
 * 1), or NULL when it has none. */
const struct oi_oit_review *oit_final_review(const struct oi_oit_item_state *s);

/* Whether a verdict given now on the item is a re-review (round 2): a clarification was filed
 * against its round-1 verdict (waiting for the re-review, or re-reviewed already). */
bool oit_in_round2(const struct oi_oit_item_state *s);

/* Whether the assessor should act on the item: submitted and not reviewed, or clarified and
 * not re-reviewed. */
bool oit_needs_review(const struct oi_oit_item_state *s);
/* Whether the item's round-1 verdict failed and the agency may still answer it. */
bool oit_may_clarify(const struct oi_oit_item_state *s);

/* today within [open, close] (both set). */
bool oit_window_open(const char *open, const char *close, const char *today);

/* The index of item code in fw->oit_items, or -1. */
long oit_item_index(const struct oi_framework *fw, const char *code);

/* May the session review agency_id: an admin always, an assessor when assigned. */
bool oit_may_review(struct web_ctx *c, const struct oit_page *p, long agency_id);
/* May the session see agency_id's OIT evidence: its agency admin, an admin, an assigned
 * assessor. */
bool oit_may_see_evidence(struct web_ctx *c, const struct oit_page *p, long agency_id);

/* A Unix time as a Thai date and Bangkok time: "10 ก.พ. 2568 10:00 น.". */
void oit_time_th(struct buf *b, int64_t t);
/* The item's heading text: "O1 title". */
void oit_item_title(struct buf *b, const struct oi_framework *fw, size_t k);
/* The required elements of item k as a checklist (checkboxes a person ticks while reading;
 * nothing is sent). idp prefixes the ids. */
void oit_elements(struct buf *b, const struct oi_framework *fw, size_t k, const char *idp);
/* The item's history: every step in time order, as an ordered list. */
void oit_history(struct web_ctx *c, const struct oit_page *p, long agency_id, const char *item);
/* A link to URL (rel="noopener noreferrer", target _blank), escaped. */
void oit_link(struct buf *b, const char *url);
/* "/prefix/CODE/suffix" with the code percent-encoded, for href attributes (escaped). */
void oit_href(struct buf *b, const char *prefix, const char *code, const char *suffix);
/* Open a form posting to oit_href(prefix, code, suffix), with the session's CSRF input. */
void oit_post_form(struct web_ctx *c, const char *prefix, const char *code, const char *suffix);
/* The same as a string in the request arena (for redirects). */
const char *oit_path(struct web_ctx *c, const char *prefix, const char *code,
		     const char *suffix);

/* Capture urls for a submission or clarification of agency/item and store the captures
 * (through the app's capturer; nothing when there is none). Failures are kept as captures
 * with their outcome; a store failure is logged in err and returned as -1. */
int oit_capture_store(struct web_ctx *c, long assessment_id, long agency_id, const char *item,
		      long submission_id, long clarification_id, const char (*urls)[OI_URL_MAX],
		      size_t n, struct oi_error *err);
/*
 * The libcurl capturer (oit_capture.c): fill *cc so that &cc->capturer captures through
 * capture_many() with cc->options (allow_private as given; short_bounds: 3 s to connect, 8 s in
 * all, for a person waiting on a form; else capture.h's defaults). cc must outlive its use.
 */
struct oit_curl_capturer {
	struct oit_capturer capturer;
	struct capture_options options;
};
void oit_capturer_curl(struct oit_curl_capturer *cc, bool allow_private, bool short_bounds);

/*
 * Capture rows[i].url for each of the n rows (assessment, agency, item, url and the submission
 * or clarification ids filled by the caller; the rest is filled here) through cap, in batches
 * of OIT_CAPTURE_BATCH, and store every capture. 0, or -1 with err when one could not be stored
 * or the capturer could not start (the rest of the batch is then not stored).
 */
#define OIT_CAPTURE_BATCH 32
int oit_capture_rows(struct oi_store *st, const struct oit_capturer *cap,
		     struct oi_capture_row *rows, size_t n, struct oi_error *err);

/*
 * Every current evidence URL of an agency's item states (the current submission's URLs and
 * those of a clarification of its current round-1 verdict) as rows with the assessment,
 * agency, item, url and the submission or clarification that gave it. *out is malloc'd (caller
 * frees); returns how many.
 */
size_t oit_evidence_urls(const struct oi_oit_item_state *states, size_t n, long assessment_id,
			 long agency_id, struct oi_capture_row **out);

/*
 * A link-monitor check of one agency: capture every current evidence URL again (a check, not a
 * baseline: the rows carry no submission or clarification) and store the captures. *urls_out
 * (may be NULL) receives the URLs checked, as oit_evidence_urls gives them (malloc'd, the caller
 * frees) and *n_out their number. Returns 0, or -1 with err. Used by "check now", by the
 * scheduled check of `openita serve` (evidence_schedule.c) and by `openita evidence check`.
 */
int oit_check_agency(struct oi_store *st, const struct oit_capturer *cap, long assessment_id,
		     long agency_id, struct oi_capture_row **urls_out, size_t *n_out,
		     struct oi_error *err);

/* How one evidence URL stands: its captures and evidence_classify() of the latest against the
 * baseline (the first capture taken for the submission or clarification that gave it). */
struct oit_evidence {
	bool checked;                       /* a capture exists (else state is meaningless) */
	bool has_good, has_base;
	struct oi_capture_row latest, good, base;
	enum evidence_state state;
};
/* For the URL of row u (as oit_evidence_urls gives): 0, or -1 with err. */
int oit_evidence_of(struct oi_store *st, const struct oi_capture_row *u, struct oit_evidence *out,
		    struct oi_error *err);

/* The provisional OIT section of the agency workspace: confirmed verdicts scored by the core
 * (oi_scoreset_set_verdict, oi_scoreset_result) into indicators 9 and 10 with their
 * sub-indicators (oit_score.c). */
void oit_score_section(struct web_ctx *c, const struct oi_framework *fw,
		       const struct oi_assessment *as);

/* The route groups. */
extern const struct web_route web_routes_oit[];      /* oit.c: the agency's OIT pages */
extern const struct web_route web_routes_review[];   /* review.c: workbench, assignments,
							confirmations */
extern const struct web_route web_routes_evidence[]; /* evidence.c: stored copies, monitor */

#endif
