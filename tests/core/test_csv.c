/*
 * test_csv.c — tests of the RFC 4180 reader (src/core/csv.c): what records and fields it gives
 * for plain, quoted, multi-line, CRLF, CR, BOM and blank-line input, the exact line and column
 * of every field and of every error (unterminated quote, stray quote, junk after a closing
 * quote, invalid UTF-8, over-long record, too many fields), and that reading a file through
 * the 256 KiB buffer gives the same records as reading it from memory.
 *
 * Records are compared as text: each record is "@LINE " followed by its fields as
 * "LINE:COLUMN=data", separated by " | ", one record per line; \r and \n inside data are
 * written as the two characters \r and \n. Each table case is its own cmocka test, named
 * after the case.
 */
#include "testutil.h"

/* A growable string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_fmt(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void buf_fmt(struct buf *b, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_add(b, tmp, (size_t)n);
}

/*
 * Read every record of c into out as text (see the file comment). Returns what the last
 * oi_csv_next() returned: 0 at a clean end, -1 on an error (then err is filled).
 */
static int dump(struct oi_csv *c, struct buf *out, struct oi_error *err)
{
	const struct oi_csv_record *rec;
	int rc;

	if (!out->s)
		buf_str(out, "");
	while ((rc = oi_csv_next(c, &rec, err)) > 0) {
		buf_fmt(out, "@%lu", rec->line);
		for (size_t i = 0; i < rec->n_fields; i++) {
			const struct oi_csv_field *f = &rec->fields[i];

			assert_int_equal(f->data[f->len], '\0');
			buf_fmt(out, i ? " | %lu:%lu=" : " %lu:%lu=", f->line, f->column);
			for (size_t k = 0; k < f->len; k++) {
				if (f->data[k] == '\n')
					buf_str(out, "\\n");
				else if (f->data[k] == '\r')
					buf_str(out, "\\r");
				else
					buf_add(out, &f->data[k], 1);
			}
		}
		buf_str(out, "\n");
	}
	return rc;
}

/* ---- table: input that parses ---- */

struct ok_case {
	const char *name;
	const char *input;
	size_t len;
	const char *want;
};

#define OK(name, input, want) {name, input, sizeof(input) - 1, want}

