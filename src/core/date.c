/*
 * date.c — ISO 8601 calendar dates (contracts in include/openita/date.h). Pure: no clock, no
 * locale.
 */
#include <string.h>

#include "openita/date.h"

int oi_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	if (month < 1 || month > 12)
		return 0;
	return month == 2 ? 28 + leap : days[month - 1];
}

static int digits(const char *s, size_t n, int *out)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int oi_date_parse(const char *iso, int *year, int *month, int *day)
{
	int y, m, d;

	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return -1;
	if (digits(iso, 4, &y) || digits(iso + 5, 2, &m) || digits(iso + 8, 2, &d))
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > oi_days_in_month(y, m))
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}

void oi_date_format(char out[11], int year, int month, int day)
{
	if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
		out[0] = '\0';
		return;
	}
	/* digit by digit: every part is in range, and the compiler can see the size */
	out[0] = (char)('0' + year / 1000);
	out[1] = (char)('0' + year / 100 % 10);
	out[2] = (char)('0' + year / 10 % 10);
	out[3] = (char)('0' + year % 10);
	out[4] = '-';
	out[5] = (char)('0' + month / 10);
	out[6] = (char)('0' + month % 10);
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}
