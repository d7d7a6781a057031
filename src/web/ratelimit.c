/*
 * ratelimit.c — token buckets for the survey's abuse control (contract in ratelimit.h).
 *
 * Buckets count in sixtieths of a request so that the refill of per_min requests per minute is
 * a whole per_min units per second: no floating point, no drift. A bucket's slot is found by
 * probing a short window of the table from the key's hash; the window bounds the work of every
 * call and is where eviction chooses its victim.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "ratelimit.h"

#define UNITS 60u            /* units of one request */
#define PROBE 8u             /* slots looked at per key */
#define DIGEST 16u           /* bytes of the keyed hash */

struct bucket {
	unsigned char digest[DIGEST];
	bool used;
	unsigned per_min;        /* the limit it was last taken under */
	uint64_t units;          /* what it held at `last` */
	time_t last;
};

struct ratelimit {
	pthread_mutex_t lock;
	unsigned char key[crypto_generichash_KEYBYTES];
	struct bucket *slots;
	size_t mask;             /* number of slots - 1 */
};

struct ratelimit *ratelimit_new(size_t slots)
{
	struct ratelimit *rl = xcalloc(1, sizeof *rl);
	size_t n = 64;

	while (n < slots && n < ((size_t)1 << 24))
		n <<= 1;
	rl->slots = xcalloc(n, sizeof *rl->slots);
	rl->mask = n - 1;
	randombytes_buf(rl->key, sizeof rl->key);
	pthread_mutex_init(&rl->lock, NULL);
	return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->lock);
	sodium_memzero(rl->key, sizeof rl->key);
	free(rl->slots);
	free(rl);
}

/* What the bucket holds at now, refilled and capped at its capacity. */
static uint64_t bucket_level(const struct bucket *b, unsigned per_min, time_t now)
{
	uint64_t cap = (uint64_t)per_min * UNITS;
	uint64_t level = b->units;

	if (now > b->last) {
		uint64_t elapsed = (uint64_t)(now - b->last);

		/* elapsed * per_min cannot overflow before it passes cap: cap it first */
		if (elapsed >= UNITS)
			return cap;
		level += elapsed * per_min;
	}
	return level < cap ? level : cap;
}

/* The slot for digest: its own, else an empty one, a full one or the least recently used. */
static struct bucket *find_slot(struct ratelimit *rl, const unsigned char *digest, time_t now)
{
	size_t start;
	struct bucket *victim = NULL;

	memcpy(&start, digest, sizeof start);
	for (size_t i = 0; i < PROBE; i++) {
		struct bucket *b = &rl->slots[(start + i) & rl->mask];

		if (b->used && !memcmp(b->digest, digest, DIGEST))
			return b;
	}
	for (size_t i = 0; i < PROBE; i++) {
		struct bucket *b = &rl->slots[(start + i) & rl->mask];

		if (!b->used ||
		    bucket_level(b, b->per_min, now) >= (uint64_t)b->per_min * UNITS) {
			victim = b;
			break;
		}
		if (!victim || b->last < victim->last)
			victim = b;
	}
	memcpy(victim->digest, digest, DIGEST);
	victim->used = true;
	victim->per_min = 0;      /* a fresh bucket: full, set below */
	victim->units = 0;
	victim->last = now;
	return victim;
}

unsigned ratelimit_take(struct ratelimit *rl, enum ratelimit_kind kind, const void *key,
			size_t len, unsigned per_min, time_t now)
{
	unsigned char digest[DIGEST];
	unsigned char tag = (unsigned char)kind;
	crypto_generichash_state st;
	struct bucket *b;
	uint64_t level;
	unsigned wait = 0;

	if (per_min == 0)
		return 0;
	crypto_generichash_init(&st, rl->key, sizeof rl->key, sizeof digest);
	crypto_generichash_update(&st, &tag, 1);
	crypto_generichash_update(&st, key, len);
	crypto_generichash_final(&st, digest, sizeof digest);

	pthread_mutex_lock(&rl->lock);
	b = find_slot(rl, digest, now);
	level = b->per_min == 0 ? (uint64_t)per_min * UNITS : bucket_level(b, per_min, now);
	if (level >= UNITS) {
		level -= UNITS;
	} else {
		wait = (unsigned)((UNITS - level + per_min - 1) / per_min);
		if (wait == 0)
			wait = 1;
	}
	b->per_min = per_min;
	b->units = level;
	if (now > b->last)
		b->last = now;
	pthread_mutex_unlock(&rl->lock);
	return wait;
}

size_t ratelimit_network(const char *addr, unsigned char out[8])
{
	unsigned char bytes[16];
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

	if (!addr)
		return 0;
	if (inet_pton(AF_INET, addr, bytes) == 1) {
		out[0] = 4;
		memcpy(out + 1, bytes, 3);
		return 4;
	}
	if (inet_pton(AF_INET6, addr, bytes) == 1) {
		if (!memcmp(bytes, mapped, sizeof mapped)) {
			out[0] = 4;
			memcpy(out + 1, bytes + 12, 3);
			return 4;
		}
		out[0] = 6;
		memcpy(out + 1, bytes, 6);
		return 7;
	}
	return 0;
}

unsigned ratelimit_survey(struct ratelimit *rl, const char *remote_addr, const char *token,
			  unsigned net_per_min, unsigned link_per_min, time_t now)
{
	unsigned char net[8];
	size_t n = ratelimit_network(remote_addr, net);
	unsigned wait;

	if (n) {
		wait = ratelimit_take(rl, RATELIMIT_NETWORK, net, n, net_per_min, now);
		if (wait)
			return wait;
	}
	return ratelimit_take(rl, RATELIMIT_LINK, token, strlen(token), link_per_min, now);
}
