/*
 * thai.c — display width of Thai text (see include/openita/thai.h).
 */
#include "openita/thai.h"

size_t oi_display_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0;

	while (*s) {
		/* Thai block U+0E00–U+0E7F is E0 B8 80 – E0 B9 BF */
		if (s[0] == 0xE0 && (s[1] == 0xB8 || s[1] == 0xB9) && s[2]) {
			unsigned cp = 0x0E00 + ((s[1] & 0x3Fu) << 6) + (s[2] & 0x3Fu);
			int zero = cp == 0x0E31 || (cp >= 0x0E34 && cp <= 0x0E3A) ||
				   (cp >= 0x0E47 && cp <= 0x0E4E);

			w += !zero;
			s += 3;
			continue;
		}
		if ((*s & 0xC0) != 0x80)
			w++;
		s++;
	}
	return w;
}