static const struct ok_case ok_cases[] = {
	OK("empty input", "", ""),
	OK("plain fields", "a,b,c\n1,2,3\n",
	   "@1 1:1=a | 1:3=b | 1:5=c\n@2 2:1=1 | 2:3=2 | 2:5=3\n"),
	OK("empty fields", ",a,,\n", "@1 1:1= | 1:2=a | 1:4= | 1:5=\n"),
	OK("a lone comma is two empty fields", ",\n", "@1 1:1= | 1:2=\n"),
	OK("spaces are kept", " a , b \n", "@1 1:1= a  | 1:5= b \n"),
	OK("a line of one space is a record", " \n", "@1 1:1= \n"),
	OK("quoted field with a comma", "\"a,b\",c\n", "@1 1:1=a,b | 1:7=c\n"),
	OK("doubled quotes", "\"say \"\"hi\"\"\",x\n", "@1 1:1=say \"hi\" | 1:14=x\n"),
	OK("only a doubled quote", "\"\"\"\"\n", "@1 1:1=\"\n"),
	OK("empty quoted field", "\"\",a\n", "@1 1:1= | 1:4=a\n"),
	OK("quoted line break keeps its line and the next field's position",
	   "\"line1\nline2\",x\ny\n", "@1 1:1=line1\\nline2 | 2:8=x\n@3 3:1=y\n"),
	OK("quoted CRLF is kept as is", "\"a\r\nb\"\r\nc\r\n", "@1 1:1=a\\r\\nb\n@3 3:1=c\n"),
	OK("CRLF line ends", "a,b\r\nc,d\r\n", "@1 1:1=a | 1:3=b\n@2 2:1=c | 2:3=d\n"),
	OK("lone CR line ends", "a,b\rc,d\r", "@1 1:1=a | 1:3=b\n@2 2:1=c | 2:3=d\n"),
	OK("mixed line ends", "a\nb\r\nc\rd", "@1 1:1=a\n@2 2:1=b\n@3 3:1=c\n@4 4:1=d\n"),
	OK("BOM skipped", "\xEF\xBB\xBF" "a,b\n", "@1 1:1=a | 1:3=b\n"),
	OK("BOM only", "\xEF\xBB\xBF", ""),
	OK("BOM then a quoted field", "\xEF\xBB\xBF\"a\",b\n", "@1 1:1=a | 1:5=b\n"),
	OK("a BOM later on is data", "a\n\xEF\xBB\xBF" "b\n", "@1 1:1=a\n@2 2:1=\xEF\xBB\xBF" "b\n"),
	OK("blank lines skipped", "\n\na\n\r\n\nb\n", "@3 3:1=a\n@6 6:1=b\n"),
	OK("blank lines only", "\n\r\n\r\n", ""),
	OK("final record without newline", "a,b\nc,d", "@1 1:1=a | 1:3=b\n@2 2:1=c | 2:3=d\n"),
	OK("final quoted field without newline", "a,\"b\"", "@1 1:1=a | 1:3=b\n"),
	OK("final empty field without newline", "a,", "@1 1:1=a | 1:3=\n"),
	OK("columns count Thai characters, not bytes", "กขค,d\nก,\"ข\",ค\n",
	   "@1 1:1=กขค | 1:5=d\n@2 2:1=ก | 2:3=ข | 2:7=ค\n"),
	OK("Thai with combining marks counts code points", "ที่,x\n", "@1 1:1=ที่ | 1:5=x\n"),
	OK("field after a multi-line quoted field", "\"x\ny\",z\n", "@1 1:1=x\\ny | 2:4=z\n"),
	OK("record after a multi-line record starts on its own line",
	   "\"1\n2\n3\"\nnext\n", "@1 1:1=1\\n2\\n3\n@4 4:1=next\n"),
	OK("valid four-byte UTF-8", "\xF0\x9F\x98\x80,a\n", "@1 1:1=\xF0\x9F\x98\x80 | 1:3=a\n"),
	OK("quoted field holding a quoted comma and a CR", "\"a\",\"b,\rc\"\n",
	   "@1 1:1=a | 1:5=b,\\rc\n"),
};

static void run_ok_case(void **state)
{
	const struct ok_case *tc = *state;
	struct oi_csv *c = oi_csv_from_memory("t.csv", tc->input, tc->len);
	struct oi_error err;
	struct buf out = {0};
	int rc = dump(c, &out, &err);

	if (rc != 0) {
		char line[2048];

		fail_msg("unexpected error: %s", oi_error_format(&err, line, sizeof line));
	}
	assert_string_equal(out.s, tc->want);
	free(out.s);
	oi_csv_free(c);
}

/* ---- table: input that is an error ---- */

struct error_case {
	const char *name;
	const char *input;
	size_t len;
	const char *records;     /* the records read before the error */
	const char *want;        /* the formatted error starts with this */
};

#define BAD(name, input, records, want) {name, input, sizeof(input) - 1, records, want}

