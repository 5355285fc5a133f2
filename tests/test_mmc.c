/* test_mmc: the engine kernel run as M/M/c, validated against Erlang C with confidence intervals over replications. */
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_statistics_double.h>

#include "check.h"
#include "mmc.h"
#include "promocap/erlang.h"
#include "promocap/error.h"

/* Replications per load, measured customers per replication, and the
 * warm-up discarded before them (10 % of the run: at rho = 0.9 the queue
 * forgets an empty start within a few hundred customers). */
#define REPLICATIONS 25
#define CUSTOMERS 100000
#define WARMUP 10000

/* The seed of all runs here; replications differ by replication number. */
#define SEED 20261122UL

/* Known answer of M/M/2 with lambda 1, mu 0.8, 1000 customers, seed 12345,
 * taus2 (recorded on glibc x86-64; other libm's log1p may move the last
 * digits, hence the 1e-9 tolerance). */
#define KNOWN_WAIT 0.590000993972
#define KNOWN_WAITED 455
#define KNOWN_END 985.041651794149

/* One load to validate. */
typedef struct load {
	double lambda, mu;
	int servers;
} load;

/* Per-replication figures of one load. */
typedef struct series {
	double wait[REPLICATIONS];   /* mean wait */
	double p_wait[REPLICATIONS]; /* share who waited */
	double lq[REPLICATIONS];     /* time-average number waiting */
	double little[REPLICATIONS]; /* Lq - lambda_hat * W, Little's gap */
	double util[REPLICATIONS];   /* busy / capacity over the window */
} series;

/* The half-width of the two-sided 99.8 % confidence interval of the mean
 * of x[0..n-1]: t_{0.999, n-1} * sd / sqrt(n).  A check that fails only
 * when the truth lies outside it has a 0.2 % false alarm rate. */
static double half_width(const double *x, size_t n)
{
	return gsl_cdf_tdist_Pinv(0.999, (double)(n - 1)) * gsl_stats_sd(x, 1, n) / sqrt((double)n);
}

/* Checks that the replication mean of x is within its confidence interval
 * of the theory; prints the figures as a comment line. */
static void check_mean(const char *what, const load *ld, const double *x, double theory)
{
	const double m = gsl_stats_mean(x, 1, REPLICATIONS);
	const double h = half_width(x, REPLICATIONS);

	printf("# lambda %g mu %g c %d: %-12s %.6f +- %.6f, theory %.6f\n", ld->lambda, ld->mu,
	       ld->servers, what, m, h, theory);
	CHECK(fabs(m - theory) <= h, "lambda %g mu %g c %d: %s %.6f within %.6f of %.6f",
	      ld->lambda, ld->mu, ld->servers, what, m, h, theory);
}

/* Runs the replications of one load and checks them against theory. */
static void validate(const load *ld)
{
	static series s;
	pc_mmc_config cfg;
	pc_mmc_stats st;
	pc_error err;
	const double a = ld->lambda / ld->mu, rho = a / ld->servers;
	double pc = 0, wq = 0;
	int r, ran = 1, conserved = 1, drained = 1, counted = 1;

	memset(&cfg, 0, sizeof cfg);
	cfg.lambda = ld->lambda;
	cfg.mu = ld->mu;
	cfg.servers = ld->servers;
	cfg.customers = WARMUP + CUSTOMERS;
	cfg.warmup = WARMUP;
	cfg.seed = SEED;
	cfg.rng = gsl_rng_taus2;
	for (r = 0; r < REPLICATIONS; r++) {
		double len, lambda_hat;

		cfg.replication = (unsigned long)r;
		pc_error_clear(&err);
		if (pc_mmc_run(&cfg, &st, &err) != 0) {
			ran = 0;
			printf("# run failed: %s\n", err.msg);
			continue;
		}
		len = st.window_end - st.window_start;
		lambda_hat = (double)(st.window_arrivals - 1) / len;
		s.wait[r] = st.mean_wait;
		s.p_wait[r] = st.p_wait;
		s.lq[r] = st.mean_queue;
		s.little[r] = st.mean_queue - lambda_hat * st.mean_wait;
		s.util[r] = st.utilisation;
		/* Conservation at the last arrival and after the drain. */
		if (st.end_arrived != st.end_departed + st.end_waiting + st.end_in_service ||
		    st.end_arrived != cfg.customers || st.end_in_service > (uint64_t)ld->servers)
			conserved = 0;
		if (st.arrived != cfg.customers || st.served != st.arrived)
			drained = 0;
		if (st.measured != CUSTOMERS || st.window_arrivals != CUSTOMERS ||
		    st.events != 3 * cfg.customers || st.calendar_events != 2 * cfg.customers)
			counted = 0;
	}
	CHECK(ran, "lambda %g c %d: every replication ran", ld->lambda, ld->servers);
	CHECK(conserved, "lambda %g c %d: arrived = departed + waiting + in service",
	      ld->lambda, ld->servers);
	CHECK(drained, "lambda %g c %d: every customer left after the drain", ld->lambda,
	      ld->servers);
	CHECK(counted, "lambda %g c %d: 3 logical and 2 calendar events per customer",
	      ld->lambda, ld->servers);

	CHECK(pc_erlang_c(a, ld->servers, &pc) == 0 &&
	      pc_erlang_wait_mean(ld->lambda, ld->mu, ld->servers, &wq) == 0,
	      "Erlang C for a = %g, c = %d", a, ld->servers);
	check_mean("Wq", ld, s.wait, wq);
	check_mean("P(wait>0)", ld, s.p_wait, pc);
	/* Little's law twice: the time-average queue against lambda Wq of the
	 * theory, and replication by replication against lambda_hat W of the
	 * same run (the gap is only the customers straddling the window's
	 * ends, zero in expectation). */
	check_mean("Lq", ld, s.lq, ld->lambda * wq);
	check_mean("Lq-lambda*W", ld, s.little, 0.0);
	check_mean("utilisation", ld, s.util, rho);
}

