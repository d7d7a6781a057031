/*
 * test_html.c — tests of the capped buffer (src/web/buf.c) and the escaping HTML writer
 * (src/web/html.c): appends up to and past the cap (refused whole, overflow sticky until reset,
 * contents always an exact prefix), growth, printf, detach and release; escaping of & < > " '
 * in text and attributes (Thai untouched, NUL as U+FFFD, html_textn stopping at its length);
 * percent-encoding of URL values (RFC 3986 unreserved kept), checked against the form parser.
 *
 * The escaping cases are tables; each case is its own cmocka test, named after the case.
 */
#include "testutil.h"

#include "arena.h"
#include "buf.h"
#include "form.h"
#include "html.h"

/* ---- buf ---- */

static void buf_starts_empty(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_false(b.overflow);
	assert_int_equal(buf_add(&b, "", 0), 0);   /* an empty append still gives a string */
	assert_non_null(b.data);
	assert_string_equal(b.data, "");
	buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.max, 100);
}

static void buf_cap_exact_fit(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 6);
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_int_equal(buf_puts(&b, "def"), 0);   /* exactly max */
	assert_string_equal(b.data, "abcdef");
	assert_int_equal(b.len, 6);
	assert_false(b.overflow);
	assert_true(b.cap <= b.max + 1);   /* never holds more than max + NUL */
	assert_int_equal(buf_add(&b, "", 0), 0);
	buf_release(&b);
}

static void buf_cap_overflow_refuses_whole(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_puts(&b, "12345"), 0);
	assert_int_equal(buf_puts(&b, "6789"), -1);   /* 9 > 8: nothing of it is kept */
	assert_true(b.overflow);
	assert_string_equal(b.data, "12345");
	assert_int_equal(b.len, 5);
	/* sticky: a later append that would fit is refused too, so no hole in the output */
	assert_int_equal(buf_puts(&b, "6"), -1);
	assert_int_equal(buf_printf(&b, "%d", 6), -1);
	assert_string_equal(b.data, "12345");
	/* reset clears the flag */
	buf_reset(&b);
	assert_false(b.overflow);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_int_equal(buf_puts(&b, "12345678"), 0);
	assert_string_equal(b.data, "12345678");
	buf_release(&b);
	assert_false(b.overflow);
}

static void buf_cap_zero(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_add(&b, "", 0), 0);
	assert_int_equal(buf_add(&b, "x", 1), -1);
	assert_true(b.overflow);
	assert_string_equal(b.data, "");
	buf_release(&b);
}

static void buf_huge_append_refused(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 10);
	assert_int_equal(buf_puts(&b, "ab"), 0);
	/* a length near SIZE_MAX must not wrap around the cap check (data is never read) */
	assert_int_equal(buf_add(&b, "x", (size_t)-1), -1);
	assert_true(b.overflow);
	assert_string_equal(b.data, "ab");
	buf_release(&b);
}

static void buf_grows_by_doubling(void **state)
{
	struct buf b;
	size_t reallocs = 0, last_cap = 0;

	(void)state;
	buf_init(&b, 1 << 20);
	for (size_t i = 0; i < 100000; i++) {
		char c = (char)('a' + i % 26);

		assert_int_equal(buf_add(&b, &c, 1), 0);
		assert_true(b.cap >= b.len + 1);
		if (b.cap != last_cap) {
			reallocs++;
			last_cap = b.cap;
		}
	}
	assert_int_equal(b.len, 100000);
	assert_int_equal(strlen(b.data), 100000);
	assert_int_equal(b.data[99999], (char)('a' + 99999 % 26));
	assert_true(reallocs <= 20);   /* doubling: about log2(100000) steps */
	buf_release(&b);
}

static void buf_keeps_nul_bytes(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_add(&b, "a\0b", 3), 0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 4);
	buf_release(&b);
}

