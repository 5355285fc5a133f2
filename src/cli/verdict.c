/* verdict: the verdict a run prints (its suggested actions checked by simulation), kept for the report page written after it. */
#include <stdio.h>

#include "cli.h"
#include "promocap/verdict.h"

/* The verdict last printed and the result it was for (one command runs
 * in a process: the review pack written after the summary reuses it). */
static pc_verdict last_verdict;
static const pc_result *last_res;

const pc_verdict *cli_verdict_of(const pc_result *res)
{
	return res && res == last_res ? &last_verdict : NULL;
}

int cli_print_verdict(const options *opt, const pc_result *res, int print)
{
	pc_verdict *v = &last_verdict;
	pc_error err;
	char msg[2200];
	int rc;

	last_res = NULL;
	pc_verdict_compute(res, v);
	pc_error_clear(&err);
	rc = pc_verdict_check(v, res, CLI_VERDICT_REPS, opt->threads, &err);
	if (rc) {
		fprintf(stderr, "promocap: %s: checking the suggested actions: %s\n", res->sc->file,
			pc_error_format(&err, msg, sizeof msg));
		return EXIT_RUN;
	}
	last_res = res;
	if (print)
		pc_verdict_write_text(stdout, v, opt->lang);
	return EXIT_OK;
}
