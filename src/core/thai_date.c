/*
 * thai_date.c — dates as Thai official documents write them: the Buddhist Era (BE = CE + 543)
 * and Thai month names (contracts in include/openita/thai.h). Pure: no clock, no locale.
 */
#include <stdio.h>
#include <string.h>

#include "openita/thai.h"

static const char *const month_long[12] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
};

static const char *const month_short[12] = {
	"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
	"ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};

static int days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

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
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}

const char *oi_thai_month(int month, bool abbreviated)
{
	if (month < 1 || month > 12)
		return "";
	return abbreviated ? month_short[month - 1] : month_long[month - 1];
}

int oi_thai_date(const char *iso, bool abbreviated, char *out, size_t size)
{
	int y, m, d;

	out[0] = '\0';
	if (oi_date_parse(iso, &y, &m, &d))
		return -1;
	snprintf(out, size, "%d %s %d", d, oi_thai_month(m, abbreviated), y + 543);
	return 0;
}
