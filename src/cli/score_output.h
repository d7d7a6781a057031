/*
 * score_output.h — writing the results of `openita score` as JSON, CSV or a Thai text table
 * (docs/formats.md). Numbers in JSON and CSV are unrounded (shortest exact decimal text); the
 * text table shows two decimals with the Thai indicator names, as agencies' reports do.
 */
#ifndef OPENITA_SCORE_OUTPUT_H
#define OPENITA_SCORE_OUTPUT_H

#include <stdio.h>

#include "openita/score.h"

void score_write_json(FILE *out, const struct oi_scoreset *ss);
void score_write_csv(FILE *out, const struct oi_scoreset *ss);
void score_write_text(FILE *out, const struct oi_scoreset *ss);

#endif
