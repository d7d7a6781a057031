/*
 * test_form.c — tests of the form parsers (src/web/form.c): urlencoded bodies and query strings
 * ('+', %XX, Thai, empty pairs, pairs without '=', bad escapes, invalid UTF-8, control
 * characters, the field and name limits) and multipart/form-data bodies (text and file parts,
 * quoted and odd boundaries, CRLF and bare LF, preamble and epilogue, a missing closing
 * boundary, malformed headers, the limits), then the lookups form_get()/form_field().
 *
 * A parsed form is compared as text: fields joined by " | ", each "name=value", a file part as
 * "name[filename]=value", a part's Content-Type as "name{type}=value"; in values, \r \n \t and
 * other bytes below 0x20 are written as \r \n \t \xHH. An expected text that starts with "ERR "
 * means the parse must fail with an error message containing the rest. Each table case is its
 * own cmocka test, named after the case.
 */
#include "testutil.h"

#include "arena.h"
#include "buf.h"
#include "form.h"

/* The form as text (see the file comment); the caller frees it. */
static char *dump(const struct form *f)
{
	struct buf b;

	buf_init(&b, 1 << 20);
	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *x = &f->fields[i];

		assert_non_null(x->name);
		assert_non_null(x->value);
		assert_int_equal(x->value[x->len], '\0');
		buf_puts(&b, i ? " | " : "");
		buf_puts(&b, x->name);
		if (x->filename)
			buf_printf(&b, "[%s]", x->filename);
		if (x->content_type)
			buf_printf(&b, "{%s}", x->content_type);
		buf_puts(&b, "=");
		for (size_t k = 0; k < x->len; k++) {
			unsigned char c = (unsigned char)x->value[k];

			if (c == '\r')
				buf_puts(&b, "\\r");
			else if (c == '\n')
				buf_puts(&b, "\\n");
			else if (c == '\t')
				buf_puts(&b, "\\t");
			else if (c < 0x20)
				buf_printf(&b, "\\x%02X", c);
			else
				buf_add(&b, &x->value[k], 1);
		}
	}
	assert_false(b.overflow);
	return buf_detach(&b, NULL);
}

/*
 * Check one parse result against want (a dump, or "ERR " and part of the message). The input
 * was parsed from an exact-size heap copy, so ASan catches a read past its end.
 */
static void check_result(int rc, const struct form *f, const struct oi_error *err,
			 const char *want)
{
	if (!strncmp(want, "ERR ", 4)) {
		if (rc == 0) {
			char *got = dump(f);

			fail_msg("parsed as \"%s\", expected an error containing \"%s\"", got,
				 want + 4);
		}
		assert_int_equal(rc, -1);
		assert_int_equal(f->n, 0);
		assert_error_contains(*err, want + 4);
	} else {
		char *got;

		if (rc != 0)
			fail_msg("unexpected error: %s", err->message);
		got = dump(f);
		assert_string_equal(got, want);
		free(got);
	}
}

/* An exact-size heap copy of s[0..len) (not NUL-terminated). */
static char *exact_copy(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, s, len);
	return p;
}

/* ---- table: urlencoded ---- */

struct url_case {
	const char *name;
	const char *input;
	size_t len;
	const char *want;
};

#define URL(name, input, want) {name, input, sizeof(input) - 1, want}

