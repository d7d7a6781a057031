/*
 * cmd_framework.c — `openita framework list|show|check`: the built-in frameworks, a readable
 * dump of one, and validation of a file.
 */
#include <getopt.h>
#include <math.h>
#include <string.h>

#include "cli.h"
#include "openita/framework.h"

static const char *wording_note(enum oi_wording w)
{
	switch (w) {
	case OI_WORDING_PROJECT: return " [ถ้อยคำโดยโครงการ openita]";
	case OI_WORDING_PROVISIONAL: return " [ถ้อยคำชั่วคราวจากกรอบเดิม]";
	default: return "";
	}
}

static void print_score(double s)
{
	char buf[40];

	if (fabs(s * 3 - round(s * 3)) < 1e-9 && fabs(s - round(s)) > 1e-9)
		snprintf(buf, sizeof buf, "%.0f/3", round(s * 3));
	else
		snprintf(buf, sizeof buf, "%g", s);
	fputs(buf, stdout);
}

static void show_scales(const struct oi_framework *fw)
{
	printf("\nมาตรวัด (scales)\n");
	for (size_t i = 0; i < fw->n_scales; i++) {
		const struct oi_scale *sc = &fw->scales[i];

		printf("  %s%s%s:", sc->code, sc->name_th ? " " : "", sc->name_th ? sc->name_th : "");
		for (size_t k = 0; k < sc->n_options; k++) {
			printf(" %zu = %s (", k + 1, sc->options[k].label_th);
			print_score(sc->options[k].score);
			printf(")%s", k + 1 < sc->n_options ? ";" : "\n");
		}
	}
}

static void show_survey_indicator(const struct oi_framework *fw, const struct oi_indicator *in)
{
	for (size_t j = 0; j < in->n_questions; j++) {
		const struct oi_question *q = &fw->questions[in->questions[j]];

		printf("      %s [%s] %s%s", q->code, q->scale->code, q->text_th,
		       wording_note(q->wording));
		if (!q->has_subitems && fw->subitems[q->first_subitem].reverse)
			printf(" (กลับคะแนน)");
		putchar('\n');
		for (size_t k = 0; k < q->n_notes; k++)
			printf("          %s\n", q->notes_th[k]);
		for (size_t k = 0; q->has_subitems && k < q->n_subitems; k++) {
			const struct oi_subitem *s = &fw->subitems[q->first_subitem + k];

			printf("          %s %s%s\n", s->code, s->text_th,
			       s->reverse ? " (กลับคะแนน)" : "");
		}
	}
}

static void show_checklist_indicator(const struct oi_framework *fw,
				     const struct oi_indicator *in)
{
	for (size_t j = 0; j < in->n_subindicators; j++) {
		const struct oi_subindicator *sub = &fw->subindicators[in->subindicators[j]];

		printf("      %s %s\n", sub->code, sub->name_th);
		for (size_t k = 0; k < sub->n_items; k++) {
			const struct oi_oit_item *it = &fw->oit_items[sub->items[k]];

			printf("          %s %s\n", it->code, it->title_th ? it->title_th :
			       "(ไม่ทราบชื่อข้อ — unknown)");
		}
	}
}

static void show_instruments(const struct oi_framework *fw)
{
	for (size_t k = 0; k < fw->n_instruments; k++) {
		const struct oi_instrument *ins = &fw->instruments[k];

		printf("\n%s %s — น้ำหนัก %g\n", ins->code, ins->name_th, ins->weight);
		if (ins->respondents_th)
			printf("  ผู้ตอบ: %s\n", ins->respondents_th);
		for (size_t j = 0; j < ins->n_indicators; j++) {
			const struct oi_indicator *in = &fw->indicators[ins->indicators[j]];

			printf("  ตัวชี้วัดที่ %s %s — น้ำหนัก %g\n", in->code, in->name_th, in->weight);
			if (ins->kind == OI_SURVEY)
				show_survey_indicator(fw, in);
			else
				show_checklist_indicator(fw, in);
		}
		if (ins->kind == OI_CHECKLIST && ins->items_ungrouped) {
			printf("  ข้อรายการ (ไม่ทราบการจัดกลุ่มเข้าตัวชี้วัด — item grouping unknown):\n");
			for (size_t i = 0; i < fw->n_oit_items; i++)
				if (fw->oit_items[i].instrument == k)
					printf("      %s %s\n", fw->oit_items[i].code,
					       fw->oit_items[i].title_th ? fw->oit_items[i].title_th :
					       "(ไม่ทราบชื่อข้อ — unknown)");
		}
	}
}

