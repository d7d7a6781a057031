/*
 * test_playbook.c — the playbook loader (src/core/playbook.c): each built-in playbook loads
 * against its framework and covers every indicator, survey question and known OIT item of it;
 * lookup by kind and code; every kind of fault in a file is refused with the exact JSON path
 * (each case is a mutation of one small valid playbook); a playbook for another framework is
 * refused; oi_playbook_open() with a path, with a built-in name and with NULL.
 */
#include <stdlib.h>
#include <unistd.h>

#include "testutil.h"

#include "openita/playbook.h"

/* A small valid playbook for ita-2565: one entry of each kind. */
static const char valid[] =
	"{\"schema\":\"openita-playbook/1\",\"id\":\"test\",\"framework_id\":\"ita-2565\","
	"\"name_th\":\"แนวทางทดสอบ\",\"entries\":["
	"{\"kind\":\"indicator\",\"code\":\"3\",\"measures_th\":\"m\",\"finding_th\":\"f\","
	"\"guideline_th\":\"g\",\"steps_th\":[\"s1\",\"s2\"],\"unit_th\":\"u\",\"followup_th\":\"x\"},"
	"{\"kind\":\"question\",\"code\":\"i13\",\"finding_th\":\"f\",\"guideline_th\":\"g\","
	"\"steps_th\":[\"s1\"],\"unit_th\":\"u\"},"
	"{\"kind\":\"oit_item\",\"code\":\"O42\",\"finding_th\":\"f\",\"guideline_th\":\"g\","
	"\"steps_th\":[\"s1\"],\"unit_th\":\"u\"}]}";

/* valid with the first occurrence of from replaced by to (malloc'd). */
static char *mutate(const char *from, const char *to)
{
	const char *at = strstr(valid, from);
	size_t n = strlen(valid) - strlen(from) + strlen(to), head;
	char *out;

	if (!at)
		fail_msg("\"%s\" is not in the valid playbook", from);
	head = (size_t)(at - valid);
	out = malloc(n + 1);
	assert_non_null(out);
	memcpy(out, valid, head);
	memcpy(out + head, to, strlen(to));
	memcpy(out + head + strlen(to), at + strlen(from), strlen(at + strlen(from)) + 1);
	return out;
}

/* Every indicator, question and known OIT item of fw has an entry, and every entry is sound. */
static void assert_covers(const struct oi_playbook *pb, const struct oi_framework *fw)
{
	size_t want = fw->n_indicators + fw->n_questions;

	for (size_t i = 0; i < fw->n_indicators; i++)
		if (!oi_playbook_find(pb, OI_PLAYBOOK_INDICATOR, fw->indicators[i].code))
			fail_msg("%s: no entry for indicator %s", fw->id, fw->indicators[i].code);
	for (size_t i = 0; i < fw->n_questions; i++)
		if (!oi_playbook_find(pb, OI_PLAYBOOK_QUESTION, fw->questions[i].code))
			fail_msg("%s: no entry for question %s", fw->id, fw->questions[i].code);
	for (size_t i = 0; i < fw->n_oit_items; i++) {
		if (fw->oit_items[i].unknown)
			continue;
		want++;
		if (!oi_playbook_find(pb, OI_PLAYBOOK_OIT_ITEM, fw->oit_items[i].code))
			fail_msg("%s: no entry for OIT item %s", fw->id, fw->oit_items[i].code);
	}
	assert_int_equal(pb->n_entries, want);
	for (size_t i = 0; i < pb->n_entries; i++) {
		const struct oi_playbook_entry *e = &pb->entries[i];

		assert_non_null(e->measures_th);
		assert_non_null(e->finding_th);
		assert_non_null(e->guideline_th);
		assert_non_null(e->unit_th);
		assert_non_null(e->followup_th);
		if (e->n_steps < 2 || e->n_steps > 4)
			fail_msg("%s: entry %s has %zu steps, want 2 to 4", fw->id, e->code, e->n_steps);
		assert_ptr_equal(oi_playbook_find(pb, e->kind, e->code), e);
	}
}

