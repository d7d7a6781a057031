/*
 * content_type.h — reading a Content-Type header value (outside input) into the kind of
 * document it announces, for the evidence states. Private to src/check/; fuzzed by
 * fuzz/fuzz_content_type.c.
 */
#ifndef OPENITA_CHECK_CONTENT_TYPE_H
#define OPENITA_CHECK_CONTENT_TYPE_H

#include <stdbool.h>
#include <stddef.h>

enum content_kind {
	CONTENT_NONE,        /* no header, or no media type in it */
	CONTENT_HTML,        /* text/html, application/xhtml+xml */
	CONTENT_PDF,         /* application/pdf */
	CONTENT_IMAGE,       /* image/… */
	CONTENT_OFFICE,      /* Word, Excel, PowerPoint, OpenDocument, RTF */
	CONTENT_TEXT,        /* other text/… (plain, csv) */
	CONTENT_OTHER,       /* anything else (application/octet-stream, application/zip, …) */
};

/*
 * The media type of the header value ct (NULL or any bytes, NUL-terminated): the part before
 * ';', without surrounding spaces and tabs, in lower case, written to buf (size bytes, always
 * NUL-terminated; "" when there is none or it is longer than size - 1, or not of the form
 * TYPE/SUBTYPE with token characters). Returns the length written.
 */
size_t content_type_media(const char *ct, char *buf, size_t size);

/* The kind of document the header value ct announces. */
enum content_kind content_type_kind(const char *ct);

/*
 * Whether the header value ct (NULL or any bytes, NUL-terminated) says nothing about the kind
 * of document: no media type, or one of the generic "some bytes, download them" types that Thai
 * government CMS sites give PDFs and office files (application/octet-stream,
 * binary/octet-stream, application/force-download, application/x-download). Then the body's
 * first bytes decide (content_sniff()).
 */
bool content_type_generic(const char *ct);

/*
 * The kind of document the first bytes p[0..n) of a body are (p may be NULL when n is 0), by
 * their magic number only: "%PDF-" → CONTENT_PDF; PNG, JPEG, GIF → CONTENT_IMAGE; a ZIP local
 * header "PK\3\4" (docx, xlsx, pptx, odt …) or an OLE2 compound file D0 CF 11 E0 (old .doc,
 * .xls, .ppt) → CONTENT_OFFICE; anything else, or too few bytes → CONTENT_NONE. Reads at most
 * CONTENT_SNIFF_BYTES bytes; pure.
 */
#define CONTENT_SNIFF_BYTES 8
enum content_kind content_sniff(const unsigned char *p, size_t n);

/* Stable names of the kinds content_sniff() gives, for JSON and the database: "pdf", "image",
 * "office"; "" for every other kind. content_kind_of_name() is the reverse (CONTENT_NONE for a
 * name that is none of these, NULL included). */
const char *content_kind_name(enum content_kind k);
enum content_kind content_kind_of_name(const char *name);

/* The kind in Thai words for the pages ("PDF", "รูปภาพ", "เอกสารสำนักงาน"); "" for the others. */
const char *content_kind_th(enum content_kind k);

#endif
