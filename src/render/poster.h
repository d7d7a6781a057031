/*
 * poster.h — the survey poster: one A4 portrait page an agency prints and puts up at its
 * service counter or staff room, with the survey's QR code, its link, and what a respondent
 * needs to know (who should answer, that it is anonymous, how to open it).
 *
 * Drawn with Cairo; Thai text is shaped and line-broken by Pango (HarfBuzz, libthai) in the
 * font "Laksaman" (fonts-tlwg-laksaman, a TH Sarabun design); the QR code comes from
 * libqrencode (error correction level M, a quiet zone of 4 modules) and is drawn as
 * rectangles, so the PDF stays vector and the PNG stays sharp.
 */
#ifndef OPENITA_RENDER_POSTER_H
#define OPENITA_RENDER_POSTER_H

#include <stdbool.h>

#include "buf.h"
#include "openita/error.h"

enum poster_format {
	POSTER_PDF,      /* one A4 page, vector */
	POSTER_PNG,      /* A4 at 150 dpi: 1240 x 1754 pixels */
};

#define POSTER_PNG_WIDTH 1240
#define POSTER_PNG_HEIGHT 1754

/* What a poster says. Strings are UTF-8 and borrowed for the call. */
struct poster {
	const char *title_th;        /* "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)" */
	const char *agency_name;     /* wrapped over as many lines as it needs */
	int fiscal_year_be;          /* 2568 */
	const char *respondents_th;  /* who should answer; NULL or "" to leave out */
	const char *url;             /* the absolute survey link the QR code carries */
	bool needs_access_code;      /* say that a single-use access code from the agency is
					needed (an IIT that requires codes) */
};

/*
 * Render the poster as fmt and append the file's bytes to out. Returns 0, or -1 with err
 * filled when the link cannot be put in a QR code (too long) or Cairo fails (out may then hold
 * part of a file: the caller discards it).
 */
int poster_render(const struct poster *p, enum poster_format fmt, struct buf *out,
		  struct oi_error *err);

#endif
