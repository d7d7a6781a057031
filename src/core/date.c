/*
 * date.c — ISO 8601 calendar dates (contracts in include/openita/date.h). Pure: no clock, no
 * locale. Day numbers use Howard Hinnant's civil-date algorithms (days since 1970-01-01 in the
 * proleptic Gregorian calendar), so no time zone or libc function is involved.
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

long oi_date_days(long y, int month, int day)
{
	unsigned m = (unsigned)month, d = (unsigned)day;
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

char *oi_date_from_days(long z, char out[11])
{
	long era, y;
	unsigned doe, yoe, doy, mp, m, d;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = (long)yoe + era * 400 + (m <= 2);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;
	oi_date_format(out, (int)y, (int)m, (int)d);
	return out;
}

char *oi_date_today(long long t, char out[11])
{
	long long local = t + OI_THAI_UTC_OFFSET;
	long long day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);

	return oi_date_from_days((long)day, out);
}
