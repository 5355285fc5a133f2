/* fuzz_run: libFuzzer harness for a whole run: the input is an INI file; a small scenario that loads is simulated once and its tables written. */
#include "fuzz_env.h"

#include "promocap/memory.h"
#include "promocap/output.h"
#include "promocap/result.h"
#include "promocap/scenario.h"

/* Scenarios larger than this are loaded but not run, to keep each input
 * within milliseconds. */
#define FUZZ_RUN_REQUESTS 3000.0
#define FUZZ_RUN_INTERVALS 5000

/* Loads the input; when it loads and is small, runs one replication on one
 * thread and writes every table and the summary.  The run must succeed
 * (conservation holds) and every writer return 0.  Aborts otherwise. */
static int fuzz_run_one(const uint8_t *data, size_t size)
{
	char path[1024], msg[2200];
	const pc_output_table *t;
	pc_scenario sc;
	pc_result res;
	pc_memory mem;
	pc_error err;
	FILE *sink;
	int rc;

	if (!fuzz_env_dir() || fuzz_env_put("in.ini", data, size, path, sizeof path))
		return 0;
	pc_error_clear(&err);
	if (pc_scenario_load(&sc, path, &err))
		return 0;
	pc_memory_estimate(&sc, 1, 1, &mem);
	if (!(mem.requests <= FUZZ_RUN_REQUESTS) || mem.nintervals > FUZZ_RUN_INTERVALS) {
		pc_scenario_release(&sc);
		return 0;
	}
	rc = pc_run(&sc, sc.seed, 1, 1, &res, &err);
	if (rc) {
		fprintf(stderr, "run failed: %s\n", pc_error_format(&err, msg, sizeof msg));
		abort();
	}
	sink = fopen("/dev/null", "w");
	if (sink) {
		for (t = pc_output_tables; t->file; t++)
			if (t->write(&res, sink))
				abort();
		if (pc_output_summary(&res, sink))
			abort();
		fclose(sink);
	}
	pc_result_release(&res);
	pc_scenario_release(&sc);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run_one(data, size);
}
#endif
