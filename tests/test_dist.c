/* test_dist: distributions: durations, parse/format round trips, every bad-spec message, known-answer sampling from fixed seeds, empirical files. */
#include <math.h>

#include <gsl/gsl_cdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "promocap/dist.h"

/* Writes content to dir/name. */
static void write_file(const char *dir, const char *name, const char *content)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	if (!fp) {
		perror(path);
		exit(2);
	}
	fputs(content, fp);
	fclose(fp);
}

/* |a - b| <= rel |b| (or <= rel when b is 0). */
static int near_rel(double a, double b, double rel)
{
	return fabs(a - b) <= rel * (b != 0.0 ? fabs(b) : 1.0);
}

static void test_durations(void)
{
	static const struct {
		const char *text;
		int rc;
		double seconds;
	} cases[] = {
		{ "30min", 0, 1800 },  { "1.5d", 0, 129600 }, { "4h", 0, 14400 },
		{ "90s", 0, 90 },      { " 4 h ", 0, 14400 }, { "2e1min", 0, 1200 },
		{ "-3min", 0, -180 },  { "0s", 0, 0 },        { "5", -2, 0 },
		{ "5 ", -2, 0 },       { "5x", -3, 0 },       { "5m", -3, 0 },
		{ "5 mins", -3, 0 },   { "5min5", -3, 0 },    { "nan min", -1, 0 },
		{ "inf s", -1, 0 },    { "1e999min", -1, 0 }, { "1e305d", -1, 0 },
		{ "0x10s", -1, 0 },    { "", -1, 0 },         { "min", -1, 0 },
		{ "-", -1, 0 },        { ".s", -1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double s = -12345.0;
		int rc = pc_dist_parse_duration(cases[i].text, &s);

		CHECK(rc == cases[i].rc, "duration '%s': rc %d, want %d", cases[i].text, rc,
		      cases[i].rc);
		if (cases[i].rc == 0)
			CHECK(s == cases[i].seconds, "duration '%s': %g s, want %g", cases[i].text, s,
			      cases[i].seconds);
		else
			CHECK(s == -12345.0, "duration '%s': result untouched on failure", cases[i].text);
	}
}

static void test_format_duration(void)
{
	static const struct {
		double seconds;
		const char *text;
	} cases[] = {
		{ 1800, "30min" }, { 129600, "1.5d" }, { 14400, "4h" },   { 90, "90s" },
		{ 8640, "2.4h" },  { 0, "0s" },        { 0.25, "0.25s" }, { 100, "100s" },
		{ 86400, "1d" },   { 5400, "1.5h" },   { 150, "150s" },   { 120, "2min" },
		{ 2700, "45min" }, { 172800, "2d" },   { 4500, "75min" }, { 73.26, "73.26s" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double back = -1.0;

		pc_dist_format_duration(cases[i].seconds, buf, sizeof buf);
		CHECK(strcmp(buf, cases[i].text) == 0, "format %g s: '%s', want '%s'",
		      cases[i].seconds, buf, cases[i].text);
		CHECK(pc_dist_parse_duration(buf, &back) == 0 && near_rel(back, cases[i].seconds, 1e-12),
		      "format %g s: '%s' reads back as %g", cases[i].seconds, buf, back);
	}
	pc_dist_format_duration(90, buf, 3);
	CHECK(strcmp(buf, "90") == 0, "format truncates to fit, got '%s'", buf);
}

static void test_round_trips(void)
{
	static const struct {
		const char *text;
		pc_unit unit;
		const char *canonical;
		pc_dist_kind kind;
		double mean, sd;
	} cases[] = {
		{ "fixed(1min)", PC_UNIT_DURATION, "fixed(1min)", PC_DIST_FIXED, 60, 0 },
		{ "fixed(0)", PC_UNIT_CNY, "fixed(0)", PC_DIST_FIXED, 0, 0 },
		{ "exponential(4h)", PC_UNIT_DURATION, "exponential(mean=4h)", PC_DIST_EXPONENTIAL,
		  14400, 14400 },
		{ "exponential(mean=20min)", PC_UNIT_DURATION, "exponential(mean=20min)",
		  PC_DIST_EXPONENTIAL, 1200, 1200 },
		{ "lognormal(mean=3min, cv=0.5)", PC_UNIT_DURATION, "lognormal(mean=3min, sd=90s)",
		  PC_DIST_LOGNORMAL, 180, 90 },
		{ "  lognormal( mean = 3min ,cv=0.5 )  ", PC_UNIT_DURATION,
		  "lognormal(mean=3min, sd=90s)", PC_DIST_LOGNORMAL, 180, 90 },
		{ "lognormal(mean=3d, sd=2d)", PC_UNIT_DURATION, "lognormal(mean=3d, sd=2d)",
		  PC_DIST_LOGNORMAL, 259200, 172800 },
		{ "lognormal(sd=1h, mean=1.5h)", PC_UNIT_DURATION, "lognormal(mean=1.5h, sd=1h)",
		  PC_DIST_LOGNORMAL, 5400, 3600 },
		{ "lognormal(mean=40, sd=60)", PC_UNIT_CNY, "lognormal(mean=40, sd=60)",
		  PC_DIST_LOGNORMAL, 40, 60 },
		{ "lognormal(mean=3min, sd=0s)", PC_UNIT_DURATION, "lognormal(mean=3min, sd=0s)",
		  PC_DIST_LOGNORMAL, 180, 0 },
		{ "gamma(mean=6min, cv=0.8)", PC_UNIT_DURATION, "gamma(mean=6min, sd=288s)",
		  PC_DIST_GAMMA, 360, 288 },
		{ "gamma(shape=4, scale=45s)", PC_UNIT_DURATION, "gamma(mean=3min, sd=90s)",
		  PC_DIST_GAMMA, 180, 90 },
		{ "gamma(mean=3min, cv=0)", PC_UNIT_DURATION, "gamma(mean=3min, sd=0s)", PC_DIST_GAMMA,
		  180, 0 },
		{ "weibull(shape=1, scale=2h)", PC_UNIT_DURATION, "weibull(shape=1, scale=2h)",
		  PC_DIST_WEIBULL, 7200, 7200 },
		{ "weibull(shape=1.5, scale=100)", PC_UNIT_CNY, "weibull(shape=1.5, scale=100)",
		  PC_DIST_WEIBULL, 90.27452929509336, 61.29357917546761 },
		{ "lognormal(mean=3.7min, cv=0.33)", PC_UNIT_DURATION,
		  "lognormal(mean=222s, sd=73.26s)", PC_DIST_LOGNORMAL, 222, 73.26 },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pc_dist d, back;
		pc_error err;
		char buf[256], buf2[256];
		int rc;

		pc_error_clear(&err);
		rc = pc_dist_parse(&d, cases[i].text, cases[i].unit, ".", "s.ini", 3, &err);
		CHECK(rc == 0, "parse '%s': rc %d (%s)", cases[i].text, rc, err.msg);
		if (rc)
			continue;
		CHECK(d.kind == cases[i].kind, "parse '%s': kind %d", cases[i].text, (int)d.kind);
		CHECK(near_rel(d.mean, cases[i].mean, 1e-9), "parse '%s': mean %.12g, want %.12g",
		      cases[i].text, d.mean, cases[i].mean);
		CHECK(near_rel(d.sd, cases[i].sd, 1e-9), "parse '%s': sd %.12g, want %.12g",
		      cases[i].text, d.sd, cases[i].sd);
		pc_dist_format(&d, buf, sizeof buf);
		CHECK(strcmp(buf, cases[i].canonical) == 0, "format '%s': '%s', want '%s'",
		      cases[i].text, buf, cases[i].canonical);
		rc = pc_dist_parse(&back, buf, cases[i].unit, ".", "s.ini", 3, &err);
		CHECK(rc == 0, "reparse '%s': rc %d (%s)", buf, rc, err.msg);
		if (rc == 0) {
			CHECK(back.kind == d.kind, "reparse '%s': kind", buf);
			CHECK(near_rel(back.mean, d.mean, 1e-6), "reparse '%s': mean %.9g vs %.9g", buf,
			      back.mean, d.mean);
			CHECK(near_rel(back.sd, d.sd, 1e-6), "reparse '%s': sd %.9g vs %.9g", buf,
			      back.sd, d.sd);
			CHECK(near_rel(back.p1, d.p1, 1e-5) && near_rel(back.p2, d.p2, 1e-5),
			      "reparse '%s': p1 %.9g vs %.9g, p2 %.9g vs %.9g", buf, back.p1, d.p1,
			      back.p2, d.p2);
			pc_dist_format(&back, buf2, sizeof buf2);
			CHECK(strcmp(buf, buf2) == 0, "format is a fixed point: '%s' then '%s'", buf,
			      buf2);
		}
		pc_dist_release(&d);
		pc_dist_release(&back);
	}
}

/* Parses text expecting failure with exactly "s.ini:12: want". */
static void expect_bad(const char *text, pc_unit unit, const char *basedir, const char *want)
{
	char got[2048], expected[2048];
	pc_dist d;
	pc_error err;
	int rc;

	pc_error_clear(&err);
	rc = pc_dist_parse(&d, text, unit, basedir, "s.ini", 12, &err);
	snprintf(expected, sizeof expected, "s.ini:12: %s", want);
	pc_error_format(&err, got, sizeof got);
	CHECK(rc == PC_EINPUT || rc == PC_EIO, "bad '%s': rc %d", text, rc);
	CHECK(strcmp(got, expected) == 0, "bad '%s':\n    got  '%s'\n    want '%s'", text, got,
	      expected);
	CHECK(d.values == NULL && d.weights == NULL && d.table == NULL,
	      "bad '%s': nothing to release", text);
	pc_dist_release(&d);
}

static void test_bad_specs(void)
{
	const pc_unit D = PC_UNIT_DURATION, C = PC_UNIT_CNY;

	expect_bad("", D, ".",
		   "empty distribution, expected fixed, exponential, lognormal, gamma, weibull or empirical");
	expect_bad("   ", D, ".",
		   "empty distribution, expected fixed, exponential, lognormal, gamma, weibull or empirical");
	expect_bad("lognorm(mean=3min, cv=0.5)", D, ".",
		   "unknown distribution 'lognorm' (did you mean 'lognormal'?), expected fixed, exponential, lognormal, gamma, weibull or empirical");
	expect_bad("5min", D, ".",
		   "a distribution needs a name, got '5min': e.g. fixed(5min) or lognormal(mean=5min, cv=0.5)");
	expect_bad("3.5min", D, ".",
		   "a distribution needs a name, got '3.5min': e.g. fixed(3.5min) or lognormal(mean=3.5min, cv=0.5)");
	expect_bad("lognormal", D, ".", "lognormal needs its parameters in parentheses, got 'lognormal'");
	expect_bad("lognormal(mean=3min, cv=0.5", D, ".",
		   "missing ')' at the end of 'lognormal(mean=3min, cv=0.5'");
	expect_bad("lognormal(mean=3min)", D, ".",
		   "lognormal needs mean and sd or cv, got 'lognormal(mean=3min)'");
	expect_bad("lognormal(cv=0.5)", D, ".", "lognormal needs mean and sd or cv, got 'lognormal(cv=0.5)'");
	expect_bad("lognormal(mean=3min, sd=1min, cv=0.5)", D, ".",
		   "lognormal takes sd or cv, not both, got 'lognormal(mean=3min, sd=1min, cv=0.5)'");
	expect_bad("lognormal(mean=3min, shape=2)", D, ".",
		   "unknown parameter 'shape' in 'lognormal(mean=3min, shape=2)', expected mean, sd or cv");
	expect_bad("lognormal(mean=3min, foo=1)", D, ".",
		   "unknown parameter 'foo' in 'lognormal(mean=3min, foo=1)', expected mean, sd or cv");
	expect_bad("lognormal(mean=3min, mean=4min, cv=1)", D, ".",
		   "parameter 'mean' given twice in 'lognormal(mean=3min, mean=4min, cv=1)'");
	expect_bad("lognormal(3min, 1min)", D, ".",
		   "unnamed value '3min' in 'lognormal(3min, 1min)', expected mean, sd or cv");
	expect_bad("lognormal(mean=3min,, cv=1)", D, ".",
		   "empty parameter in 'lognormal(mean=3min,, cv=1)'");
	expect_bad("lognormal(mean=3min, cv=)", D, ".", "bad value '' in 'lognormal(mean=3min, cv=)'");
	expect_bad("lognormal(mean=-3min, cv=0.5)", D, ".",
		   "mean must be > 0, got '-3min' in 'lognormal(mean=-3min, cv=0.5)'");
	expect_bad("lognormal(mean=0s, cv=0.5)", D, ".",
		   "mean must be > 0, got '0s' in 'lognormal(mean=0s, cv=0.5)'");
	expect_bad("lognormal(mean=3min, cv=-1)", D, ".",
		   "cv must be >= 0, got '-1' in 'lognormal(mean=3min, cv=-1)'");
	expect_bad("lognormal(mean=3min, sd=-1s)", D, ".",
		   "sd must be >= 0, got '-1s' in 'lognormal(mean=3min, sd=-1s)'");
	expect_bad("lognormal(mean=3min, cv=0.5min)", D, ".",
		   "bad value '0.5min' in 'lognormal(mean=3min, cv=0.5min)'");
	expect_bad("lognormal(mean=40yuan, sd=60)", C, ".",
		   "bad value '40yuan' in 'lognormal(mean=40yuan, sd=60)'");
	expect_bad("lognormal(mean=1e-300s, sd=1e300s)", D, ".",
		   "parameters out of range in 'lognormal(mean=1e-300s, sd=1e300s)'");
	expect_bad("gamma(mean=3min, shape=2)", D, ".",
		   "gamma needs mean and sd or cv, or shape and scale, got 'gamma(mean=3min, shape=2)'");
	expect_bad("gamma(shape=2)", D, ".",
		   "gamma needs mean and sd or cv, or shape and scale, got 'gamma(shape=2)'");
	expect_bad("gamma(shape=2, scale=0s)", D, ".",
		   "scale must be > 0, got '0s' in 'gamma(shape=2, scale=0s)'");
	expect_bad("weibull(shape=2)", D, ".", "weibull needs shape and scale, got 'weibull(shape=2)'");
	expect_bad("weibull(shape=0, scale=1h)", D, ".",
		   "shape must be > 0, got '0' in 'weibull(shape=0, scale=1h)'");
	expect_bad("weibull(shape=0.0001, scale=1h)", D, ".",
		   "parameters out of range in 'weibull(shape=0.0001, scale=1h)'");
	expect_bad("weibull(mean=1h, scale=1h)", D, ".",
		   "unknown parameter 'mean' in 'weibull(mean=1h, scale=1h)', expected shape or scale");
	expect_bad("exponential()", D, ".", "exponential needs mean, got 'exponential()'");
	expect_bad("exponential(1h, mean=2h)", D, ".",
		   "parameter 'mean' given twice in 'exponential(1h, mean=2h)'");
	expect_bad("exponential(mean=0s)", D, ".", "mean must be > 0, got '0s' in 'exponential(mean=0s)'");
	expect_bad("fixed()", D, ".", "fixed needs one value, got 'fixed()'");
	expect_bad("fixed(1min, 2min)", D, ".", "fixed takes one value, got 'fixed(1min, 2min)'");
	expect_bad("fixed(value=1min)", D, ".", "fixed takes one value, got 'fixed(value=1min)'");
	expect_bad("fixed(x)", D, ".", "bad value 'x' in 'fixed(x)'");
	expect_bad("fixed(5)", D, ".", "'5' needs a unit (s, min, h, d) in 'fixed(5)'");
	expect_bad("fixed(5x)", D, ".", "'5x' has an unknown unit 'x' in 'fixed(5x)' (units are s, min, h, d)");
	expect_bad("fixed(30 minutes)", D, ".",
		   "'30 minutes' has an unknown unit 'minutes' in 'fixed(30 minutes)' (did you mean '30min'? units are s, min, h, d)");
	expect_bad("fixed(2 Hours)", D, ".",
		   "'2 Hours' has an unknown unit 'Hours' in 'fixed(2 Hours)' (did you mean '2h'? units are s, min, h, d)");
	expect_bad("3", D, ".", "a distribution needs a name, got '3': e.g. fixed(3min) or lognormal(mean=3min, cv=0.5)");
	expect_bad("200", C, ".", "a distribution needs a name, got '200': e.g. fixed(200) or lognormal(mean=200, cv=0.5)");
	expect_bad("foo(1)", D, ".",
		   "unknown distribution 'foo', expected fixed, exponential, lognormal, gamma, weibull or empirical, e.g. lognormal(mean=6min, cv=0.5) or fixed(3min)");
	expect_bad("gama(mean=1, cv=1)", C, ".",
		   "unknown distribution 'gama' (did you mean 'gamma'?), expected fixed, exponential, lognormal, gamma, weibull or empirical");
	expect_bad("fixed(nan min)", D, ".", "bad value 'nan min' in 'fixed(nan min)'");
	expect_bad("fixed(inf)", C, ".", "bad value 'inf' in 'fixed(inf)'");
	expect_bad("fixed(1e999)", C, ".", "bad value '1e999' in 'fixed(1e999)'");
	expect_bad("fixed(0x10s)", D, ".", "bad value '0x10s' in 'fixed(0x10s)'");
	expect_bad("fixed(1e305d)", D, ".", "bad value '1e305d' in 'fixed(1e305d)'");
	expect_bad("fixed(-1min)", D, ".", "value must be >= 0, got '-1min' in 'fixed(-1min)'");
	expect_bad("fixed(5min))", D, ".", "'5min)' has an unknown unit 'min)' in 'fixed(5min))' (units are s, min, h, d)");
	expect_bad("empirical()", D, ".", "empirical needs a file name, got 'empirical()'");
	expect_bad("empirical(nope.csv)", D, "/nonexistent",
		   "cannot open '/nonexistent/nope.csv': No such file or directory");
	expect_bad("empirical(nope.csv)", D, "/nonexistent/",
		   "cannot open '/nonexistent/nope.csv': No such file or directory");
}

/* Sample mean and sd of n draws from d, checked against d's own mean and sd
 * within 4 standard errors: SE(mean) = sd/sqrt(n); SE(s) ~ sqrt((m4 - s^4)/n)
 * / (2 s) with m4 the sample's fourth central moment. */
static void check_moments(const char *what, const pc_dist *d, gsl_rng *r, size_t n)
{
	double *x = malloc(n * sizeof *x);
	double sum = 0.0, m2 = 0.0, m4 = 0.0, mean, sd, se_mean, se_sd, lo = INFINITY;
	size_t i;

	if (!x) {
		CHECK(0, "%s: out of memory in the test", what);
		return;
	}
	for (i = 0; i < n; i++) {
		x[i] = pc_dist_sample(d, r);
		sum += x[i];
		lo = fmin(lo, x[i]);
	}
	mean = sum / (double)n;
	for (i = 0; i < n; i++) {
		double dev = x[i] - mean;

		m2 += dev * dev;
		m4 += dev * dev * dev * dev;
	}
	m2 /= (double)n;
	m4 /= (double)n;
	sd = sqrt(m2);
	se_mean = d->sd / sqrt((double)n);
	se_sd = sd > 0 ? sqrt(fmax(0.0, m4 - m2 * m2) / (double)n) / (2.0 * sd) : 0.0;
	CHECK(lo >= 0.0, "%s: no negative draws (min %g)", what, lo);
	CHECK(fabs(mean - d->mean) <= 4.0 * se_mean + 1e-9 * d->mean,
	      "%s: sample mean %.6g vs %.6g (4 SE = %.3g)", what, mean, d->mean, 4.0 * se_mean);
	CHECK(fabs(sd - d->sd) <= 4.0 * se_sd + 1e-9 * d->mean,
	      "%s: sample sd %.6g vs %.6g (4 SE = %.3g)", what, sd, d->sd, 4.0 * se_sd);
	free(x);
}

static void test_sampling(void)
{
	static const struct {
		const char *text;
		pc_unit unit;
	} cases[] = {
		{ "fixed(1min)", PC_UNIT_DURATION },
		{ "exponential(mean=20min)", PC_UNIT_DURATION },
		{ "lognormal(mean=3min, cv=0.5)", PC_UNIT_DURATION },
		{ "lognormal(mean=3d, sd=2d)", PC_UNIT_DURATION },
		{ "lognormal(mean=40, sd=60)", PC_UNIT_CNY },
		{ "lognormal(mean=3min, sd=0s)", PC_UNIT_DURATION },
		{ "gamma(mean=6min, cv=0.8)", PC_UNIT_DURATION },
		{ "gamma(shape=0.5, scale=1h)", PC_UNIT_DURATION },
		{ "gamma(mean=3min, sd=0s)", PC_UNIT_DURATION },
		{ "weibull(shape=1.5, scale=2h)", PC_UNIT_DURATION },
		{ "weibull(shape=0.8, scale=100)", PC_UNIT_CNY },
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	size_t i;

	if (!r) {
		CHECK(0, "gsl_rng_alloc failed");
		return;
	}
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pc_dist d;
		pc_error err;
		int rc;

		pc_error_clear(&err);
		rc = pc_dist_parse(&d, cases[i].text, cases[i].unit, ".", "s.ini", 1, &err);
		CHECK(rc == 0, "sampling '%s': rc %d (%s)", cases[i].text, rc, err.msg);
		if (rc)
			continue;
		gsl_rng_set(r, 1);
		check_moments(cases[i].text, &d, r, 200000);
		pc_dist_release(&d);
	}
	gsl_rng_free(r);
}

/* The same seed gives the same draws: the first three of
 * lognormal(mean=3min, cv=0.5) from mt19937 seed 1, recorded once, and the
 * same draws from gsl_ran_lognormal with the parameters worked out here:
 * s2 = ln(1 + 0.5^2), zeta = ln 180 - s2/2, sigma = sqrt(s2). */
static void test_known_answers(void)
{
	static const double want[] = { 127.61396766017435, 77.560469635252701, 161.0293678625126 };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937), *r2 = gsl_rng_alloc(gsl_rng_mt19937);
	double s2 = log(1.25), zeta = log(180.0) - s2 / 2.0, sigma = sqrt(s2);
	pc_dist d;
	pc_error err;
	size_t i;

	pc_error_clear(&err);
	if (!r || !r2 ||
	    pc_dist_parse(&d, "lognormal(mean=3min, cv=0.5)", PC_UNIT_DURATION, ".", "s.ini", 1,
			  &err) != 0) {
		CHECK(0, "known answers: setup (%s)", err.msg);
		gsl_rng_free(r);
		gsl_rng_free(r2);
		return;
	}
	CHECK(near_rel(d.p1, zeta, 1e-15) && near_rel(d.p2, sigma, 1e-15),
	      "lognormal parameters: zeta %.17g vs %.17g, sigma %.17g vs %.17g", d.p1, zeta, d.p2,
	      sigma);
	gsl_rng_set(r, 1);
	gsl_rng_set(r2, 1);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		double x = pc_dist_sample(&d, r);
		/* The sampler is exp(zeta + sigma Z) with Z from the ziggurat. */
		double y = exp(zeta + sigma * gsl_ran_gaussian_ziggurat(r2, 1.0));

		CHECK(near_rel(x, want[i], 1e-12), "known answer %zu: %.17g, want %.17g", i, x, want[i]);
		CHECK(near_rel(x, y, 1e-14), "known answer %zu: %.17g, exp(zeta + sigma Z) %.17g", i, x, y);
	}
	pc_dist_release(&d);
	gsl_rng_free(r);
	gsl_rng_free(r2);
}

