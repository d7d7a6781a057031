/*
 * cmd_sample.c — `openita sample`: the minimum sample for a population, as a bare integer.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "openita/framework.h"
#include "openita/sample.h"

int cmd_sample(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"framework", required_argument, NULL, 'f'},
		{"population", required_argument, NULL, 'p'},
		{"instrument", required_argument, NULL, 'i'},
		{NULL, 0, NULL, 0},
	};
	const char *framework = NULL, *population = NULL, *instrument = "IIT";
	struct oi_framework *fw;
	struct oi_error err;
	unsigned long n;
	char *end;
	long ins;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': framework = optarg; break;
		case 'p': population = optarg; break;
		case 'i': instrument = optarg; break;
		default: return cli_usage("sample", "unknown or incomplete option \"%s\"",
					  argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage("sample", "unexpected argument \"%s\"", argv[optind]);
	if (!framework || !population)
		return cli_usage("sample", "--framework and --population are required");
	if (!*population || strspn(population, "0123456789") != strlen(population) ||
	    strlen(population) > 10 || (n = strtoul(population, &end, 10)) > 1000000000UL)
		return cli_usage("sample", "--population must be a whole number from 0 to "
				 "1000000000, not \"%s\"", population);
	if (oi_framework_open(framework, &fw, &err))
		return cli_fail(&err);
	ins = oi_framework_find_instrument(fw, instrument);
	if (ins < 0 || fw->instruments[ins].kind != OI_SURVEY) {
		cli_usage("sample", "\"%s\" is not a survey instrument of %s", instrument, fw->id);
		oi_framework_free(fw);
		return EXIT_BAD_INPUT;
	}
	printf("%lu\n", oi_required_sample_size(fw, (size_t)ins, n));
	oi_framework_free(fw);
	return cli_finish_output();
}
