/*
 * test_html_text.c — the pure functions behind the link monitor's two false alarms
 * (src/check/): the visible text of HTML (html_text.c: scripts, styles, comments, tags and digits
 * go, a changed word stays), read whole or in pieces; the first bytes of a body
 * (content_sniff) and the generic content types that let them decide; and evidence_classify on
 * captures made by hand (a sniffed PDF is fine, a page whose text fingerprint is unchanged is
 * fine, a page stored before the fingerprint falls back to the raw hash).
 */
#include "testutil.h"

#include "capture.h"
#include "content_type.h"
#include "date_words.h"
#include "html_text.h"
#include "text_fingerprint.h"

/* The text of s, NUL-terminated in a static buffer. */
static const char *text_of(const char *s)
{
	static unsigned char out[4096];
	size_t n = strlen(s), k;

	assert_true(n < sizeof out);
	k = html_text_of((const unsigned char *)s, n, out);
	assert_true(k <= n);
	out[k] = '\0';
	return (const char *)out;
}

/* The text of s read in pieces of `piece` bytes must be the text of the whole. */
static void same_in_pieces(const char *s, size_t piece)
{
	unsigned char out[4096 + HTML_TEXT_SLACK], whole[4096];
	struct html_text h;
	size_t n = strlen(s), k = 0, w;

	w = html_text_of((const unsigned char *)s, n, whole);
	html_text_init(&h);
	for (size_t off = 0; off < n; off += piece) {
		size_t len = n - off < piece ? n - off : piece;

		k += html_text_add(&h, (const unsigned char *)s + off, len, out + k);
	}
	k += html_text_end(&h, out + k);
	assert_int_equal(k, w);
	assert_memory_equal(out, whole, k);
}

static const char PAGE_A[] =
	"<!DOCTYPE html><html><head><title>ประกาศ</title>"
	"<meta name=\"csrf-token\" content=\"abc123\">"
	"<style>body { color: #123 } a > b { }</style>"
	"<script type=\"text/javascript\">if (a < b && c > d) { x = \"</p>\"; } var n = 41;</script>"
	"</head><body><!-- built in 12 ms --> <a href=\"/news?sid=77f\">ข่าว</a>"
	"<p class='x>y'>วันที่ 30 พ.ย. 2569 ผู้เข้าชม ๑๒๓๔ คน</p><noscript>no 5</noscript>"
	"</body></html>";

static const char PAGE_B[] =
	"<!DOCTYPE html><html><head><title>ประกาศ</title>"
	"<meta name=\"csrf-token\" content=\"zzz999\">"
	"<style>body { color: #456 }</style>"
	"<SCRIPT>var n = 42; document.write('<b>' + n + '</b>');</SCRIPT >"
	"</head><body><!-- built in 3 ms --> <a href=\"/news?sid=1a\">ข่าว</a>"
	"<p class='x>y'>วันที่ 1 ธ.ค. 2569   ผู้เข้าชม ๙๙ คน</p><noscript>no 6</noscript>"
	"</body></html>";

static void visible_text(void **state)
{
	char first[64];

	(void)state;
	assert_string_equal(text_of(""), "");
	assert_string_equal(text_of("  plain   words\n\there  "), "plain words here");
	assert_string_equal(text_of("<p>a</p><p>b</p>"), "a b");
	assert_string_equal(text_of("a<!-- x -- y -->b"), "a b");
	assert_string_equal(text_of("a<!---->b<!-->c"), "a b c");
	assert_string_equal(text_of("a<style>p{}</style >b<noscript>n</noscript>c"), "a b c");
	assert_string_equal(text_of("<script>x</scripts>y</script>z"), "z");
	assert_string_equal(text_of("1 < 2 and 3 <4"), "< and <");
	assert_string_equal(text_of("x <"), "x <");
	assert_string_equal(text_of("<a title=\"1 > 0\">t</a>"), "t");
	assert_string_equal(text_of("<a title=\"unclosed>t"), "");
	assert_string_equal(text_of("&amp; &nbsp;"), "&amp; &nbsp;");
	assert_string_equal(text_of("ปี ๒๕๖๙ ครั้งที่ 3"), "ปี ครั้งที่");
	/* Thai letters around Thai digits stay; an E0 B9 cut short goes, and no Thai digit forms
	 * where an ASCII digit went. */
	assert_string_equal(text_of("ก๑ข"), "กข");
	assert_string_equal(text_of("\xe0\xb9\x80\xe0\xb9"), "\xe0\xb9\x80");
	assert_string_equal(text_of("a\xe0\xb9" "5\x92"), "a\x92");
	assert_string_equal(text_of("a\xe0" "5\xb9\x92"), "a\xb9\x92");
	/* Scripts, styles, comments, attributes and digits ignored: the two pages are one text. */
	assert_string_equal(text_of(PAGE_A), "ประกาศ ข่าว วันที่ พ.ย. ผู้เข้าชม คน");
	assert_string_equal(text_of(PAGE_B), "ประกาศ ข่าว วันที่ ธ.ค. ผู้เข้าชม คน");
	/* A real change of words is seen. */
	snprintf(first, sizeof first, "%s", text_of("<p>ประกาศ ฉบับ ก</p>"));
	assert_string_equal(first, "ประกาศ ฉบับ ก");
	assert_string_not_equal(first, text_of("<p>ประกาศ ฉบับ ข</p>"));
	for (size_t piece = 1; piece <= 9; piece++) {
		same_in_pieces(PAGE_A, piece);
		same_in_pieces(PAGE_B, piece);
		same_in_pieces("ก๑ข \xe0\xb9 x<", piece);
	}
}

