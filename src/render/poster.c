/*
 * poster.c — the survey poster (contract in poster.h).
 *
 * The page is laid out in PostScript points on A4 (595.28 x 841.89): a coloured band with the
 * assessment and fiscal year, the instrument's title, the agency's name, the QR code with the
 * link under it, how to answer, who should answer, and the anonymity note in a tinted box.
 * Every text block is measured first; the QR code then takes the height that is left (within
 * bounds), so a long agency name shrinks the code a little instead of running off the page.
 * The PNG is the same drawing scaled to 150 dpi, with the QR modules snapped to whole pixels.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "poster.h"

#define A4_W 595.28
#define A4_H 841.89
#define MARGIN 48.0
#define BAND_H 122.0
#define QR_QUIET 4            /* modules of white around the code (the standard's minimum) */
#define QR_MAX 300.0          /* points: about 10.6 cm */
#define QR_MIN 150.0
#define FONT "Laksaman"

struct rgb { double r, g, b; };

static const struct rgb ink = {0.10, 0.10, 0.12};
static const struct rgb accent = {0.09, 0.23, 0.42};
static const struct rgb muted = {0.30, 0.32, 0.36};
static const struct rgb white = {1, 1, 1};
static const struct rgb tint = {0.91, 0.95, 0.99};

static void set_rgb(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* A Pango layout of text in the poster's font, size points, width points wide, wrapped. */
static PangoLayout *text_block(cairo_t *cr, const char *text, double size, bool bold,
			       double width, PangoAlignment align, PangoWrapMode wrap)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, wrap);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double block_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void draw_block(cairo_t *cr, PangoLayout *l, double x, double y, struct rgb color)
{
	set_rgb(cr, color);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

/*
 * The QR code with its quiet zone in a square of about size points at (x, y); scale is device
 * pixels per point (0 for a vector surface), used to put module edges on whole pixels. Dark
 * modules are merged into runs per row and filled as one path, so no seams show between them.
 * Returns the side actually used.
 */
static double draw_qr(cairo_t *cr, const QRcode *qr, double x, double y, double size,
		      double scale)
{
	int total = qr->width + 2 * QR_QUIET;
	double m = size / total;

	if (scale > 0) {
		double px = floor(m * scale);

		if (px < 1)
			px = 1;
		m = px / scale;
		x = round(x * scale) / scale;
		y = round(y * scale) / scale;
	}
	set_rgb(cr, white);
	cairo_rectangle(cr, x, y, m * total, m * total);
	cairo_fill(cr);
	set_rgb(cr, ink);
	for (int r = 0; r < qr->width; r++) {
		const unsigned char *row = qr->data + (size_t)r * (size_t)qr->width;

		for (int c = 0; c < qr->width;) {
			int run = 0;

			while (c + run < qr->width && (row[c + run] & 1))
				run++;
			if (run) {
				cairo_rectangle(cr, x + (QR_QUIET + c) * m, y + (QR_QUIET + r) * m,
						run * m, m);
				c += run;
			} else {
				c++;
			}
		}
	}
	cairo_fill(cr);
	return m * total;
}

/* The text blocks of the page, laid out at one font scale. */
struct blocks {
	PangoLayout *band1, *band2, *title, *agency, *link, *how_h, *how, *who, *note;
	double fixed;            /* height of everything but the QR code and the spare gaps */
};

#define NOTE_PAD 14.0
#define STEP_INDENT 18.0

static void blocks_free(struct blocks *k)
{
	PangoLayout *all[] = {k->band1, k->band2, k->title, k->agency, k->link,
			      k->how_h, k->how, k->who, k->note};

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i])
			g_object_unref(all[i]);
	memset(k, 0, sizeof *k);
}

/* A centred block made smaller, down to min_size, until it fits on one line (a heading broken
   inside a compound word, or with "(EIT)" alone on a line, reads badly). */
static PangoLayout *one_line(cairo_t *cr, const char *text, double size, double min_size,
			     bool bold, double width)
{
	PangoLayout *l;

	for (;;) {
		l = text_block(cr, text, size, bold, width, PANGO_ALIGN_CENTER, PANGO_WRAP_WORD);
		if (pango_layout_get_line_count(l) <= 1 || size <= min_size)
			return l;
		g_object_unref(l);
		size -= 0.5;
	}
}

