/*
 * test_date.c — calendar dates (src/core/date.c): day numbers both ways across leap years and
 * centuries, the clamp at the ends of the range, and Thailand's "today" at the edges of a day
 * (17:00 UTC is midnight in Bangkok), before 1970 too.
 */
#include "openita/date.h"
#include "testutil.h"

static void day_numbers_round_trip(void **state)
{
	static const char *const dates[] = {"1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29",
					    "2024-03-01", "1900-03-01", "2100-02-28", "2568-12-31",
					    "0001-01-01", "9999-12-31"};
	char out[11];

	(void)state;
	assert_int_equal(oi_date_days(1970, 1, 1), 0);
	assert_int_equal(oi_date_days(1969, 12, 31), -1);
	assert_int_equal(oi_date_days(2025, 2, 10), 20129);
	assert_int_equal(oi_date_days(2024, 3, 1) - oi_date_days(2024, 2, 28), 2);
	assert_int_equal(oi_date_days(2023, 3, 1) - oi_date_days(2023, 2, 28), 1);
	assert_int_equal(oi_date_days(2000, 3, 1) - oi_date_days(2000, 2, 28), 2);
	assert_int_equal(oi_date_days(1900, 3, 1) - oi_date_days(1900, 2, 28), 1);
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		int y, m, d;

		assert_int_equal(oi_date_parse(dates[i], &y, &m, &d), 0);
		assert_string_equal(oi_date_from_days(oi_date_days(y, m, d), out), dates[i]);
	}
	/* outside years 0–9999 the year is clamped, never written with a fifth digit */
	assert_string_equal(oi_date_from_days(oi_date_days(9999, 12, 31) + 1, out), "9999-01-01");
	assert_int_equal(strlen(oi_date_from_days(-800000, out)), 10);
}

static void today_is_the_date_in_bangkok(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(OI_THAI_UTC_OFFSET, 25200);
	assert_string_equal(oi_date_today(0, out), "1970-01-01");
	assert_string_equal(oi_date_today(-25200, out), "1970-01-01");     /* 00:00 in Bangkok */
	assert_string_equal(oi_date_today(-25201, out), "1969-12-31");
	/* 2025-04-30 16:59:59 UTC is 23:59:59 in Bangkok; one second later it is May there */
	assert_string_equal(oi_date_today(1746032399LL, out), "2025-04-30");
	assert_string_equal(oi_date_today(1746032400LL, out), "2025-05-01");
	/* 2024-12-31 17:00 UTC: the new year has begun in Thailand */
	assert_string_equal(oi_date_today(1735664400LL, out), "2025-01-01");
	assert_string_equal(oi_date_today(1735664399LL, out), "2024-12-31");
	/* a leap day */
	assert_string_equal(oi_date_today(1709139600LL, out), "2024-02-29");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(day_numbers_round_trip),
		cmocka_unit_test(today_is_the_date_in_bangkok),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