static const struct error_case error_cases[] = {
	BAD("unterminated quote", "a,\"bc\nd\n", "", "t.csv:1:3: quoted field is never closed"),
	BAD("unterminated quote on a later line", "x\ny,\"z", "@1 1:1=x\n",
	    "t.csv:2:3: quoted field is never closed"),
	BAD("unterminated quote after a doubled quote", "\"a\"\"\n", "",
	    "t.csv:1:1: quoted field is never closed"),
	BAD("quote inside an unquoted field", "ab\"c,d\n", "",
	    "t.csv:1:3: a quote inside an unquoted field; put the whole field in quotes"),
	BAD("quote inside an unquoted Thai field", "x\nกข\"ค\n", "@1 1:1=x\n",
	    "t.csv:2:3: a quote inside an unquoted field"),
	BAD("junk after a closing quote", "\"ab\"c,d\n", "",
	    "t.csv:1:5: unexpected character after a closing quote; expected a comma or the end "
	    "of the line"),
	BAD("space after a closing quote", "a,\"b\" ,c\n", "",
	    "t.csv:1:6: unexpected character after a closing quote"),
	BAD("junk after a multi-line quoted field", "\"a\nb\"x\n", "",
	    "t.csv:2:3: unexpected character after a closing quote"),
	BAD("truncated UTF-8 sequence", "a,b\nc,\xE0\xB8\n", "@1 1:1=a | 1:3=b\n",
	    "t.csv:2:3: not valid UTF-8 text; save the file as UTF-8 (in Excel: \"CSV UTF-8\")"),
	BAD("overlong two-byte encoding of '/'", "x,\xC0\xAF\n", "", "t.csv:1:3: not valid UTF-8"),
	BAD("overlong three-byte encoding", "\xE0\x80\xAF\n", "", "t.csv:1:1: not valid UTF-8"),
	BAD("UTF-16 surrogate", "ok,\xED\xA0\x80\n", "", "t.csv:1:4: not valid UTF-8"),
	BAD("code point above U+10FFFF", "\xF4\x90\x80\x80\n", "", "t.csv:1:1: not valid UTF-8"),
	BAD("lone continuation byte", "a,\x80\n", "", "t.csv:1:3: not valid UTF-8"),
	BAD("TIS-620 Thai (not UTF-8)", "code,name\nA1,\xCA\xD3\xB9\xD1\xA1\n",
	    "@1 1:1=code | 1:6=name\n", "t.csv:2:4: not valid UTF-8"),
	BAD("UTF-16 with its byte order mark", "\xFF\xFE" "a\0,\0", "",
	    "t.csv:1:1: a NUL byte in the text; is this a UTF-16 file?"),
	BAD("a NUL byte inside an agency code", "code,name\nA\0B,x\n",
	    "@1 1:1=code | 1:6=name\n", "t.csv:2:1: a NUL byte in the text"),
	BAD("invalid UTF-8 in a quoted field is reported where the field starts",
	    "x,\"ok\n\xFF\"\n", "", "t.csv:1:3: not valid UTF-8"),
};

static void run_error_case(void **state)
{
	const struct error_case *tc = *state;
	struct oi_csv *c = oi_csv_from_memory("t.csv", tc->input, tc->len);
	struct oi_error err;
	struct buf out = {0};
	char line[2048];

	oi_error_clear(&err);
	assert_int_equal(dump(c, &out, &err), -1);
	assert_string_equal(out.s, tc->records);
	oi_error_format(&err, line, sizeof line);
	if (strncmp(line, tc->want, strlen(tc->want)))
		fail_msg("error \"%s\"\n  does not start with \"%s\"", line, tc->want);
	free(out.s);
	oi_csv_free(c);
}

/* ---- generated input ---- */

/* A record of n fields "x,x,…,x" followed by a newline. */
static char *many_fields(size_t n)
{
	char *s = malloc(2 * n + 1);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = 'x';
		s[2 * i + 1] = i + 1 < n ? ',' : '\n';
	}
	s[2 * n] = '\0';
	return s;
}

static void fields_limit_reached(void **state)
{
	char *text = many_fields(OI_CSV_FIELDS_MAX);
	struct oi_csv *c = csv_text("t.csv", text);
	const struct oi_csv_record *rec;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_csv_next(c, &rec, &err), 1);
	assert_int_equal(rec->n_fields, 2048);
	assert_int_equal(rec->fields[2047].column, 4095);
	assert_string_equal(rec->fields[2047].data, "x");
	assert_int_equal(oi_csv_next(c, &rec, &err), 0);
	oi_csv_free(c);
	free(text);
}

static void fields_limit_exceeded(void **state)
{
	char *text = many_fields(OI_CSV_FIELDS_MAX + 1);
	struct oi_csv *c = csv_text("t.csv", text);
	const struct oi_csv_record *rec;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_csv_next(c, &rec, &err), -1);
	assert_null(rec);
	/* the 2,049th field starts at column 2 × 2049 − 1 */
	assert_error_contains(err, "t.csv:1:4097: more than 2048 fields in one record");
	oi_csv_free(c);
	free(text);
}

/* "ok\n" then one field of n bytes of 'a' on line 2, then "\nend\n". */
static char *long_record(size_t n)
{
	char *s = malloc(n + 16);

	assert_non_null(s);
	memcpy(s, "ok\n", 3);
	memset(s + 3, 'a', n);
	memcpy(s + 3 + n, "\nend\n", 6);
	return s;
}

