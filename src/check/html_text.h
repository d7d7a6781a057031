/*
 * html_text.h — the visible words of an HTML body (outside input), for the text fingerprint
 * that tells a page whose words changed from one that only shows a new visitor count, today's
 * date, a fresh CSRF token or session id, or another banner. Private to src/check/; fuzzed by
 * fuzz/fuzz_html_text.c.
 *
 * The text is what is left of the bytes when these are dropped: every tag with its attributes
 * (a tag counts as a space), comments (<!-- … -->), declarations (<!doctype …>, <?…>), the
 * contents of <script>, <style> and <noscript>, every ASCII digit 0–9 and every Thai digit
 * ๐–๙ (U+0E50–U+0E59); then every run of ASCII whitespace (and tags) becomes one space, with
 * none at the start or the end. A byte E0, or E0 B9, that no continuation byte follows
 * (malformed UTF-8) is dropped too, so no Thai digit forms around a dropped ASCII digit.
 * Entities are not decoded ("&amp;" stays as it is); a '<' not
 * followed by a letter, '/', '!' or '?' is text. Malformed HTML is read the same way every
 * time: an unclosed tag, comment or script runs to the end of the body.
 *
 * One pass, no recursion, constant state (struct html_text): time linear in the input and no
 * allocation, so a body can be read in pieces as it arrives and give exactly the text of the
 * whole.
 */
#ifndef OPENITA_CHECK_HTML_TEXT_H
#define OPENITA_CHECK_HTML_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Output of html_text_add() beyond its input length, at most: a held space and the held start
 * of a Thai digit (2 bytes) or a held '<'. */
#define HTML_TEXT_SLACK 3

struct html_text {
	int state;                   /* where the reader is (html_text.c) */
	char name[10];               /* the tag name so far, lower case (for script/style) */
	size_t name_len;             /* sizeof name: longer than any name looked for */
	bool closing;                /* the tag is an end tag (</…) */
	const char *raw_end;         /* inside script/style/noscript: "</script" … */
	size_t matched;              /* bytes of raw_end (or of "-->") matched so far */
	unsigned char held[2];       /* the start of a possible Thai digit (E0, E0 B9) */
	size_t held_len;
	bool space;                  /* a space is due before the next character */
	bool any;                    /* a character was written (no space at the start) */
};

/* Start reading a body. */
void html_text_init(struct html_text *h);

/*
 * Read in[0..n) (in may be NULL when n is 0), the next piece of the body, and write its text
 * to out, which has room for n + HTML_TEXT_SLACK bytes. Returns the bytes written (not
 * NUL-terminated). Over a whole body, the pieces' outputs together are never longer than the
 * body.
 */
size_t html_text_add(struct html_text *h, const unsigned char *in, size_t n, unsigned char *out);

/* End the body: write what was held (at most HTML_TEXT_SLACK bytes: a space and a '<') to out
 * and return how many. */
size_t html_text_end(struct html_text *h, unsigned char *out);

/* The text of the whole body in[0..n) in out (room for n bytes); returns its length. */
size_t html_text_of(const unsigned char *in, size_t n, unsigned char *out);

#endif
