/*
 * strmap.c — linear-probing hash map, FNV-1a hashed, load factor ≤ 1/2 (see strmap.h).
 */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

void strmap_init(struct strmap *m)
{
	m->slots = NULL;
	m->cap = m->count = 0;
}

void strmap_release(struct strmap *m)
{
	free(m->slots);
	strmap_init(m);
}

void strmap_clear(struct strmap *m)
{
	if (m->slots)
		memset(m->slots, 0, m->cap * sizeof *m->slots);
	m->count = 0;
}

static struct strmap_slot *find_slot(struct strmap_slot *slots, size_t cap, const char *key,
				     size_t len, uint64_t hash)
{
	size_t i = (size_t)hash & (cap - 1);

	for (;; i = (i + 1) & (cap - 1)) {
		struct strmap_slot *s = &slots[i];

		if (!s->key)
			return s;
		if (s->hash == hash && s->len == len && !memcmp(s->key, key, len))
			return s;
	}
}

long strmap_get(const struct strmap *m, const char *key, size_t len)
{
	struct strmap_slot *s;

	if (!m->cap)
		return -1;
	s = find_slot(m->slots, m->cap, key, len, hash_bytes(key, len));
	return s->key ? s->value : -1;
}

static void grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct strmap_slot *slots = xcalloc(cap, sizeof *slots);

	for (size_t i = 0; i < m->cap; i++) {
		struct strmap_slot *old = &m->slots[i];

		if (old->key)
			*find_slot(slots, cap, old->key, old->len, old->hash) = *old;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

long strmap_put(struct strmap *m, const char *key, size_t len, long value)
{
	uint64_t hash = hash_bytes(key, len);
	struct strmap_slot *s;

	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	s = find_slot(m->slots, m->cap, key, len, hash);
	if (s->key)
		return s->value;
	s->key = key;
	s->len = len;
	s->hash = hash;
	s->value = value;
	m->count++;
	return -1;
}