static void builtin_playbooks_cover_their_frameworks(void **state)
{
	static const char *const ids[] = {"ita-2565", "ita-2568"};
	static const size_t entries[] = {98, 77};   /* 10 + 45 + 43; 10 + 45 + 22 known items */

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		struct oi_framework *fw = load_builtin(ids[k]);
		struct oi_playbook *pb = NULL;
		struct oi_error err;
		char line[2048];

		if (oi_playbook_open(NULL, fw, &pb, &err))
			fail_msg("%s", oi_error_format(&err, line, sizeof line));
		assert_string_equal(pb->framework_id, ids[k]);
		assert_non_null(pb->name_th);
		assert_int_equal(pb->n_entries, entries[k]);
		assert_covers(pb, fw);
		oi_playbook_free(pb);
		oi_framework_free(fw);
	}
}

static void find_by_kind_and_code(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	struct oi_playbook *pb;
	const struct oi_playbook_entry *e;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_playbook_load_buffer("t.json", valid, strlen(valid), fw, &pb, &err), 0);
	assert_int_equal(pb->n_entries, 3);
	assert_string_equal(pb->id, "test");
	e = oi_playbook_find(pb, OI_PLAYBOOK_INDICATOR, "3");
	assert_non_null(e);
	assert_string_equal(e->measures_th, "m");
	assert_int_equal(e->n_steps, 2);
	assert_string_equal(e->steps_th[1], "s2");
	assert_string_equal(e->followup_th, "x");
	e = oi_playbook_find(pb, OI_PLAYBOOK_QUESTION, "i13");
	assert_non_null(e);
	assert_null(e->measures_th);        /* optional for questions and items */
	assert_null(e->followup_th);
	assert_non_null(oi_playbook_find(pb, OI_PLAYBOOK_OIT_ITEM, "O42"));
	/* the kind is part of the key */
	assert_null(oi_playbook_find(pb, OI_PLAYBOOK_QUESTION, "3"));
	assert_null(oi_playbook_find(pb, OI_PLAYBOOK_INDICATOR, "i13"));
	assert_null(oi_playbook_find(pb, OI_PLAYBOOK_QUESTION, "O42"));
	assert_null(oi_playbook_find(pb, OI_PLAYBOOK_INDICATOR, "4"));
	assert_null(oi_playbook_find(pb, OI_PLAYBOOK_QUESTION, "i13.1"));
	assert_null(oi_playbook_find(pb, OI_PLAYBOOK_OIT_ITEM, ""));
	oi_playbook_free(pb);
	oi_framework_free(fw);
}

