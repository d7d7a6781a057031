/*
 * capture_json.c — a capture as one JSON object, the stable names of outcomes, and how evidence
 * stands against its submitted capture (capture.h). Strings from outside (URLs, content types,
 * curl's messages) are written as valid JSON whatever their bytes: malformed UTF-8 becomes
 * U+FFFD, control characters are escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "capture.h"
#include "content_type.h"
#include "utf8.h"

struct text {
	char *data;
	size_t len, cap;
};

static void put(struct text *t, const char *s, size_t len)
{
	if (t->len + len + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 256;

		while (cap < t->len + len + 1)
			cap *= 2;
		t->data = xrealloc(t->data, cap);
		t->cap = cap;
	}
	memcpy(t->data + t->len, s, len);
	t->len += len;
	t->data[t->len] = '\0';
}

static void put_str(struct text *t, const char *s)
{
	put(t, s, strlen(s));
}

/* Length of the UTF-8 sequence a lead byte starts (1 for a stray byte). */
static size_t sequence_length(unsigned char c)
{
	return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

static void put_json_string(struct text *t, const char *s)
{
	size_t i = 0, n = strlen(s);

	put(t, "\"", 1);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(t, esc, 2);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			put_str(t, esc);
			i++;
		} else if (c < 0x80) {
			put(t, s + i, 1);
			i++;
		} else {
			size_t len = sequence_length(c);

			if (i + len <= n && utf8_valid(s + i, len)) {
				put(t, s + i, len);
				i += len;
			} else {
				put_str(t, "\\ufffd");
				i++;
			}
		}
	}
	put(t, "\"", 1);
}

/* s as a JSON string, or null when it is empty. */
static void put_json_or_null(struct text *t, const char *s)
{
	if (*s)
		put_json_string(t, s);
	else
		put_str(t, "null");
}

char *capture_to_json(const struct capture *c)
{
	struct text t = {0};
	char num[64];
	time_t when = (time_t)c->fetched_at;
	struct tm tm;

	put_str(&t, "{\"url\":");
	put_json_string(&t, c->url ? c->url : "");
	put_str(&t, ",\"final_url\":");
	put_json_string(&t, c->final_url ? c->final_url : "");
	snprintf(num, sizeof num, ",\"status\":%ld", c->status);
	put_str(&t, num);
	put_str(&t, ",\"content_type\":");
	put_json_string(&t, c->content_type ? c->content_type : "");
	snprintf(num, sizeof num, ",\"size\":%llu", (unsigned long long)c->size);
	put_str(&t, num);
	put_str(&t, ",\"sha256\":");
	put_json_string(&t, c->sha256);
	put_str(&t, ",\"text_sha256\":");
	put_json_or_null(&t, c->text_sha256);
	put_str(&t, ",\"sniffed\":");
	put_json_or_null(&t, c->sniffed);
	put_str(&t, ",\"fetched_at\":");
	if (gmtime_r(&when, &tm) && strftime(num, sizeof num, "%Y-%m-%dT%H:%M:%SZ", &tm))
		put_json_string(&t, num);
	else
		put_str(&t, "null");
	put_str(&t, ",\"outcome\":");
	put_json_string(&t, capture_outcome_name(c->outcome));
	put_str(&t, ",\"error\":");
	if (c->outcome == CAPTURE_OK || !c->error || !*c->error)
		put_str(&t, "null");
	else
		put_json_string(&t, c->error);
	put_str(&t, "}");
	return t.data;
}

const char *capture_outcome_name(enum capture_outcome o)
{
	static const char *const names[] = {
		[CAPTURE_OK] = "ok",
		[CAPTURE_HTTP_ERROR] = "http_error",
		[CAPTURE_DNS] = "dns",
		[CAPTURE_REFUSED] = "refused",
		[CAPTURE_TIMEOUT] = "timeout",
		[CAPTURE_TOO_LARGE] = "too_large",
		[CAPTURE_TOO_MANY_REDIRECTS] = "too_many_redirects",
		[CAPTURE_FORBIDDEN_ADDRESS] = "forbidden_address",
		[CAPTURE_BAD_URL] = "bad_url",
		[CAPTURE_TLS] = "tls",
		[CAPTURE_OTHER] = "other",
	};

	if ((unsigned)o < sizeof names / sizeof *names && names[o])
		return names[o];
	return "other";
}

/* A response came whose body can stand as the evidence (a 2xx, possibly cut at max_body). */
static bool fetched(const struct capture *c)
{
	return c->outcome == CAPTURE_OK ||
	       (c->outcome == CAPTURE_TOO_LARGE && c->status >= 200 && c->status <= 299);
}

enum evidence_state evidence_classify(const struct capture *latest, const struct capture *baseline)
{
	enum content_kind kind;

	if (!latest || !fetched(latest))
		return EVIDENCE_BROKEN;
	if (latest->size == 0)
		return EVIDENCE_EMPTY;
	kind = content_type_kind(latest->content_type);
	if ((kind == CONTENT_NONE || kind == CONTENT_OTHER) &&
	    content_type_generic(latest->content_type))
		kind = content_kind_of_name(latest->sniffed);
	if (kind == CONTENT_NONE || kind == CONTENT_OTHER)
		return EVIDENCE_UNEXPECTED_TYPE;
	if (!baseline || !fetched(baseline) || !baseline->sha256[0])
		return EVIDENCE_OK;
	if (kind == CONTENT_HTML && latest->text_sha256[0] && baseline->text_sha256[0])
		return strcmp(baseline->text_sha256, latest->text_sha256) ? EVIDENCE_CHANGED
									   : EVIDENCE_OK;
	return strcmp(baseline->sha256, latest->sha256) ? EVIDENCE_CHANGED : EVIDENCE_OK;
}

const char *evidence_state_name(enum evidence_state s)
{
	static const char *const names[] = {
		[EVIDENCE_OK] = "ok",
		[EVIDENCE_BROKEN] = "broken",
		[EVIDENCE_CHANGED] = "changed",
		[EVIDENCE_EMPTY] = "empty",
		[EVIDENCE_UNEXPECTED_TYPE] = "unexpected_type",
	};

	if ((unsigned)s < sizeof names / sizeof *names && names[s])
		return names[s];
	return "broken";
}

const char *evidence_state_th(enum evidence_state s)
{
	static const char *const names[] = {
		[EVIDENCE_OK] = "ใช้งานได้",
		[EVIDENCE_BROKEN] = "ลิงก์เสีย",
		[EVIDENCE_CHANGED] = "เนื้อหาเปลี่ยน",
		[EVIDENCE_EMPTY] = "หน้าว่าง",
		[EVIDENCE_UNEXPECTED_TYPE] = "ชนิดไฟล์ไม่ตรง",
	};

	if ((unsigned)s < sizeof names / sizeof *names && names[s])
		return names[s];
	return names[EVIDENCE_BROKEN];
}
