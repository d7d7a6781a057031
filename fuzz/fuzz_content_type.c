/*
 * fuzz_content_type.c — libFuzzer driver for what evidence capture does with strings from
 * outside: Content-Type values (src/check/content_type.c), the first bytes of a body
 * (content_sniff, over the raw input, NULs included) and the JSON line of a capture whose URL,
 * final URL, content type and message are any bytes (src/check/capture_json.c). The media type
 * must come out lower-case TYPE/SUBTYPE of token characters or empty, the kind must be a known
 * one, a sniffed kind only PDF, image, office or none and the same for any longer input with
 * that start, and the JSON must always parse (jansson) and give the URL back, malformed UTF-8
 * replaced.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "capture.h"
#include "content_type.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), media[128];
	struct capture c = {0};
	enum content_kind kind;
	size_t len;
	json_t *root;
	char *json;

	memcpy(text, data, size);
	text[size] = '\0';   /* a header value ends at the first NUL, as curl gives it */

	len = content_type_media(text, media, sizeof media);
	assert(len == strlen(media) && len < sizeof media);
	if (len) {
		assert(strchr(media, '/') && media[0] != '/' && media[len - 1] != '/');
		for (size_t i = 0; i < len; i++)
			assert(media[i] > ' ' && media[i] < 0x7f && !(media[i] >= 'A' && media[i] <= 'Z'));
	}
	kind = content_type_kind(text);
	assert(kind >= CONTENT_NONE && kind <= CONTENT_OTHER);
	assert((kind == CONTENT_NONE) == (len == 0));
	if (content_type_generic(text))
		assert(kind == CONTENT_NONE || kind == CONTENT_OTHER);

	kind = content_sniff(data, size);
	assert(kind == CONTENT_NONE || kind == CONTENT_PDF || kind == CONTENT_IMAGE ||
	       kind == CONTENT_OFFICE);
	assert(kind == content_sniff(data, size < CONTENT_SNIFF_BYTES ? size : CONTENT_SNIFF_BYTES));
	assert(content_kind_of_name(content_kind_name(kind)) == kind);
	c.sniffed[0] = '\0';
	snprintf(c.sniffed, sizeof c.sniffed, "%s", content_kind_name(kind));

	c.url = text;
	c.final_url = text;
	c.content_type = text;
	c.error = text;
	c.outcome = (enum capture_outcome)(size % (CAPTURE_OTHER + 1));
	c.status = (long)size;
	c.fetched_at = (int64_t)size * 1000003;
	json = capture_to_json(&c);
	root = json_loads(json, 0, NULL);
	assert(root);
	{
		const char *url = json_string_value(json_object_get(root, "url"));

		assert(url);
		if (utf8_valid(text, strlen(text)))
			assert(!strcmp(url, text));
		assert(json_is_null(json_object_get(root, "text_sha256")));
		assert(!*c.sniffed == json_is_null(json_object_get(root, "sniffed")));
	}
	json_decref(root);
	free(json);
	free(text);
	return 0;
}
