/*
 * test_framework.c — the framework model and loader (src/core/framework*.c): the built-in
 * files load with the structure of the method; every kind of fault in a file is rejected with
 * the JSON path and what was expected (each case is a mutation of the valid ita-2565 file);
 * wording can be replaced from a file.
 */
#include <stdlib.h>
#include <unistd.h>

#include <jansson.h>

#include "testutil.h"

static void builtin_ita_2565_has_the_method(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	long i9 = oi_framework_find_subitem(fw, "i9"), i41 = oi_framework_find_subitem(fw, "i4.1");
	long i261 = oi_framework_find_subitem(fw, "i26.1"), i11 = oi_framework_find_subitem(fw, "i1.1");
	double weights = 0;

	(void)state;
	assert_int_equal(fw->n_instruments, 3);
	assert_int_equal(fw->n_indicators, 10);
	assert_int_equal(fw->n_questions, 45);                  /* i1–i30, e1–e15 */
	assert_int_equal(fw->n_oit_items, 43);
	assert_int_equal(fw->n_subindicators, 7);
	assert_int_equal(fw->instruments[0].n_subitems, 51);    /* IIT answer codes */
	assert_int_equal(fw->instruments[1].n_subitems, 15);
	for (size_t i = 0; i < fw->n_indicators; i++)
		weights += fw->indicators[i].weight;
	assert_close(weights, 100, 1e-12);
	assert_close(fw->instruments[2].weight, 40, 1e-12);
	assert_true(oi_framework_find_subitem(fw, "i1") < 0);    /* i1 has sub-items */
	assert_true(oi_framework_find_subitem(fw, "i2") >= 0);   /* i2 has none */
	assert_true(fw->subitems[i9].reverse);
	assert_true(fw->subitems[i41].reverse);
	assert_false(fw->subitems[i261].reverse);
	assert_close(oi_subitem_score(fw, (size_t)i11, 2), 100.0 / 3, 1e-12);
	assert_close(oi_subitem_score(fw, (size_t)i9, 1), 100, 1e-12);
	assert_close(oi_subitem_score(fw, (size_t)i9, 2), 200.0 / 3, 1e-12);
	assert_close(oi_subitem_score(fw, (size_t)i41, 1), 0, 1e-12);     /* มี a bribe: 0 */
	assert_close(oi_subitem_score(fw, (size_t)i261, 1), 100, 1e-12);  /* มี a plan: 100 */
	assert_int_equal(fw->questions[fw->subitems[oi_framework_find_subitem(fw, "e1")].question]
				 .wording, OI_WORDING_PROJECT);
	assert_string_equal(fw->subindicators[fw->oit_items[oi_framework_find_oit_item(fw, "O42")]
						      .subindicator].code, "10.2");
	assert_int_equal(fw->result_kind, OI_GRADE_BANDS);
	assert_close(fw->strength_min, 90, 0);
	oi_framework_free(fw);
}

static void builtin_ita_2568_declares_what_is_unknown(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2568");
	long o2 = oi_framework_find_oit_item(fw, "O2"), o1 = oi_framework_find_oit_item(fw, "O1");

	(void)state;
	assert_int_equal(fw->result_kind, OI_RATING);
	assert_int_equal(fw->n_ratings, 5);
	assert_int_equal(fw->n_oit_items, 26);
	assert_true(fw->oit_items[o2].unknown);
	assert_null(fw->oit_items[o2].title_th);
	assert_false(fw->oit_items[o1].unknown);
	assert_true(fw->instruments[2].items_ungrouped);
	assert_int_equal(fw->n_subindicators, 0);
	assert_int_equal(fw->questions[0].wording, OI_WORDING_PROVISIONAL);
	oi_framework_free(fw);
}

static void unknown_id_lists_the_builtins(void **state)
{
	struct oi_framework *fw;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_framework_open("ita-2599", &fw, &err), -1);
	assert_null(fw);
	assert_error_contains(err, "unknown framework \"ita-2599\"; built in: ita-2565, ita-2568");
	assert_int_equal(oi_framework_open("/nonexistent/x.json", &fw, &err), -1);
	assert_error_contains(err, "/nonexistent/x.json: cannot open");
}

/* Walk "a/0/b" into the document; return the parent and the last step. */
static json_t *walk(json_t *root, const char *path, char *last, size_t size)
{
	char buf[256], *save = NULL, *tok, *next;
	json_t *cur = root;

	snprintf(buf, sizeof buf, "%s", path);
	tok = strtok_r(buf, "/", &save);
	while ((next = strtok_r(NULL, "/", &save))) {
		cur = json_is_array(cur) ? json_array_get(cur, strtoul(tok, NULL, 10))
					 : json_object_get(cur, tok);
		assert_non_null(cur);
		tok = next;
	}
	snprintf(last, size, "%s", tok);
	return cur;
}

struct mutation {
	const char *framework;   /* built-in to start from */
	const char *path;        /* "instruments/0/indicators/1/weight" */
	const char *value;       /* JSON text to set, or NULL to delete */
	const char *expect;      /* a fragment of the error */
};

