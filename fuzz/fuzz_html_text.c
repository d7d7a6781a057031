/*
 * fuzz_html_text.c — libFuzzer driver for the visible text of HTML bytes from outside
 * (src/check/html_text.c). The text of the whole input is never longer than it, has no ASCII
 * or Thai digit, no space at its start or end and never two spaces in a row; and reading the
 * input in pieces (their sizes taken from its first byte) gives exactly the same text. The
 * words of dates taken out of that text (src/check/date_words.c) likewise: never longer, and
 * the same read whole or in pieces.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date_words.h"
#include "html_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *whole = malloc(size + 1), *parts = malloc(size + HTML_TEXT_SLACK + 1);
	size_t n = html_text_of(data, size, whole), k = 0, piece = size ? data[0] % 17 + 1 : 1;
	struct html_text h;

	assert(n <= size);
	for (size_t i = 0; i < n; i++) {
		assert(whole[i] < '0' || whole[i] > '9');
		if (i + 2 < n && whole[i] == 0xe0 && whole[i + 1] == 0xb9)
			assert(whole[i + 2] < 0x90 || whole[i + 2] > 0x99);
		if (whole[i] == ' ')
			assert(i > 0 && i + 1 < n && whole[i + 1] != ' ');
	}

	html_text_init(&h);
	for (size_t off = 0; off < size; off += piece) {
		size_t len = size - off < piece ? size - off : piece;

		k += html_text_add(&h, data + off, len, parts + k);
		assert(k <= off + len + HTML_TEXT_SLACK);
	}
	k += html_text_end(&h, parts + k);
	assert(k == n && !memcmp(parts, whole, n));
	free(parts);

	/* the date words out of the text, whole and in pieces */
	{
		unsigned char *a = malloc(n + DATE_WORDS_HOLD + 1), *b = malloc(n + DATE_WORDS_HOLD + 1);
		struct date_words d;
		size_t ka, kb = 0;

		date_words_init(&d);
		ka = date_words_add(&d, whole, n, a);
		ka += date_words_end(&d, a + ka);
		assert(ka <= n);
		date_words_init(&d);
		for (size_t off = 0; off < n; off += piece) {
			size_t len = n - off < piece ? n - off : piece;

			kb += date_words_add(&d, whole + off, len, b + kb);
			assert(kb <= off + len);
		}
		kb += date_words_end(&d, b + kb);
		assert(ka == kb && !memcmp(a, b, ka));
		free(a);
		free(b);
	}
	free(whole);
	return 0;
}
