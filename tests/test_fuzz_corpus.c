/* test_fuzz_corpus: replays every input of the fuzz regression corpus (tests/data/fuzz/HARNESS/) through its harness: no crash, no leak, a clean error or success. */
#define FUZZ_NO_MAIN
#include "../fuzz/fuzz_csv.c"
#include "../fuzz/fuzz_dist.c"
#include "../fuzz/fuzz_fit.c"
#include "../fuzz/fuzz_run.c"
#include "../fuzz/fuzz_scenario.c"
#include "../fuzz/fuzz_set.c"
#include "../fuzz/fuzz_table.c"

#include <dirent.h>

#include <gsl/gsl_errno.h>

#include "check.h"

#define CORPUS "tests/data/fuzz"

/* The harnesses, by the folder of their corpus. */
static const struct {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
} harnesses[] = {
	{ "csv", fuzz_csv_one },
	{ "dist", fuzz_dist_one },
	{ "fit", fuzz_fit_one },
	{ "run", fuzz_run_one },
	{ "scenario", fuzz_scenario_one },
	{ "set", fuzz_set_one },
	{ "table", fuzz_table_one },
};

/* Reads a whole file; returns its bytes (malloc'd) or NULL. */
static uint8_t *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (data = malloc((size_t)len + 1)) != NULL) {
		*n = fread(data, 1, (size_t)len, f);
		if (*n != (size_t)len) {
			free(data);
			data = NULL;
		}
	}
	fclose(f);
	return data;
}

/* Replays the corpus of harness h; returns the number of inputs. */
static int replay(size_t h)
{
	char dir[256], path[1024];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof dir, "%s/%s", CORPUS, harnesses[h].name);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		uint8_t *data;
		size_t size = 0;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		data = slurp(path, &size);
		CHECK(data != NULL, "%s: readable", path);
		if (!data)
			continue;
		/* A crash or a leak ends the test binary with the sanitizer's
		 * report; a broken property aborts.  Coming back is the pass. */
		harnesses[h].one(data, size);
		CHECK(1, "%s", path);
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

int main(void)
{
	size_t h;
	int total = 0;

	gsl_set_error_handler_off();
	CHECK(fuzz_env_dir() != NULL, "a scratch folder for the inputs");
	for (h = 0; h < sizeof harnesses / sizeof harnesses[0]; h++) {
		int n = replay(h);

		printf("# %s: %d inputs\n", harnesses[h].name, n);
		total += n;
	}
	CHECK(total > 0, "the regression corpus holds inputs");
	return check_done();
}
