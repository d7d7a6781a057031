/*
 * json_read.c — typed getters over jansson with path-naming errors (see json_read.h).
 */
#include "json_read.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

const char *jr_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER:
	case JSON_REAL: return "a number";
	case JSON_TRUE:
	case JSON_FALSE: return "true/false";
	default: return "null";
	}
}

void jr_path_key(char *out, const char *path, const char *key)
{
	if (key)
		snprintf(out, JR_PATH_MAX, "%s.%s", path, key);
	else
		snprintf(out, JR_PATH_MAX, "%s", path);
}

void jr_path_index(char *out, const char *path, size_t i)
{
	snprintf(out, JR_PATH_MAX, "%s[%zu]", path, i);
}

int jr_fail(struct json_reader *r, const char *path, const char *key, const char *fmt, ...)
{
	char where[JR_PATH_MAX], what[OI_ERROR_MESSAGE_MAX - JR_PATH_MAX - 8];
	va_list ap;

	jr_path_key(where, path, key);
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return oi_error_set(r->err, r->name, 0, 0, "%s: %s", where, what);
}

int jr_object(struct json_reader *r, const json_t *v, const char *path,
	      const char *const *allowed)
{
	const char *key;
	json_t *value;

	if (!json_is_object(v))
		return jr_fail(r, path, NULL, "expected an object, found %s", jr_type_name(v));
	json_object_foreach((json_t *)v, key, value) {
		const char *const *a;

		(void)value;
		for (a = allowed; *a; a++)
			if (!strcmp(*a, key))
				break;
		if (!*a) {
			char list[400] = "";
			size_t used = 0;

			for (a = allowed; *a && used < sizeof list - 40; a++)
				used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
							 a == allowed ? "" : ", ", *a);
			return jr_fail(r, path, NULL, "unknown key \"%.60s\"; allowed keys: %s",
				       key, list);
		}
	}
	return 0;
}

int jr_string(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	      bool required, size_t max_len, const char **out)
{
	json_t *v = json_object_get(obj, key);
	const char *s;
	size_t len, i;

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return jr_fail(r, path, key, "required, expected a string");
		return 0;
	}
	if (!json_is_string(v))
		return jr_fail(r, path, key, "expected a string, found %s", jr_type_name(v));
	s = json_string_value(v);
	len = json_string_length(v);
	if (!len)
		return jr_fail(r, path, key, "expected a non-empty string");
	if (len > max_len)
		return jr_fail(r, path, key, "too long: %zu bytes, at most %zu", len, max_len);
	if (strlen(s) != len || !utf8_valid(s, len))
		return jr_fail(r, path, key, "expected UTF-8 text without NUL bytes");
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n')
			return jr_fail(r, path, key, "control character at byte %zu", i + 1);
	*out = s;
	return 0;
}

int jr_number(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	      bool required, double min, double max, double *out, bool *present)
{
	json_t *v = json_object_get(obj, key);
	double d;

	if (present)
		*present = false;
	if (!v || json_is_null(v)) {
		if (required)
			return jr_fail(r, path, key, "required, expected a number from %g to %g",
				       min, max);
		return 0;
	}
	if (!json_is_number(v))
		return jr_fail(r, path, key, "expected a number from %g to %g, found %s", min, max,
			       jr_type_name(v));
	d = json_number_value(v);
	if (!isfinite(d) || d < min || d > max)
		return jr_fail(r, path, key, "expected a number from %g to %g, found %g", min, max,
			       d);
	*out = d;
	if (present)
		*present = true;
	return 0;
}

int jr_integer(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	       bool required, long min, long max, long *out, bool *present)
{
	json_t *v = json_object_get(obj, key);

	if (present)
		*present = false;
	if (!v || json_is_null(v)) {
		if (required)
			return jr_fail(r, path, key, "required, expected a whole number from %ld to %ld",
				       min, max);
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return jr_fail(r, path, key, "expected a whole number from %ld to %ld, found %s",
			       min, max, json_is_integer(v) ? "one outside that range" :
			       jr_type_name(v));
	*out = (long)json_integer_value(v);
	if (present)
		*present = true;
	return 0;
}

int jr_bool(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	    bool def, bool *out)
{
	json_t *v = json_object_get(obj, key);

	*out = def;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return jr_fail(r, path, key, "expected true or false, found %s", jr_type_name(v));
	*out = json_is_true(v);
	return 0;
}

int jr_array(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	     bool required, size_t min, size_t max, json_t **out)
{
	json_t *v = json_object_get(obj, key);
	size_t n;

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return jr_fail(r, path, key, "required, expected an array");
		return 0;
	}
	if (!json_is_array(v))
		return jr_fail(r, path, key, "expected an array, found %s", jr_type_name(v));
	n = json_array_size(v);
	if (n < min || n > max)
		return jr_fail(r, path, key, "expected %zu to %zu elements, found %zu", min, max, n);
	*out = v;
	return 0;
}

int jr_code(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	    const char **out)
{
	const char *s;
	size_t i;

	if (jr_string(r, obj, path, key, true, 40, &s))
		return -1;
	for (i = 0; s[i]; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return jr_fail(r, path, key,
				       "\"%s\" is not a code: use letters, digits, '.', '_' and '-'", s);
	}
	*out = s;
	return 0;
}
