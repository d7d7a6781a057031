/*
 * csv.h — a streaming RFC 4180 CSV reader for files people bring: UTF-8 (a leading BOM is
 * skipped), fields separated by commas, records ended by LF, CRLF or CR, fields optionally in
 * double quotes (which may then hold commas, line breaks and doubled quotes ""). Blank lines
 * are skipped. Every field carries the line and character column where it starts, so callers
 * can report "FILE:LINE:COLUMN: what was wrong".
 *
 * Limits, each a clear error rather than unbounded memory: a record of fewer than
 * OI_CSV_RECORD_MAX bytes once unquoted, counting one byte more per field (so a one-field line
 * may hold 65,534 bytes), and at most OI_CSV_FIELDS_MAX fields; every field must be valid UTF-8
 * without NUL bytes.
 */
#ifndef OPENITA_CSV_H
#define OPENITA_CSV_H

#include <stddef.h>

#include "openita/error.h"

#define OI_CSV_RECORD_MAX 65536
#define OI_CSV_FIELDS_MAX 2048

struct oi_csv;

struct oi_csv_field {
	const char *data;        /* unquoted bytes, NUL-terminated; valid until the next read */
	size_t len;
	unsigned long line;      /* where the field starts */
	unsigned long column;    /* 1-based, in characters */
};

struct oi_csv_record {
	struct oi_csv_field *fields;
	size_t n_fields;
	unsigned long line;      /* the line the record starts on */
};

/* Open path for reading. The name in messages is the path. Free with oi_csv_free(). */
int oi_csv_open(const char *path, struct oi_csv **out, struct oi_error *err);

/* Read from len bytes at data (not copied; must outlive the reader); name is used in
 * messages. Never fails. */
struct oi_csv *oi_csv_from_memory(const char *name, const char *data, size_t len);

/*
 * Read the next record into *rec (owned by the reader, valid until the next call). Returns 1
 * with a record, 0 at the end of the input, -1 on a malformed record (err gives the line and
 * column). After -1 the reader is unusable.
 */
int oi_csv_next(struct oi_csv *c, const struct oi_csv_record **rec, struct oi_error *err);

/* The name used in messages. */
const char *oi_csv_name(const struct oi_csv *c);

/* Close and free; NULL is fine. */
void oi_csv_free(struct oi_csv *c);

#endif