/* Expects the empirical file dir/name, holding content, to fail with
 * "DIR/NAME:want". */
static void expect_bad_csv(const char *dir, const char *name, const char *content, pc_unit unit,
			   const char *want)
{
	char text[512], got[2048], expected[2048];
	pc_dist d;
	pc_error err;
	int rc;

	write_file(dir, name, content);
	snprintf(text, sizeof text, "empirical(%s)", name);
	pc_error_clear(&err);
	rc = pc_dist_parse(&d, text, unit, dir, "s.ini", 5, &err);
	snprintf(expected, sizeof expected, "%s/%s%s", dir, name, want);
	pc_error_format(&err, got, sizeof got);
	CHECK(rc == PC_EINPUT, "bad csv %s: rc %d", name, rc);
	CHECK(strcmp(got, expected) == 0, "bad csv %s:\n    got  '%s'\n    want '%s'", name, got,
	      expected);
	CHECK(d.values == NULL && d.weights == NULL && d.table == NULL,
	      "bad csv %s: nothing to release", name);
}

static void test_empirical(const char *dir)
{
	gsl_rng *r1 = gsl_rng_alloc(gsl_rng_mt19937), *r2 = gsl_rng_alloc(gsl_rng_mt19937);
	char text[1024], buf[1024];
	pc_dist d, copy, cny, abs_d;
	pc_error err;
	size_t i;
	int rc, same = 1, seen60 = 0, seen120 = 0;

	/* Weighted minutes: 1 min with weight 1, 2 min with weight 3, so
	 * mean = (60 + 3 * 120) / 4 = 105 s, var = (45^2 + 3 * 15^2) / 4 = 675. */
	write_file(dir, "emp.csv", "value_min,weight,note\n1,1,short\n2,3,long\n");
	pc_error_clear(&err);
	rc = pc_dist_parse(&d, "empirical( emp.csv )", PC_UNIT_DURATION, dir, "s.ini", 5, &err);
	CHECK(rc == 0, "empirical: rc %d (%s)", rc, err.msg);
	if (rc == 0) {
		CHECK(d.kind == PC_DIST_EMPIRICAL && d.n == 2, "empirical: kind and n");
		CHECK(d.values[0] == 60 && d.values[1] == 120, "empirical: values in seconds");
		CHECK(near_rel(d.mean, 105, 1e-12), "empirical: mean %g", d.mean);
		CHECK(near_rel(d.sd, sqrt(675.0), 1e-12), "empirical: sd %g", d.sd);
		CHECK(strcmp(pc_dist_format(&d, buf, sizeof buf), "empirical(emp.csv)") == 0,
		      "empirical: format '%s'", buf);
		gsl_rng_set(r1, 1);
		check_moments("empirical(emp.csv)", &d, r1, 200000);

		/* A copy draws the same values from the same stream. */
		rc = pc_dist_copy(&copy, &d);
		CHECK(rc == 0 && copy.values != d.values && copy.table != d.table,
		      "empirical: deep copy");
		if (rc == 0) {
			gsl_rng_set(r1, 7);
			gsl_rng_set(r2, 7);
			for (i = 0; i < 1000; i++) {
				double a = pc_dist_sample(&d, r1), b = pc_dist_sample(&copy, r2);

				same &= a == b;
				seen60 |= a == 60;
				seen120 |= a == 120;
			}
			CHECK(same, "empirical: copy samples the same sequence");
			CHECK(seen60 && seen120, "empirical: both values drawn");
			pc_dist_release(&copy);
		}
		pc_dist_release(&d);
		CHECK(d.values == NULL && d.table == NULL && d.n == 0, "empirical: released");
		pc_dist_release(&d);
	}

	/* Unweighted CNY values; an absolute path with basedir ".". */
	write_file(dir, "amount.csv", "value\n10\n20\n30\n");
	rc = pc_dist_parse(&cny, "empirical(amount.csv)", PC_UNIT_CNY, dir, "s.ini", 5, &err);
	CHECK(rc == 0, "empirical cny: rc %d (%s)", rc, err.msg);
	if (rc == 0) {
		CHECK(near_rel(cny.mean, 20, 1e-12) && near_rel(cny.sd, sqrt(200.0 / 3.0), 1e-12),
		      "empirical cny: mean %g sd %g", cny.mean, cny.sd);
		pc_dist_release(&cny);
	}
	snprintf(text, sizeof text, "empirical(%s/amount.csv)", dir);
	rc = pc_dist_parse(&abs_d, text, PC_UNIT_CNY, ".", "s.ini", 5, &err);
	CHECK(rc == 0, "empirical absolute path: rc %d (%s)", rc, err.msg);
	if (rc == 0) {
		CHECK(strcmp(pc_dist_format(&abs_d, buf, sizeof buf), text) == 0,
		      "empirical absolute: format '%s'", buf);
		pc_dist_release(&abs_d);
	}

	/* Non-empirical copies are plain. */
	rc = pc_dist_parse(&d, "gamma(mean=3min, cv=0.5)", PC_UNIT_DURATION, ".", "s.ini", 5, &err);
	CHECK(rc == 0 && pc_dist_copy(&copy, &d) == 0 && copy.p1 == d.p1 && copy.p2 == d.p2,
	      "parametric copy");

	expect_bad_csv(dir, "nocol.csv", "v\n1\n", PC_UNIT_DURATION,
		       ":1: missing column 'value_min' (or value_s, value_h, value_d)");
	expect_bad_csv(dir, "nocol_cny.csv", "value_min\n1\n", PC_UNIT_CNY, ":1: missing column 'value'");
	expect_bad_csv(dir, "twocols.csv", "value_s,value_min\n1,2\n", PC_UNIT_DURATION,
		       ":1: columns 'value_s' and 'value_min' both given, expected one");
	expect_bad_csv(dir, "badvalue.csv", "value_min\n1\nx\n", PC_UNIT_DURATION,
		       ":3: 'value_min' must be a number >= 0, got 'x'");
	expect_bad_csv(dir, "negvalue.csv", "value_h\n\n-1\n", PC_UNIT_DURATION,
		       ":3: 'value_h' must be a number >= 0, got '-1'");
	expect_bad_csv(dir, "unitvalue.csv", "value_d\n1d\n", PC_UNIT_DURATION,
		       ":2: 'value_d' must be a number >= 0, got '1d'");
	expect_bad_csv(dir, "negweight.csv", "value_s,weight\n1,-1\n", PC_UNIT_DURATION,
		       ":2: 'weight' must be a number >= 0, got '-1'");
	expect_bad_csv(dir, "zeroweight.csv", "value_s,weight\n1,0\n2,0\n", PC_UNIT_DURATION,
		       ": every weight is 0");
	expect_bad_csv(dir, "noneafter.csv", "value_s\n", PC_UNIT_DURATION,
		       ":1: no values below the header");
	expect_bad_csv(dir, "ragged.csv", "value_s,weight\n1,2,3\n", PC_UNIT_DURATION,
		       ":2: row has 3 fields, the header has 2");
	expect_bad_csv(dir, "emptyfile.csv", "", PC_UNIT_DURATION,
		       ":1: empty file, expected a header row");
	gsl_rng_free(r1);
	gsl_rng_free(r2);
}

