/*
 * test_poster.c — the survey poster (src/render/poster.c): a one-page A4 PDF whose text layer
 * (read back with poppler's pdftotext) holds the agency's name, the title and the link; a PNG of
 * 1240 x 1754 pixels; a long agency name that still fits; a link too long for a QR code refused.
 * Also writes /tmp/poster-eit.png and /tmp/poster-eit.pdf for a person to look at.
 */
#include "testutil.h"

#include <stdint.h>

#include "buf.h"
#include "pdftext.h"
#include "poster.h"

static const char agency_name[] = "สำนักงานสาธารณสุขจังหวัดเชียงใหม่";
static const char survey_url[] = "http://ita.example.go.th/s/q3Xk9Zr2LmP0aB7cD4eF1g";

static struct poster eit_poster(void)
{
	struct poster p = {
		.title_th = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)",
		.agency_name = agency_name,
		.fiscal_year_be = 2568,
		.respondents_th = "บุคคล นิติบุคคล บริษัทเอกชน หรือหน่วยงานของรัฐอื่น "
				  "ที่มารับบริการหรือมาติดต่อหน่วยงานตามภารกิจในปีงบประมาณ",
		.url = survey_url,
	};
	return p;
}

static void test_pdf_text(void **state)
{
	struct poster p = eit_poster();
	struct oi_error err;
	struct buf b;
	char *text;

	(void)state;
	buf_init(&b, 16u << 20);
	assert_int_equal(poster_render(&p, POSTER_PDF, &b, &err), 0);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "%PDF", 4);
	write_file("/tmp/poster-eit.pdf", &b);

	text = pdf_text(&b);
	unwrap(text);
	if (!strstr(text, agency_name) || !strstr(text, survey_url) || !strstr(text, "2568") ||
	    !strstr(text, "(EIT)") || !strstr(text, "ไม่ต้องระบุชื่อ"))
		fail_msg("the poster's text lacks the name, survey_url, year or notes:\n%s", text);
	/* one page */
	assert_non_null(memmem(b.data, b.len, "/Count 1", 8));
	free(text);
	buf_release(&b);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void test_png_size(void **state)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	struct poster p = eit_poster();
	struct oi_error err;
	struct buf b;

	(void)state;
	buf_init(&b, 16u << 20);
	assert_int_equal(poster_render(&p, POSTER_PNG, &b, &err), 0);
	assert_true(b.len > 24);
	assert_memory_equal(b.data, sig, sizeof sig);
	assert_memory_equal(b.data + 12, "IHDR", 4);
	assert_int_equal(be32((const unsigned char *)b.data + 16), POSTER_PNG_WIDTH);
	assert_int_equal(be32((const unsigned char *)b.data + 20), POSTER_PNG_HEIGHT);
	write_file("/tmp/poster-eit.png", &b);
	buf_release(&b);
}

/* A name over several lines and the access-code step still give one page with every text. */
static void test_long_name_iit(void **state)
{
	static const char long_name[] =
		"สำนักงานคณะกรรมการส่งเสริมวิทยาศาสตร์ วิจัยและนวัตกรรม กระทรวงการอุดมศึกษา "
		"วิทยาศาสตร์ วิจัยและนวัตกรรม ส่วนราชการระดับกรมที่มีชื่อยาวมากเป็นพิเศษ";
	struct poster p = eit_poster();
	struct oi_error err;
	struct buf b;
	char *text;

	(void)state;
	p.title_th = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)";
	p.agency_name = long_name;
	p.needs_access_code = true;
	buf_init(&b, 16u << 20);
	assert_int_equal(poster_render(&p, POSTER_PDF, &b, &err), 0);
	assert_non_null(memmem(b.data, b.len, "/Count 1", 8));
	text = pdf_text(&b);
	unwrap(text);
	if (!strstr(text, "กระทรวงการอุดมศึกษา") || !strstr(text, "รหัสเข้าตอบ") ||
	    !strstr(text, "ไม่ต้องระบุชื่อ") || !strstr(text, survey_url))
		fail_msg("the long-name poster lacks text:\n%s", text);
	write_file("/tmp/poster-iit-long.pdf", &b);
	free(text);
	buf_release(&b);
}

static void test_link_too_long(void **state)
{
	struct poster p = eit_poster();
	struct oi_error err;
	struct buf b;
	char *huge = malloc(8000);

	(void)state;
	memset(huge, 'x', 7999);
	huge[7999] = '\0';
	p.url = huge;
	buf_init(&b, 16u << 20);
	assert_int_equal(poster_render(&p, POSTER_PNG, &b, &err), -1);
	assert_error_contains(err, "QR code");
	p.url = "";
	assert_int_equal(poster_render(&p, POSTER_PDF, &b, &err), -1);
	assert_error_contains(err, "no link");
	buf_release(&b);
	free(huge);
}

/* An output cap too small for the file is an error, not a truncated file passed off as whole. */
static void test_output_cap(void **state)
{
	struct poster p = eit_poster();
	struct oi_error err;
	struct buf b;

	(void)state;
	buf_init(&b, 2000);
	assert_int_equal(poster_render(&p, POSTER_PNG, &b, &err), -1);
	assert_error_contains(err, "larger than allowed");
	buf_release(&b);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_text),
		cmocka_unit_test(test_png_size),
		cmocka_unit_test(test_long_name_iit),
		cmocka_unit_test(test_link_too_long),
		cmocka_unit_test(test_output_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