static void show_rules(const struct oi_framework *fw)
{
	printf("\nเกณฑ์ผลการประเมิน (ปัดคะแนนเป็นทศนิยม %u ตำแหน่งก่อนเทียบ)\n", fw->result_decimals);
	if (fw->result_kind == OI_GRADE_BANDS) {
		for (size_t i = 0; i < fw->n_bands; i++)
			printf("  %-4s %6.2f – %6.2f\n", fw->bands[i].label, fw->bands[i].min,
			       fw->bands[i].max);
	} else {
		for (size_t i = 0; i < fw->n_ratings; i++) {
			const struct oi_rating_rule *rr = &fw->ratings[i];

			printf("  %s: คะแนนรวม ≥ %g", rr->label, rr->total_min);
			if (rr->has_each_min)
				printf(" และทุกแบบวัด ≥ %g", rr->each_instrument_min);
			for (size_t k = 0; k < fw->n_instruments; k++)
				if (!isnan(rr->instrument_min[k]))
					printf(" และ %s ≥ %g", fw->instruments[k].code,
					       rr->instrument_min[k]);
			putchar('\n');
		}
	}
	printf("\nขนาดตัวอย่างขั้นต่ำ: min(N, clamp(ceil(N × ร้อยละ / 100), ขั้นต่ำ, เพดาน))\n");
	for (size_t k = 0; k < fw->n_instruments; k++) {
		const struct oi_instrument *ins = &fw->instruments[k];

		if (!ins->has_sampling)
			continue;
		printf("  %s: ร้อยละ %u, ไม่น้อยกว่า %u", ins->code, ins->sample_percent,
		       ins->sample_at_least);
		if (ins->sample_has_max)
			printf(", ไม่เกิน %lu", ins->sample_at_most);
		putchar('\n');
	}
	printf("\nเกณฑ์การวิเคราะห์: จุดแข็ง ≥ %g, เป้าหมายแบบวัด %g\n", fw->strength_min, fw->target);
}

static int show(const char *name, const char *wording)
{
	struct oi_framework *fw;
	struct oi_error err;

	if (oi_framework_open(name, &fw, &err))
		return cli_fail(&err);
	if (wording && oi_framework_apply_wording_file(fw, wording, &err)) {
		oi_framework_free(fw);
		return cli_fail(&err);
	}
	printf("%s — %s\n", fw->id, fw->name_th);
	if (fw->name_en)
		printf("%s\n", fw->name_en);
	printf("ปีงบประมาณ พ.ศ.");
	for (size_t i = 0; i < fw->n_fiscal_years; i++)
		printf(" %d", fw->fiscal_years_be[i]);
	putchar('\n');
	if (fw->provenance)
		printf("\nที่มา: %s\n", fw->provenance);
	show_scales(fw);
	show_instruments(fw);
	show_rules(fw);
	oi_framework_free(fw);
	return cli_finish_output();
}

static int check(const char *path)
{
	struct oi_framework *fw;
	struct oi_error err;

	if (oi_framework_load_file(path, &fw, &err))
		return cli_fail(&err);
	printf("%s: ok — %s: %zu instruments, %zu indicators, %zu questions, %zu answer codes, "
	       "%zu OIT items, %s\n", path, fw->id, fw->n_instruments, fw->n_indicators,
	       fw->n_questions, fw->n_subitems, fw->n_oit_items,
	       fw->result_kind == OI_GRADE_BANDS ? "grade bands" : "rating rules");
	oi_framework_free(fw);
	return cli_finish_output();
}

static int list(void)
{
	for (const char *const *id = oi_builtin_framework_ids(); *id; id++) {
		struct oi_framework *fw;
		struct oi_error err;

		if (oi_framework_open(*id, &fw, &err))
			return cli_fail(&err);
		printf("%-10s พ.ศ. %d–%d  %s\n", fw->id, fw->fiscal_years_be[0],
		       fw->fiscal_years_be[fw->n_fiscal_years - 1], fw->name_th);
		oi_framework_free(fw);
	}
	return cli_finish_output();
}

int cmd_framework(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"wording", required_argument, NULL, 'w'},
		{NULL, 0, NULL, 0},
	};
	const char *wording = NULL, *verb;
	int c;

	if (argc < 2)
		return cli_usage("framework", "expected list, show or check");
	verb = argv[1];
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "", longopts, NULL)) != -1) {
		if (c != 'w')
			return cli_usage("framework", "unknown or incomplete option \"%s\"",
					 argv[optind]);
		wording = optarg;
	}
	argc -= optind + 1;
	argv += optind + 1;
	if (!strcmp(verb, "list") && argc == 0 && !wording)
		return list();
	if (!strcmp(verb, "show") && argc == 1)
		return show(argv[0], wording);
	if (!strcmp(verb, "check") && argc == 1 && !wording)
		return check(argv[0]);
	return cli_usage("framework", "expected: list | show ID|FILE [--wording FILE] | check FILE");
}
