/*
 * json_read.h — typed reading of jansson values with errors that name the JSON path.
 * Private to libopenita; used by the framework and wording loaders.
 *
 * Every getter takes the path of the object it reads from ("$.scales[0]") and the key, and on a
 * fault fills the error as "NAME: $.scales[0].code: expected a string, found a number".
 */
#ifndef OPENITA_JSON_READ_H
#define OPENITA_JSON_READ_H

#include <jansson.h>
#include <stdbool.h>

#include "openita/error.h"

#define JR_PATH_MAX 256

struct json_reader {
	const char *name;      /* the input, for messages */
	struct oi_error *err;
};

/* "a string", "a number", … for messages. */
const char *jr_type_name(const json_t *v);

/* Report a fault at path (+ optional ".key") with a printf-style message; returns -1. */
int jr_fail(struct json_reader *r, const char *path, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Append ".key" or "[i]" to path into out (JR_PATH_MAX bytes). */
void jr_path_key(char *out, const char *path, const char *key);
void jr_path_index(char *out, const char *path, size_t i);

/* v must be an object whose keys are all in allowed (NULL-terminated). */
int jr_object(struct json_reader *r, const json_t *v, const char *path,
	      const char *const *allowed);

/* A string, 1..max_len bytes of valid UTF-8 with no control characters. Absent or null:
 * *out = NULL, an error only when required. */
int jr_string(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	      bool required, size_t max_len, const char **out);

/* A number in [min, max]. Absent or null: *present = false (error when required). */
int jr_number(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	      bool required, double min, double max, double *out, bool *present);

/* A whole number in [min, max]. */
int jr_integer(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	       bool required, long min, long max, long *out, bool *present);

/* true/false; absent means def. */
int jr_bool(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	    bool def, bool *out);

/* An array of min..max elements; *out = NULL when absent and not required. */
int jr_array(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	     bool required, size_t min, size_t max, json_t **out);

/* A code: 1..40 characters of letters, digits, '.', '_' and '-'. */
int jr_code(struct json_reader *r, const json_t *obj, const char *path, const char *key,
	    const char **out);

#endif
