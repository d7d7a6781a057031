/*
 * arena.h — a bump allocator for data that lives and dies together (a loaded framework, the
 * strings of one CSV block). Private to libopenita.
 *
 * Out of memory has one policy in the whole library: arena_alloc() and xmalloc() print a line
 * and abort. A ministry's server that cannot get a few kilobytes cannot do anything useful, and
 * one policy beats a thousand untested error paths.
 */
#ifndef OPENITA_ARENA_H
#define OPENITA_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;  /* newest block first */
};

/* Start an empty arena (no allocation). */
void arena_init(struct arena *a);

/* Free every block; the arena is empty and usable again. */
void arena_release(struct arena *a);

/* size bytes aligned for any type, zeroed; never NULL. Lives until arena_release(). */
void *arena_alloc(struct arena *a, size_t size);

/* A NUL-terminated copy of s[0..len) in the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t len);

/* A copy of the NUL-terminated s in the arena; NULL stays NULL. */
char *arena_strdup(struct arena *a, const char *s);

/* malloc/calloc/realloc that abort on failure (the library's one out-of-memory policy). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);

#endif
