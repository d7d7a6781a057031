/*
 * cli.h — what the command files of the `openita` program share: the command entry points
 * (one file each, listed in the table in main.c) and small output helpers.
 *
 * Exit statuses: 0 success; 2 bad input or usage (the message says what and where); 1 a
 * failure of the machine (cannot write the output).
 */
#ifndef OPENITA_CLI_H
#define OPENITA_CLI_H

#include <stdio.h>

#include "openita/error.h"

#define EXIT_BAD_INPUT 2

int cmd_backup(int argc, char **argv);
int cmd_evidence(int argc, char **argv);
int cmd_framework(int argc, char **argv);
int cmd_sample(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);

/* Print err on stderr as "FILE:LINE:COLUMN: message" (or "openita: message" when it names no
 * file) and return EXIT_BAD_INPUT. */
int cli_fail(const struct oi_error *err);

/* Print "openita CMD: message" and a hint to run `openita help CMD`; return EXIT_BAD_INPUT. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The shortest decimal text that reads back as exactly x (at most 17 significant digits). */
void cli_format_double(char *buf, size_t size, double x);

/* Write s left-aligned in a field of `width` terminal columns (Thai marks take none). */
void cli_put_padded(FILE *out, const char *s, size_t width);

/* Flush stdout; on a write error print it and return 1, else 0. */
int cli_finish_output(void);

#endif