/* Removes the fixture files and the folder. */
static void cleanup(const char *dir)
{
	static const char *const names[] = {
		"emp.csv", "amount.csv", "nocol.csv", "nocol_cny.csv", "twocols.csv",
		"badvalue.csv", "negvalue.csv", "unitvalue.csv", "negweight.csv",
		"zeroweight.csv", "noneafter.csv", "ragged.csv", "emptyfile.csv"
	};
	char path[512];
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);
}

/* The survival function P(X > x) against closed forms worked by hand. */
static void test_survival(const char *dir)
{
	pc_dist d;
	pc_error err;
	int rc;

	pc_error_clear(&err);
	/* Exponential, mean 4 min = 240 s: P(X > 240) = e^-1 = 0.367879. */
	pc_dist_parse(&d, "exponential(mean=4min)", PC_UNIT_DURATION, ".", "s.ini", 1, &err);
	CHECK_NEAR(pc_dist_survival(&d, 240), exp(-1.0), 1e-12, "exponential survival at the mean");
	CHECK(pc_dist_survival(&d, -1) == 1.0 && pc_dist_survival(&d, 0) == 1.0, "survival below 0 is 1");
	/* Fixed 2 h: 1 before, 0 from the value on. */
	pc_dist_parse(&d, "fixed(2h)", PC_UNIT_DURATION, ".", "s.ini", 1, &err);
	CHECK(pc_dist_survival(&d, 7199) == 1.0 && pc_dist_survival(&d, 7200) == 0.0, "fixed survival steps at the value");
	/* Lognormal with cv 0: a fixed value. */
	pc_dist_parse(&d, "lognormal(mean=3min, cv=0)", PC_UNIT_DURATION, ".", "s.ini", 1, &err);
	CHECK(pc_dist_survival(&d, 179) == 1.0 && pc_dist_survival(&d, 181) == 0.0, "lognormal with sd 0 is fixed");
	/* Lognormal: the median e^zeta leaves 1/2 above it. */
	pc_dist_parse(&d, "lognormal(mean=3min, cv=0.5)", PC_UNIT_DURATION, ".", "s.ini", 1, &err);
	CHECK_NEAR(pc_dist_survival(&d, exp(d.p1)), 0.5, 1e-12, "lognormal survival at the median");
	/* Gamma with shape 2, scale 60 s: P(X > x) = (1 + x/60) e^(-x/60);
	 * at x = 60 that is 2/e = 0.735759. */
	pc_dist_parse(&d, "gamma(shape=2, scale=1min)", PC_UNIT_DURATION, ".", "s.ini", 1, &err);
	CHECK_NEAR(pc_dist_survival(&d, 60), 2 * exp(-1.0), 1e-12, "gamma survival by hand");
	/* Weibull shape 2, scale 1 h: P(X > x) = exp(-(x/3600)^2); at 1 h e^-1. */
	pc_dist_parse(&d, "weibull(shape=2, scale=1h)", PC_UNIT_DURATION, ".", "s.ini", 1, &err);
	CHECK_NEAR(pc_dist_survival(&d, 3600), exp(-1.0), 1e-12, "weibull survival by hand");
	/* Empirical 1 min (weight 1) and 2 min (weight 3): 3/4 above 90 s. */
	write_file(dir, "surv.csv", "value_min,weight\n1,1\n2,3\n");
	rc = pc_dist_parse(&d, "empirical(surv.csv)", PC_UNIT_DURATION, dir, "s.ini", 1, &err);
	CHECK(rc == 0, "empirical for survival: %s", err.msg);
	if (rc == 0) {
		CHECK_NEAR(pc_dist_survival(&d, 90), 0.75, 1e-12, "empirical survival: weight above");
		CHECK(pc_dist_survival(&d, 120) == 0.0 && pc_dist_survival(&d, 59) == 1.0,
		      "empirical survival at its ends");
		pc_dist_release(&d);
	}
}