/* The same config gives the same figures, bit for bit; another replication
 * number gives other figures. */
static void test_determinism(void)
{
	pc_mmc_config cfg;
	pc_mmc_stats s1, s2, s3;
	pc_error err;

	memset(&cfg, 0, sizeof cfg);
	cfg.lambda = 1.8;
	cfg.mu = 0.2;
	cfg.servers = 10;
	cfg.customers = 20000;
	cfg.seed = 1;
	pc_mmc_run(&cfg, &s1, &err);
	pc_mmc_run(&cfg, &s2, &err);
	cfg.replication = 1;
	pc_mmc_run(&cfg, &s3, &err);
	CHECK(s1.wait_sum == s2.wait_sum && s1.t_end == s2.t_end && s1.waited == s2.waited &&
	      s1.queue_area == s2.queue_area && s1.busy_area == s2.busy_area,
	      "the same config reproduces the run exactly");
	CHECK(s1.wait_sum != s3.wait_sum && s1.t_end != s3.t_end,
	      "another replication number gives another run");
	CHECK(pc_mmc_stream_seed(1, 0, 0) != pc_mmc_stream_seed(1, 0, 1) &&
	      pc_mmc_stream_seed(1, 0, 0) != pc_mmc_stream_seed(1, 1, 0) &&
	      pc_mmc_stream_seed(1, 0, 0) != pc_mmc_stream_seed(2, 0, 0),
	      "stream seeds differ by seed, replication and stream");
}

/* Known answer from a fixed seed: it changes only if the event order, the
 * streams or the samplers change, which must then be deliberate. */
static void test_known_answer(void)
{
	pc_mmc_config cfg;
	pc_mmc_stats st;
	pc_error err;

	memset(&cfg, 0, sizeof cfg);
	cfg.lambda = 1.0;
	cfg.mu = 0.8;
	cfg.servers = 2;
	cfg.customers = 1000;
	cfg.seed = 12345;
	CHECK(pc_mmc_run(&cfg, &st, &err) == 0, "known-answer run");
	printf("# known answer: mean wait %.12f, waited %llu, end %.12f\n", st.mean_wait,
	       (unsigned long long)st.waited, st.t_end);
	CHECK_NEAR(st.mean_wait, KNOWN_WAIT, 1e-9, "known mean wait, seed 12345");
	CHECK(st.waited == KNOWN_WAITED, "known number who waited, seed 12345");
	CHECK_NEAR(st.t_end, KNOWN_END, 1e-9, "known end time, seed 12345");
}

/* A bad config is refused with a message. */
static void test_bad_config(void)
{
	pc_mmc_config cfg;
	pc_mmc_stats st;
	pc_error err;

	memset(&cfg, 0, sizeof cfg);
	cfg.lambda = 1;
	cfg.mu = 1;
	cfg.servers = 0;
	cfg.customers = 10;
	pc_error_clear(&err);
	CHECK(pc_mmc_run(&cfg, &st, &err) == PC_EINPUT &&
	      strcmp(err.msg, "'servers' must be a whole number >= 1, got '0'") == 0,
	      "servers 0: %s", err.msg);
	cfg.servers = 1;
	cfg.warmup = 10;
	pc_error_clear(&err);
	CHECK(pc_mmc_run(&cfg, &st, &err) == PC_EINPUT &&
	      strcmp(err.msg, "'warmup' must be below 'customers' (10), got '10'") == 0,
	      "warmup 10 of 10: %s", err.msg);
	cfg.warmup = 0;
	cfg.lambda = -2;
	pc_error_clear(&err);
	CHECK(pc_mmc_run(&cfg, &st, &err) == PC_EINPUT &&
	      strcmp(err.msg, "'lambda' must be a number > 0, got '-2'") == 0,
	      "lambda -2: %s", err.msg);
}

int main(void)
{
	static const load loads[] = {
		{ 0.5, 1.0, 1 },  /* M/M/1, rho 0.5 */
		{ 3.5, 1.0, 5 },  /* rho 0.7, c 5 */
		{ 1.8, 0.2, 10 }, /* rho 0.9, c 10: model (a) */
	};
	size_t i;

	gsl_set_error_handler_off();
	for (i = 0; i < sizeof loads / sizeof loads[0]; i++)
		validate(&loads[i]);
	test_determinism();
	test_known_answer();
	test_bad_config();
	return check_done();
}
