/*
 * test_cli.c — the `openita` program as a user runs it (src/cli/): exit statuses, output on
 * stdout, errors on stderr and nothing on stdout when input is bad; the seeds' results through
 * `openita score --format json`. The program is $OPENITA_BIN, run from $OPENITA_ROOT.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

#include "testutil.h"

struct run {
	int status;
	char out[1 << 20];
	char err[8192];
};

static struct run R;

/* Run "openita ARGS" from the repository root; fill R. */
static void run(const char *args)
{
	const char *bin = getenv("OPENITA_BIN"), *root = getenv("OPENITA_ROOT");
	char cmd[4096], errpath[] = "/tmp/openita-cli-XXXXXX";
	FILE *p, *e;
	size_t n;
	int fd = mkstemp(errpath);

	assert_true(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s 2>%s", root ? root : ".",
		 bin ? bin : "build/openita", args, errpath);
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(R.out, 1, sizeof R.out - 1, p);
	R.out[n] = '\0';
	R.status = WEXITSTATUS(pclose(p));
	e = fopen(errpath, "r");
	n = fread(R.err, 1, sizeof R.err - 1, e);
	R.err[n] = '\0';
	fclose(e);
	unlink(errpath);
}

static void sample_prints_a_bare_integer(void **state)
{
	(void)state;
	run("sample --framework ita-2565 --population 301");
	assert_int_equal(R.status, 0);
	assert_string_equal(R.out, "31\n");
	run("sample --framework ita-2565 --population 29 --instrument EIT");
	assert_string_equal(R.out, "29\n");
	run("sample --framework ita-2565 --population -5");
	assert_int_equal(R.status, 2);
	assert_string_equal(R.out, "");
	assert_non_null(strstr(R.err, "--population must be a whole number"));
	run("sample --framework ita-2565 --population 10 --instrument OIT");
	assert_int_equal(R.status, 2);
	assert_non_null(strstr(R.err, "\"OIT\" is not a survey instrument of ita-2565"));
}

static void seeds_through_json(void **state)
{
	static const struct { const char *agency, *grade; double total; } want[] = {
		{"seed-000", "AA", 95.15}, {"seed-001", "B", 77.98},
		{"seed-002", "C", 71.07}, {"seed-004", "AA", 98.02},
	};
	json_t *root, *agencies;

	(void)state;
	run("score --framework ita-2565 --indicators tests/data/seeds/indicators.csv --format json");
	assert_int_equal(R.status, 0);
	root = json_loads(R.out, 0, NULL);
	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "framework")), "ita-2565");
	agencies = json_object_get(root, "agencies");
	assert_int_equal(json_array_size(agencies), 4);
	for (size_t i = 0; i < 4; i++) {
		json_t *a = json_array_get(agencies, i);

		assert_string_equal(json_string_value(json_object_get(a, "agency")), want[i].agency);
		assert_string_equal(json_string_value(json_object_get(a, "grade")), want[i].grade);
		assert_close(json_real_value(json_object_get(a, "total")), want[i].total, 0.01);
		assert_true(json_is_true(json_object_get(a, "complete")));
	}
	/* numbers are unrounded: seed 000's total is 95.1456 exactly as computed */
	assert_non_null(strstr(R.out, "\"total\": 95.1456,"));
	json_decref(root);
}

static void text_table_has_thai_names_and_two_decimals(void **state)
{
	(void)state;
	run("score --framework ita-2565 --indicators tests/data/seeds/indicators.csv");
	assert_int_equal(R.status, 0);
	assert_non_null(strstr(R.out, "การใช้ทรัพย์สินของราชการ"));
	assert_non_null(strstr(R.out, "78.81"));
	assert_non_null(strstr(R.out, "95.15"));
	assert_non_null(strstr(R.out, "ระดับผลการประเมิน"));
}

static void incomplete_data_gets_no_grade(void **state)
{
	char *path = write_temp("agency,1,2,3,4,5,6,7,8,9,10\nX,90,90,90,90,90,90,90,90,90,\n");

	(void)state;
	run("score --framework ita-2565 --format csv --indicators /dev/stdin < /dev/null");
	assert_int_equal(R.status, 2);                        /* empty input */
	assert_non_null(strstr(R.err, "the file is empty"));
	{
		char args[256];

		snprintf(args, sizeof args, "score --framework ita-2565 --format csv --indicators %s",
			 path);
		run(args);
	}
	assert_int_equal(R.status, 0);
	assert_non_null(strstr(R.out, "X,90,90,90,90,90,90,90,90,90,,90,90,,,,0,0,false\n"));
	unlink(path);
}

