/* mmc: benchmark model (a) of MODELS.md, M/M/10 at rho 0.9 on the engine kernel. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "mmc.h"
#include "promocap/erlang.h"
#include "promocap/error.h"

/* Model (a): lambda = 1.8 /min, mu = 0.2 /min, c = 10, N = 1,000,000. */
#define MODEL_LAMBDA 1.8
#define MODEL_MU 0.2
#define MODEL_SERVERS 10
#define MODEL_CUSTOMERS 1000000ULL

/* The published Erlang C mean wait and the accepted band around it: with
 * N = 1e6 the seed-to-seed sd of the mean wait is 2.5 %, so +-5 % is 2 sd. */
#define REFERENCE_WAIT 3.3437
#define REFERENCE_BAND 0.05

static const char *const usage[] = {
	"usage: mmc [--seed S] [--n N] [--rng NAME]",
	"",
	"Runs model (a) of bench/MODELS.md (M/M/10, lambda 1.8/min, mu 0.2/min)",
	"on the engine kernel and prints key: value lines.",
	"",
	"  --seed S    seed of the run (default 1)",
	"  --n N       arrivals before the drain (default 1000000)",
	"  --rng NAME  GSL generator, e.g. taus2 (default), mt19937, ranlxs0",
	"  --help      this text",
	"",
	"exit codes: 0 the mean wait is within 5 % of Erlang C's 3.3437;",
	"1 the run failed or the mean wait is outside that band (a small --n",
	"is noisy and may well fall outside); 2 usage error",
	NULL
};

static void print_usage(FILE *out)
{
	int i;

	for (i = 0; usage[i]; i++)
		fprintf(out, "%s\n", usage[i]);
}

/* Parses a whole number in [lo, hi] from text.  Returns 0 or -1. */
static int parse_whole(const char *text, unsigned long long lo, unsigned long long hi,
		       unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!text || !*text || *text == '-')
		return -1;
	errno = 0;
	v = strtoull(text, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* The GSL generator type named name, or NULL. */
static const gsl_rng_type *find_rng(const char *name)
{
	const gsl_rng_type **t;

	for (t = gsl_rng_types_setup(); *t; t++)
		if (strcmp((*t)->name, name) == 0)
			return *t;
	return NULL;
}

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + 1e-9 * (double)(b->tv_nsec - a->tv_nsec);
}

int main(int argc, char **argv)
{
	pc_mmc_config cfg = { 0 };
	pc_mmc_stats st;
	pc_error err;
	struct timespec t0, t1;
	struct rusage ru;
	unsigned long long v;
	double pc, wq, wall, rel_wait, rel_p;
	char buf[2200];
	int i, rc, ok;

	gsl_set_error_handler_off();
	pc_error_clear(&err);
	cfg.lambda = MODEL_LAMBDA;
	cfg.mu = MODEL_MU;
	cfg.servers = MODEL_SERVERS;
	cfg.customers = MODEL_CUSTOMERS;
	cfg.warmup = 0;
	cfg.seed = 1;
	cfg.replication = 0;
	cfg.rng = gsl_rng_taus2;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			print_usage(stdout);
			return 0;
		} else if (strcmp(arg, "--seed") == 0) {
			if (parse_whole(val, 0, 0xffffffffULL, &v) != 0) {
				fprintf(stderr, "mmc: '--seed' must be a whole number in 0..4294967295, got '%s'\n",
					val ? val : "");
				return 2;
			}
			cfg.seed = (unsigned long)v;
			i++;
		} else if (strcmp(arg, "--n") == 0) {
			if (parse_whole(val, 1, 1000000000000ULL, &v) != 0) {
				fprintf(stderr, "mmc: '--n' must be a whole number in 1..1e12, got '%s'\n",
					val ? val : "");
				return 2;
			}
			cfg.customers = v;
			i++;
		} else if (strcmp(arg, "--rng") == 0) {
			cfg.rng = val ? find_rng(val) : NULL;
			if (!cfg.rng) {
				fprintf(stderr, "mmc: unknown GSL generator '%s'\n", val ? val : "");
				return 2;
			}
			i++;
		} else {
			fprintf(stderr, "mmc: unknown option '%s'\n", arg);
			print_usage(stderr);
			return 2;
		}
	}

	/* The wall clock brackets the simulation only, not the set-up of the
	 * options or the printing. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = pc_mmc_run(&cfg, &st, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc != 0) {
		fprintf(stderr, "mmc: %s\n", pc_error_format(&err, buf, sizeof buf));
		return 1;
	}
	wall = seconds_between(&t0, &t1);

	if (pc_erlang_c(cfg.lambda / cfg.mu, cfg.servers, &pc) != 0 ||
	    pc_erlang_wait_mean(cfg.lambda, cfg.mu, cfg.servers, &wq) != 0) {
		fprintf(stderr, "mmc: erlang c failed for lambda %g, mu %g, c %d\n", cfg.lambda,
			cfg.mu, cfg.servers);
		return 1;
	}
	rel_wait = (st.mean_wait - wq) / wq;
	rel_p = (st.p_wait - pc) / pc;
	getrusage(RUSAGE_SELF, &ru);

	printf("model: mmc\n");
	printf("rng: %s\n", cfg.rng->name);
	printf("seed: %lu\n", cfg.seed);
	printf("lambda: %g\n", cfg.lambda);
	printf("mu: %g\n", cfg.mu);
	printf("servers: %d\n", cfg.servers);
	printf("customers: %llu\n", (unsigned long long)st.arrived);
	printf("mean_wait: %.6f\n", st.mean_wait);
	printf("p_wait: %.6f\n", st.p_wait);
	printf("erlang_c_mean_wait: %.6f\n", wq);
	printf("erlang_c_p_wait: %.6f\n", pc);
	printf("mean_wait_rel_error: %+.5f\n", rel_wait);
	printf("p_wait_rel_error: %+.5f\n", rel_p);
	printf("max_wait: %.4f\n", st.wait_max);
	printf("max_queue: %zu\n", st.max_queue);
	printf("sim_end: %.3f\n", st.t_end);
	printf("logical_events: %llu\n", (unsigned long long)st.events);
	printf("calendar_events: %llu\n", (unsigned long long)st.calendar_events);
	printf("wall_s: %.6f\n", wall);
	printf("events_per_s: %.0f\n", wall > 0 ? (double)st.events / wall : 0.0);
	printf("peak_rss_kib: %ld\n", ru.ru_maxrss);
	printf("peak_rss_mib: %.2f\n", (double)ru.ru_maxrss / 1024);

	ok = st.mean_wait >= REFERENCE_WAIT * (1 - REFERENCE_BAND) &&
	     st.mean_wait <= REFERENCE_WAIT * (1 + REFERENCE_BAND);
	printf("mean_wait_in_band: %s\n", ok ? "yes" : "no");
	return ok ? 0 : 1;
}
