/*
 * thai.h — Thai text helpers for plain-text output.
 */
#ifndef OPENITA_THAI_H
#define OPENITA_THAI_H

#include <stddef.h>

/*
 * Columns that UTF-8 text s occupies on a terminal: Thai above/below vowels and tone marks
 * (U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E) take none, every other character one.
 */
size_t oi_display_width(const char *s);

#endif
