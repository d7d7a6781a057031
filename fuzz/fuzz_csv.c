/*
 * fuzz_csv.c — libFuzzer driver for the CSV reader (src/core/csv.c): any bytes must give
 * records or a clean error, never a crash, a leak or a read out of bounds; every field must be
 * valid UTF-8 and carry a position inside the input.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "openita/csv.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oi_csv *csv = oi_csv_from_memory("fuzz.csv", (const char *)data, size);
	const struct oi_csv_record *rec;
	struct oi_error err;

	while (oi_csv_next(csv, &rec, &err) > 0) {
		assert(rec->n_fields >= 1);
		for (size_t i = 0; i < rec->n_fields; i++) {
			assert(utf8_valid(rec->fields[i].data, rec->fields[i].len));
			assert(rec->fields[i].line >= 1 && rec->fields[i].line <= size + 1);
		}
	}
	oi_csv_free(csv);
	return 0;
}