static void buf_printf_long_and_refused(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 5000);
	assert_int_equal(buf_printf(&b, "%s=%d;", "n", 42), 0);
	assert_string_equal(b.data, "n=42;");
	assert_int_equal(buf_printf(&b, "%4000d", 7), 0);   /* past the first allocation */
	assert_int_equal(b.len, 4005);
	assert_int_equal(b.data[4004], '7');
	assert_int_equal(buf_printf(&b, "%1000d", 7), -1);  /* would pass 5000: refused whole */
	assert_int_equal(b.len, 4005);
	assert_int_equal(b.data[4005], '\0');
	buf_release(&b);
}

static void buf_detach_hands_over(void **state)
{
	struct buf b;
	size_t len = 99;
	char *s;

	(void)state;
	buf_init(&b, 50);
	s = buf_detach(&b, &len);   /* empty: still a string */
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
	buf_puts(&b, "สวัสดี");
	s = buf_detach(&b, &len);
	assert_string_equal(s, "สวัสดี");
	assert_int_equal(len, strlen("สวัสดี"));
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 50);
	free(s);
	assert_int_equal(buf_puts(&b, "again"), 0);   /* usable after detach */
	assert_string_equal(b.data, "again");
	buf_release(&b);
}

/* ---- html escaping (table) ---- */

enum html_call { TEXT, TEXTN, ATTR, RAW, URL };

struct html_case {
	const char *name;
	enum html_call call;
	const char *input;
	size_t len;   /* for TEXTN */
	const char *want;
};

#define H(name, call, input, want) {name, call, input, sizeof(input) - 1, want}
#define HN(name, input, len, want) {name, TEXTN, input, len, want}

static const struct html_case html_cases[] = {
	H("text: empty", TEXT, "", ""),
	H("text: plain", TEXT, "abc 123", "abc 123"),
	H("text: ampersand", TEXT, "a & b", "a &amp; b"),
	H("text: an entity is escaped again", TEXT, "&amp;", "&amp;amp;"),
	H("text: script tag", TEXT, "<script>alert('x')</script>",
	  "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
	H("text: double quotes", TEXT, "say \"hi\"", "say &quot;hi&quot;"),
	H("text: all five together", TEXT, "&<>\"'", "&amp;&lt;&gt;&quot;&#39;"),
	H("text: Thai is untouched", TEXT, "สำนักงาน <ก.พ.>", "สำนักงาน &lt;ก.พ.&gt;"),
	H("text: line breaks kept", TEXT, "a\r\nb\tc", "a\r\nb\tc"),
	HN("textn: stops at its length", "abc<def", 4, "abc&lt;"),
	HN("textn: zero length", "<", 0, ""),
	HN("textn: NUL becomes U+FFFD", "a\0b", 3, "a\xEF\xBF\xBD" "b"),
	H("attr: breaking out of an attribute", ATTR, "\" onmouseover=\"x",
	  "&quot; onmouseover=&quot;x"),
	H("attr: single quotes", ATTR, "' autofocus '", "&#39; autofocus &#39;"),
	H("raw: template text as it is", RAW, "<p class=\"x\">", "<p class=\"x\">"),
	H("url: unreserved kept", URL, "AZaz09-._~", "AZaz09-._~"),
	H("url: space is %20", URL, "a b", "a%20b"),
	H("url: reserved characters", URL, "a+b&c=d/e?f#g%h", "a%2Bb%26c%3Dd%2Fe%3Ff%23g%25h"),
	H("url: quotes and angle brackets", URL, "\"<'>", "%22%3C%27%3E"),
	H("url: Thai ko kai", URL, "ก", "%E0%B8%81"),
	H("url: empty", URL, "", ""),
	H("url: high bytes upper-case hex", URL, "\xFF\x80", "%FF%80"),
};

static void run_html_case(void **state)
{
	const struct html_case *tc = *state;
	struct buf b;

	buf_init(&b, 1 << 16);
	buf_puts(&b, "[");
	switch (tc->call) {
	case TEXT: html_text(&b, tc->input); break;
	case TEXTN: html_textn(&b, tc->input, tc->len); break;
	case ATTR: html_attr(&b, tc->input); break;
	case RAW: html_raw(&b, tc->input); break;
	case URL: html_urlencode(&b, tc->input); break;
	}
	buf_puts(&b, "]");
	assert_false(b.overflow);
	assert_int_equal(b.len, strlen(b.data));
	assert_memory_equal(b.data, "[", 1);
	assert_int_equal(b.len, strlen(tc->want) + 2);
	assert_memory_equal(b.data + 1, tc->want, strlen(tc->want));
	buf_release(&b);
}

/* ---- html: other ---- */

static void html_null_appends_nothing(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	html_text(&b, NULL);
	html_attr(&b, NULL);
	html_textn(&b, NULL, 5);
	html_raw(&b, NULL);
	html_urlencode(&b, NULL);
	assert_int_equal(b.len, 0);
	assert_false(b.overflow);
	buf_release(&b);
}

static void html_fmt_numbers(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 100);
	html_fmt(&b, "<td>%d</td><td>%.2f</td>", 42, 87.125);
	assert_string_equal(b.data, "<td>42</td><td>87.12</td>");
	buf_release(&b);
}