static const struct mutation mutations[] = {
	{"ita-2565", "schema", "\"ita-framework/v1\"",
	 "m.json: $.schema: expected \"openita-framework/1\", found \"ita-framework/v1\""},
	{"ita-2565", "id", "\"ITA 2565\"", "$.id: \"ITA 2565\" is not a code"},
	{"ita-2565", "weigth", "6", "$: unknown key \"weigth\"; allowed keys: schema, id"},
	{"ita-2565", "instruments/0/indicators/1/weight", "\"six\"",
	 "$.instruments[0].indicators[1].weight: expected a number from 0 to 100, found a string"},
	{"ita-2565", "instruments/0/indicators/1/weight", "7",
	 "the indicator weights sum to 101; they must sum to 100"},
	{"ita-2565", "instruments/0/indicators/1/weight", "0",
	 "$.instruments[0].indicators[1].weight: expected a number greater than 0"},
	{"ita-2565", "instruments/0/indicators/0/questions/1/code", "\"i1\"",
	 "$.instruments[0].indicators[0].questions[1].code: code \"i1\" is used twice"},
	{"ita-2565", "instruments/0/indicators/0/questions/1/code", "\"1\"",
	 "code \"1\" is used twice"},
	{"ita-2565", "instruments/0/indicators/0/questions/1/scale", "\"level5\"",
	 "$.instruments[0].indicators[0].questions[1].scale: unknown scale \"level5\""},
	{"ita-2565", "instruments/0/indicators/0/questions/0/reverse", "true",
	 "$.instruments[0].indicators[0].questions[0].reverse: a question with subitems carries"},
	{"ita-2565", "instruments/0/indicators/0/questions/0/text_th", NULL,
	 "$.instruments[0].indicators[0].questions[0].text_th: required, expected a string"},
	{"ita-2565", "instruments/0/indicators/0/questions", "[]",
	 "$.instruments[0].indicators[0].questions: expected 1 to 200 elements, found 0"},
	{"ita-2565", "instruments/0/kind", "\"poll\"",
	 "$.instruments[0].kind: expected \"survey\" or \"checklist\", found \"poll\""},
	{"ita-2565", "scales/0/options/1/score", "\"100/0\"",
	 "$.scales[0].options[1].score: expected a number from 0 to 100 or a fraction"},
	{"ita-2565", "scales/0/options/1/score", "101",
	 "$.scales[0].options[1].score: expected a number from 0 to 100, found 101"},
	{"ita-2565", "scales/0/options", "[{\"label_th\": \"x\", \"score\": 0}]",
	 "$.scales[0].options: expected 2 to 10 elements, found 1"},
	{"ita-2565", "result/bands/1/max", "94.98", "leave a gap"},
	{"ita-2565", "result/bands/1/max", "95.5", "overlap"},
	{"ita-2565", "result/bands/0/max", "99", "bands must reach 100"},
	{"ita-2565", "result/bands/6/min", "1", "bands must start at 0"},
	{"ita-2565", "result/kind", "\"stars\"", "$.result.kind: expected \"grade_bands\" or \"rating\""},
	{"ita-2565", "instruments/2/indicators/0/subindicators/0/items/0", "\"O10\"",
	 "$.instruments[2].indicators[0].subindicators[1].items[0]: item \"O10\" is already in "
	 "sub-indicator \"9.1\""},
	{"ita-2565", "instruments/2/indicators/0/subindicators/0/items/0", "\"O99\"",
	 "items[0]: \"O99\" is not an item of this instrument's \"items\""},
	{"ita-2565", "instruments/2/indicators/0/subindicators/0/items/4", NULL,
	 "$.instruments[2].items: item \"O5\" is in no sub-indicator"},
	{"ita-2565", "instruments/2/items/1/status", "\"unknown\"",
	 "$.instruments[2].items[1].title_th: an item of unknown status has no title"},
	{"ita-2565", "sampling/EIT", NULL, "$.sampling: no rule for survey instrument \"EIT\""},
	{"ita-2565", "sampling/OIT", "{\"percent\": 10, \"at_least\": 30}",
	 "$.sampling.OIT: \"OIT\" is not a survey instrument"},
	{"ita-2565", "sampling/IIT/at_most", "20", "$.sampling.IIT.at_most: 20 is below at_least 30"},
	{"ita-2565", "sampling/IIT/percent", "10.5",
	 "$.sampling.IIT.percent: expected a whole number from 1 to 100"},
	{"ita-2565", "analysis", NULL, "$.analysis: required, expected an object"},
	{"ita-2565", "fiscal_years_be/0", "63", "$.fiscal_years_be[0]: expected a Buddhist Era year"},
	{"ita-2568", "result/ratings/1/total_min", "96",
	 "$.result.ratings[1].total_min: 96 is above the previous rule's 95"},
	{"ita-2568", "result/ratings/4/total_min", "10",
	 "$.result.ratings[4]: the last rule must have total_min 0"},
	{"ita-2568", "result/ratings/2/instrument_min", "{\"XIT\": 85}",
	 "$.result.ratings[2].instrument_min.XIT: unknown instrument \"XIT\""},
	{"ita-2568", "instruments/2/indicators/0/subindicators",
	 "[{\"code\": \"9.1\", \"name_th\": \"x\", \"items\": [\"O1\"]}]",
	 "its indicators have no sub-indicators"},
};

