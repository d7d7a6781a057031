/*
 * csv.c — the streaming RFC 4180 reader (see include/openita/csv.h).
 *
 * A byte-at-a-time state machine over a 256 KiB read buffer; a record's unquoted bytes are
 * gathered in one growing buffer (capped) and the fields point into it once the record is
 * complete. Line and column are counted as bytes go by (columns in characters: UTF-8
 * continuation bytes do not advance them).
 */
#include "openita/csv.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "utf8.h"

#define READ_CHUNK (256u << 10)

struct field_pos {
	size_t off, len;
	unsigned long line, column;
};

struct oi_csv {
	char *name;
	FILE *file;                          /* NULL when reading from memory */
	const unsigned char *buf;            /* current input window */
	size_t pos, end;
	unsigned char *chunk;                /* file mode: the read buffer */
	bool eof, started, last_cr;
	unsigned long line, column;          /* of the next byte */

	char *rec;                           /* unquoted bytes of the current record */
	size_t rec_len, rec_cap;
	struct field_pos *pos_of;
	struct oi_csv_field *fields;
	size_t n_fields, fields_cap;
	struct oi_csv_record record;
};

enum state { FIELD_START, UNQUOTED, QUOTED, AFTER_QUOTE };

static struct oi_csv *reader_new(const char *name)
{
	struct oi_csv *c = xcalloc(1, sizeof *c);

	c->name = xmalloc(strlen(name) + 1);
	memcpy(c->name, name, strlen(name) + 1);
	c->line = c->column = 1;
	c->rec_cap = 4096;
	c->rec = xmalloc(c->rec_cap);
	c->fields_cap = 64;
	c->pos_of = xmalloc(c->fields_cap * sizeof *c->pos_of);
	c->fields = xmalloc(c->fields_cap * sizeof *c->fields);
	return c;
}

int oi_csv_open(const char *path, struct oi_csv **out, struct oi_error *err)
{
	FILE *f = fopen(path, "rb");
	struct oi_csv *c;

	*out = NULL;
	if (!f)
		return oi_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
	c = reader_new(path);
	c->file = f;
	c->chunk = xmalloc(READ_CHUNK);
	c->buf = c->chunk;
	*out = c;
	return 0;
}

struct oi_csv *oi_csv_from_memory(const char *name, const char *data, size_t len)
{
	struct oi_csv *c = reader_new(name);

	c->buf = (const unsigned char *)data;
	c->end = len;
	c->eof = true;
	return c;
}

const char *oi_csv_name(const struct oi_csv *c)
{
	return c->name;
}

void oi_csv_free(struct oi_csv *c)
{
	if (!c)
		return;
	if (c->file)
		fclose(c->file);
	free(c->chunk);
	free(c->name);
	free(c->rec);
	free(c->pos_of);
	free(c->fields);
	free(c);
}

/* The next byte, or -1 at the end of input (or on a read error, reported by the caller). */
static inline int next_byte(struct oi_csv *c)
{
	int b;

	if (c->pos == c->end) {
		if (c->eof)
			return -1;
		c->end = fread(c->chunk, 1, READ_CHUNK, c->file);
		c->pos = 0;
		if (c->end < READ_CHUNK)
			c->eof = true;
		if (!c->end)
			return -1;
	}
	b = c->buf[c->pos++];
	if (b == '\n') {
		if (!c->last_cr)
			c->line++;
		c->column = 1;
		c->last_cr = false;
	} else if (b == '\r') {
		c->line++;
		c->column = 1;
		c->last_cr = true;
	} else {
		if ((b & 0xC0) != 0x80)
			c->column++;
		c->last_cr = false;
	}
	return b;
}

static int append(struct oi_csv *c, int b, struct oi_error *err)
{
	if (c->rec_len + 1 >= c->rec_cap) {
		if (c->rec_cap >= OI_CSV_RECORD_MAX)
			return oi_error_set(err, c->name, c->record.line, 0,
					    "record longer than %d bytes; is this really a CSV "
					    "file of answers?", OI_CSV_RECORD_MAX);
		c->rec_cap *= 2;
		c->rec = xrealloc(c->rec, c->rec_cap);
	}
	c->rec[c->rec_len++] = (char)b;
	return 0;
}

static int start_field(struct oi_csv *c, unsigned long line, unsigned long column,
		       struct oi_error *err)
{
	if (c->n_fields == c->fields_cap) {
		if (c->fields_cap >= OI_CSV_FIELDS_MAX)
			return oi_error_set(err, c->name, line, column, "more than %d fields in one "
					    "record", OI_CSV_FIELDS_MAX);
		c->fields_cap *= 2;
		c->pos_of = xrealloc(c->pos_of, c->fields_cap * sizeof *c->pos_of);
		c->fields = xrealloc(c->fields, c->fields_cap * sizeof *c->fields);
	}
	c->pos_of[c->n_fields] = (struct field_pos){c->rec_len, 0, line, column};
	c->n_fields++;
	return 0;
}

