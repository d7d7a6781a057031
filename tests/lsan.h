/*
 * lsan.h — the LeakSanitizer suppressions of every test program, defined once per program
 * (each test is one translation unit; testutil.h and webtest.h include this).
 *
 * fontconfig (loaded by Pango for posters and documents) keeps its configuration for the life
 * of the process: not our leak. Read by LeakSanitizer in the sanitizer build; an unused function
 * otherwise.
 */
#ifndef OPENITA_TEST_LSAN_H
#define OPENITA_TEST_LSAN_H

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

#endif
