/* fuzz_scenario: libFuzzer harness for the scenario loader: the input is an INI file, loaded, dumped and loaded again. */
#include "fuzz_env.h"

#include "promocap/scenario.h"

/* Whether a and b dump to the same text. */
static int fuzz_scenario_same_dump(const pc_scenario *a, const pc_scenario *b)
{
	char *ta = NULL, *tb = NULL;
	size_t na = 0, nb = 0;
	FILE *fa = open_memstream(&ta, &na), *fb = open_memstream(&tb, &nb);
	int same;

	if (!fa || !fb)
		abort();
	pc_scenario_dump(a, fa);
	pc_scenario_dump(b, fb);
	fclose(fa);
	fclose(fb);
	same = na == nb && memcmp(ta, tb, na) == 0;
	if (!same)
		fprintf(stderr, "the dump of the dump differs:\n%s\n----\n%s\n", ta, tb);
	free(ta);
	free(tb);
	return same;
}

/* Loads the input as a scenario file.  A scenario that loads must dump, and
 * its dump must load again to the same dump (the contract of
 * pc_scenario_dump); anything else must fail with a message.  Aborts (for
 * the fuzzer to report) when a property breaks. */
static int fuzz_scenario_one(const uint8_t *data, size_t size)
{
	char path[1024], dump[1024], msg[2200];
	pc_scenario sc, again;
	pc_error err;
	FILE *f;
	int rc;

	if (!fuzz_env_dir() || fuzz_env_put("in.ini", data, size, path, sizeof path))
		return 0;
	pc_error_clear(&err);
	rc = pc_scenario_load(&sc, path, &err);
	if (rc) {
		if (!err.msg[0] || (rc != PC_EINPUT && rc != PC_EIO && rc != PC_ENOMEM))
			abort(); /* a failure must say why */
		pc_error_format(&err, msg, sizeof msg);
		return 0;
	}
	snprintf(dump, sizeof dump, "%s/dump.ini", fuzz_env_root);
	f = fopen(dump, "w");
	if (!f) {
		pc_scenario_release(&sc);
		return 0;
	}
	if (pc_scenario_dump(&sc, f))
		abort();
	fclose(f);
	pc_error_clear(&err);
	if (pc_scenario_load(&again, dump, &err)) {
		fprintf(stderr, "dump does not load: %s\n", pc_error_format(&err, msg, sizeof msg));
		abort();
	}
	if (!fuzz_scenario_same_dump(&sc, &again))
		abort();
	pc_scenario_release(&again);
	pc_scenario_release(&sc);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_scenario_one(data, size);
}
#endif
