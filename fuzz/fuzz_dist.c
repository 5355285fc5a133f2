/* fuzz_dist: libFuzzer harness for the distribution parser pc_dist_parse, durations and dates: the input is the text of a value. */
#include "fuzz_env.h"

#include <math.h>

#include "promocap/dist.h"
#include "promocap/scenario.h"

/* Whether a and b agree to the 6 significant digits the formats keep. */
static int fuzz_dist_close(double a, double b)
{
	return fabs(a - b) <= 1e-5 * fmax(fabs(a), fabs(b)) || (a == 0 && b == 0);
}

/* Parses text as a distribution of unit; one that parses must sample
 * values >= 0 (conditional draws too) and format to a text that parses again to the same mean. */
static void fuzz_dist_unit(const char *text, pc_unit unit, gsl_rng *rng)
{
	char buf[1024], msg[2200];
	pc_dist d, again;
	pc_error err;
	int i;

	pc_error_clear(&err);
	if (pc_dist_parse(&d, text, unit, fuzz_env_root, "scenario.ini", 3, &err)) {
		if (!err.msg[0] || d.values || d.weights || d.table)
			abort();
		pc_error_format(&err, msg, sizeof msg);
		return;
	}
	for (i = 0; i < 4; i++) {
		double x = pc_dist_sample(&d, rng);
		if (isnan(x) || x < 0)
			abort();
	}
	/* The conditional draws (replan's waits under way, the gamma's
	 * quantiles at any shape): below a limit, and the rest after a wait,
	 * at a limit of a tenth, one and ten times the mean. */
	for (i = 0; i < 3; i++) {
		double at = (i == 0 ? 0.1 : i == 1 ? 1.0 : 10.0) * (d.mean > 0 ? d.mean : 1.0);
		double b = pc_dist_sample_below(&d, rng, at), r = pc_dist_sample_residual(&d, rng, at);
		if (isnan(b) || b < 0 || isnan(r) || r < 0) {
			fprintf(stderr, "'%s' at %.17g: below %.17g, rest %.17g\n", text, at, b, r);
			abort();
		}
	}
	pc_dist_format(&d, buf, sizeof buf);
	pc_error_clear(&err);
	if (pc_dist_parse(&again, buf, unit, fuzz_env_root, "scenario.ini", 3, &err)) {
		fprintf(stderr, "'%s' formats as '%s', which does not parse: %s\n", text, buf, err.msg);
		abort();
	}
	if (d.kind != PC_DIST_EMPIRICAL && !fuzz_dist_close(d.mean, again.mean)) {
		fprintf(stderr, "'%s' formats as '%s': mean %.17g, then %.17g\n", text, buf, d.mean,
			again.mean);
		abort();
	}
	pc_dist_release(&again);
	if (pc_dist_copy(&again, &d) == 0)
		pc_dist_release(&again);
	pc_dist_release(&d);
}

static int fuzz_dist_one(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), buf[128];
	static gsl_rng *rng;
	double s, s2;
	int64_t day;

	if (!text || !fuzz_env_dir()) {
		free(text);
		return 0;
	}
	if (!rng)
		rng = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(rng, 1);
	memcpy(text, data, size);
	text[size] = '\0';
	fuzz_dist_unit(text, PC_UNIT_DURATION, rng);
	fuzz_dist_unit(text, PC_UNIT_CNY, rng);
	/* A duration that parses formats to one that parses to the same. */
	if (pc_dist_parse_duration(text, &s) == 0) {
		if (!isfinite(s))
			abort();
		pc_dist_format_duration(s, buf, sizeof buf);
		if (pc_dist_parse_duration(buf, &s2) != 0 || !fuzz_dist_close(s, s2)) {
			fprintf(stderr, "duration '%s' formats as '%s'\n", text, buf);
			abort();
		}
	}
	/* A date that parses formats back to the same text. */
	if (pc_date_parse(text, &day) == 0) {
		pc_date_format(day, buf, sizeof buf);
		if (strcmp(buf, text) != 0)
			abort();
	}
	free(text);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_dist_one(data, size);
}
#endif