static void each_fault_is_named_with_its_path(void **state)
{
	static const struct {
		const char *from, *to, *want;
	} cases[] = {
		{"openita-playbook/1", "openita-playbook/2",
		 "t.json: $.schema: expected \"openita-playbook/1\", found \"openita-playbook/2\""},
		{"\"name_th\":", "\"title_th\":\"x\",\"name_th\":",
		 "t.json: $: unknown key \"title_th\""},
		{"\"id\":\"test\",", "", "t.json: $.id: required, expected a string"},
		{"\"framework_id\":\"ita-2565\"", "\"framework_id\":\"ita-2568\"",
		 "t.json: $.framework_id: this playbook is for framework \"ita-2568\", not \"ita-2565\""},
		{"\"name_th\":\"แนวทางทดสอบ\"", "\"name_th\":\"\"",
		 "t.json: $.name_th: expected a non-empty string"},
		{"\"entries\":[", "\"provenance\":[],\"entries\":[",
		 "t.json: $.provenance: expected a string, found an array"},
		{"\"entries\":[", "\"entries\":[7,",
		 "t.json: $.entries[0]: expected an object, found a number"},
		{"\"kind\":\"indicator\"", "\"kind\":\"indicatr\"",
		 "t.json: $.entries[0].kind: expected \"indicator\", \"question\" or \"oit_item\", "
		 "found \"indicatr\""},
		{"\"kind\":\"indicator\"", "\"kind\":1",
		 "t.json: $.entries[0].kind: expected a string, found a number"},
		{"\"code\":\"3\"", "\"code\":\"11\"",
		 "t.json: $.entries[0].code: no indicator \"11\" in ita-2565"},
		{"\"code\":\"3\"", "\"code\":\"3 x\"", "t.json: $.entries[0].code: \"3 x\" is not a code"},
		{"\"code\":\"i13\"", "\"code\":\"i1.1\"",
		 "t.json: $.entries[1].code: \"i1.1\" is a sub-item; an entry is for a whole question"},
		{"\"code\":\"i13\"", "\"code\":\"i31\"",
		 "t.json: $.entries[1].code: no survey question \"i31\" in ita-2565"},
		{"\"code\":\"O42\"", "\"code\":\"O44\"",
		 "t.json: $.entries[2].code: no OIT item \"O44\" in ita-2565"},
		{"\"kind\":\"oit_item\",\"code\":\"O42\"", "\"kind\":\"question\",\"code\":\"i13\"",
		 "t.json: $.entries[2].code: a second entry for question \"i13\" (the first is $.entries[1])"},
		{"\"measures_th\":\"m\",", "", "t.json: $.entries[0].measures_th: required, expected a string"},
		{"\"finding_th\":\"f\",", "", "t.json: $.entries[0].finding_th: required, expected a string"},
		{"\"guideline_th\":\"g\"", "\"guideline_th\":\"\"",
		 "t.json: $.entries[0].guideline_th: expected a non-empty string"},
		{"\"steps_th\":[\"s1\",\"s2\"]", "\"steps_th\":\"s1\"",
		 "t.json: $.entries[0].steps_th: expected an array, found a string"},
		{"\"steps_th\":[\"s1\",\"s2\"]", "\"steps_th\":[]",
		 "t.json: $.entries[0].steps_th: expected 1 to 20 elements, found 0"},
		{"\"s1\",\"s2\"", "\"s1\",\"\"",
		 "t.json: $.entries[0].steps_th[1]: expected a non-empty string, found an empty string"},
		{"\"s1\",\"s2\"", "5",
		 "t.json: $.entries[0].steps_th[0]: expected a non-empty string, found a number"},
		{"\"s1\",\"s2\"", "\"s1\",\"s\\u0001\"",
		 "t.json: $.entries[0].steps_th[1]: control character at byte 2"},
		{"\"steps_th\":[\"s1\"],\"unit_th\":\"u\"}", "\"unit_th\":\"u\"}",
		 "t.json: $.entries[1].steps_th: required, expected an array"},
		{"\"unit_th\":\"u\",", "\"unit_th\":3,",
		 "t.json: $.entries[0].unit_th: expected a string, found a number"},
		{"\"unit_th\":\"u\",\"followup_th\"", "\"unit_th\":\"u\",\"owner_th\":\"o\",\"followup_th\"",
		 "t.json: $.entries[0]: unknown key \"owner_th\""},
		{"\"followup_th\":\"x\"", "\"followup_th\":[]",
		 "t.json: $.entries[0].followup_th: expected a string, found an array"},
	};
	struct oi_framework *fw = load_builtin("ita-2565");

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text = mutate(cases[i].from, cases[i].to);
		struct oi_playbook *pb = (struct oi_playbook *)1;
		struct oi_error err;

		if (!oi_playbook_load_buffer("t.json", text, strlen(text), fw, &pb, &err))
			fail_msg("case %zu (%s → %s) loaded", i, cases[i].from, cases[i].to);
		assert_null(pb);
		assert_error_contains(err, cases[i].want);
		free(text);
	}
	oi_framework_free(fw);
}