static const struct url_case url_cases[] = {
	URL("url: empty body", "", ""),
	URL("url: one field", "a=1", "a=1"),
	URL("url: two fields", "a=1&b=22", "a=1 | b=22"),
	URL("url: plus is a space", "q=x+y++z", "q=x y  z"),
	URL("url: %20 is a space", "q=x%20y", "q=x y"),
	URL("url: plus in a name", "first+name=a", "first name=a"),
	URL("url: %2B is a plus, %26 and %3D are data", "a=1%2B1%26b%3D2", "a=1+1&b=2"),
	URL("url: %25 is a percent sign", "a=100%25", "a=100%"),
	URL("url: Thai ko kai %E0%B8%81", "q=%E0%B8%81", "q=ก"),
	URL("url: lower-case hex", "q=%e0%b8%81%e0%b8%82", "q=กข"),
	URL("url: Thai name and value percent-encoded",
	    "%E0%B8%8A%E0%B8%B7%E0%B9%88%E0%B8%AD=%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2",
	    "ชื่อ=สมชาย"),
	URL("url: raw UTF-8 Thai is accepted", "ชื่อ=สมชาย", "ชื่อ=สมชาย"),
	URL("url: four-byte UTF-8", "e=%F0%9F%98%80", "e=\xF0\x9F\x98\x80"),
	URL("url: a pair without '=' has an empty value", "flag&b=2", "flag= | b=2"),
	URL("url: a name with '=' and nothing after", "a=", "a="),
	URL("url: empty pairs are skipped", "&&a=1&&&b=2&", "a=1 | b=2"),
	URL("url: only ampersands", "&&&", ""),
	URL("url: an empty name is a field", "=x", "=x"),
	URL("url: the value keeps later '='", "a==b=c", "a==b=c"),
	URL("url: repeated names are all kept", "a=1&a=2", "a=1 | a=2"),
	URL("url: CR LF and tab are allowed", "t=a%0D%0Ab%09c", "t=a\\r\\nb\\tc"),
	URL("url: raw LF is allowed", "t=a\nb", "t=a\\nb"),
	URL("url: ';' is not a separator", "a=1;b=2", "a=1;b=2"),
	URL("url: csrf token and choices", "csrf=AbC-_123&i1=4&i2=2&note=%E0%B8%94%E0%B8%B5",
	    "csrf=AbC-_123 | i1=4 | i2=2 | note=ดี"),
	URL("url: bad escape %G1", "name=%G1", "ERR ช่อง \"name\": มีรหัส % ที่ไม่ถูกต้อง"),
	URL("url: bad escape %1G", "name=%1G", "ERR ช่อง \"name\": มีรหัส %"),
	URL("url: trailing %", "name=abc%", "ERR ช่อง \"name\": มีรหัส %"),
	URL("url: trailing %4", "name=abc%4", "ERR ช่อง \"name\": มีรหัส %"),
	URL("url: a bare % before &", "a=%&b=1", "ERR ช่อง \"a\": มีรหัส %"),
	URL("url: bad escape in the second field", "a=1&b=%", "ERR ช่อง \"b\": มีรหัส %"),
	URL("url: bad escape in a name", "x=1&%ZZ=1", "ERR ชื่อช่องที่ 2 มีรหัส %"),
	URL("url: overlong '/' %C0%AF", "name=%C0%AF",
	    "ERR ช่อง \"name\": ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง"),
	URL("url: overlong three-byte", "name=%E0%80%AF", "ERR ช่อง \"name\": ข้อความไม่ใช่ UTF-8"),
	URL("url: lone continuation byte", "name=a%80", "ERR ช่อง \"name\": ข้อความไม่ใช่ UTF-8"),
	URL("url: UTF-16 surrogate", "name=%ED%A0%80", "ERR ช่อง \"name\": ข้อความไม่ใช่ UTF-8"),
	URL("url: above U+10FFFF", "name=%F4%90%80%80", "ERR ช่อง \"name\": ข้อความไม่ใช่ UTF-8"),
	URL("url: truncated Thai", "name=%E0%B8", "ERR ช่อง \"name\": ข้อความไม่ใช่ UTF-8"),
	URL("url: TIS-620 Thai bytes", "name=\xCA\xC1\xAA\xD2\xC2",
	    "ERR ช่อง \"name\": ข้อความไม่ใช่ UTF-8"),
	URL("url: NUL byte", "name=a%00b", "ERR ช่อง \"name\": มีอักขระควบคุม"),
	URL("url: raw NUL byte", "name=a\0b", "ERR ช่อง \"name\": มีอักขระควบคุม"),
	URL("url: escape character", "name=%1B%5B31m", "ERR ช่อง \"name\": มีอักขระควบคุม"),
	URL("url: DEL", "name=%7F", "ERR ช่อง \"name\": มีอักขระควบคุม"),
	URL("url: C1 control U+0085", "name=%C2%85", "ERR ช่อง \"name\": มีอักขระควบคุม"),
	URL("url: U+00A0 is not a control", "name=%C2%A0", "name=\xC2\xA0"),
	URL("url: control character in a name", "a%01b=1", "ERR ชื่อช่องที่ 1: มีอักขระควบคุม"),
	URL("url: CR in a name is not allowed either", "ok=1&a%0Db=1",
	    "ERR ชื่อช่องที่ 2: มีอักขระควบคุม"),
	URL("url: invalid UTF-8 in a name", "a=1&%FF=1", "ERR ชื่อช่องที่ 2: ข้อความไม่ใช่ UTF-8"),
};

