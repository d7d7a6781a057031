/*
 * text_fingerprint.h — the text fingerprint of an HTML page (a capture's text_sha256): the
 * SHA-256 of its visible text (html_text.h: no tags, scripts, styles, comments or digits,
 * whitespace collapsed) with the words of dates taken out (date_words.h). Two captures of a
 * page whose words are the same have the same fingerprint, whatever visitor count, date,
 * token or session id they show. One definition for the capture (body_sink.c) and for stored
 * copies (fingerprint.c). Private to src/check/.
 */
#ifndef OPENITA_CHECK_TEXT_FINGERPRINT_H
#define OPENITA_CHECK_TEXT_FINGERPRINT_H

#include <stddef.h>

#include <sodium.h>

#include "date_words.h"
#include "html_text.h"

struct text_fingerprint {
	struct html_text text;
	struct date_words words;
	crypto_hash_sha256_state sha;
};

/* Start a page. Needs sodium_init() done. */
void text_fingerprint_init(struct text_fingerprint *f);

/* Read the next piece p[0..n) of the page's body. */
void text_fingerprint_add(struct text_fingerprint *f, const unsigned char *p, size_t n);

/* End the page: its fingerprint as 64 hex digits into hex. */
void text_fingerprint_final(struct text_fingerprint *f, char hex[65]);

#endif
