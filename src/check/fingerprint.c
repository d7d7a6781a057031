/*
 * fingerprint.c — the text fingerprint of a stored copy (capture.h: capture_text_fingerprint):
 * the gzip copy inflated a piece at a time into text_fingerprint.h, exactly as body_sink
 * fingerprints a page while it arrives, so a capture stored before the fingerprint existed
 * can be compared by its words too.
 */
#include <string.h>

#include <sodium.h>
#include <zlib.h>

#include "capture.h"
#include "text_fingerprint.h"

/* Inflated bytes read at most: the capture's own body cap, and a guard against a copy that
 * inflates without end. */
#define FINGERPRINT_MAX_BYTES (64u << 20)

int capture_text_fingerprint(const unsigned char *gz, size_t gz_len, char out[65])
{
	enum { PIECE = 16384 };
	unsigned char in_piece[PIECE];
	struct text_fingerprint f;
	z_stream z;
	size_t total = 0;
	int zr = Z_OK;

	out[0] = '\0';
	if (!gz || !gz_len || gz_len > (size_t)UINT32_MAX)
		return -1;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return -1;
	z.next_in = (unsigned char *)gz;
	z.avail_in = (uInt)gz_len;
	text_fingerprint_init(&f);
	while (zr != Z_STREAM_END) {
		size_t got;

		z.next_out = in_piece;
		z.avail_out = PIECE;
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END)
			break;
		got = PIECE - z.avail_out;
		total += got;
		if (total > FINGERPRINT_MAX_BYTES || (!got && zr == Z_OK && !z.avail_in)) {
			zr = Z_DATA_ERROR;   /* too big, or cut short */
			break;
		}
		text_fingerprint_add(&f, in_piece, got);
	}
	inflateEnd(&z);
	if (zr != Z_STREAM_END || !total)
		return -1;
	text_fingerprint_final(&f, out);
	return 0;
}