/* The mean residual life E[X - a | X > a] = (integral of S from a) / S(a),
 * by the trapezoid rule out to where S is negligible. */
static double mean_residual(const pc_dist *d, double a)
{
	double s0 = pc_dist_survival(d, a), h = d->mean / 2000, sum = 0, x = a, prev = s0;

	while (prev > 1e-10 && x < a + 1000 * d->mean) {
		double next = pc_dist_survival(d, x + h);
		sum += (prev + next) / 2 * h;
		prev = next;
		x += h;
	}
	return sum / s0;
}

/* pc_dist_sample_residual: the rest of a wait that has lasted a already.
 * The exponential's is the exponential whatever a (memoryless); a
 * lognormal's mean residual life grows with a (longer than the mean once
 * the wait is long), a Weibull's of shape 2 shrinks (shorter); each
 * sample mean is the mean residual life worked out from the survival. */
static void test_residual(const char *dir)
{
	static const struct {
		const char *text;
		double a;      /* elapsed, s */
		int longer;    /* +1: the residual mean exceeds the mean; -1: below; 0: equals */
	} cases[] = {
		{ "exponential(mean=2h)", 0, 0 },
		{ "exponential(mean=2h)", 2 * 3600.0, 0 },
		{ "exponential(mean=2h)", 10 * 3600.0, 0 },
		{ "lognormal(mean=1d, sd=1d)", 2 * 86400.0, 1 },
		{ "lognormal(mean=1.5h, sd=1h)", 3 * 3600.0, 0 },
		{ "gamma(shape=0.5, scale=1h)", 3600.0, 1 },
		{ "weibull(shape=2, scale=1h)", 3600.0, -1 },
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	pc_dist d;
	pc_error err;
	int rc;

	if (!r) {
		CHECK(0, "gsl_rng_alloc failed");
		return;
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const long n = 200000;
		double sum = 0, lo = INFINITY, want;
		pc_error_clear(&err);
		rc = pc_dist_parse(&d, cases[i].text, PC_UNIT_DURATION, ".", "s.ini", 1, &err);
		CHECK(rc == 0, "residual '%s': %s", cases[i].text, err.msg);
		if (rc)
			continue;
		gsl_rng_set(r, 7);
		for (long k = 0; k < n; k++) {
			double x = pc_dist_sample_residual(&d, r, cases[i].a);
			sum += x;
			lo = fmin(lo, x);
		}
		want = mean_residual(&d, cases[i].a);
		CHECK(lo >= 0 && near_rel(sum / n, want, 0.01), "residual of %s after %.0f s: mean %.1f s, %.1f s worked out",
		      cases[i].text, cases[i].a, sum / n, want);
		if (cases[i].longer > 0)
			CHECK(want > 1.1 * d.mean, "%s after %.0f s: the rest (%.0f s) longer than the mean %.0f s",
			      cases[i].text, cases[i].a, want, d.mean);
		else if (cases[i].longer < 0)
			CHECK(want < 0.8 * d.mean, "%s after %.0f s: the rest (%.0f s) shorter than the mean %.0f s",
			      cases[i].text, cases[i].a, want, d.mean);
		if (strncmp(cases[i].text, "exponential", 11) == 0)
			CHECK(near_rel(sum / n, d.mean, 0.01), "exponential after %.0f s: memoryless, mean %.1f s (%.1f s)",
			      cases[i].a, sum / n, d.mean);
		pc_dist_release(&d);
	}
	/* Fixed 2 h: 90 min left after 30 min, nothing after 3 h. */
	pc_dist_parse(&d, "fixed(2h)", PC_UNIT_DURATION, ".", "s.ini", 1, &err);
	CHECK(pc_dist_sample_residual(&d, r, 1800) == 5400 && pc_dist_sample_residual(&d, r, 3 * 3600.0) == 0,
	      "fixed residual: the rest of the value, 0 past it");
	/* Empirical 1 min (weight 1), 2 min (weight 3): after 90 s only 2 min
	 * is left, 30 s; after 30 s both, 2 min three times in four. */
	write_file(dir, "resid.csv", "value_min,weight\n1,1\n2,3\n");
	rc = pc_dist_parse(&d, "empirical(resid.csv)", PC_UNIT_DURATION, dir, "s.ini", 1, &err);
	CHECK(rc == 0, "empirical for the residual: %s", err.msg);
	if (rc == 0) {
		int all30 = 1;
		long two = 0;
		for (int k = 0; k < 10000; k++) {
			all30 &= pc_dist_sample_residual(&d, r, 90) == 30;
			two += pc_dist_sample_residual(&d, r, 30) == 90;
		}
		CHECK(all30, "empirical residual after 90 s: 30 s, the 2 min value's rest");
		CHECK(two > 7300 && two < 7700, "empirical residual after 30 s: 2 min's 90 s in 3 of 4 (%ld of 10000)", two);
		CHECK(pc_dist_sample_residual(&d, r, 200) == 0, "empirical residual past every value: 0");
		pc_dist_release(&d);
	}
	gsl_rng_free(r);
}

/* The gamma quantiles hold where GSL's fail: gsl_cdf_gamma_Pinv is NaN at
 * shape 2,347 and 0.975 (a Poisson CI of 2,346 requests), and
 * gsl_cdf_gamma_Qinv(0.975, 1e6) is 1.34e6; over shapes 0.3 to 3e6 and
 * probabilities 1e-12 to 1 - 1e-9 both give p back through GSL's cdf to a
 * millionth of the smaller tail. */
static void test_gamma_quantiles(void)
{
	static const double ps[] = { 1e-12, 0.001, 0.025, 0.5, 0.975, 0.999, 1 - 1e-9 };
	int bad = 0, n = 0;
	double x;

	x = pc_cdf_gamma_Pinv(0.975, 2347, 1.0);
	CHECK(isfinite(x) && fabs(gsl_cdf_gamma_P(x, 2347, 1.0) - 0.975) < 1e-9,
	      "gamma Pinv(0.975, 2347) = %g, where GSL's is %g", x, gsl_cdf_gamma_Pinv(0.975, 2347, 1.0));
	x = pc_cdf_gamma_Qinv(0.975, 1e6, 1.0);
	CHECK(fabs(x - 998041) < 1, "gamma Qinv(0.975, 1e6) = %.0f (the normal approximation: 998,040), GSL's %.0f", x,
	      gsl_cdf_gamma_Qinv(0.975, 1e6, 1.0));
	for (double a = 0.3; a < 3e6; a *= 1.05)
		for (size_t i = 0; i < sizeof ps / sizeof ps[0]; i++)
			for (int up = 0; up < 2; up++) {
				double p = ps[i], tail = fmin(p, 1 - p), back;

				x = up ? pc_cdf_gamma_Qinv(p, a, 2.5) : pc_cdf_gamma_Pinv(p, a, 2.5);
				back = up ? gsl_cdf_gamma_Q(x, a, 2.5) : gsl_cdf_gamma_P(x, a, 2.5);
				n++;
				if (!isfinite(x) || !(fabs(back - p) <= 1e-5 * tail))
					bad++;
			}
	CHECK(bad == 0, "gamma quantiles give p back over shapes 0.3 to 3e6: %d of %d not", bad, n);
}

int main(void)
{
	char dir[] = "/tmp/promocap-dist-XXXXXX";

	gsl_set_error_handler_off();
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	test_durations();
	test_format_duration();
	test_round_trips();
	test_bad_specs();
	test_sampling();
	test_known_answers();
	test_empirical(dir);
	test_survival(dir);
	test_residual(dir);
	test_gamma_quantiles();
	cleanup(dir);
	return check_done();
}
