/*
 * thai_date.c — dates as Thai official documents write them: the Buddhist Era (BE = CE + 543)
 * and Thai month names (contracts in include/openita/thai.h). Pure: no clock, no locale.
 */
#include <stdio.h>
#include <string.h>

#include "openita/date.h"
#include "openita/thai.h"

static const char *const month_long[12] = {
	"มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
	"กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
};

static const char *const month_short[12] = {
	"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
	"ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
};

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
