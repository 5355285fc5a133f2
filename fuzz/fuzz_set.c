/* fuzz_set: libFuzzer harness for pc_scenario_set: the input's first byte picks a key of a fixed scenario, the rest is its new value. */
#include "fuzz_env.h"

#include "promocap/scenario.h"

/* The base scenario: CSV tables for shares and rosters, so that a new value
 * rebuilds them too. */
static const char fuzz_set_base[] =
	"[promotion]\nsales_start = 2026-11-01\nsales_end = 2026-11-11\nhorizon = 2026-11-30\n"
	"gmv = 20000000\naov = 250\ndaily_share = curves/d11-daily.csv\n"
	"hourly_share = curves/intraday.csv\n[refunds]\nrate = 5%\n"
	"[staff.agent]\nshifts = day 08:00-17:00, evening 16:00-01:00, night 00:00-08:00\n"
	"roster = rosters/d11-agents.csv\n"
	"[staff.inspector]\nroster = rosters/d11-inspectors.csv\n";

/* The dump of sc in a malloc'd string. */
static char *fuzz_set_dump(const pc_scenario *sc)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);

	if (!f)
		abort();
	pc_scenario_dump(sc, f);
	fclose(f);
	return text;
}

/* Sets the picked key to the value.  A failure must say why and leave the
 * scenario as it was; a success must dump to a text that loads again to the
 * same dump. */
static int fuzz_set_one(const uint8_t *data, size_t size)
{
	static char sections[128][64], keys[128][64];
	static int nkeys;
	static char path[1024];
	char *value, *before, *after, dump[1024];
	pc_scenario sc, again;
	pc_error err;
	int k, rc;

	if (size < 1 || !fuzz_env_dir())
		return 0;
	if (!nkeys) {
		/* The keys, in the order of the dump of the base scenario. */
		char *text, *line, *save = NULL, section[64] = "";

		fuzz_env_put("base.ini", fuzz_set_base, sizeof fuzz_set_base - 1, path, sizeof path);
		if (pc_scenario_load(&sc, path, NULL))
			abort();
		text = fuzz_set_dump(&sc);
		pc_scenario_release(&sc);
		for (line = strtok_r(text, "\n", &save); line && nkeys < 128;
		     line = strtok_r(NULL, "\n", &save)) {
			if (sscanf(line, "[%63[^]]]", section) == 1)
				continue;
			if (line[0] != ';' && sscanf(line, "%63s =", keys[nkeys]) == 1) {
				snprintf(sections[nkeys], sizeof sections[nkeys], "%s", section);
				nkeys++;
			}
		}
		free(text);
	}
	k = data[0] % nkeys;
	value = malloc(size);
	if (!value)
		return 0;
	memcpy(value, data + 1, size - 1);
	value[size - 1] = '\0';
	if (pc_scenario_load(&sc, path, NULL))
		abort();
	before = fuzz_set_dump(&sc);
	pc_error_clear(&err);
	rc = pc_scenario_set(&sc, sections[k], keys[k], value, &err);
	after = fuzz_set_dump(&sc);
	if (rc) {
		if (!err.msg[0] || strcmp(before, after) != 0)
			abort(); /* a failed set says why and changes nothing */
	} else {
		snprintf(dump, sizeof dump, "%s/set.ini", fuzz_env_root);
		if (fuzz_env_put("set.ini", after, strlen(after), NULL, 0) == 0) {
			pc_error_clear(&err);
			if (pc_scenario_load(&again, dump, &err)) {
				fprintf(stderr, "[%s] %s = '%s': the dump does not load: %s\n", sections[k],
					keys[k], value, err.msg);
				abort();
			}
			free(before);
			before = fuzz_set_dump(&again);
			pc_scenario_release(&again);
			if (strcmp(before, after) != 0) {
				fprintf(stderr, "[%s] %s = '%s': the dump of the dump differs\n",
					sections[k], keys[k], value);
				abort();
			}
		}
	}
	free(before);
	free(after);
	free(value);
	pc_scenario_release(&sc);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_set_one(data, size);
}
#endif
