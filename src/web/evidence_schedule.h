/*
 * evidence_schedule.h — the link monitor's scheduled round while `openita serve` runs: every
 * `interval` seconds, every current evidence URL of every agency of the current assessment is
 * captured again (oit_check_agency), so that the agency's link monitor shows a link that broke
 * or changed before the assessors look — without anyone pressing "check now".
 *
 * One thread; a round runs one agency after another with the server's capturer (whose bounds cap
 * each fetch), and stopping waits for the agency being checked to finish.
 */
#ifndef OPENITA_WEB_EVIDENCE_SCHEDULE_H
#define OPENITA_WEB_EVIDENCE_SCHEDULE_H

#include <stdatomic.h>

#include "oit.h"
#include "openita/store.h"

struct evidence_schedule;

/*
 * One round now, in the calling thread: every agency of the current assessment. *agencies and
 * *urls (may be NULL) receive how many were checked. A database without a current assessment
 * is a round with nothing to do (0). Stops early, with what was done, when *stop becomes true
 * (stop may be NULL). Returns 0, or -1 with err (the round stops at the first failure).
 */
int evidence_round(struct oi_store *st, const struct oit_capturer *cap, const atomic_int *stop,
		   size_t *agencies, size_t *urls, struct oi_error *err);

/*
 * Start the schedule: the first round after interval_seconds, then one every interval_seconds
 * (each round's summary, or its error, goes to stderr as one line). st and cap must outlive the
 * schedule. Returns 0, or -1 with err when the thread cannot start.
 */
int evidence_schedule_start(struct oi_store *st, const struct oit_capturer *cap,
			    unsigned interval_seconds, struct evidence_schedule **out,
			    struct oi_error *err);

/* How many rounds have finished (for tests and the log). */
unsigned evidence_schedule_rounds(struct evidence_schedule *s);

/* Stop the schedule (waiting for a round under way to reach the end of its current agency) and
 * free it; NULL is fine. */
void evidence_schedule_stop(struct evidence_schedule *s);

#endif
