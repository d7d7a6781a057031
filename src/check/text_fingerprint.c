/*
 * text_fingerprint.c — visible text, then date words out, then SHA-256 (text_fingerprint.h),
 * a piece at a time with fixed buffers.
 */
#include "text_fingerprint.h"

void text_fingerprint_init(struct text_fingerprint *f)
{
	html_text_init(&f->text);
	date_words_init(&f->words);
	crypto_hash_sha256_init(&f->sha);
}

/* The text t[0..n) through the date-word filter into the hash. */
static void hash_words(struct text_fingerprint *f, const unsigned char *t, size_t n)
{
	enum { PIECE = 4096 };
	unsigned char out[PIECE + DATE_WORDS_HOLD];

	while (n) {
		size_t m = n < PIECE ? n : PIECE;

		crypto_hash_sha256_update(&f->sha, out, date_words_add(&f->words, t, m, out));
		t += m;
		n -= m;
	}
}

void text_fingerprint_add(struct text_fingerprint *f, const unsigned char *p, size_t n)
{
	enum { PIECE = 4096 };
	unsigned char text[PIECE + HTML_TEXT_SLACK];

	while (n) {
		size_t m = n < PIECE ? n : PIECE;

		hash_words(f, text, html_text_add(&f->text, p, m, text));
		p += m;
		n -= m;
	}
}

void text_fingerprint_final(struct text_fingerprint *f, char hex[65])
{
	unsigned char tail[HTML_TEXT_SLACK + DATE_WORDS_HOLD];
	unsigned char digest[crypto_hash_sha256_BYTES];

	hash_words(f, tail, html_text_end(&f->text, tail));
	crypto_hash_sha256_update(&f->sha, tail, date_words_end(&f->words, tail));
	crypto_hash_sha256_final(&f->sha, digest);
	sodium_bin2hex(hex, 65, digest, sizeof digest);
}
