/*
 * html_text.c — the visible text of HTML bytes, one byte at a time through a small state
 * machine (html_text.h). Each input byte is looked at once, or twice when a '<' turns out not
 * to open a tag; nothing is allocated.
 */
#include <string.h>

#include "html_text.h"

enum {
	S_TEXT,                      /* text */
	S_LT,                        /* after '<' in text */
	S_NAME,                      /* a tag's name */
	S_TAG,                       /* inside a tag, after its name */
	S_TAG_EQ,                    /* after '=' in a tag (a value may be quoted) */
	S_DQ,                        /* a "value" */
	S_SQ,                        /* a 'value' */
	S_BANG,                      /* after "<!" */
	S_BANG_DASH,                 /* after "<!-" */
	S_COMMENT,                   /* inside <!-- … --> (matched: dashes seen) */
	S_DECL,                      /* <!doctype …>, <?…>: up to '>' */
	S_RAW,                       /* inside script, style, noscript (matched: of raw_end) */
	S_RAW_END,                   /* raw_end matched: one more byte says if it ends */
};

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Write c, after the space that is due (never at the start). */
static void put(struct html_text *h, unsigned char c, unsigned char *out, size_t *k)
{
	if (h->space && h->any)
		out[(*k)++] = ' ';
	h->space = false;
	h->any = true;
	out[(*k)++] = c;
}

/* The held start of a sequence, now that the byte c after it is known not to make it a Thai
 * digit: written when c continues it (0x80–0xBF), dropped when it is cut short (malformed
 * UTF-8; c < 0 at the end). Dropping keeps a Thai digit from forming in the text out of the
 * bytes around a dropped ASCII digit ("\xe0\xb9" "5" "\x92"). */
static void flush_held(struct html_text *h, int c, unsigned char *out, size_t *k)
{
	if (c >= 0x80 && c <= 0xbf)
		for (size_t i = 0; i < h->held_len; i++)
			put(h, h->held[i], out, k);
	h->held_len = 0;
}

/* One byte of text: digits go, whitespace becomes a due space, a Thai digit (E0 B9 90–99) is
 * held until it is known. */
static void text_byte(struct html_text *h, unsigned char c, unsigned char *out, size_t *k)
{
	if (h->held_len == 1 && c == 0xb9) {
		h->held[1] = c;
		h->held_len = 2;
		return;
	}
	if (h->held_len == 2 && c >= 0x90 && c <= 0x99) {
		h->held_len = 0;
		return;
	}
	flush_held(h, c, out, k);
	if (c >= '0' && c <= '9')
		return;
	if (is_space(c)) {
		h->space = true;
	} else if (c == 0xe0) {
		h->held[0] = c;
		h->held_len = 1;
	} else {
		put(h, c, out, k);
	}
}

/* The end of a tag: into the raw text of script, style, noscript, or back to text. */
static void tag_end(struct html_text *h)
{
	static const char *const raw[] = {"script", "style", "noscript"};
	static const char *const ends[] = {"</script", "</style", "</noscript"};

	h->state = S_TEXT;
	if (h->closing || h->name_len >= sizeof h->name)
		return;
	h->name[h->name_len] = '\0';
	for (size_t i = 0; i < sizeof raw / sizeof *raw; i++)
		if (!strcmp(h->name, raw[i])) {
			h->state = S_RAW;
			h->raw_end = ends[i];
			h->matched = 0;
		}
}

/* A '<' opens a tag: its name starts, and the tag counts as a space. */
static void tag_start(struct html_text *h, int state, bool closing)
{
	h->state = state;
	h->closing = closing;
	h->name_len = 0;
	h->space = true;
}

/* Read one byte; returns true when the byte must be read again in the new state. */
static bool step(struct html_text *h, unsigned char c, unsigned char *out, size_t *k)
{
	switch (h->state) {
	case S_TEXT:
		if (c == '<') {
			flush_held(h, c, out, k);
			h->state = S_LT;
		} else {
			text_byte(h, c, out, k);
		}
		return false;
	case S_LT:
		if (is_alpha(c)) {
			tag_start(h, S_NAME, false);
			return true;
		}
		if (c == '/' || c == '!' || c == '?') {
			tag_start(h, c == '/' ? S_NAME : c == '!' ? S_BANG : S_DECL, c == '/');
			return false;
		}
		put(h, '<', out, k);
		h->state = S_TEXT;
		return true;
	case S_NAME:
		if (is_alpha(c) || (c >= '0' && c <= '9') || c == '-') {
			if (h->name_len < sizeof h->name - 1)
				h->name[h->name_len++] = (char)lower(c);
			else
				h->name_len = sizeof h->name;
			return false;
		}
		h->state = S_TAG;
		return true;
	case S_TAG:
		if (c == '>')
			tag_end(h);
		else if (c == '=')
			h->state = S_TAG_EQ;
		return false;
	case S_TAG_EQ:
		if (c == '"')
			h->state = S_DQ;
		else if (c == '\'')
			h->state = S_SQ;
		else if (c == '>')
			tag_end(h);
		else if (!is_space(c))
			h->state = S_TAG;
		return false;
	case S_DQ:
	case S_SQ:
		if (c == (h->state == S_DQ ? '"' : '\''))
			h->state = S_TAG;
		return false;
	case S_BANG:
		h->state = c == '-' ? S_BANG_DASH : c == '>' ? S_TEXT : S_DECL;
		return false;
	case S_BANG_DASH:
		if (c == '-') {
			h->state = S_COMMENT;
			h->matched = 2;   /* "<!-->" and "<!--->" are empty comments, as browsers read */
		} else {
			h->state = c == '>' ? S_TEXT : S_DECL;
		}
		return false;
	case S_COMMENT:
		if (c == '>' && h->matched >= 2)
			h->state = S_TEXT;
		else if (c == '-')
			h->matched += h->matched < 2;
		else
			h->matched = 0;
		return false;
	case S_DECL:
		if (c == '>')
			h->state = S_TEXT;
		return false;
	case S_RAW:
		if (lower(c) == (unsigned char)h->raw_end[h->matched]) {
			if (!h->raw_end[++h->matched])
				h->state = S_RAW_END;
		} else {
			h->matched = c == '<';
		}
		return false;
	case S_RAW_END:
		if (is_space(c) || c == '/' || c == '>') {
			h->closing = true;
			h->state = S_TAG;
			return true;
		}
		h->state = S_RAW;
		h->matched = 0;
		return true;
	}
	return false;
}

void html_text_init(struct html_text *h)
{
	memset(h, 0, sizeof *h);
	h->state = S_TEXT;
}

size_t html_text_add(struct html_text *h, const unsigned char *in, size_t n, unsigned char *out)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		while (step(h, in[i], out, &k))
			;
	return k;
}

size_t html_text_end(struct html_text *h, unsigned char *out)
{
	size_t k = 0;

	flush_held(h, -1, out, &k);
	if (h->state == S_LT)
		put(h, '<', out, &k);
	h->state = S_TEXT;
	return k;
}

size_t html_text_of(const unsigned char *in, size_t n, unsigned char *out)
{
	struct html_text h;
	size_t k;

	html_text_init(&h);
	k = html_text_add(&h, in, n, out);
	return k + html_text_end(&h, out + k);
}