static void run_url_case(void **state)
{
	const struct url_case *tc = *state;
	char *input = exact_copy(tc->input, tc->len);
	struct arena a;
	struct form f = {(void *)1, 99};
	struct oi_error err;
	int rc;

	arena_init(&a);
	rc = form_parse_urlencoded(&a, input, tc->len, &f, &err);
	check_result(rc, &f, &err, tc->want);
	arena_release(&a);
	free(input);
}

/* ---- table: multipart ---- */

struct mp_case {
	const char *name;
	const char *content_type;
	const char *body;
	size_t len;
	const char *want;
};

#define CT "multipart/form-data; boundary=XyZ"
#define MP(name, ct, body, want) {name, ct, body, sizeof(body) - 1, want}
#define DISP(n) "Content-Disposition: form-data; name=\"" n "\"\r\n"

static const struct mp_case mp_cases[] = {
	MP("mp: one text part", CT, "--XyZ\r\n" DISP("a") "\r\nhello\r\n--XyZ--\r\n", "a=hello"),
	MP("mp: CSV upload with a text part",
	   "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
	   "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	   DISP("csrf") "\r\n"
	   "tok123\r\n"
	   "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
	   "Content-Disposition: form-data; name=\"file\"; filename=\"iit.csv\"\r\n"
	   "Content-Type: text/csv\r\n"
	   "\r\n"
	   "agency,respondent,i1\r\nA01,1,4\r\n"
	   "\r\n"
	   "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n",
	   "csrf=tok123 | file[iit.csv]{text/csv}=agency,respondent,i1\\r\\nA01,1,4\\r\\n"),
	MP("mp: Thai text, name and file name", CT,
	   "--XyZ\r\n" DISP("ชื่อ") "\r\nสำนักงาน\r\n"
	   "--XyZ\r\nContent-Disposition: form-data; name=\"แฟ้ม\"; filename=\"ผล.csv\"\r\n\r\n"
	   "ก,ข\r\n--XyZ--",
	   "ชื่อ=สำนักงาน | แฟ้ม[ผล.csv]=ก,ข"),
	MP("mp: file part keeps raw bytes", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n"
	   "Content-Type: application/octet-stream\r\n\r\n"
	   "\x00\xFF\xFE\x01\r\n--XyZ--\r\n",
	   "f[x.bin]{application/octet-stream}=\\x00\xFF\xFE\\x01"),
	MP("mp: empty file input", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n"
	   "Content-Type: application/octet-stream\r\n\r\n\r\n--XyZ--\r\n",
	   "f[]{application/octet-stream}="),
	MP("mp: empty text value", CT, "--XyZ\r\n" DISP("a") "\r\n\r\n--XyZ--\r\n", "a="),
	MP("mp: multi-line text keeps its CRLF", CT,
	   "--XyZ\r\n" DISP("t") "\r\nline1\r\nline2\r\n\r\n--XyZ--\r\n", "t=line1\\r\\nline2\\r\\n"),
	MP("mp: quoted boundary", "multipart/form-data; boundary=\"XyZ\"",
	   "--XyZ\r\n" DISP("a") "\r\n1\r\n--XyZ--\r\n", "a=1"),
	MP("mp: quoted boundary with spaces and specials",
	   "multipart/form-data; boundary=\"a b'()+_,-./:=?\"",
	   "--a b'()+_,-./:=?\r\n" DISP("a") "\r\n1\r\n--a b'()+_,-./:=?--\r\n", "a=1"),
	MP("mp: type and parameter names ignore case",
	   "Multipart/Form-Data; charset=utf-8; BOUNDARY=XyZ",
	   "--XyZ\r\ncontent-disposition: FORM-DATA; NAME=\"a\"\r\n\r\n1\r\n--XyZ--", "a=1"),
	MP("mp: unquoted name", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--XyZ--", "a=1"),
	MP("mp: the first name parameter counts", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\n1\r\n--XyZ--",
	   "a=1"),
	MP("mp: bare LF line ends", CT,
	   "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\nx\ny\n--XyZ\n"
	   "Content-Disposition: form-data; name=\"b\"\n\n2\n--XyZ--\n",
	   "a=x\\ny | b=2"),
	MP("mp: mixed CRLF and LF", CT,
	   "--XyZ\nContent-Disposition: form-data; name=\"a\"\r\n\n1\r\n--XyZ\r\n"
	   DISP("b") "\n2\n--XyZ--",
	   "a=1 | b=2"),
	MP("mp: preamble and epilogue are skipped", CT,
	   "This is a preamble.\r\n--XyZ\r\n" DISP("a") "\r\n1\r\n--XyZ--\r\nepilogue --XyZ junk",
	   "a=1"),
	MP("mp: blanks after a delimiter", CT, "--XyZ \t\r\n" DISP("a") "\r\n1\r\n--XyZ--", "a=1"),
	MP("mp: a line that only starts with the delimiter is content", CT,
	   "--XyZ\r\n" DISP("a") "\r\n1\r\n--XyZabc\r\n2\r\n--XyZ--", "a=1\\r\\n--XyZabc\\r\\n2"),
	MP("mp: the delimiter inside a line is content", CT,
	   "--XyZ\r\n" DISP("a") "\r\nx--XyZ--\r\n--XyZ--", "a=x--XyZ--"),
	MP("mp: other headers are ignored, part Content-Type kept", CT,
	   "--XyZ\r\nX-Other: 1\r\n" DISP("a") "Content-Type: text/plain; charset=utf-8\r\n"
	   "\r\n1\r\n--XyZ--",
	   "a{text/plain; charset=utf-8}=1"),
	MP("mp: only the closing delimiter", CT, "--XyZ--\r\n", ""),
	MP("mp: empty body", CT, "", "ERR ไม่พบ boundary"),
	MP("mp: body without the boundary", CT, "--Other\r\n" DISP("a") "\r\n1\r\n--Other--",
	   "ERR ไม่พบ boundary"),
	MP("mp: missing closing boundary", CT, "--XyZ\r\n" DISP("a") "\r\nhello",
	   "ERR ไม่พบ boundary ปิดท้าย (--XyZ--)"),
	MP("mp: cut after a delimiter", CT, "--XyZ\r\n" DISP("a") "\r\nhello\r\n--XyZ",
	   "ERR ไม่พบ boundary ปิดท้าย"),
	MP("mp: cut after a delimiter line", CT, "--XyZ\r\n" DISP("a") "\r\nhello\r\n--XyZ\r\n",
	   "ERR ส่วนที่ 2 ของฟอร์ม: ส่วนหัวไม่จบ"),
	MP("mp: closing delimiter with one dash", CT, "--XyZ\r\n" DISP("a") "\r\n1\r\n--XyZ-",
	   "ERR ไม่พบ boundary ปิดท้าย"),
	MP("mp: text after a delimiter", CT, "--XyZ junk\r\n" DISP("a") "\r\n1\r\n--XyZ--",
	   "ERR ส่วนที่ 1 ของฟอร์ม: มีข้อความต่อท้าย boundary"),
	MP("mp: headers never end", CT, "--XyZ\r\n" DISP("a"), "ERR ส่วนที่ 1 ของฟอร์ม: ส่วนหัวไม่จบ"),
	MP("mp: no Content-Disposition", CT, "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
	   "ERR ส่วนที่ 1 ของฟอร์มไม่มีชื่อช่อง"),
	MP("mp: no headers at all", CT, "--XyZ\r\n\r\n1\r\n--XyZ--",
	   "ERR ส่วนที่ 1 ของฟอร์มไม่มีชื่อช่อง"),
	MP("mp: no name parameter", CT,
	   "--XyZ\r\n" DISP("a") "\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; filename=\"x\"\r\n"
	   "\r\n1\r\n--XyZ--",
	   "ERR ส่วนที่ 2 ของฟอร์มไม่มีชื่อช่อง"),
	MP("mp: disposition is not form-data", CT,
	   "--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--XyZ--",
	   "ERR ส่วนที่ 1 ของฟอร์ม: Content-Disposition ต้องเป็น form-data"),
	MP("mp: unclosed quote in the disposition", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--",
	   "ERR Content-Disposition มีรูปแบบไม่ถูกต้อง"),
	MP("mp: header line without a colon", CT, "--XyZ\r\n" DISP("a") "junk\r\n\r\n1\r\n--XyZ--",
	   "ERR ส่วนที่ 1 ของฟอร์ม: บรรทัดส่วนหัวไม่ถูกต้อง"),
	MP("mp: folded header line", CT, "--XyZ\r\n" DISP("a") " x: y\r\n\r\n1\r\n--XyZ--",
	   "ERR บรรทัดส่วนหัวไม่ถูกต้อง"),
	MP("mp: invalid UTF-8 in a text part", CT, "--XyZ\r\n" DISP("a") "\r\n\xC0\xAF\r\n--XyZ--",
	   "ERR ช่อง \"a\": ข้อความไม่ใช่ UTF-8"),
	MP("mp: surrogate in a text part", CT, "--XyZ\r\n" DISP("a") "\r\n\xED\xB0\x80\r\n--XyZ--",
	   "ERR ช่อง \"a\": ข้อความไม่ใช่ UTF-8"),
	MP("mp: NUL in a text part", CT, "--XyZ\r\n" DISP("note") "\r\na\0b\r\n--XyZ--",
	   "ERR ช่อง \"note\": มีอักขระควบคุม"),
	MP("mp: invalid UTF-8 in a file name", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\xFF.csv\"\r\n\r\n"
	   "1\r\n--XyZ--",
	   "ERR ช่อง \"f\": ชื่อแฟ้ม: ข้อความไม่ใช่ UTF-8"),
	MP("mp: CR inside a file name (it could reach a response header)", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\rb.csv\"\r\n\r\n"
	   "1\r\n--XyZ--",
	   "ERR ช่อง \"f\": ชื่อแฟ้ม: มีอักขระควบคุม"),
	MP("mp: tab in a name", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=\"a\tb\"\r\n\r\n1\r\n--XyZ--",
	   "ERR ชื่อช่องที่ 1: มีอักขระควบคุม"),
	MP("mp: invalid UTF-8 in a name", CT,
	   "--XyZ\r\nContent-Disposition: form-data; name=\"\xE0\x80\"\r\n\r\n1\r\n--XyZ--",
	   "ERR ชื่อช่องที่ 1: ข้อความไม่ใช่ UTF-8"),
	MP("mp: control character in a part Content-Type", CT,
	   "--XyZ\r\n" DISP("a") "Content-Type: text/\x01plain\r\n\r\n1\r\n--XyZ--",
	   "ERR ช่อง \"a\": Content-Type มีอักขระควบคุม"),
	MP("mp: not multipart", "application/x-www-form-urlencoded", "a=1",
	   "ERR Content-Type ไม่ใช่ multipart/form-data"),
	MP("mp: multipart/mixed is not form-data", "multipart/mixed; boundary=XyZ",
	   "--XyZ--", "ERR Content-Type ไม่ใช่ multipart/form-data"),
	MP("mp: no boundary parameter", "multipart/form-data; charset=utf-8", "--XyZ--",
	   "ERR Content-Type ไม่ได้ระบุ boundary"),
	MP("mp: no parameters", "multipart/form-data", "--XyZ--",
	   "ERR Content-Type ไม่ได้ระบุ boundary"),
	MP("mp: empty boundary", "multipart/form-data; boundary=", "----",
	   "ERR boundary ต้องยาว 1–70"),
	MP("mp: empty quoted boundary", "multipart/form-data; boundary=\"\"", "----",
	   "ERR boundary ต้องยาว 1–70"),
	MP("mp: boundary of 71 characters",
	   "multipart/form-data; boundary="
	   "12345678901234567890123456789012345678901234567890123456789012345678901",
	   "--XyZ--", "ERR boundary ต้องยาว 1–70"),
	MP("mp: boundary ending in a space", "multipart/form-data; boundary=\"ab \"", "--ab --",
	   "ERR boundary มีอักขระที่ไม่อนุญาต (อักขระที่ 3)"),
	MP("mp: boundary with a forbidden character", "multipart/form-data; boundary=a@b",
	   "--a@b--", "ERR boundary มีอักขระที่ไม่อนุญาต"),
	MP("mp: unclosed quote in the boundary", "multipart/form-data; boundary=\"XyZ",
	   "--XyZ--", "ERR Content-Type มีรูปแบบไม่ถูกต้อง"),
	MP("mp: junk between parameters", "multipart/form-data; boundary=\"XyZ\" junk", "--XyZ--",
	   "ERR Content-Type มีรูปแบบไม่ถูกต้อง"),
};

static void run_mp_case(void **state)
{
	const struct mp_case *tc = *state;
	char *body = exact_copy(tc->body, tc->len);
	struct arena a;
	struct form f = {(void *)1, 99};
	struct oi_error err;
	int rc;

	arena_init(&a);
	rc = form_parse_multipart(&a, tc->content_type, body, tc->len, &f, &err);
	check_result(rc, &f, &err, tc->want);
	arena_release(&a);
	free(body);
}

/* ---- fixed tests ---- */

/* A urlencoded body of n fields "fK=K" with extra empty pairs; the caller frees it. */
static char *many_fields(size_t n, size_t *len)
{
	struct buf b;

	buf_init(&b, 1 << 20);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "&&f%zu=%zu", i, i);
	return buf_detach(&b, len);
}

