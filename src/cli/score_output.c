/*
 * score_output.c — results as JSON, CSV and a Thai text table (see score_output.h).
 */
#include "score_output.h"

#include <string.h>

#include "cli.h"
#include "openita/thai.h"

static void put_json_string(FILE *out, const char *s)
{
	putc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20)
			fprintf(out, "\\u%04x", c);
		else
			putc(c, out);
	}
	putc('"', out);
}

static void put_number(FILE *out, double x)
{
	char buf[40];

	cli_format_double(buf, sizeof buf, x);
	fputs(buf, out);
}

static void put_json_number_or_null(FILE *out, bool has, double x)
{
	if (has)
		put_number(out, x);
	else
		fputs("null", out);
}

void score_write_json(FILE *out, const struct oi_scoreset *ss)
{
	const struct oi_framework *fw = oi_scoreset_framework(ss);
	size_t n = oi_scoreset_count(ss);

	fputs("{\"framework\": ", out);
	put_json_string(out, fw->id);
	fputs(", \"agencies\": [", out);
	for (size_t a = 0; a < n; a++) {
		struct oi_result r;
		const char *name = oi_scoreset_agency_name(ss, a);
		bool first = true;

		oi_scoreset_result(ss, a, &r);
		fputs(a ? ",\n  {\"agency\": " : "\n  {\"agency\": ", out);
		put_json_string(out, oi_scoreset_agency_code(ss, a));
		if (name) {
			fputs(", \"name\": ", out);
			put_json_string(out, name);
		}
		fputs(", \"indicators\": {", out);
		for (size_t i = 0; i < fw->n_indicators; i++) {
			fputs(i ? ", " : "", out);
			put_json_string(out, fw->indicators[i].code);
			fputs(": ", out);
			put_json_number_or_null(out, r.has_indicator[i], r.indicator[i]);
		}
		fputs("}, \"instruments\": {", out);
		for (size_t k = 0; k < fw->n_instruments; k++) {
			fputs(k ? ", " : "", out);
			put_json_string(out, fw->instruments[k].code);
			fputs(": ", out);
			put_json_number_or_null(out, r.has_instrument[k], r.instrument[k]);
		}
		fputs("}, \"total\": ", out);
		put_json_number_or_null(out, r.complete, r.total);
		fputs(", \"grade\": ", out);
		if (r.grade)
			put_json_string(out, r.grade);
		else
			fputs("null", out);
		fputs(", \"respondents\": {", out);
		for (size_t k = 0; k < fw->n_instruments; k++) {
			if (fw->instruments[k].kind != OI_SURVEY)
				continue;
			fputs(first ? "" : ", ", out);
			first = false;
			put_json_string(out, fw->instruments[k].code);
			fprintf(out, ": %lu", r.respondents[k]);
		}
		fprintf(out, "}, \"complete\": %s}", r.complete ? "true" : "false");
	}
	fputs(n ? "\n]}\n" : "]}\n", out);
}

/* A CSV field, quoted when it holds a comma, quote or line break. */
static void put_csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

void score_write_csv(FILE *out, const struct oi_scoreset *ss)
{
	const struct oi_framework *fw = oi_scoreset_framework(ss);

	fputs("agency", out);
	for (size_t i = 0; i < fw->n_indicators; i++)
		fprintf(out, ",%s", fw->indicators[i].code);
	for (size_t k = 0; k < fw->n_instruments; k++)
		fprintf(out, ",%s", fw->instruments[k].code);
	fputs(",total,grade", out);
	for (size_t k = 0; k < fw->n_instruments; k++)
		if (fw->instruments[k].kind == OI_SURVEY)
			fprintf(out, ",respondents_%s", fw->instruments[k].code);
	fputs(",complete\n", out);
	for (size_t a = 0; a < oi_scoreset_count(ss); a++) {
		struct oi_result r;

		oi_scoreset_result(ss, a, &r);
		put_csv_field(out, oi_scoreset_agency_code(ss, a));
		for (size_t i = 0; i < fw->n_indicators; i++) {
			putc(',', out);
			if (r.has_indicator[i])
				put_number(out, r.indicator[i]);
		}
		for (size_t k = 0; k < fw->n_instruments; k++) {
			putc(',', out);
			if (r.has_instrument[k])
				put_number(out, r.instrument[k]);
		}
		putc(',', out);
		if (r.complete)
			put_number(out, r.total);
		putc(',', out);
		if (r.grade)
			put_csv_field(out, r.grade);
		for (size_t k = 0; k < fw->n_instruments; k++)
			if (fw->instruments[k].kind == OI_SURVEY)
				fprintf(out, ",%lu", r.respondents[k]);
		fprintf(out, ",%s\n", r.complete ? "true" : "false");
	}
}

