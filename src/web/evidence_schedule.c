/*
 * evidence_schedule.c — the link monitor's scheduled round (contract in evidence_schedule.h):
 * one thread that sleeps on a condition variable until the next round is due or it is told to
 * stop, then captures every current evidence URL agency by agency.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "arena.h"
#include "evidence_schedule.h"

struct evidence_schedule {
	struct oi_store *st;
	const struct oit_capturer *cap;
	unsigned interval;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	atomic_int stop;             /* read by a round between agencies */
	unsigned rounds;
};

int evidence_round(struct oi_store *st, const struct oit_capturer *cap, const atomic_int *stop,
		   size_t *agencies, size_t *urls, struct oi_error *err)
{
	struct oi_assessment as;
	struct oi_agency *list = NULL;
	size_t n = 0, done = 0, checked = 0;
	int rc = 0, found;

	if (agencies)
		*agencies = 0;
	if (urls)
		*urls = 0;
	found = oi_store_assessment_current(st, &as, err);
	if (found < 0)
		return -1;
	if (found > 0)      /* no current assessment: nothing to check */
		return 0;
	if (oi_store_agency_list(st, &list, &n, err))
		return -1;
	for (size_t i = 0; i < n && !rc && !(stop && *stop); i++) {
		size_t k = 0;

		rc = oit_check_agency(st, cap, as.id, list[i].id, NULL, &k, err);
		if (!rc && k) {
			done++;
			checked += k;
		}
	}
	free(list);
	if (agencies)
		*agencies = done;
	if (urls)
		*urls = checked;
	return rc;
}

static void *schedule_main(void *arg)
{
	struct evidence_schedule *s = arg;

	pthread_mutex_lock(&s->lock);
	while (!s->stop) {
		struct timespec due;
		struct oi_error err;
		size_t agencies, urls;
		int rc;

		clock_gettime(CLOCK_REALTIME, &due);
		due.tv_sec += s->interval;
		while (!s->stop && pthread_cond_timedwait(&s->wake, &s->lock, &due) != ETIMEDOUT)
			;
		if (s->stop)
			break;
		pthread_mutex_unlock(&s->lock);
		rc = evidence_round(s->st, s->cap, &s->stop, &agencies, &urls, &err);
		if (rc)
			fprintf(stderr, "openita: link monitor: %s\n", err.message);
		else
			fprintf(stderr, "openita: link monitor checked %zu URLs of %zu agencies\n",
				urls, agencies);
		pthread_mutex_lock(&s->lock);
		s->rounds++;
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

int evidence_schedule_start(struct oi_store *st, const struct oit_capturer *cap,
			    unsigned interval_seconds, struct evidence_schedule **out,
			    struct oi_error *err)
{
	struct evidence_schedule *s = xcalloc(1, sizeof *s);

	*out = NULL;
	s->st = st;
	s->cap = cap;
	s->interval = interval_seconds ? interval_seconds : 1;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->wake, NULL);
	if (pthread_create(&s->thread, NULL, schedule_main, s)) {
		pthread_cond_destroy(&s->wake);
		pthread_mutex_destroy(&s->lock);
		free(s);
		return oi_error_set(err, NULL, 0, 0, "cannot start the link monitor's thread");
	}
	*out = s;
	return 0;
}

unsigned evidence_schedule_rounds(struct evidence_schedule *s)
{
	unsigned n;

	pthread_mutex_lock(&s->lock);
	n = s->rounds;
	pthread_mutex_unlock(&s->lock);
	return n;
}

void evidence_schedule_stop(struct evidence_schedule *s)
{
	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = 1;
	pthread_cond_signal(&s->wake);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
