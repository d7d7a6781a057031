/*
 * form.c — parsing what browsers send (see form.h): urlencoded bodies and query strings, and
 * multipart/form-data bodies.
 *
 * Both parsers read exactly len bytes and never past them (bodies are not NUL-terminated and
 * file parts may hold NUL bytes); everything they return is copied into the caller's arena.
 * They accept what browsers send and refuse the rest with a Thai message that names the field
 * (or, before a name is known, its position: "ช่องที่ 3", "ส่วนที่ 2"):
 *
 *   urlencoded (WHATWG application/x-www-form-urlencoded): pairs split on '&', empty pairs
 *     skipped, name and value split on the first '=' (no '=' means an empty value), '+' is a
 *     space, %XX a byte; a '%' not followed by two hex digits is refused, not passed through.
 *   multipart (RFC 7578 on RFC 2046): the boundary comes from the Content-Type (token or quoted,
 *     1–70 RFC 2046 characters); an optional preamble; each part's headers end at an empty line
 *     and must include Content-Disposition: form-data; name="…" (filename="…" marks a file
 *     part; an optional Content-Type is kept); the part ends at CRLF--boundary; the closing
 *     --boundary-- is required (a body without it was cut short). Bare LF is accepted wherever
 *     CRLF is expected. Quoted parameter values end at the next '"' (browsers write a '"'
 *     inside a name as %22 and no backslash escapes).
 *
 * Text values must be valid UTF-8 without control characters (C0 except tab, CR, LF; DEL; C1);
 * names, file names and part Content-Types must be one line of such text (no tab, CR, LF either:
 * a file name may end up in a response header). File contents are kept as raw bytes.
 */
#include "form.h"

#include <string.h>

#include "arena.h"
#include "utf8.h"

#define FORM_MAX_PART_HEADERS 16   /* header lines in one multipart part */
#define FORM_MAX_BOUNDARY 70       /* RFC 2046 */

/* ---- shared checks ---- */

/*
 * Why s[0..len) is not acceptable text (a Thai phrase), or NULL when it is: valid UTF-8 with
 * no control characters other than tab, CR and LF.
 */
static const char *text_problem(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!utf8_valid(s, len))
		return "ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง (not valid UTF-8 text)";
	for (size_t i = 0; i < len; i++) {
		if ((u[i] < 0x20 && u[i] != '\t' && u[i] != '\r' && u[i] != '\n') || u[i] == 0x7F ||
		    (u[i] == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F))
			return "มีอักขระควบคุมที่ไม่อนุญาต (control character)";
	}
	return NULL;
}

/* Like text_problem(), and tab, CR and LF are refused too: for names, file names, types. */
static const char *line_problem(const char *s, size_t len)
{
	const char *why = text_problem(s, len);

	if (!why && (memchr(s, '\t', len) || memchr(s, '\r', len) || memchr(s, '\n', len)))
		why = "มีอักขระควบคุมที่ไม่อนุญาต (control character)";
	return why;
}

/* Check a field name (length, one line of text); n is its 1-based position for messages. */
static int check_name(const char *name, size_t len, size_t n, struct oi_error *err)
{
	const char *why;

	if (len > FORM_MAX_NAME)
		return oi_error_set(err, "", 0, 0, "ชื่อช่องที่ %zu ยาวเกิน %d ไบต์", n,
				    FORM_MAX_NAME);
	if ((why = line_problem(name, len)))
		return oi_error_set(err, "", 0, 0, "ชื่อช่องที่ %zu: %s", n, why);
	return 0;
}

/* Check a text value of the field called name. */
static int check_value(const char *name, const char *value, size_t len, struct oi_error *err)
{
	const char *why = text_problem(value, len);

	return why ? oi_error_set(err, "", 0, 0, "ช่อง \"%s\": %s", name, why) : 0;
}

int form_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s[0..n) equals the lower-case literal lit, ignoring ASCII case. */
static bool slice_ieq(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; i < n && lit[i]; i++)
		if (ascii_lower(s[i]) != lit[i])
			return false;
	return i == n && !lit[i];
}

/* ---- urlencoded ---- */