static void each_fault_is_named_with_its_path(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof mutations / sizeof *mutations; i++) {
		const struct mutation *m = &mutations[i];
		size_t len;
		const char *text = oi_builtin_framework_json(m->framework, &len);
		json_t *root = json_loadb(text, len, 0, NULL), *parent;
		struct oi_framework *fw = (void *)1;
		struct oi_error err;
		char last[64], *dumped;

		assert_non_null(root);
		parent = walk(root, m->path, last, sizeof last);
		if (!m->value) {
			if (json_is_array(parent))
				json_array_remove(parent, strtoul(last, NULL, 10));
			else
				json_object_del(parent, last);
		} else {
			json_t *v = json_loads(m->value, JSON_DECODE_ANY, NULL);

			assert_non_null(v);
			if (json_is_array(parent))
				json_array_set_new(parent, strtoul(last, NULL, 10), v);
			else
				json_object_set_new(parent, last, v);
		}
		dumped = json_dumps(root, 0);
		if (!oi_framework_load_buffer("m.json", dumped, strlen(dumped), &fw, &err))
			fail_msg("mutation %zu (%s) was accepted", i, m->path);
		assert_null(fw);
		assert_error_contains(err, m->expect);
		free(dumped);
		json_decref(root);
	}
}

static void syntax_errors_have_line_and_column(void **state)
{
	static const char text[] = "{\n  \"schema\": \"openita-framework/1\",\n  \"id\": ita\n}";
	struct oi_framework *fw;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_framework_load_buffer("s.json", text, strlen(text), &fw, &err), -1);
	assert_error_contains(err, "s.json:3:");
	assert_error_contains(err, "JSON syntax");
	assert_int_equal(oi_framework_load_buffer("e.json", "", 0, &fw, &err), -1);
	assert_error_contains(err, "e.json: the file is empty");
	assert_int_equal(oi_framework_load_buffer("a.json", "[]", 2, &fw, &err), -1);
	assert_error_contains(err, "a.json: $: expected an object, found an array");
	assert_int_equal(oi_framework_load_buffer("d.json", "{\"id\":1,\"id\":2}", 15, &fw, &err),
			 -1);
	assert_error_contains(err, "duplicate object key");
}

static void wording_can_be_replaced_from_a_file(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	struct oi_error err;
	char *path = write_temp("{\"schema\": \"openita-wording/1\", \"framework\": \"ita-2565\","
				" \"texts\": {\"e1\": \"คำถามใหม่\", \"i1.1\": \"ข้อย่อยใหม่\", "
				"\"i1\": \"หัวข้อใหม่\", \"O1\": \"ชื่อใหม่\"}}");
	long e1 = oi_framework_find_subitem(fw, "e1");

	(void)state;
	assert_int_equal(oi_framework_apply_wording_file(fw, path, &err), 0);
	assert_string_equal(fw->questions[fw->subitems[e1].question].text_th, "คำถามใหม่");
	assert_string_equal(fw->subitems[oi_framework_find_subitem(fw, "i1.1")].text_th,
			    "ข้อย่อยใหม่");
	assert_string_equal(fw->questions[0].text_th, "หัวข้อใหม่");
	assert_string_equal(fw->oit_items[oi_framework_find_oit_item(fw, "O1")].title_th,
			    "ชื่อใหม่");
	unlink(path);

	path = write_temp("{\"schema\": \"openita-wording/1\", \"framework\": \"ita-2565\","
			  " \"texts\": {\"e1\": \"ไม่ควรเปลี่ยน\", \"e99\": \"x\"}}");
	assert_int_equal(oi_framework_apply_wording_file(fw, path, &err), -1);
	assert_error_contains(err, "$.texts.e99: no question, sub-item or item \"e99\" in ita-2565");
	assert_string_equal(fw->questions[fw->subitems[e1].question].text_th, "คำถามใหม่");
	unlink(path);

	path = write_temp("{\"schema\": \"openita-wording/1\", \"framework\": \"ita-2568\","
			  " \"texts\": {}}");
	assert_int_equal(oi_framework_apply_wording_file(fw, path, &err), -1);
	assert_error_contains(err, "$.framework: this file is for \"ita-2568\", not \"ita-2565\"");
	unlink(path);
	oi_framework_free(fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_ita_2565_has_the_method),
		cmocka_unit_test(builtin_ita_2568_declares_what_is_unknown),
		cmocka_unit_test(unknown_id_lists_the_builtins),
		cmocka_unit_test(each_fault_is_named_with_its_path),
		cmocka_unit_test(syntax_errors_have_line_and_column),
		cmocka_unit_test(wording_can_be_replaced_from_a_file),
	};

	return cmocka_run_group_tests_name("framework", tests, NULL, NULL);
}
