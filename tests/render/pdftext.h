/*
 * pdftext.h — what the render tests share: writing a buffer to a file and reading the text of a
 * PDF back with poppler's pdftotext, as a person's copy-and-paste would see it.
 */
#ifndef OPENITA_TEST_PDFTEXT_H
#define OPENITA_TEST_PDFTEXT_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "testutil.h"

static inline void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

/* pdftotext's text of the PDF in b (-raw: one run of text per page, in reading order),
 * malloc'd. */
static inline char *pdf_text(const struct buf *b)
{
	char path[] = "/tmp/openita-pdftext-XXXXXX";
	char cmd[256], *text = NULL;
	size_t len = 0, cap = 0;
	int fd = mkstemp(path), c;
	FILE *p;

	assert_true(fd >= 0);
	close(fd);
	write_file(path, b);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -raw '%s' - 2>&1", path);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((c = fgetc(p)) != EOF) {
		if (len + 2 > cap) {
			cap = cap ? cap * 2 : 4096;
			text = realloc(text, cap);
			assert_non_null(text);
		}
		text[len++] = (char)c;
	}
	assert_int_equal(pclose(p), 0);
	unlink(path);
	if (!text)
		text = calloc(1, 1);
	else
		text[len] = '\0';
	return text;
}

/* Remove the line breaks pdftotext puts where the layout wrapped. */
static inline void unwrap(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++)
		if (*r != '\n' && *r != '\r')
			*w++ = *r;
	*w = '\0';
}

#endif