/*
 * Decode s[0..n) ('+' → space, %XX → byte) into a new NUL-terminated arena string; *out_len
 * gets its length. Returns NULL on an invalid escape.
 */
static char *url_decode(struct arena *a, const char *s, size_t n, size_t *out_len)
{
	char *out = arena_alloc(a, n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%') {
			int hi, lo;

			if (n - i < 3)   /* two hex digits must follow inside s */
				return NULL;
			hi = form_hex_digit(s[i + 1]);
			lo = form_hex_digit(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	*out_len = (size_t)(o - out);
	return out;
}

/*
 * Decode one non-empty pair s[0..n) into f; k is its 1-based position for messages.
 */
static int parse_pair(struct arena *a, const char *s, size_t n, size_t k, struct form_field *f,
		      struct oi_error *err)
{
	const char *eq = memchr(s, '=', n);
	size_t name_len = eq ? (size_t)(eq - s) : n;
	char *name = url_decode(a, s, name_len, &name_len);

	if (!name)
		return oi_error_set(err, "", 0, 0,
				    "ชื่อช่องที่ %zu มีรหัส %% ที่ไม่ถูกต้อง "
				    "(ต้องเป็น %% ตามด้วยเลขฐานสิบหก 2 หลัก เช่น %%20)",
				    k);
	if (check_name(name, name_len, k, err))
		return -1;
	f->name = name;
	f->value = eq ? url_decode(a, eq + 1, (size_t)(s + n - eq - 1), &f->len)
		      : arena_strndup(a, "", 0);
	if (!f->value)
		return oi_error_set(err, "", 0, 0,
				    "ช่อง \"%s\": มีรหัส %% ที่ไม่ถูกต้อง "
				    "(ต้องเป็น %% ตามด้วยเลขฐานสิบหก 2 หลัก เช่น %%20)",
				    name);
	return check_value(name, f->value, f->len, err);
}

static int parse_urlencoded(struct arena *a, const char *s, size_t len, struct form *out,
			    struct oi_error *err)
{
	const char *end = s + len, *p, *amp;
	size_t count = 0;

	out->fields = NULL;
	out->n = 0;
	if (!len)
		return 0;
	/* Count the non-empty pairs first: the limit is checked before any copying. */
	for (p = s;; p = amp + 1) {
		amp = memchr(p, '&', (size_t)(end - p));
		count += (amp ? amp : end) > p;
		if (!amp)
			break;
	}
	if (count > FORM_MAX_FIELDS)
		return oi_error_set(err, "", 0, 0, "ฟอร์มมีช่องมากเกิน %d ช่อง", FORM_MAX_FIELDS);
	out->fields = arena_alloc(a, count * sizeof *out->fields);
	for (p = s;; p = amp + 1) {
		const char *stop;

		amp = memchr(p, '&', (size_t)(end - p));
		stop = amp ? amp : end;
		if (stop > p) {   /* "&&" and a trailing '&' give empty pairs: skipped */
			if (parse_pair(a, p, (size_t)(stop - p), out->n + 1, &out->fields[out->n],
				       err))
				return -1;
			out->n++;
		}
		if (!amp)
			return 0;
	}
}

/* ---- multipart ---- */

/* A byte slice of the input. */
struct slice {
	const char *s;
	size_t n;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static struct slice trim(const char *s, size_t n)
{
	while (n && is_space(*s))
		s++, n--;
	while (n && is_space(s[n - 1]))
		n--;
	return (struct slice){ s, n };
}

/*
 * Read the next "; name=value" parameter of a header value from *p (up to end). Returns 1 with
 * name and value (quotes removed), 0 when only blanks are left, -1 when malformed.
 */
static int next_param(const char **p, const char *end, struct slice *name, struct slice *value)
{
	const char *q = *p, *eq;

	while (q < end && is_space(*q))
		q++;
	if (q == end)
		return 0;
	if (*q++ != ';')
		return -1;
	while (q < end && is_space(*q))
		q++;
	if (q == end)   /* a trailing ';' is harmless */
		return *p = q, 0;
	eq = memchr(q, '=', (size_t)(end - q));
	if (!eq)
		return -1;
	*name = trim(q, (size_t)(eq - q));
	q = eq + 1;
	while (q < end && is_space(*q))
		q++;
	if (q < end && *q == '"') {
		const char *close = memchr(q + 1, '"', (size_t)(end - q - 1));

		if (!close)
			return -1;
		*value = (struct slice){ q + 1, (size_t)(close - q - 1) };
		q = close + 1;
	} else {
		const char *semi = memchr(q, ';', (size_t)(end - q));
		const char *stop = semi ? semi : end;

		*value = trim(q, (size_t)(stop - q));
		q = stop;
	}
	*p = q;
	return 1;
}

/* c may appear in a boundary (RFC 2046 bcharsnospace, plus space when not last). */
static bool is_bchar(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr("'()+_,-./:=? ", c));
}

/* Find the boundary in a multipart/form-data Content-Type header value. */
static int parse_boundary(const char *ct, struct slice *boundary, struct oi_error *err)
{
	static const char type[] = "multipart/form-data";
	const char *p, *end;
	struct slice name, value;
	int rc;

	if (!ct)
		return oi_error_set(err, "", 0, 0, "คำขอไม่มี Content-Type (ต้องเป็น %s)", type);
	end = ct + strlen(ct);
	for (p = ct; is_space(*p); p++)
		;
	if ((size_t)(end - p) < sizeof type - 1 || !slice_ieq(p, sizeof type - 1, type))
		return oi_error_set(err, "", 0, 0, "Content-Type ไม่ใช่ %s", type);
	p += sizeof type - 1;
	boundary->s = NULL;
	while ((rc = next_param(&p, end, &name, &value)) > 0)
		if (!boundary->s && slice_ieq(name.s, name.n, "boundary"))
			*boundary = value;
	if (rc < 0)
		return oi_error_set(err, "", 0, 0, "Content-Type มีรูปแบบไม่ถูกต้อง");
	if (!boundary->s)
		return oi_error_set(err, "", 0, 0, "Content-Type ไม่ได้ระบุ boundary");
	if (boundary->n < 1 || boundary->n > FORM_MAX_BOUNDARY)
		return oi_error_set(err, "", 0, 0, "boundary ต้องยาว 1–%d ตัวอักษร",
				    FORM_MAX_BOUNDARY);
	for (size_t i = 0; i < boundary->n; i++)
		if (!is_bchar(boundary->s[i]) || (i == boundary->n - 1 && boundary->s[i] == ' '))
			return oi_error_set(err, "", 0, 0,
					    "boundary มีอักขระที่ไม่อนุญาต (อักขระที่ %zu)", i + 1);
	return 0;
}

/*
 * The body is cut by delimiters "--boundary" that start a line and are followed by "--" (the
 * closing one), blanks, a line end, or the end of the body (which is then reported as cut
 * short). at is where the "--" of a candidate starts; dlen the length of "--boundary".
 */
static bool delimiter_at(const char *body, size_t len, size_t at, const char *delim, size_t dlen)
{
	size_t after = at + dlen;

	if (len - at < dlen || memcmp(body + at, delim, dlen))
		return false;
	if (after == len)
		return true;
	return body[after] == '\r' || body[after] == '\n' || is_space(body[after]) ||
	       (body[after] == '-' && after + 1 < len && body[after + 1] == '-');
}

/*
 * The next delimiter that starts a line at or after from: returns the index of the '\n' that
 * precedes it, or len when there is none.
 */
static size_t find_delimiter(const char *body, size_t len, size_t from, const char *delim,
			     size_t dlen)
{
	while (from < len) {
		const char *nl = memchr(body + from, '\n', len - from);
		size_t i;

		if (!nl)
			break;
		i = (size_t)(nl - body);
		if (delimiter_at(body, len, i + 1, delim, dlen))
			return i;
		from = i + 1;
	}
	return len;
}

/* The headers of one part that we use. */
struct part_headers {
	struct slice name, filename, content_type;
	bool has_name, has_filename, has_type, has_disposition;
};

static int parse_disposition(struct slice v, struct part_headers *h, size_t part,
			     struct oi_error *err)
{
	const char *p, *end = v.s + v.n, *semi = memchr(v.s, ';', v.n);
	struct slice kind = trim(v.s, semi ? (size_t)(semi - v.s) : v.n), name, value;
	int rc;

	if (!slice_ieq(kind.s, kind.n, "form-data"))
		return oi_error_set(err, "", 0, 0,
				    "ส่วนที่ %zu ของฟอร์ม: Content-Disposition ต้องเป็น form-data",
				    part);
	p = kind.s + kind.n;
	while ((rc = next_param(&p, end, &name, &value)) > 0) {
		if (!h->has_name && slice_ieq(name.s, name.n, "name"))
			h->name = value, h->has_name = true;
		else if (!h->has_filename && slice_ieq(name.s, name.n, "filename"))
			h->filename = value, h->has_filename = true;
	}
	if (rc < 0)
		return oi_error_set(err, "", 0, 0,
				    "ส่วนที่ %zu ของฟอร์ม: Content-Disposition มีรูปแบบไม่ถูกต้อง",
				    part);
	h->has_disposition = true;
	return 0;
}

/*
 * Read the header lines of part number `part` from *pos up to and including the empty line
 * that ends them.
 */
static int parse_part_headers(const char *body, size_t len, size_t *pos, size_t part,
			      struct part_headers *h, struct oi_error *err)
{
	size_t lines = 0;

	memset(h, 0, sizeof *h);
	for (;;) {
		const char *line = body + *pos, *nl, *colon;
		size_t n;
		struct slice name, value;

		nl = memchr(line, '\n', len - *pos);
		if (!nl)
			return oi_error_set(err, "", 0, 0,
					    "ส่วนที่ %zu ของฟอร์ม: ส่วนหัวไม่จบ (เนื้อหาอาจถูกตัด)",
					    part);
		n = (size_t)(nl - line);
		*pos += n + 1;
		if (n && line[n - 1] == '\r')
			n--;
		if (!n)
			return 0;
		if (++lines > FORM_MAX_PART_HEADERS)
			return oi_error_set(err, "", 0, 0,
					    "ส่วนที่ %zu ของฟอร์มมีส่วนหัวมากเกิน %d บรรทัด", part,
					    FORM_MAX_PART_HEADERS);
		colon = memchr(line, ':', n);
		name = (struct slice){ line, colon ? (size_t)(colon - line) : 0 };
		if (!name.n || memchr(line, ' ', name.n) || memchr(line, '\t', name.n))
			return oi_error_set(err, "", 0, 0,
					    "ส่วนที่ %zu ของฟอร์ม: บรรทัดส่วนหัวไม่ถูกต้อง", part);
		value = trim(colon + 1, n - name.n - 1);
		if (slice_ieq(name.s, name.n, "content-disposition") && !h->has_disposition) {
			if (parse_disposition(value, h, part, err))
				return -1;
		} else if (slice_ieq(name.s, name.n, "content-type") && !h->has_type) {
			h->content_type = value;
			h->has_type = true;
		}
	}
}

/* Turn the headers and content of part number `part` into a field. */
static int make_field(struct arena *a, const struct part_headers *h, const char *content,
		      size_t clen, size_t part, struct form_field *f, struct oi_error *err)
{
	const char *why;

	if (!h->has_disposition || !h->has_name)
		return oi_error_set(err, "", 0, 0,
				    "ส่วนที่ %zu ของฟอร์มไม่มีชื่อช่อง "
				    "(Content-Disposition: form-data; name=\"...\")",
				    part);
	if (check_name(h->name.s, h->name.n, part, err))
		return -1;
	f->name = arena_strndup(a, h->name.s, h->name.n);
	if (h->has_type) {
		if ((why = line_problem(h->content_type.s, h->content_type.n)))
			return oi_error_set(err, "", 0, 0, "ช่อง \"%s\": Content-Type %s", f->name,
					    why);
		f->content_type = arena_strndup(a, h->content_type.s, h->content_type.n);
	}
	if (h->has_filename) {
		if ((why = line_problem(h->filename.s, h->filename.n)))
			return oi_error_set(err, "", 0, 0, "ช่อง \"%s\": ชื่อแฟ้ม: %s", f->name,
					    why);
		f->filename = arena_strndup(a, h->filename.s, h->filename.n);
	} else if (check_value(f->name, content, clen, err)) {
		return -1;
	}
	f->value = arena_strndup(a, content, clen);
	f->len = clen;
	return 0;
}

static int parse_multipart(struct arena *a, const char *content_type, const char *body,
			   size_t len, struct form *out, struct oi_error *err)
{
	struct slice boundary = { NULL, 0 };
	char delim[2 + FORM_MAX_BOUNDARY];
	size_t dlen, pos, cap = 0;

	out->fields = NULL;
	out->n = 0;
	if (parse_boundary(content_type, &boundary, err))
		return -1;
	memcpy(delim, "--", 2);
	memcpy(delim + 2, boundary.s, boundary.n);
	dlen = boundary.n + 2;

	/* The first delimiter opens the body, or ends a preamble that we skip. */
	if (delimiter_at(body, len, 0, delim, dlen))
		pos = dlen;
	else if ((pos = find_delimiter(body, len, 0, delim, dlen)) < len)
		pos += 1 + dlen;
	else
		return oi_error_set(err, "", 0, 0, "ไม่พบ boundary ที่ Content-Type ระบุในเนื้อหา");

	for (size_t part = 1;; part++) {
		struct part_headers h;
		size_t start, stop;

		/* pos is just after a delimiter: "--" closes, else blanks and a line end. */
		if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			return 0;   /* the epilogue after the closing delimiter is ignored */
		while (pos < len && is_space(body[pos]))
			pos++;
		if (pos < len && body[pos] == '\r')
			pos++;
		if (pos == len)
			return oi_error_set(err, "", 0, 0,
					    "ไม่พบ boundary ปิดท้าย (--%.*s--): เนื้อหาอาจถูกตัด",
					    (int)boundary.n, boundary.s);
		if (body[pos] != '\n')
			return oi_error_set(err, "", 0, 0,
					    "ส่วนที่ %zu ของฟอร์ม: มีข้อความต่อท้าย boundary "
					    "ในบรรทัดเดียวกัน", part);
		pos++;
		if (part > FORM_MAX_FIELDS)
			return oi_error_set(err, "", 0, 0, "ฟอร์มมีช่องมากเกิน %d ช่อง",
					    FORM_MAX_FIELDS);
		if (parse_part_headers(body, len, &pos, part, &h, err))
			return -1;
		start = pos;
		stop = find_delimiter(body, len, start, delim, dlen);
		if (stop == len)
			return oi_error_set(err, "", 0, 0,
					    "ไม่พบ boundary ปิดท้าย (--%.*s--): เนื้อหาอาจถูกตัด",
					    (int)boundary.n, boundary.s);
		pos = stop + 1 + dlen;
		/* the CRLF before a delimiter belongs to it, not to the content */
		if (stop > start && body[stop - 1] == '\r')
			stop--;
		if (out->n == cap) {   /* grow the field array by doubling, in the arena */
			struct form_field *bigger;

			cap = cap ? cap * 2 : 8;
			bigger = arena_alloc(a, cap * sizeof *bigger);
			if (out->n)
				memcpy(bigger, out->fields, out->n * sizeof *bigger);
			out->fields = bigger;
		}
		if (make_field(a, &h, body + start, stop - start, part, &out->fields[out->n], err))
			return -1;
		out->n++;
	}
}

/* ---- entry points: a failed parse leaves an empty form ---- */

int form_parse_urlencoded(struct arena *a, const char *s, size_t len, struct form *out,
			  struct oi_error *err)
{
	if (!parse_urlencoded(a, s, len, out, err))
		return 0;
	out->fields = NULL;
	out->n = 0;
	return -1;
}

int form_parse_multipart(struct arena *a, const char *content_type, const char *body,
			 size_t len, struct form *out, struct oi_error *err)
{
	if (!parse_multipart(a, content_type, body, len, out, err))
		return 0;
	out->fields = NULL;
	out->n = 0;
	return -1;
}

/* ---- lookups ---- */

const struct form_field *form_field(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->fields[i].name, name))
			return &f->fields[i];
	return NULL;
}

const char *form_get(const struct form *f, const char *name, size_t *len)
{
	const struct form_field *field = form_field(f, name);

	if (len)
		*len = field ? field->len : 0;
	return field ? field->value : NULL;
}