static void url_field_limit(void **state)
{
	struct arena a;
	struct form f;
	struct oi_error err;
	size_t len;
	char *body = many_fields(FORM_MAX_FIELDS, &len);

	(void)state;
	arena_init(&a);
	assert_int_equal(form_parse_urlencoded(&a, body, len, &f, &err), 0);
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	assert_string_equal(form_get(&f, "f511", NULL), "511");
	free(body);
	body = many_fields(FORM_MAX_FIELDS + 1, &len);
	assert_int_equal(form_parse_urlencoded(&a, body, len, &f, &err), -1);
	assert_error_contains(err, "ฟอร์มมีช่องมากเกิน 512 ช่อง");
	assert_int_equal(f.n, 0);
	free(body);
	arena_release(&a);
}

static void url_name_limit(void **state)
{
	char body[3 * FORM_MAX_NAME + 16];
	struct arena a;
	struct form f;
	struct oi_error err;

	(void)state;
	arena_init(&a);
	memset(body, 'n', FORM_MAX_NAME);
	memcpy(body + FORM_MAX_NAME, "=1", 2);
	assert_int_equal(form_parse_urlencoded(&a, body, FORM_MAX_NAME + 2, &f, &err), 0);
	assert_int_equal(strlen(f.fields[0].name), FORM_MAX_NAME);
	memset(body, 'n', FORM_MAX_NAME + 1);
	memcpy(body + FORM_MAX_NAME + 1, "=1", 2);
	assert_int_equal(form_parse_urlencoded(&a, body, FORM_MAX_NAME + 3, &f, &err), -1);
	assert_error_contains(err, "ชื่อช่องที่ 1 ยาวเกิน 128 ไบต์");
	/* The limit is on the decoded name: 128 bytes written as %6E each is 384 characters. */
	for (size_t i = 0; i < FORM_MAX_NAME; i++)
		memcpy(body + 3 * i, "%6E", 3);
	memcpy(body + 3 * FORM_MAX_NAME, "=1", 2);
	assert_int_equal(form_parse_urlencoded(&a, body, 3 * FORM_MAX_NAME + 2, &f, &err), 0);
	assert_int_equal(strlen(f.fields[0].name), FORM_MAX_NAME);
	arena_release(&a);
}

