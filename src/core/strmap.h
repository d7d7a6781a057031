/*
 * strmap.h — an open-addressing hash map from byte strings to long. Private to libopenita.
 *
 * Keys are not copied: the caller keeps them alive as long as the map (frameworks keep them in
 * their arena, score sets in theirs).
 */
#ifndef OPENITA_STRMAP_H
#define OPENITA_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_slot {
	const char *key;
	size_t len;
	uint64_t hash;
	long value;
};

struct strmap {
	struct strmap_slot *slots;
	size_t cap, count;
};

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);

/* The value stored for key[0..len), or -1. */
long strmap_get(const struct strmap *m, const char *key, size_t len);

/* Store value for key unless present. Returns -1 when stored, else the value already there. */
long strmap_put(struct strmap *m, const char *key, size_t len, long value);

/* Forget every key, keeping the table's memory. */
void strmap_clear(struct strmap *m);

#endif