static void bad_input_prints_location_and_nothing_on_stdout(void **state)
{
	char *path = write_temp("agency,item,result\nA1,O1,pass\nA1,O77,pass\n");
	char args[256];

	(void)state;
	snprintf(args, sizeof args, "score --framework ita-2565 --iit data/demo/iit.csv --oit %s "
		 "--format json", path);
	run(args);
	assert_int_equal(R.status, 2);
	assert_string_equal(R.out, "");
	assert_non_null(strstr(R.err, ":3:4: unknown item \"O77\""));
	assert_non_null(strstr(R.err, path));
	unlink(path);

	run("score --framework ita-2568 --oit data/demo/oit.csv");
	assert_int_equal(R.status, 2);
	assert_string_equal(R.out, "");
	assert_non_null(strstr(R.err, "data/demo/oit.csv:1:1: framework ita-2568 does not say"));

	run("score --framework ita-2599 --oit data/demo/oit.csv");
	assert_int_equal(R.status, 2);
	assert_non_null(strstr(R.err, "unknown framework \"ita-2599\"; built in: ita-2565, ita-2568"));

	run("score --framework ita-2565 --iit /nonexistent.csv");
	assert_int_equal(R.status, 2);
	assert_non_null(strstr(R.err, "/nonexistent.csv: cannot open"));

	run("score --framework ita-2565");
	assert_int_equal(R.status, 2);
	assert_non_null(strstr(R.err, "nothing to score"));

	run("score --framework ita-2565 --eit data/demo/iit.csv");
	assert_int_equal(R.status, 2);
	assert_non_null(strstr(R.err, "data/demo/iit.csv:1:19: column \"i1.1\" is an answer code of IIT; "
				      "this file is read as EIT"));
}

static void demo_data_scores_every_agency(void **state)
{
	json_t *root, *agencies;

	(void)state;
	run("score --framework ita-2565 --agencies data/demo/agencies.csv --iit data/demo/iit.csv "
	    "--eit data/demo/eit.csv --oit data/demo/oit.csv --format json");
	assert_int_equal(R.status, 0);
	assert_string_equal(R.err, "");
	root = json_loads(R.out, 0, NULL);
	assert_non_null(root);
	agencies = json_object_get(root, "agencies");
	assert_int_equal(json_array_size(agencies), 6);
	for (size_t i = 0; i < 6; i++) {
		json_t *a = json_array_get(agencies, i);

		assert_true(json_is_true(json_object_get(a, "complete")));
		assert_true(json_integer_value(json_object_get(json_object_get(a, "respondents"),
							       "IIT")) >= 20);
		assert_non_null(json_object_get(a, "name"));
	}
	json_decref(root);
}

static void framework_commands(void **state)
{
	char *path = write_temp("{\"schema\": \"openita-framework/1\", \"id\": \"x\"}");
	char args[256];

	(void)state;
	run("framework list");
	assert_int_equal(R.status, 0);
	assert_non_null(strstr(R.out, "ita-2565"));
	assert_non_null(strstr(R.out, "ita-2568"));
	run("framework check frameworks/ita-2565.json");
	assert_int_equal(R.status, 0);
	assert_non_null(strstr(R.out, "ok — ita-2565: 3 instruments, 10 indicators"));
	snprintf(args, sizeof args, "framework check %s", path);
	run(args);
	assert_int_equal(R.status, 2);
	assert_string_equal(R.out, "");
	assert_non_null(strstr(R.err, ": $.name_th: required, expected a string"));
	run("framework show ita-2568");
	assert_int_equal(R.status, 0);
	assert_non_null(strstr(R.out, "ผ่านดีเยี่ยม: คะแนนรวม ≥ 95 และทุกแบบวัด ≥ 95"));
	assert_non_null(strstr(R.out, "O2 (ไม่ทราบชื่อข้อ — unknown)"));
	run("framework frobnicate");
	assert_int_equal(R.status, 2);
	run("nonsense");
	assert_int_equal(R.status, 2);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_prints_a_bare_integer),
		cmocka_unit_test(seeds_through_json),
		cmocka_unit_test(text_table_has_thai_names_and_two_decimals),
		cmocka_unit_test(incomplete_data_gets_no_grade),
		cmocka_unit_test(bad_input_prints_location_and_nothing_on_stdout),
		cmocka_unit_test(demo_data_scores_every_agency),
		cmocka_unit_test(framework_commands),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