static void record_under_limit(void **state)
{
	char *text = long_record(60000);
	struct oi_csv *c = csv_text("t.csv", text);
	const struct oi_csv_record *rec;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_csv_next(c, &rec, &err), 1);
	assert_int_equal(oi_csv_next(c, &rec, &err), 1);
	assert_int_equal(rec->fields[0].len, 60000);
	assert_int_equal(rec->line, 2);
	assert_int_equal(oi_csv_next(c, &rec, &err), 1);
	assert_string_equal(rec->fields[0].data, "end");
	assert_int_equal(rec->line, 3);
	oi_csv_free(c);
	free(text);
}

static void record_over_limit(void **state)
{
	char *text = long_record(OI_CSV_RECORD_MAX + 1);
	struct oi_csv *c = csv_text("t.csv", text);
	const struct oi_csv_record *rec;
	struct oi_error err;
	char line[2048];

	(void)state;
	assert_int_equal(oi_csv_next(c, &rec, &err), 1);
	assert_int_equal(oi_csv_next(c, &rec, &err), -1);
	/* no column: the whole record is at fault */
	assert_string_equal(oi_error_format(&err, line, sizeof line),
			    "t.csv:2: record longer than 65536 bytes; is this really a CSV file of "
			    "answers?");
	oi_csv_free(c);
	free(text);
}

static void quoted_record_over_limit(void **state)
{
	size_t n = 70000;
	char *text = malloc(n + 8);
	struct oi_csv *c;
	const struct oi_csv_record *rec;
	struct oi_error err;

	(void)state;
	assert_non_null(text);
	text[0] = '"';
	for (size_t i = 1; i <= n; i++)
		text[i] = i % 100 ? 'q' : '\n';    /* a quoted field of many lines */
	memcpy(text + n + 1, "\"\n", 3);
	c = csv_text("t.csv", text);
	assert_int_equal(oi_csv_next(c, &rec, &err), -1);
	assert_error_contains(err, "t.csv:1: record longer than 65536 bytes");
	oi_csv_free(c);
	free(text);
}

static void end_is_sticky(void **state)
{
	struct oi_csv *c = csv_text("t.csv", "a\n");
	const struct oi_csv_record *rec;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_csv_next(c, &rec, &err), 1);
	assert_int_equal(oi_csv_next(c, &rec, &err), 0);
	assert_null(rec);
	assert_int_equal(oi_csv_next(c, &rec, &err), 0);
	assert_string_equal(oi_csv_name(c), "t.csv");
	oi_csv_free(c);
	oi_csv_free(NULL);
}

/* ---- files ---- */

static void open_missing_file(void **state)
{
	char dummy;
	struct oi_csv *c = (struct oi_csv *)(void *)&dummy;    /* must come back NULL */
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_csv_open("/nonexistent/openita/x.csv", &c, &err), -1);
	assert_null(c);
	assert_error_contains(err, "/nonexistent/openita/x.csv: cannot open: No such file");
	assert_int_equal(err.line, 0);
}

/* Append 'p' until b holds exactly target bytes. */
static void pad_to(struct buf *b, size_t target)
{
	assert_true(b->len <= target);
	while (b->len < target)
		buf_str(b, "p");
}

/* Append copies of filler while the next one fits below limit. */
static void fill_below(struct buf *b, size_t limit, const char *filler)
{
	while (b->len + strlen(filler) <= limit)
		buf_str(b, filler);
}

/*
 * A file of about 600 KB, with a BOM, CRLF line ends, quoted multi-line fields and Thai text,
 * built so that the 256 KiB read boundaries fall on the awkward places: between the CR and
 * the LF of a line end (at 256 KiB) and inside a three-byte Thai character within a quoted
 * field (at 512 KiB). Read from the file and from memory, it gives the same records.
 */