#define LABEL_WIDTH 58

static void text_row(FILE *out, const char *indent, const char *label, bool has, double v,
		     const char *extra)
{
	char buf[600];

	snprintf(buf, sizeof buf, "%s%s", indent, label);
	cli_put_padded(out, buf, LABEL_WIDTH);
	if (has)
		fprintf(out, "%8.2f", oi_round(v, 2));
	else
		fputs("  ไม่มีข้อมูล", out);
	fprintf(out, "%s\n", extra ? extra : "");
}

static void rule(FILE *out)
{
	for (int i = 0; i < LABEL_WIDTH + 8; i++)
		fputs("─", out);
	putc('\n', out);
}

void score_write_text(FILE *out, const struct oi_scoreset *ss)
{
	const struct oi_framework *fw = oi_scoreset_framework(ss);

	for (size_t a = 0; a < oi_scoreset_count(ss); a++) {
		const char *name = oi_scoreset_agency_name(ss, a);
		struct oi_result r;
		char label[600], extra[80];

		oi_scoreset_result(ss, a, &r);
		if (a)
			putc('\n', out);
		fprintf(out, "หน่วยงาน %s%s%s\nกรอบการประเมิน %s\n", oi_scoreset_agency_code(ss, a),
			name ? "  " : "", name ? name : "", fw->id);
		rule(out);
		cli_put_padded(out, "ตัวชี้วัด", LABEL_WIDTH);
		fputs("   คะแนน\n", out);
		rule(out);
		for (size_t k = 0; k < fw->n_instruments; k++) {
			const struct oi_instrument *ins = &fw->instruments[k];

			snprintf(label, sizeof label, "%s (%s)", ins->name_th, ins->code);
			extra[0] = '\0';
			if (ins->kind == OI_SURVEY && r.respondents[k])
				snprintf(extra, sizeof extra, "   ผู้ตอบ %lu คน", r.respondents[k]);
			text_row(out, "", label, r.has_instrument[k], r.instrument[k], extra);
			for (size_t j = 0; j < ins->n_indicators; j++) {
				size_t i = ins->indicators[j];

				snprintf(label, sizeof label, "%s. %s", fw->indicators[i].code,
					 fw->indicators[i].name_th);
				text_row(out, "    ", label, r.has_indicator[i], r.indicator[i], NULL);
			}
		}
		rule(out);
		if (r.complete) {
			text_row(out, "", "คะแนนรวม", true, r.total, NULL);
			cli_put_padded(out, fw->result_kind == OI_GRADE_BANDS ? "ระดับผลการประเมิน" :
				       "ผลการประเมิน", LABEL_WIDTH);
			size_t w = oi_display_width(r.grade);

			fprintf(out, "%*s%s\n", (int)(w < 8 ? 8 - w : 0), "", r.grade);
		} else {
			cli_put_padded(out, "คะแนนรวม", LABEL_WIDTH);
			fputs("  ข้อมูลไม่ครบ ยังไม่คำนวณคะแนนรวมและระดับ\n", out);
		}
	}
}
