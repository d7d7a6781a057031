/*
 * oit_score.c — the provisional OIT scores of the agency workspace (issue 4): the NACC admin's
 * confirmed verdicts, and only those, go into a one-agency score set through the core's own
 * functions (oi_scoreset_set_verdict, then oi_scoreset_result), so the numbers are exactly the
 * ones the final scoring computes. An OIT indicator has a score only when every item of it has
 * a confirmed verdict (the core's rule); until then the section shows, per sub-indicator, how
 * many items are confirmed and passed, and labels everything provisional (in words of its own:
 * PROGRESS_PROVISIONAL_LABEL_TH marks the survey scores, which appear only at the minimum).
 */
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "oit.h"
#include "openita/score.h"

static void put_score(struct buf *b, const struct oi_framework *fw, double x)
{
	html_fmt(b, "%.*f", (int)fw->result_decimals, oi_round(x, fw->result_decimals));
}

/* Add to *confirmed the items of sub with a confirmed verdict (0 or 1, -1 not yet) and to
 * *passed those that passed. */
static void count_verdicts(const signed char *verdict, const struct oi_subindicator *sub,
			   size_t *confirmed, size_t *passed)
{
	for (size_t k = 0; k < sub->n_items; k++) {
		*confirmed += verdict[sub->items[k]] >= 0;
		*passed += verdict[sub->items[k]] == 1;
	}
}

void oit_score_section(struct web_ctx *c, const struct oi_framework *fw,
		       const struct oi_assessment *as)
{
	struct buf *b = &c->res->body;
	struct oi_oit_item_state *states = NULL;
	struct oi_scoreset *ss;
	struct oi_result *res;
	struct oi_error err;
	size_t n = 0, agency, confirmed = 0;
	signed char *verdict;

	if (oi_store_oit_states(web_app_store(c->app), as->id, c->agency.id, &states, &n, &err)) {
		html_raw(b, "<p class=\"bad\">อ่านผล OIT ไม่ได้: ");
		html_text(b, err.message);
		html_raw(b, "</p>");
		return;
	}
	ss = oi_scoreset_new(fw);
	agency = oi_scoreset_agency(ss, c->agency.code, strlen(c->agency.code));
	verdict = arena_alloc(c->arena, fw->n_oit_items + 1);
	memset(verdict, -1, fw->n_oit_items + 1);
	for (size_t i = 0; i < n; i++) {
		enum oit_status st = oit_status(&states[i]);
		long k = oit_item_index(fw, states[i].item);

		if (k < 0 || (st != OIT_CONFIRMED_PASS && st != OIT_CONFIRMED_FAIL))
			continue;
		oi_scoreset_set_verdict(ss, agency, (size_t)k, st == OIT_CONFIRMED_PASS,
					(unsigned long)k + 1);
		verdict[k] = st == OIT_CONFIRMED_PASS;
		confirmed++;
	}
	res = arena_alloc(c->arena, sizeof *res);
	oi_scoreset_result(ss, agency, res);

	html_raw(b, "<section class=\"instrument\" aria-labelledby=\"h-oit-score\"><h2 "
		    "id=\"h-oit-score\">OIT — คะแนนเบื้องต้นจากผลที่ยืนยันแล้ว (ยังไม่เป็นทางการ)"
		    "</h2><p class=\"hint\">"
		    "คำนวณจากผลการตรวจที่สำนักงาน ป.ป.ช. ยืนยันแล้ว ");
	html_fmt(b, "%zu จาก %zu ข้อ", confirmed, fw->n_oit_items);
	html_raw(b, " ด้วยวิธีเดียวกับการคำนวณผลจริง ตัวชี้วัดจะมีคะแนนเมื่อยืนยันผลครบทุกข้อของ"
		    "ตัวชี้วัดนั้น · <a href=\"");
	oit_href(b, "/agency/", c->agency.code, "/oit");
	html_raw(b, "\">ข้อมูล OIT ของหน่วยงาน</a></p><div class=\"table-wrap\"><table "
		    "class=\"provisional\" id=\"oit-scores\"><thead><tr><th scope=\"col\">ตัวชี้วัด / "
		    "ตัวชี้วัดย่อย</th><th scope=\"col\" class=\"num\">ยืนยันแล้ว</th><th scope=\"col\" "
		    "class=\"num\">ผ่าน</th><th scope=\"col\" class=\"num\">คะแนน</th></tr></thead>"
		    "<tbody>");
	for (size_t i = 0; i < fw->n_indicators; i++) {
		const struct oi_indicator *ind = &fw->indicators[i];
		size_t ind_conf = 0, ind_items = 0, ind_pass = 0;

		if (!ind->n_subindicators)
			continue;
		for (size_t j = 0; j < ind->n_subindicators; j++) {
			const struct oi_subindicator *sub = &fw->subindicators[ind->subindicators[j]];

			count_verdicts(verdict, sub, &ind_conf, &ind_pass);
			ind_items += sub->n_items;
		}
		html_raw(b, "<tr><th scope=\"row\">");
		html_text(b, ind->code);
		html_raw(b, ". ");
		html_text(b, ind->name_th);
		html_fmt(b, "</th><td class=\"num\">%zu/%zu</td><td class=\"num\">%zu</td>"
			    "<td class=\"num\">", ind_conf, ind_items, ind_pass);
		if (res->has_indicator[i])
			put_score(b, fw, res->indicator[i]);
		else
			html_raw(b, "ยังไม่ครบ");
		html_raw(b, "</td></tr>");
		for (size_t j = 0; j < ind->n_subindicators; j++) {
			const struct oi_subindicator *sub = &fw->subindicators[ind->subindicators[j]];
			size_t conf = 0, pass = 0;

			count_verdicts(verdict, sub, &conf, &pass);
			html_raw(b, "<tr class=\"sub\"><td>&nbsp;&nbsp;");
			html_text(b, sub->code);
			html_raw(b, " ");
			html_text(b, sub->name_th);
			html_fmt(b, "</td><td class=\"num\">%zu/%zu</td><td class=\"num\">%zu</td>"
				    "<td class=\"num\">", conf, sub->n_items, pass);
			/* 100 × passed / items, the core's sub-indicator, once all are confirmed */
			if (conf == sub->n_items && sub->n_items)
				put_score(b, fw, 100.0 * (double)pass / (double)sub->n_items);
			else
				html_raw(b, "—");
			html_raw(b, "</td></tr>");
		}
	}
	html_raw(b, "</tbody></table></div></section>");
	oi_scoreset_free(ss);
	free(states);
}
