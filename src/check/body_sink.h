/*
 * body_sink.h — what a capture does with a response body as it arrives: count it, hash it
 * (SHA-256) and keep a gzip copy, each under its cap, without ever holding the whole body; keep
 * its first bytes (for content_sniff()) and, when asked, its text fingerprint
 * (text_fingerprint.h).
 * Private to src/check/.
 */
#ifndef OPENITA_CHECK_BODY_SINK_H
#define OPENITA_CHECK_BODY_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>
#include <zlib.h>

#include "content_type.h"
#include "text_fingerprint.h"

struct body_sink {
	size_t max_body;             /* bytes taken at most */
	size_t max_stored;           /* gzip bytes kept at most */
	uint64_t size;               /* bytes taken so far */
	bool cut;                    /* more came than max_body */
	crypto_hash_sha256_state sha;
	z_stream z;                  /* set up at the first byte of the first body, then reused */
	bool z_ready;                /* z is set up (deflateEnd() in body_sink_free()) */
	bool z_open;                 /* z is compressing this body */
	bool stored_full;            /* the stored copy stopped before the body did */
	bool stored_broken;          /* zlib failed: no stored copy */
	unsigned char *gz;           /* the gzip output so far (capacity gz_cap) */
	size_t gz_cap;
	size_t unflushed;            /* input given to deflate since the last flush */
	unsigned char head[CONTENT_SNIFF_BYTES];   /* the body's first bytes */
	size_t head_len;
	bool text_on;                /* fingerprint the visible text too (body_sink_text()) */
	struct text_fingerprint text;
};

/* Start an empty sink with its caps (no allocation). Needs sodium_init() done. */
void body_sink_init(struct body_sink *s, size_t max_body, size_t max_stored);

/* Start the next body in a sink that was initialised before (finished or released), keeping
 * its deflate state for reuse. */
void body_sink_restart(struct body_sink *s, size_t max_body, size_t max_stored);

/* Hash the visible text of this body (an HTML page) as well; before the first byte is added. */
void body_sink_text(struct body_sink *s);

/* Take data[0..len): returns how many bytes were taken, fewer than len when max_body is
 * reached (then s->cut is set). */
size_t body_sink_add(struct body_sink *s, const void *data, size_t len);

/*
 * End the body: write the hex SHA-256 of what was taken into sha256 (65 bytes; "" when nothing
 * was taken), its text fingerprint (text_fingerprint.h) into text_sha256 (65 bytes; "" when
 * body_sink_text() was not asked for or nothing was taken), hand over the gzip copy (*gz malloc'd, the caller frees; NULL when nothing was
 * taken or zlib failed) and say whether the stored copy is shorter than the body taken. The
 * gzip copy is always a complete gzip stream: of the whole body, or of its first part when it
 * reached max_stored. The sink is released (its deflate state stays for a restart).
 */
void body_sink_finish(struct body_sink *s, char sha256[65], char text_sha256[65],
		      unsigned char **gz, size_t *gz_len, bool *stored_cut);

/* Free what the sink holds for this body (after an abandoned transfer); safe after
 * body_sink_finish(). The deflate state stays for a restart. */
void body_sink_release(struct body_sink *s);

/* Free everything, the deflate state too; the sink must be initialised again to be used. */
void body_sink_free(struct body_sink *s);

#endif
