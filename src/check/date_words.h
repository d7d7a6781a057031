/*
 * date_words.h — the words of dates taken out of a page's visible text (after html_text.h has
 * dropped its digits), so that a header reading "วันจันทร์ที่ 30 พฤศจิกายน 2569" does not make
 * the page "changed" every day. Private to src/check/; fuzzed with html_text by
 * fuzz/fuzz_html_text.c.
 *
 * Removed wherever they stand, exactly as written (bytes, case-sensitive): the Thai month
 * names (มกราคม … ธันวาคม) and their abbreviations (ม.ค. … ธ.ค.), the Thai day names with
 * their วัน (วันอาทิตย์ … วันเสาร์, and วันพฤหัส), and the English month and day names written
 * out (January … December but May, which is also a word; Monday … Sunday). Where several
 * start at the same byte the longest goes. Nothing else changes: the spaces around a removed
 * word stay.
 *
 * Streaming with constant state: a piece of text may end inside a word, so up to
 * DATE_WORDS_HOLD - 1 bytes are held back until the next piece or date_words_end(); the output
 * of the pieces together is the output of the whole.
 */
#ifndef OPENITA_CHECK_DATE_WORDS_H
#define OPENITA_CHECK_DATE_WORDS_H

#include <stddef.h>

/* More than the longest word in bytes (วันพฤหัสบดี: 33; checked when date_words.c compiles). */
#define DATE_WORDS_HOLD 40

struct date_words {
	unsigned char held[2 * DATE_WORDS_HOLD];   /* bytes not yet decided */
	size_t n;
};

void date_words_init(struct date_words *d);

/* Filter in[0..n) (in may be NULL when n is 0) into out, which has room for
 * n + DATE_WORDS_HOLD bytes; returns the bytes written. */
size_t date_words_add(struct date_words *d, const unsigned char *in, size_t n, unsigned char *out);

/* End the text: what was held, filtered, into out (room for DATE_WORDS_HOLD bytes); returns
 * the bytes written. */
size_t date_words_end(struct date_words *d, unsigned char *out);

#endif
