/*
 * date.h — calendar dates as ISO 8601 text ("YYYY-MM-DD", Common Era), the one form the
 * library, the store and the files use; documents show them in the Buddhist Era (thai.h).
 */
#ifndef OPENITA_DATE_H
#define OPENITA_DATE_H

/*
 * Parse a strict ISO 8601 date "YYYY-MM-DD" (a real calendar date: 2024-02-29 yes, 2023-02-29
 * no). Returns 0 and fills year, month (1–12) and day, or -1 (nothing filled).
 */
int oi_date_parse(const char *iso, int *year, int *month, int *day);

/* Days in month 1–12 of year (leap years of the Gregorian calendar). */
int oi_days_in_month(int year, int month);

/* Write year-month-day as "YYYY-MM-DD" into out; "" when a part is out of range (year 0–9999,
 * month 1–12, day 1–31). */
void oi_date_format(char out[11], int year, int month, int day);

/* Thailand's offset from UTC in seconds: Asia/Bangkok is UTC+7 all year (no daylight saving). */
#define OI_THAI_UTC_OFFSET (7 * 3600)

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1–12, day 1–31; not checked). */
long oi_date_days(long year, int month, int day);

/* The date `days` after 1970-01-01 as "YYYY-MM-DD" into out (clamped to years 0–9999);
 * returns out. */
char *oi_date_from_days(long days, char out[11]);

/*
 * The calendar date in Thailand at Unix time t ("YYYY-MM-DD" into out; returns out). Every
 * "today" a user acts on — open and close dates of windows, due dates, the date on a
 * document — is this one, so a window that closes on the 30th closes at midnight in Bangkok,
 * not at 07:00 the next morning.
 */
char *oi_date_today(long long t, char out[11]);

#endif
