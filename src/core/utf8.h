/*
 * utf8.h — UTF-8 validation and character counting. Private to libopenita.
 */
#ifndef OPENITA_UTF8_H
#define OPENITA_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Number of code points in s[0..len) (continuation bytes are not counted). */
size_t utf8_count(const char *s, size_t len);

#endif