static void blocks_make(cairo_t *cr, const struct poster *p, double f, struct blocks *k)
{
	const double cw = A4_W - 2 * MARGIN;
	char year[96], steps[1024], who[1024];
	int n = 1;
	size_t len;

	snprintf(year, sizeof year, "ประจำปีงบประมาณ พ.ศ. %d", p->fiscal_year_be);
	len = (size_t)snprintf(steps, sizeof steps, "%d.  เปิดกล้องโทรศัพท์ แล้วสแกนคิวอาร์โค้ด "
				"(หรือพิมพ์ลิงก์ใต้คิวอาร์โค้ดในเบราว์เซอร์)", n++);
	if (p->needs_access_code && len < sizeof steps)
		len += (size_t)snprintf(steps + len, sizeof steps - len,
					"\n%d.  กรอกรหัสเข้าตอบที่ได้รับจากหน่วยงาน "
					"(รหัสหนึ่งชุดใช้ตอบได้ครั้งเดียว)", n++);
	if (len < sizeof steps)
		snprintf(steps + len, sizeof steps - len,
			 "\n%d.  ตอบให้ครบทุกข้อ แล้วกดปุ่ม “ส่งคำตอบ” ใช้เวลาประมาณ 5–10 นาที", n);

	memset(k, 0, sizeof *k);
	k->band1 = one_line(cr, "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
			    15 * f, 9, false, cw);
	k->band2 = text_block(cr, year, 25 * f, true, cw, PANGO_ALIGN_CENTER, PANGO_WRAP_WORD);
	k->title = one_line(cr, p->title_th ? p->title_th : "", 25 * f, 20 * f, true, cw);
	k->agency = text_block(cr, p->agency_name ? p->agency_name : "", 22 * f, false, cw,
			       PANGO_ALIGN_CENTER, PANGO_WRAP_WORD_CHAR);
	k->link = text_block(cr, p->url, 13.5 * f, false, cw, PANGO_ALIGN_CENTER, PANGO_WRAP_CHAR);
	k->how_h = text_block(cr, "วิธีตอบแบบวัด", 17 * f, true, cw, PANGO_ALIGN_LEFT,
			      PANGO_WRAP_WORD);
	k->how = text_block(cr, steps, 15 * f, false, cw - STEP_INDENT, PANGO_ALIGN_LEFT,
			    PANGO_WRAP_WORD);
	pango_layout_set_indent(k->how, (int)(-STEP_INDENT * PANGO_SCALE));
	if (p->respondents_th && *p->respondents_th) {
		snprintf(who, sizeof who, "ผู้ตอบแบบวัด: %s", p->respondents_th);
		k->who = text_block(cr, who, 13.5 * f, false, cw, PANGO_ALIGN_LEFT, PANGO_WRAP_WORD);
	}
	k->note = text_block(cr,
			     "ไม่ต้องระบุชื่อ ไม่ต้องมีบัญชีผู้ใช้ ระบบไม่เก็บข้อมูลที่ระบุตัวท่าน "
			     "คำตอบของท่านนับรวมกับผู้ตอบคนอื่นโดยไม่ระบุตัวตน",
			     14.5 * f, false, cw - 2 * NOTE_PAD - 5, PANGO_ALIGN_LEFT,
			     PANGO_WRAP_WORD);
	k->fixed = BAND_H + 18 + block_height(k->title) + 4 + block_height(k->agency) + 20 +
		   12 + 8 + block_height(k->link) + 16 + block_height(k->how_h) + 2 +
		   block_height(k->how) + (k->who ? 8 + block_height(k->who) : 0) + 14 +
		   block_height(k->note) + 2 * NOTE_PAD;
}

