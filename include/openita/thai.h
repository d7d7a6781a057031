/*
 * thai.h — Thai text helpers for plain-text output.
 */
#ifndef OPENITA_THAI_H
#define OPENITA_THAI_H

#include <stdbool.h>
#include <stddef.h>

#include "openita/date.h"

/*
 * Columns that UTF-8 text s occupies on a terminal: Thai above/below vowels and tone marks
 * (U+0E31, U+0E34–U+0E3A, U+0E47–U+0E4E) take none, every other character one.
 */
size_t oi_display_width(const char *s);

/* The Thai name of month 1–12: "ตุลาคม", or abbreviated "ต.ค."; "" outside 1–12. */
const char *oi_thai_month(int month, bool abbreviated);

/*
 * An ISO date in Thai with the Buddhist Era, as official documents write it: "1 ตุลาคม 2566",
 * or abbreviated "1 ต.ค. 2566". Digits stay ASCII (documents convert them). Returns 0, or -1
 * with out "" when iso is not a valid date. out is always NUL-terminated (size > 0).
 */
int oi_thai_date(const char *iso, bool abbreviated, char *out, size_t size);

#endif