/* Close the current field: NUL-terminate it in the record buffer. */
static int end_field(struct oi_csv *c, struct oi_error *err)
{
	struct field_pos *f = &c->pos_of[c->n_fields - 1];

	f->len = c->rec_len - f->off;
	return append(c, '\0', err);
}

static int finish_record(struct oi_csv *c, const struct oi_csv_record **rec,
			 struct oi_error *err)
{
	for (size_t i = 0; i < c->n_fields; i++) {
		const struct field_pos *f = &c->pos_of[i];
		const char *data = c->rec + f->off;

		if (memchr(data, '\0', f->len))
			return oi_error_set(err, c->name, f->line, f->column,
					    "a NUL byte in the text; is this a UTF-16 file? save it as "
					    "UTF-8 (in Excel: \"CSV UTF-8\")");
		if (!utf8_valid(data, f->len))
			return oi_error_set(err, c->name, f->line, f->column,
					    "not valid UTF-8 text; save the file as UTF-8 (in Excel: "
					    "\"CSV UTF-8\")");
		c->fields[i] = (struct oi_csv_field){data, f->len, f->line, f->column};
	}
	c->record.fields = c->fields;
	c->record.n_fields = c->n_fields;
	*rec = &c->record;
	return 1;
}

static bool is_field_end(int b)
{
	return b == ',' || b == '\n' || b == '\r' || b < 0;
}

/*
 * b ends a field (is_field_end(b)): close it, and either open the next one (a comma: returns 0)
 * or complete the record (returns 1). -1 on error.
 */
static int field_end(struct oi_csv *c, int b, const struct oi_csv_record **rec,
		     struct oi_error *err)
{
	if (end_field(c, err))
		return -1;
	if (b == ',')
		return start_field(c, c->line, c->column, err);
	return finish_record(c, rec, err);
}

int oi_csv_next(struct oi_csv *c, const struct oi_csv_record **rec, struct oi_error *err)
{
	enum state st = FIELD_START;
	unsigned long quote_line = 0, quote_column = 0;
	int b;

	*rec = NULL;
	if (!c->started) {
		c->started = true;
		if (c->file) {
			c->end = fread(c->chunk, 1, READ_CHUNK, c->file);
			c->eof = c->end < READ_CHUNK;
			if (ferror(c->file))
				return oi_error_set(err, c->name, 0, 0, "cannot read: %s",
						    strerror(errno));
		}
		if (c->end >= 3 && c->buf[0] == 0xEF && c->buf[1] == 0xBB && c->buf[2] == 0xBF)
			c->pos = 3;
	}
	c->rec_len = 0;
	c->n_fields = 0;
	c->record.line = c->line;
	if (start_field(c, c->line, c->column, err))
		return -1;
	for (;;) {
		unsigned long line = c->line, column = c->column;

		b = next_byte(c);
		if (b < 0 && c->file && ferror(c->file))
			return oi_error_set(err, c->name, line, 0, "cannot read: %s",
					    strerror(errno));
		switch (st) {
		case FIELD_START:
			if (b == '"') {
				st = QUOTED;
				quote_line = line;
				quote_column = column;
				continue;
			}
			if ((b == '\n' || b == '\r') && c->n_fields == 1) {
				c->record.line = c->line;      /* a blank line */
				c->pos_of[0].line = c->line;
				c->pos_of[0].column = c->column;
				continue;
			}
			if (b < 0 && c->n_fields == 1)
				return 0;
			st = UNQUOTED;
			/* fall through */
		case UNQUOTED:
			if (is_field_end(b)) {
				int rc = field_end(c, b, rec, err);

				if (rc)
					return rc;
				st = FIELD_START;
			} else if (b == '"') {
				return oi_error_set(err, c->name, line, column,
						    "a quote inside an unquoted field; put the whole "
						    "field in quotes and double the quote (\"\")");
			} else if (append(c, b, err)) {
				return -1;
			}
			break;
		case QUOTED:
			if (b == '"')
				st = AFTER_QUOTE;
			else if (b < 0)
				return oi_error_set(err, c->name, quote_line, quote_column,
						    "quoted field is never closed");
			else if (append(c, b, err))
				return -1;
			break;
		case AFTER_QUOTE:
			if (b == '"') {
				if (append(c, '"', err))
					return -1;
				st = QUOTED;
			} else if (is_field_end(b)) {
				int rc = field_end(c, b, rec, err);

				if (rc)
					return rc;
				st = FIELD_START;
			} else {
				return oi_error_set(err, c->name, line, column,
						    "unexpected character after a closing quote; "
						    "expected a comma or the end of the line");
			}
			break;
		}
	}
}