static void sniffing(void **state)
{
	static const struct { const char *bytes; size_t n; enum content_kind kind; } cases[] = {
		{"%PDF-1.7\n", 9, CONTENT_PDF}, {"%PDF", 4, CONTENT_NONE},
		{"\x89PNG\r\n\x1a\n", 8, CONTENT_IMAGE}, {"\x89PNG\r\n\x1a", 7, CONTENT_NONE},
		{"\xff\xd8\xff\xe0", 4, CONTENT_IMAGE}, {"GIF87a", 6, CONTENT_IMAGE},
		{"GIF89a..", 8, CONTENT_IMAGE}, {"GIF88a", 6, CONTENT_NONE},
		{"PK\x03\x04\x14\x00", 6, CONTENT_OFFICE}, {"PK\x05\x06", 4, CONTENT_NONE},
		{"\xd0\xcf\x11\xe0\xa1\xb1", 6, CONTENT_OFFICE}, {"<html>", 6, CONTENT_NONE},
		{"\x00\x01binary", 8, CONTENT_NONE}, {"", 0, CONTENT_NONE},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		if (content_sniff((const unsigned char *)cases[i].bytes, cases[i].n) != cases[i].kind)
			fail_msg("case %zu: kind %d, want %d", i,
				 content_sniff((const unsigned char *)cases[i].bytes, cases[i].n),
				 cases[i].kind);
	assert_int_equal(content_sniff(NULL, 0), CONTENT_NONE);
	assert_true(content_type_generic(NULL));
	assert_true(content_type_generic(""));
	assert_true(content_type_generic("Application/Octet-Stream; name=\"a.pdf\""));
	assert_true(content_type_generic("binary/octet-stream"));
	assert_true(content_type_generic("application/force-download"));
	assert_true(content_type_generic("application/x-download"));
	assert_true(content_type_generic("not a type"));
	assert_false(content_type_generic("application/zip"));
	assert_false(content_type_generic("text/html"));
	assert_false(content_type_generic("application/pdf"));
	assert_string_equal(content_kind_name(CONTENT_PDF), "pdf");
	assert_string_equal(content_kind_name(CONTENT_HTML), "");
	assert_int_equal(content_kind_of_name("office"), CONTENT_OFFICE);
	assert_int_equal(content_kind_of_name("image"), CONTENT_IMAGE);
	assert_int_equal(content_kind_of_name(""), CONTENT_NONE);
	assert_int_equal(content_kind_of_name(NULL), CONTENT_NONE);
	assert_int_equal(content_kind_of_name("html"), CONTENT_NONE);
	assert_string_equal(content_kind_th(CONTENT_PDF), "PDF");
	assert_string_equal(content_kind_th(CONTENT_OTHER), "");
}

/* A fetched capture of content type ct with hashes made by hand. */
static struct capture made(const char *ct, const char *sha, const char *text_sha,
			   const char *sniffed)
{
	struct capture c = {0};

	c.url = c.final_url = "https://example.go.th/x";
	c.content_type = (char *)ct;
	c.error = "";
	c.outcome = CAPTURE_OK;
	c.status = 200;
	c.size = 100;
	snprintf(c.sha256, sizeof c.sha256, "%s", sha);
	snprintf(c.text_sha256, sizeof c.text_sha256, "%s", text_sha);
	snprintf(c.sniffed, sizeof c.sniffed, "%s", sniffed);
	return c;
}

static void classify_by_fingerprint_and_sniff(void **state)
{
	struct capture base = made("text/html", "aa", "t1", ""), same = made("text/html", "bb", "t1", ""),
		       words = made("text/html", "bb", "t2", ""), old = made("text/html", "aa", "", ""),
		       pdf = made("application/octet-stream", "cc", "", "pdf"),
		       none = made("", "cc", "", "office"),
		       zip = made("application/zip", "cc", "", "office"),
		       junk = made("application/octet-stream", "cc", "", ""),
		       plain = made("text/plain", "dd", "", "");

	(void)state;
	assert_int_equal(evidence_classify(&same, &base), EVIDENCE_OK);
	assert_int_equal(evidence_classify(&words, &base), EVIDENCE_CHANGED);
	/* Stored before the fingerprint (NULL → ""): the raw hash decides. */
	assert_int_equal(evidence_classify(&same, &old), EVIDENCE_CHANGED);
	assert_int_equal(evidence_classify(&old, &base), EVIDENCE_OK);
	assert_int_equal(evidence_classify(&pdf, NULL), EVIDENCE_OK);
	assert_int_equal(evidence_classify(&none, NULL), EVIDENCE_OK);
	/* Only a generic type is sniffed; a zip is a zip. */
	assert_int_equal(evidence_classify(&zip, NULL), EVIDENCE_UNEXPECTED_TYPE);
	assert_int_equal(evidence_classify(&junk, NULL), EVIDENCE_UNEXPECTED_TYPE);
	/* Not HTML: the raw hash decides even with a text fingerprint. */
	assert_int_equal(evidence_classify(&pdf, &plain), EVIDENCE_CHANGED);
}

/* s through date_words, whole and in pieces of every size 1..40 (all must agree). */
static const char *without_dates(const char *s)
{
	static unsigned char whole[1024], parts[1024 + DATE_WORDS_HOLD];
	size_t n = strlen(s), k;
	struct date_words d;

	assert_true(n < 1000);
	date_words_init(&d);
	k = date_words_add(&d, (const unsigned char *)s, n, whole);
	k += date_words_end(&d, whole + k);
	whole[k] = '\0';
	for (size_t piece = 1; piece <= 40; piece++) {
		size_t m = 0;

		date_words_init(&d);
		for (size_t off = 0; off < n; off += piece)
			m += date_words_add(&d, (const unsigned char *)s + off,
					    n - off < piece ? n - off : piece, parts + m);
		m += date_words_end(&d, parts + m);
		assert_int_equal(m, k);
		assert_memory_equal(parts, whole, k);
	}
	return (const char *)whole;
}

static void fingerprint_of(const char *page, char hex[65])
{
	struct text_fingerprint f;

	text_fingerprint_init(&f);
	text_fingerprint_add(&f, (const unsigned char *)page, strlen(page));
	text_fingerprint_final(&f, hex);
}

static void dates_in_words(void **state)
{
	char a[65], b[65], c[65];

	(void)state;
	assert_string_equal(without_dates("วันจันทร์ที่  พฤศจิกายน"), "ที่  ");
	assert_string_equal(without_dates("ประกาศ ณ วันที่  ธ.ค.  เวลา"), "ประกาศ ณ วันที่    เวลา");
	assert_string_equal(without_dates("วันพฤหัสบดีที่"), "ที่");   /* the longest, not วันพฤหัส */
	assert_string_equal(without_dates("วันพฤหัสที่"), "ที่");
	assert_string_equal(without_dates("Monday,  November"), ",  ");
	assert_string_equal(without_dates("May the budget"), "May the budget");
	assert_string_equal(without_dates("พระจันทร์ วันพระ"), "พระจันทร์ วันพระ");
	assert_string_equal(without_dates("พฤศจิกาย"), "พฤศจิกาย");    /* cut short: not a word */
	assert_string_equal(without_dates(""), "");
	/* a page's header date from one day to the next: the same fingerprint */
	fingerprint_of("<p>วันจันทร์ที่ ๓๐ พฤศจิกายน ๒๕๖๙</p><h1>แผนผังโครงสร้าง</h1>", a);
	fingerprint_of("<p>วันอังคารที่ 1 ธันวาคม 2569</p><h1>แผนผังโครงสร้าง</h1>", b);
	fingerprint_of("<p>วันอังคารที่ 1 ธันวาคม 2569</p><h1>แผนผังอัตรากำลัง</h1>", c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(visible_text),
		cmocka_unit_test(sniffing),
		cmocka_unit_test(classify_by_fingerprint_and_sniff),
		cmocka_unit_test(dates_in_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