/* An escaped page cut by the cap ends on a whole entity, never half of one. */
static void html_overflow_keeps_whole_entities(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	html_text(&b, "<<<<");
	assert_true(b.overflow);
	assert_string_equal(b.data, "&lt;&lt;");
	html_text(&b, "a");   /* would fit, but the page is already cut */
	assert_string_equal(b.data, "&lt;&lt;");
	buf_release(&b);
}

/* Whatever html_urlencode writes, the form parser reads back as the same text. */
static void html_urlencode_round_trip(void **state)
{
	static const char *const texts[] = {
		"", "a b+c", "ก ข&ค=ง", "100%", "\xF0\x9F\x98\x80 emoji", "line\r\nbreak\ttab",
		"a=b&c=d", "~-._", "\"<'>#?/",
	};
	struct arena a;

	(void)state;
	arena_init(&a);
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct buf b;
		struct form f;
		struct oi_error err;
		size_t len;

		buf_init(&b, 1 << 12);
		buf_puts(&b, "v=");
		html_urlencode(&b, texts[i]);
		assert_int_equal(form_parse_urlencoded(&a, b.data, b.len, &f, &err), 0);
		assert_int_equal(f.n, 1);
		assert_string_equal(form_get(&f, "v", &len), texts[i]);
		assert_int_equal(len, strlen(texts[i]));
		buf_release(&b);
	}
	arena_release(&a);
}

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(buf_starts_empty),
		cmocka_unit_test(buf_cap_exact_fit),
		cmocka_unit_test(buf_cap_overflow_refuses_whole),
		cmocka_unit_test(buf_cap_zero),
		cmocka_unit_test(buf_huge_append_refused),
		cmocka_unit_test(buf_grows_by_doubling),
		cmocka_unit_test(buf_keeps_nul_bytes),
		cmocka_unit_test(buf_printf_long_and_refused),
		cmocka_unit_test(buf_detach_hands_over),
		cmocka_unit_test(html_null_appends_nothing),
		cmocka_unit_test(html_fmt_numbers),
		cmocka_unit_test(html_overflow_keeps_whole_entities),
		cmocka_unit_test(html_urlencode_round_trip),
	};
	size_t n_html = sizeof html_cases / sizeof html_cases[0];
	size_t n_fixed = sizeof fixed / sizeof fixed[0];
	struct CMUnitTest *tests = calloc(n_html + n_fixed, sizeof *tests);
	size_t n = 0;
	int failed;

	if (!tests)
		return 1;
	for (size_t i = 0; i < n_fixed; i++)
		tests[n++] = fixed[i];
	for (size_t i = 0; i < n_html; i++)
		tests[n++] = (struct CMUnitTest){html_cases[i].name, run_html_case, NULL, NULL,
						 (void *)&html_cases[i]};
	failed = _cmocka_run_group_tests("html", tests, n, NULL, NULL);
	free(tests);
	return failed;
}
