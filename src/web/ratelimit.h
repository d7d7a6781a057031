/*
 * ratelimit.h — abuse control of the respondents' survey: token buckets in memory.
 *
 * A limiter is a fixed-size table of token buckets behind one mutex. A bucket is found by a
 * keyed hash (BLAKE2b with a process-random key drawn at ratelimit_new()) of what it limits —
 * a network (/24 of an IPv4 address, /48 of an IPv6 address) or a survey link token — so the
 * table never holds an address, and nothing about the address outlives the process.
 *
 * Each bucket holds up to `per_min` requests and refills at per_min per minute (one request
 * every 60/per_min seconds): a burst of a minute's allowance, then a steady rate. When the table
 * is full a new key takes the slot of a bucket that has refilled completely (which loses
 * nothing: a full bucket is the same as none) or else the one least recently used, so a flood
 * of fresh keys can loosen the limit for an old key but never grows memory.
 */
#ifndef OPENITA_WEB_RATELIMIT_H
#define OPENITA_WEB_RATELIMIT_H

#include <stddef.h>
#include <time.h>

struct ratelimit;
struct web_app;

/* What a bucket limits; the same key under two kinds is two buckets. */
enum ratelimit_kind { RATELIMIT_NETWORK = 1, RATELIMIT_LINK = 2 };

/*
 * A limiter with `slots` buckets (rounded up to a power of two, at least 64), its hash key drawn
 * from libsodium's randombytes (sodium_init() must have succeeded). Free with ratelimit_free().
 */
struct ratelimit *ratelimit_new(size_t slots);
/* Free the limiter; NULL is fine. */
void ratelimit_free(struct ratelimit *rl);

/*
 * Take one request from the bucket of (kind, key[0..len)) at time now, the bucket allowing
 * per_min requests per minute. Returns 0 when the request may go ahead, or else the whole number
 * of seconds (at least 1) until the bucket allows one again — nothing is taken then. per_min 0
 * means no limit: always 0. Thread-safe.
 */
unsigned ratelimit_take(struct ratelimit *rl, enum ratelimit_kind kind, const void *key,
			size_t len, unsigned per_min, time_t now);

/*
 * The network of a textual IP address: the first 3 bytes of an IPv4 address (its /24), the
 * first 6 of an IPv6 address (its /48; an IPv4-mapped IPv6 address counts as IPv4). Writes the
 * family's tag byte (4 or 6) and those bytes to out and returns how many bytes it wrote, or 0
 * when addr is NULL or not an address.
 */
size_t ratelimit_network(const char *addr, unsigned char out[8]);

/*
 * The survey's check before a POST is looked at: one request from the bucket of the sender's
 * network (limit net_per_min) and, if that allowed it, one from the link token's bucket (limit
 * link_per_min). Returns 0 or the seconds to wait, as ratelimit_take(). A remote_addr that is
 * not an address skips the network check.
 */
unsigned ratelimit_survey(struct ratelimit *rl, const char *remote_addr, const char *token,
			  unsigned net_per_min, unsigned link_per_min, time_t now);

/*
 * The app's limiter for survey POSTs — provided by app.c (the app owns it: made in
 * web_app_new() with ratelimit_new(RATELIMIT_DEFAULT_SLOTS), freed in web_app_free()).
 */
#define RATELIMIT_DEFAULT_SLOTS 8192
struct ratelimit *web_app_ratelimit(struct web_app *app);

#endif