static void file_matches_memory_across_buffer_boundary(void **state)
{
	const size_t chunk = 256u << 10;
	const char *filler = "A001,\"ชื่อ, หน่วยงาน\",\"line 1\r\nline \"\"2\"\"\",4\r\n";
	struct buf text = {0}, from_file = {0}, from_memory = {0};
	struct oi_csv *c;
	struct oi_error err;
	const char *header = "@1 1:1=agency | 1:8=name | 1:13=note | 1:18=answer\n";
	char want[80];
	char *path;
	size_t lines = 0;

	(void)state;
	buf_str(&text, "\xEF\xBB\xBF" "agency,name,note,answer\r\n");
	/* a CR as the last byte of the first chunk, its LF the first byte of the next */
	fill_below(&text, chunk - 100, filler);
	buf_str(&text, "tail");
	pad_to(&text, chunk - 1);
	buf_str(&text, "\r\nafter,cr\r\n");
	assert_int_equal(text.s[chunk - 1], '\r');
	assert_int_equal(text.s[chunk], '\n');
	/* a Thai character (3 bytes) across the second boundary, inside a quoted field */
	fill_below(&text, 2 * chunk - 100, filler);
	buf_str(&text, "z,\"");
	pad_to(&text, 2 * chunk - 1);
	buf_str(&text, "ก\r\n\"\r\n");
	assert_int_equal((unsigned char)text.s[2 * chunk - 1], 0xE0);
	fill_below(&text, 600000, filler);
	buf_str(&text, "last,\"record\"");
	for (size_t i = 0; i < text.len; i++)
		lines += text.s[i] == '\n';

	assert_int_equal(strlen(text.s), text.len);
	path = write_temp(text.s);
	assert_int_equal(oi_csv_open(path, &c, &err), 0);
	assert_string_equal(oi_csv_name(c), path);
	assert_int_equal(dump(c, &from_file, &err), 0);
	oi_csv_free(c);
	c = oi_csv_from_memory("t.csv", text.s, text.len);
	assert_int_equal(dump(c, &from_memory, &err), 0);
	oi_csv_free(c);

	assert_true(from_file.len > 600000);
	assert_string_equal(from_file.s, from_memory.s);
	/* spot checks: the first record, the records around the boundaries, the last */
	assert_int_equal(strncmp(from_file.s, header, strlen(header)), 0);
	assert_non_null(strstr(from_file.s, "=tailppp"));
	assert_non_null(strstr(from_file.s, "p\n@"));
	assert_non_null(strstr(from_file.s, ":1=after | "));
	assert_non_null(strstr(from_file.s, "pppก\\r\\n\n@"));
	snprintf(want, sizeof want, "@%zu %zu:1=last | %zu:6=record\n", lines + 1, lines + 1,
		 lines + 1);
	assert_string_equal(from_file.s + from_file.len - strlen(want), want);
	unlink(path);
	free(text.s);
	free(from_file.s);
	free(from_memory.s);
}

/* An error in a file is reported the same way as from memory, with the path as the name. */
static void file_error_names_the_path(void **state)
{
	const char *path = write_temp("a,b\r\nc,\"d\r\n");
	struct oi_csv *c;
	const struct oi_csv_record *rec;
	struct oi_error err;
	char want[4200];

	(void)state;
	assert_int_equal(oi_csv_open(path, &c, &err), 0);
	assert_int_equal(oi_csv_next(c, &rec, &err), 1);
	assert_int_equal(oi_csv_next(c, &rec, &err), -1);
	snprintf(want, sizeof want, "%s:2:3: quoted field is never closed", path);
	assert_error_contains(err, want);
	oi_csv_free(c);
	unlink(path);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(fields_limit_reached),
		cmocka_unit_test(fields_limit_exceeded),
		cmocka_unit_test(record_under_limit),
		cmocka_unit_test(record_over_limit),
		cmocka_unit_test(quoted_record_over_limit),
		cmocka_unit_test(end_is_sticky),
		cmocka_unit_test(open_missing_file),
		cmocka_unit_test(file_matches_memory_across_buffer_boundary),
		cmocka_unit_test(file_error_names_the_path),
	};
	struct test_list l = {0};

	test_list_add_cases(&l, ok_cases, run_ok_case);
	test_list_add_cases(&l, error_cases, run_error_case);
	test_list_add(&l, fixed, sizeof fixed / sizeof fixed[0]);
	return test_list_run(&l, "csv", NULL, NULL);
}
