/*
 * body_sink.c — a response body, as it arrives, into its size, its SHA-256 (libsodium) and a
 * gzip copy (zlib, streamed) with hard caps (body_sink.h).
 *
 * The gzip copy must stay under max_stored and still be a valid gzip stream when it is cut.
 * deflate() keeps input inside itself until it is flushed, so before each call we make sure that
 * the worst case — every pending byte stored uncompressed (zlib's conservative deflateBound),
 * plus a sync flush and the gzip trailer — fits under the cap. When it does not, we flush what
 * is pending (the output is then exact) and check again; when even that does not fit, we
 * compress the prefix that does, mark the copy cut and stop storing. A flush every
 * FLUSH_EVERY bytes keeps the output buffer near the compressed size rather than the worst
 * case, so a capture of a compressible body holds little memory. A sink restarted for the next
 * body keeps its deflate state (deflateReset) rather than allocating zlib's 256 KiB afresh for
 * every URL (that showed as malloc and page-fault time when capturing many small pages).
 */
#include <string.h>

#include "arena.h"
#include "body_sink.h"

#define FLUSH_EVERY (256u * 1024u)
#define RESERVE 64u      /* gzip header and trailer, final empty block, flush marker */

/* Worst-case deflate output for n pending input bytes (zlib's conservative bound). */
static size_t worst_case(size_t n)
{
	return n + ((n + 7) >> 3) + ((n + 63) >> 6) + 5 + 5;
}

void body_sink_init(struct body_sink *s, size_t max_body, size_t max_stored)
{
	memset(s, 0, sizeof *s);
	body_sink_restart(s, max_body, max_stored);
}

void body_sink_restart(struct body_sink *s, size_t max_body, size_t max_stored)
{
	/* Field by field: a z_stream must not move or be copied (zlib checks it). */
	free(s->gz);
	s->gz = NULL;
	s->gz_cap = 0;
	s->max_body = max_body;
	s->max_stored = max_stored;
	s->size = 0;
	s->cut = false;
	s->z_open = false;
	s->stored_full = false;
	s->stored_broken = false;
	s->unflushed = 0;
	s->head_len = 0;
	s->text_on = false;
	crypto_hash_sha256_init(&s->sha);
}

void body_sink_text(struct body_sink *s)
{
	s->text_on = true;
	text_fingerprint_init(&s->text);
}

static void drop_stored(struct body_sink *s)
{
	s->z_open = false;
	free(s->gz);
	s->gz = NULL;
	s->gz_cap = 0;
	s->stored_broken = true;
}

/* Room for need bytes of output past what is written; need fits under max_stored. */
static void reserve_output(struct body_sink *s, size_t need)
{
	size_t want = s->z.total_out + need, cap = s->gz_cap ? s->gz_cap : 4096;

	if (want <= s->gz_cap)
		return;
	while (cap < want)
		cap *= 2;
	if (cap > s->max_stored)
		cap = s->max_stored;
	s->gz = xrealloc(s->gz, cap);
	s->gz_cap = cap;
}

/* One deflate call over data[0..len) with flush; all of it must be taken. */
static int deflate_all(struct body_sink *s, const void *data, size_t len, int flush)
{
	int rc;

	s->z.next_in = (Bytef *)(uintptr_t)data;
	s->z.avail_in = (uInt)len;
	s->z.next_out = s->gz + s->z.total_out;
	s->z.avail_out = (uInt)(s->gz_cap - s->z.total_out);
	rc = deflate(&s->z, flush);
	if ((flush == Z_FINISH && rc != Z_STREAM_END) || (flush != Z_FINISH && rc != Z_OK) ||
	    s->z.avail_in) {
		drop_stored(s);
		return -1;
	}
	s->unflushed = flush == Z_NO_FLUSH ? s->unflushed + len : 0;
	return 0;
}

static int open_stored(struct body_sink *s)
{
	if (s->max_stored < 2 * RESERVE) {
		s->stored_broken = true;
		return -1;
	}
	if (s->z_ready ? deflateReset(&s->z) != Z_OK
		       : deflateInit2(&s->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
				      Z_DEFAULT_STRATEGY) != Z_OK) {
		s->stored_broken = true;
		return -1;
	}
	s->z_ready = true;
	s->z_open = true;
	return 0;
}

static void store(struct body_sink *s, const unsigned char *data, size_t len)
{
	size_t room;

	if (s->stored_broken || s->stored_full || !len)
		return;
	if (!s->z_open && open_stored(s))
		return;
	if (s->unflushed + len > FLUSH_EVERY ||
	    s->z.total_out + worst_case(s->unflushed + len) + RESERVE > s->max_stored) {
		if (s->unflushed) {
			reserve_output(s, worst_case(s->unflushed));
			if (deflate_all(s, NULL, 0, Z_SYNC_FLUSH))
				return;
		}
	}
	room = s->max_stored - s->z.total_out - RESERVE;
	if (worst_case(len) > room) {
		/* The part that surely fits, then no more. */
		size_t part = room > 64 ? (room - 64) / 10 * 8 : 0;

		s->stored_full = true;
		if (part) {
			reserve_output(s, worst_case(part));
			deflate_all(s, data, part, Z_SYNC_FLUSH);
		}
		return;
	}
	reserve_output(s, worst_case(s->unflushed + len));
	deflate_all(s, data, len, Z_NO_FLUSH);
}

size_t body_sink_add(struct body_sink *s, const void *data, size_t len)
{
	size_t take = s->max_body - s->size;

	if (take > len)
		take = len;
	if (take < len)
		s->cut = true;
	if (take) {
		size_t head = sizeof s->head - s->head_len;

		if (head > take)
			head = take;
		memcpy(s->head + s->head_len, data, head);
		s->head_len += head;
		if (s->text_on)
			text_fingerprint_add(&s->text, data, take);
		crypto_hash_sha256_update(&s->sha, data, take);
		store(s, data, take);
		s->size += take;
	}
	return take;
}

void body_sink_finish(struct body_sink *s, char sha256[65], char text_sha256[65],
		      unsigned char **gz, size_t *gz_len, bool *stored_cut)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	sha256[0] = '\0';
	text_sha256[0] = '\0';
	*gz = NULL;
	*gz_len = 0;
	if (s->size) {
		crypto_hash_sha256_final(&s->sha, digest);
		sodium_bin2hex(sha256, 65, digest, sizeof digest);
		if (s->text_on)
			text_fingerprint_final(&s->text, text_sha256);
	}
	if (s->z_open) {
		reserve_output(s, worst_case(s->unflushed) + RESERVE);
		if (!deflate_all(s, NULL, 0, Z_FINISH)) {
			/* A fresh block of the exact size, not realloc: shrinking in place would
			 * leave each kept copy pinning its large working buffer's place in the
			 * heap, and the heap would grow with the number of captures kept. */
			*gz_len = s->z.total_out;
			*gz = xmalloc(*gz_len);
			memcpy(*gz, s->gz, *gz_len);
		}
	}
	*stored_cut = s->size && (s->stored_full || s->stored_broken);
	body_sink_release(s);
}

void body_sink_release(struct body_sink *s)
{
	s->z_open = false;
	free(s->gz);
	s->gz = NULL;
	s->gz_cap = 0;
}

void body_sink_free(struct body_sink *s)
{
	body_sink_release(s);
	if (s->z_ready)
		deflateEnd(&s->z);
	s->z_ready = false;
}
