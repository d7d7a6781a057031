/*
 * app_int.h — the inside of struct web_app, for the web layer's own files (app.c, auth.c,
 * web.c). Pages use the accessors of web.h instead.
 */
#ifndef OPENITA_WEB_APP_INT_H
#define OPENITA_WEB_APP_INT_H

#include <pthread.h>

#include "ratelimit.h"
#include "web.h"

#define APP_MAX_FRAMEWORKS 16
#define APP_THROTTLE_SLOTS 1024

/* Login failures of one (username, network) pair, by keyed hash. */
struct throttle_slot {
	unsigned char key[16];
	unsigned failures;
	time_t last_failure;
};

struct web_app {
	struct web_config cfg;
	struct oi_store *store;
	unsigned char secret[32];            /* process-random key for keyed hashes */

	pthread_mutex_t lock;                /* guards frameworks and throttle */
	struct oi_framework *frameworks[APP_MAX_FRAMEWORKS];
	size_t n_frameworks;
	struct throttle_slot throttle[APP_THROTTLE_SLOTS];
	struct ratelimit *ratelimit;         /* survey submissions per network and link */
};

#endif