/* Lay out and draw the whole page in points. */
static void draw_poster(cairo_t *cr, const struct poster *p, const QRcode *qr, double scale)
{
	const double cw = A4_W - 2 * MARGIN;
	const double room = A4_H - MARGIN;
	struct blocks k;
	double y, qr_size, gap, band_text, side, fx, f = 1.0;

	/* the text at full size if the QR code can still be large enough, else a little smaller
	   (a very long name), down to 70 % */
	for (;;) {
		blocks_make(cr, p, f, &k);
		if (k.fixed + QR_MIN <= room || f <= 0.7)
			break;
		blocks_free(&k);
		f -= 0.05;
	}
	qr_size = room - k.fixed;
	if (qr_size > QR_MAX)
		qr_size = QR_MAX;
	if (qr_size < QR_MIN)
		qr_size = QR_MIN;
	/* what is still left goes to the gaps between the groups (at most 24 points each) */
	gap = (room - k.fixed - qr_size) / 4;
	if (gap < 0)
		gap = 0;
	if (gap > 24)
		gap = 24;

	/* the band */
	set_rgb(cr, accent);
	cairo_rectangle(cr, 0, 0, A4_W, BAND_H);
	cairo_fill(cr);
	band_text = block_height(k.band1) + 2 + block_height(k.band2);
	y = (BAND_H - band_text) / 2;
	draw_block(cr, k.band1, MARGIN, y, white);
	draw_block(cr, k.band2, MARGIN, y + block_height(k.band1) + 2, white);

	y = BAND_H + 18 + gap;
	draw_block(cr, k.title, MARGIN, y, accent);
	y += block_height(k.title) + 4;
	draw_block(cr, k.agency, MARGIN, y, ink);
	y += block_height(k.agency) + 20 + gap;

	/* the QR code in a thin rounded frame */
	side = draw_qr(cr, qr, (A4_W - qr_size) / 2, y + 6, qr_size, scale);
	fx = (A4_W - side) / 2;
	if (scale > 0)
		fx = round(fx * scale) / scale;
	rounded_rect(cr, fx - 6, y, side + 12, side + 12, 10);
	set_rgb(cr, accent);
	cairo_set_line_width(cr, 1.5);
	cairo_stroke(cr);
	y += side + 12 + 8;
	draw_block(cr, k.link, MARGIN, y, ink);
	y += block_height(k.link) + 16 + gap;

	draw_block(cr, k.how_h, MARGIN, y, accent);
	y += block_height(k.how_h) + 2;
	draw_block(cr, k.how, MARGIN + STEP_INDENT, y, ink);
	y += block_height(k.how);
	if (k.who) {
		y += 8;
		draw_block(cr, k.who, MARGIN, y, muted);
		y += block_height(k.who);
	}
	y += 14 + gap;

	rounded_rect(cr, MARGIN, y, cw, block_height(k.note) + 2 * NOTE_PAD, 8);
	set_rgb(cr, tint);
	cairo_fill(cr);
	cairo_rectangle(cr, MARGIN, y, 5, block_height(k.note) + 2 * NOTE_PAD);
	set_rgb(cr, accent);
	cairo_fill(cr);
	draw_block(cr, k.note, MARGIN + NOTE_PAD + 5, y + NOTE_PAD, ink);
	blocks_free(&k);
}

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_add(closure, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int poster_render(const struct poster *p, enum poster_format fmt, struct buf *out,
		  struct oi_error *err)
{
	cairo_surface_t *surface;
	cairo_t *cr;
	cairo_font_options_t *fo;
	cairo_status_t status;
	QRcode *qr;
	double scale = 0;

	if (!p->url || !*p->url)
		return oi_error_set(err, "", 0, 0, "the poster has no link for its QR code");
	errno = 0;
	qr = QRcode_encodeString(p->url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return oi_error_set(err, "", 0, 0,
				    "the link (%zu bytes) cannot be put in a QR code: %s",
				    strlen(p->url),
				    errno == ERANGE ? "too long" : "the encoder failed");

	if (fmt == POSTER_PNG) {
		scale = POSTER_PNG_WIDTH / A4_W;
		surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, POSTER_PNG_WIDTH,
						     POSTER_PNG_HEIGHT);
	} else {
		surface = cairo_pdf_surface_create_for_stream(write_to_buf, out, A4_W, A4_H);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
					       p->title_th ? p->title_th : "");
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "openita");
	}
	cr = cairo_create(surface);
	/* metrics as designed, not snapped to a screen's pixel grid: PDF and PNG look alike */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	if (scale > 0) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, scale, scale);
	}
	draw_poster(cr, p, qr, scale);
	cairo_show_page(cr);
	status = cairo_status(cr);
	cairo_destroy(cr);
	if (status == CAIRO_STATUS_SUCCESS && fmt == POSTER_PNG)
		status = cairo_surface_write_to_png_stream(surface, write_to_buf, out);
	cairo_surface_finish(surface);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	QRcode_free(qr);
	if (status != CAIRO_STATUS_SUCCESS)
		return oi_error_set(err, "", 0, 0, "the poster could not be drawn: %s%s",
				    cairo_status_to_string(status),
				    out->overflow ? " (the output is larger than allowed)" : "");
	return 0;
}