static void syntax_and_empty_input(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	struct oi_playbook *pb;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_playbook_load_buffer("t.json", valid, 0, fw, &pb, &err), -1);
	assert_error_contains(err, "t.json: the file is empty; expected a JSON playbook");
	assert_int_equal(oi_playbook_load_buffer("t.json", "{\n \"schema\": ,", 14, fw, &pb, &err),
			 -1);
	assert_null(pb);
	assert_error_contains(err, "t.json:2:");
	assert_error_contains(err, "JSON syntax");
	assert_int_equal(oi_playbook_load_buffer("t.json", "[]", 2, fw, &pb, &err), -1);
	assert_error_contains(err, "t.json: $: expected an object, found an array");
	{
		static const char none[] = "{\"schema\":\"openita-playbook/1\",\"id\":\"t\","
					   "\"framework_id\":\"ita-2565\",\"name_th\":\"n\","
					   "\"entries\":[]}";

		assert_int_equal(oi_playbook_load_buffer("t.json", none, strlen(none), fw, &pb,
							 &err), -1);
		assert_error_contains(err, "t.json: $.entries: expected 1 to 4096 elements, found 0");
	}
	oi_framework_free(fw);
}

static void a_playbook_for_another_framework_is_refused(void **state)
{
	struct oi_framework *fw65 = load_builtin("ita-2565"), *fw68 = load_builtin("ita-2568");
	struct oi_playbook *pb;
	struct oi_error err;

	(void)state;
	assert_int_equal(oi_playbook_load_buffer("t.json", valid, strlen(valid), fw68, &pb, &err),
			 -1);
	assert_null(pb);
	assert_error_contains(err, "t.json: $.framework_id: this playbook is for framework "
				   "\"ita-2565\", not \"ita-2568\"");
	/* the built-in of one framework, asked for by name, against the other */
	assert_int_equal(oi_playbook_open("ita-2568", fw65, &pb, &err), -1);
	assert_null(pb);
	assert_error_contains(err, "$.framework_id: this playbook is for framework \"ita-2568\", "
				   "not \"ita-2565\"");
	/* an OIT item that exists in ita-2565 but not in ita-2568 */
	{
		char *text = mutate("\"framework_id\":\"ita-2565\"", "\"framework_id\":\"ita-2568\"");

		assert_int_equal(oi_playbook_load_buffer("t.json", text, strlen(text), fw68, &pb,
							 &err), -1);
		assert_error_contains(err, "t.json: $.entries[2].code: no OIT item \"O42\" in ita-2568");
		free(text);
	}
	oi_framework_free(fw65);
	oi_framework_free(fw68);
}

static void open_with_a_path_a_name_and_null(void **state)
{
	struct oi_framework *fw = load_builtin("ita-2565");
	struct oi_playbook *pb;
	struct oi_error err;
	char *path = write_temp(valid);

	(void)state;
	assert_int_equal(oi_playbook_open(path, fw, &pb, &err), 0);
	assert_int_equal(pb->n_entries, 3);
	oi_playbook_free(pb);
	unlink(path);
	assert_int_equal(oi_playbook_open(path, fw, &pb, &err), -1);
	assert_null(pb);
	assert_error_contains(err, path);

	assert_int_equal(oi_playbook_open(NULL, fw, &pb, &err), 0);
	assert_string_equal(pb->framework_id, "ita-2565");
	oi_playbook_free(pb);
	assert_int_equal(oi_playbook_open("ita-2565", fw, &pb, &err), 0);
	oi_playbook_free(pb);

	assert_int_equal(oi_playbook_open("nonesuch", fw, &pb, &err), -1);
	assert_null(pb);
	assert_error_contains(err, "unknown playbook \"nonesuch\"");
	oi_playbook_free(NULL);
	oi_framework_free(fw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_playbooks_cover_their_frameworks),
		cmocka_unit_test(find_by_kind_and_code),
		cmocka_unit_test(each_fault_is_named_with_its_path),
		cmocka_unit_test(syntax_and_empty_input),
		cmocka_unit_test(a_playbook_for_another_framework_is_refused),
		cmocka_unit_test(open_with_a_path_a_name_and_null),
	};

	return cmocka_run_group_tests_name("playbook", tests, NULL, NULL);
}