/* Only len bytes are read: what follows in memory is not part of the body. */
static void url_reads_only_len(void **state)
{
	const char text[] = "a=1&b=%41%42";
	struct arena a;
	struct form f;
	struct oi_error err;

	(void)state;
	arena_init(&a);
	/* "a=1&b=%" — the "41" after it in memory must not complete the escape */
	assert_int_equal(form_parse_urlencoded(&a, text, 7, &f, &err), -1);
	assert_error_contains(err, "ช่อง \"b\": มีรหัส %");
	arena_release(&a);
}

static void url_reads_only_len_ok(void **state)
{
	const char text[] = "a=1&b=22&c=3";
	struct arena a;
	struct form f;
	struct oi_error err;
	size_t len;

	(void)state;
	arena_init(&a);
	assert_int_equal(form_parse_urlencoded(&a, text, 7, &f, &err), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(form_get(&f, "b", &len), "2");
	assert_int_equal(len, 1);
	assert_null(form_get(&f, "c", NULL));
	arena_release(&a);
}

static void mp_part_limit(void **state)
{
	struct buf b;
	struct arena a;
	struct form f;
	struct oi_error err;

	(void)state;
	arena_init(&a);
	buf_init(&b, 1 << 20);
	for (size_t i = 0; i < FORM_MAX_FIELDS; i++)
		buf_printf(&b, "--XyZ\r\n" DISP("f%zu") "\r\n%zu\r\n", i, i);
	buf_puts(&b, "--XyZ--\r\n");
	assert_int_equal(form_parse_multipart(&a, CT, b.data, b.len, &f, &err), 0);
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	assert_string_equal(form_get(&f, "f0", NULL), "0");
	assert_string_equal(form_get(&f, "f511", NULL), "511");
	b.len -= strlen("--XyZ--\r\n");
	buf_puts(&b, "--XyZ\r\n" DISP("extra") "\r\nx\r\n--XyZ--\r\n");
	assert_int_equal(form_parse_multipart(&a, CT, b.data, b.len, &f, &err), -1);
	assert_error_contains(err, "ฟอร์มมีช่องมากเกิน 512 ช่อง");
	buf_release(&b);
	arena_release(&a);
}

static void mp_header_limit(void **state)
{
	struct buf b;
	struct arena a;
	struct form f;
	struct oi_error err;

	(void)state;
	arena_init(&a);
	buf_init(&b, 1 << 16);
	buf_puts(&b, "--XyZ\r\n" DISP("a"));
	for (int i = 0; i < 15; i++)
		buf_printf(&b, "X-H%d: v\r\n", i);
	buf_puts(&b, "\r\n1\r\n--XyZ--\r\n");
	assert_int_equal(form_parse_multipart(&a, CT, b.data, b.len, &f, &err), 0);   /* 16 */
	buf_reset(&b);
	buf_puts(&b, "--XyZ\r\n" DISP("a"));
	for (int i = 0; i < 16; i++)
		buf_printf(&b, "X-H%d: v\r\n", i);
	buf_puts(&b, "\r\n1\r\n--XyZ--\r\n");
	assert_int_equal(form_parse_multipart(&a, CT, b.data, b.len, &f, &err), -1);
	assert_error_contains(err, "ส่วนที่ 1 ของฟอร์มมีส่วนหัวมากเกิน 16 บรรทัด");
	buf_release(&b);
	arena_release(&a);
}

static void mp_name_limit(void **state)
{
	char name[FORM_MAX_NAME + 2];
	struct buf b;
	struct arena a;
	struct form f;
	struct oi_error err;

	(void)state;
	arena_init(&a);
	buf_init(&b, 1 << 16);
	memset(name, 'n', sizeof name - 1);
	name[FORM_MAX_NAME] = '\0';
	buf_printf(&b, "--XyZ\r\n" DISP("%s") "\r\n1\r\n--XyZ--", name);
	assert_int_equal(form_parse_multipart(&a, CT, b.data, b.len, &f, &err), 0);
	buf_reset(&b);
	name[FORM_MAX_NAME] = 'n';
	name[FORM_MAX_NAME + 1] = '\0';
	buf_printf(&b, "--XyZ\r\n" DISP("%s") "\r\n1\r\n--XyZ--", name);
	assert_int_equal(form_parse_multipart(&a, CT, b.data, b.len, &f, &err), -1);
	assert_error_contains(err, "ชื่อช่องที่ 1 ยาวเกิน 128 ไบต์");
	buf_release(&b);
	arena_release(&a);
}

static void mp_boundary_of_70(void **state)
{
	const char *ct = "multipart/form-data; boundary="
			 "1234567890123456789012345678901234567890123456789012345678901234567890";
	const char *body = "--1234567890123456789012345678901234567890123456789012345678901234567890"
			   "\r\n" DISP("a") "\r\n1\r\n"
			   "--1234567890123456789012345678901234567890123456789012345678901234567890"
			   "--";
	struct arena a;
	struct form f;
	struct oi_error err;

	(void)state;
	arena_init(&a);
	assert_int_equal(form_parse_multipart(&a, ct, body, strlen(body), &f, &err), 0);
	assert_string_equal(form_get(&f, "a", NULL), "1");
	arena_release(&a);
}

static void mp_no_content_type(void **state)
{
	struct arena a;
	struct form f;
	struct oi_error err;

	(void)state;
	arena_init(&a);
	assert_int_equal(form_parse_multipart(&a, NULL, "--XyZ--", 7, &f, &err), -1);
	assert_error_contains(err, "คำขอไม่มี Content-Type");
	arena_release(&a);
}

/* A file part's len is its real length, NUL bytes included, and the copy is NUL-terminated. */
static void mp_file_length(void **state)
{
	static const char body[] =
		"--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n"
		"\0\0A\0\r\n--XyZ--";
	struct arena a;
	struct form f;
	struct oi_error err;
	const struct form_field *x;
	size_t len = 99;

	(void)state;
	arena_init(&a);
	assert_int_equal(form_parse_multipart(&a, CT, body, sizeof body - 1, &f, &err), 0);
	x = form_field(&f, "f");
	assert_non_null(x);
	assert_int_equal(x->len, 4);
	assert_memory_equal(x->value, "\0\0A\0", 5);
	assert_string_equal(x->filename, "a.bin");
	assert_null(x->content_type);
	assert_ptr_equal(form_get(&f, "f", &len), x->value);
	assert_int_equal(len, 4);
	arena_release(&a);
}

static void lookups(void **state)
{
	static const char body[] = "a=1&ab=2&A=3&a=4&empty=";
	struct arena a;
	struct form f;
	struct oi_error err;
	size_t len = 99;

	(void)state;
	arena_init(&a);
	assert_int_equal(form_parse_urlencoded(&a, body, sizeof body - 1, &f, &err), 0);
	assert_string_equal(form_get(&f, "a", &len), "1");   /* the first of two */
	assert_int_equal(len, 1);
	assert_string_equal(form_get(&f, "A", NULL), "3");   /* case matters */
	assert_string_equal(form_get(&f, "ab", NULL), "2");  /* no prefix match */
	assert_string_equal(form_get(&f, "empty", &len), "");
	assert_int_equal(len, 0);
	assert_null(form_get(&f, "b", &len));
	assert_int_equal(len, 0);
	assert_null(form_get(&f, "", NULL));
	assert_ptr_equal(form_field(&f, "a"), &f.fields[0]);
	assert_null(form_field(&f, "x"));
	assert_null(form_field(&f, "a")->filename);
	arena_release(&a);
}

static void lookups_on_empty_form(void **state)
{
	struct form f = {NULL, 0};

	(void)state;
	assert_null(form_get(&f, "a", NULL));
	assert_null(form_field(&f, "a"));
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(url_field_limit),
		cmocka_unit_test(url_name_limit),
		cmocka_unit_test(url_reads_only_len),
		cmocka_unit_test(url_reads_only_len_ok),
		cmocka_unit_test(mp_part_limit),
		cmocka_unit_test(mp_header_limit),
		cmocka_unit_test(mp_name_limit),
		cmocka_unit_test(mp_boundary_of_70),
		cmocka_unit_test(mp_no_content_type),
		cmocka_unit_test(mp_file_length),
		cmocka_unit_test(lookups),
		cmocka_unit_test(lookups_on_empty_form),
	};
	size_t n_url = sizeof url_cases / sizeof url_cases[0];
	size_t n_mp = sizeof mp_cases / sizeof mp_cases[0];
	size_t n_fixed = sizeof fixed / sizeof fixed[0];
	struct CMUnitTest *tests = calloc(n_url + n_mp + n_fixed, sizeof *tests);
	size_t n = 0;
	int failed;

	if (!tests)
		return 1;
	for (size_t i = 0; i < n_url; i++)
		tests[n++] = (struct CMUnitTest){url_cases[i].name, run_url_case, NULL, NULL,
						 (void *)&url_cases[i]};
	for (size_t i = 0; i < n_mp; i++)
		tests[n++] = (struct CMUnitTest){mp_cases[i].name, run_mp_case, NULL, NULL,
						 (void *)&mp_cases[i]};
	for (size_t i = 0; i < n_fixed; i++)
		tests[n++] = fixed[i];
	failed = _cmocka_run_group_tests("form", tests, n, NULL, NULL);
	free(tests);
	return failed;
}
