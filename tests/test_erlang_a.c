/* test_erlang_a: Erlang C and Erlang A figures against published cases, independent computations and a simulation. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "calendar.h"
#include "check.h"
#include "mmc.h"
#include "promocap/erlang.h"
#include "promocap/erlang_a.h"
#include "promocap/error.h"

/* The textbook Erlang C, summed term by term in long double (fine for the
 * small c used here): C = (A^N / N!) (N / (N - A)) / (sum_{k<N} A^k / k! +
 * (A^N / N!) (N / (N - A))).  Independent of the library's B recursion. */
static double textbook_c(double a, int n)
{
	long double term = 1, sum = 0, top;

	for (int k = 0; k < n; k++) {
		sum += term;
		term = term * a / (k + 1);
	}
	top = term * n / (n - a);
	return (double)(top / (sum + top));
}

/* The M/M/c+M birth-death chain solved directly, truncated at c + extra
 * states: pi_n by the balance equations in long double, normalised; the
 * share who wait, P(N >= c), and who abandon, theta E[(N - c)+] / lambda. */
static void chain_solve(double lambda, double mu, double theta, int c, int extra, double *pw, double *ab)
{
	int n, top = c + extra;
	long double *pi = malloc((size_t)(top + 1) * sizeof *pi), z = 0, w = 0, q = 0;

	pi[0] = 1;
	for (n = 1; n <= top; n++) {
		double death = n <= c ? n * mu : c * mu + (n - c) * theta;
		pi[n] = pi[n - 1] * lambda / death;
	}
	for (n = 0; n <= top; n++)
		z += pi[n];
	for (n = c; n <= top; n++) {
		w += pi[n] / z;
		q += (n - c) * pi[n] / z;
	}
	*pw = (double)w;
	*ab = (double)(theta * q / lambda);
	free(pi);
}

/* The share answered within t of an M/M/c+M queue by uniformisation of
 * the tagged caller's chain (state j: callers ahead; j -> j - 1 at rate
 * c mu + j theta, answered from 0 at rate c mu, hangs up at rate theta),
 * started from the chain's arrival distribution: a method independent of
 * the library's incomplete-beta form.  Time steps of 1e-4 of the
 * uniformised rate, integrating the answer flow with the trapezoid rule
 * would be slower; uniformisation with Poisson weights is exact up to
 * the truncation. */
static double uniformised_level(double lambda, double mu, double theta, int c, double t, int extra)
{
	int n, j, top = c + extra, steps;
	double *pi = malloc((size_t)(top + 1) * sizeof *pi), *v = malloc((size_t)extra * sizeof *v);
	double *nv = malloc((size_t)extra * sizeof *nv);
	double z = 0, rate, answered_now = 0, level, pois;

	pi[0] = 1;
	for (n = 1; n <= top; n++) {
		double death = n <= c ? n * mu : c * mu + (n - c) * theta;
		pi[n] = pi[n - 1] * lambda / death;
	}
	for (n = 0; n <= top; n++)
		z += pi[n];
	for (n = 0; n < c; n++)
		answered_now += pi[n] / z;
	/* v[j]: probability of being j-th in line (still waiting); A: answered. */
	for (j = 0; j < extra; j++)
		v[j] = pi[c + j] / z;
	rate = c * mu + (extra + 1) * theta;
	/* After k uniformised jumps the answered mass is A_k; the answered by t
	 * is sum_k Poisson(k; rate t) A_k. */
	steps = (int)(rate * t + 12 * sqrt(rate * t) + 50);
	level = 0;
	{
		double answered = 0;
		pois = exp(-rate * t);
		for (int k = 0; k <= steps; k++) {
			level += pois * answered;
			/* one jump */
			answered += v[0] * c * mu / rate;
			for (j = 0; j < extra; j++) {
				double out = c * mu + j * theta + theta;
				nv[j] = v[j] * (1 - out / rate) + (j + 1 < extra ? v[j + 1] * (c * mu + (j + 1) * theta) / rate : 0);
			}
			memcpy(v, nv, (size_t)extra * sizeof *v);
			pois = pois * rate * t / (k + 1);
		}
	}
	free(pi);
	free(v);
	free(nv);
	return answered_now + level;
}

/* The classic worked example of Erlang C staffing, published on Call
 * Centre Helper ("Erlang C formula - made simple with an easy worked
 * example", callcentrehelper.com) and repeated by most web calculators:
 * 100 calls in 30 minutes, average handling time 180 s, target 80 % of
 * calls answered within 20 s: traffic 10 erlangs, 14 agents, P(wait)
 * 17.4 %, ASA 7.8 s, occupancy 71.4 %, 20 agents scheduled with 30 %
 * shrinkage; 13 agents answer under 80 %.  The rounded figures are
 * checked at their rounding, and every figure is also recomputed here from
 * the textbook sum (textbook_c) and 1 - C exp(-(N - A) t / AHT): service
 * level 88.8 % at 14 agents, 79.6 % at 13. */
static void check_classic(void)
{
	const double lambda = 100.0 / 1800, mu = 1.0 / 180;
	pc_erlang_a_goal g = { 20, 0.80, 1, 1 };
	pc_erlang_a_kpi k, k13;
	int c = 0;

	CHECK(pc_erlang_a_staff(lambda, mu, 0, &g, 1000, &c, &k) == 0, "classic: staff");
	CHECK(c == 14, "classic: 14 agents, got %d", c);
	CHECK_NEAR(k.p_wait, textbook_c(10, 14), 1e-12, "classic: P(wait) vs the textbook sum");
	CHECK_NEAR(k.p_wait, 0.174, 0.0005, "classic: P(wait) 17.4 %");
	CHECK_NEAR(k.service_level, 1 - textbook_c(10, 14) * exp(-4.0 * 20 / 180), 1e-12,
		   "classic: service level vs the textbook form");
	CHECK_NEAR(k.service_level, 0.888, 0.0005, "classic: service level 88.8 %");
	CHECK_NEAR(k.asa, textbook_c(10, 14) * 180 / 4, 1e-9, "classic: ASA vs C AHT / (N - A)");
	CHECK_NEAR(k.asa, 7.8, 0.05, "classic: ASA 7.8 s");
	CHECK_NEAR(k.occupancy, 10.0 / 14, 1e-12, "classic: occupancy 71.4 %");
	CHECK(ceil(14 / (1 - 0.30)) == 20, "classic: 20 agents after 30 %% shrinkage");
	CHECK(pc_erlang_a_eval(lambda, mu, 0, 13, 20, &k13) == 0 && k13.service_level < 0.80,
	      "classic: 13 agents miss 80/20 (%.4f)", k13.service_level);
	CHECK_NEAR(k13.p_wait, textbook_c(10, 13), 1e-12, "classic: P(wait) at 13");
	CHECK_NEAR(k13.service_level, 0.796, 0.0005, "classic: service level 79.6 %% at 13");
	CHECK(pc_erlang_a_eval(lambda, mu, 0, 10, 20, &k13) == PC_EINPUT, "classic: 10 agents for 10 erlangs is unstable");
	/* Occupancy limit 70 %: 10 / 0.7 = 14.3, so 15 agents. */
	g.max_occupancy = 0.70;
	CHECK(pc_erlang_a_staff(lambda, mu, 0, &g, 1000, &c, &k) == 0 && c == 15,
	      "classic: 70 %% occupancy cap gives 15 agents, got %d", c);
}

/* The second classic example (the "Erlang-C formula" page of Westbay
 * Engineers / Erlang for Excel): 360 calls per half hour, 4 minutes
 * each, 55 agents, target time 15 s.  Traffic 48 erlangs, occupancy
 * 87.3 %; recomputed from the textbook sum. */
static void check_westbay(void)
{
	const double lambda = 360.0 / 1800, mu = 1.0 / 240;
	pc_erlang_a_kpi k;

	CHECK(pc_erlang_a_eval(lambda, mu, 0, 55, 15, &k) == 0, "westbay: eval");
	CHECK_NEAR(k.occupancy, 48.0 / 55, 1e-12, "westbay: occupancy");
	CHECK_NEAR(k.p_wait, textbook_c(48, 55), 1e-11, "westbay: P(wait)");
	CHECK_NEAR(k.service_level, 1 - textbook_c(48, 55) * exp(-7.0 * 15 / 240), 1e-11, "westbay: level");
}

/* Erlang A against the direct chain solve and uniformisation. */
static void check_erlang_a(void)
{
	static const struct {
		double lambda, mu, theta, t;
		int c;
	} cases[] = {
		{ 100.0 / 1800, 1.0 / 180, 1.0 / 300, 20, 14 },  /* the classic case, 5 min patience */
		{ 100.0 / 1800, 1.0 / 180, 1.0 / 300, 20, 9 },   /* overloaded: 9 agents for 10 erlangs */
		{ 2.0, 1.0, 0.5, 1.0, 2 },                       /* tiny, heavy abandonment */
		{ 50.0, 1.0, 2.0, 0.1, 45 },                     /* patience shorter than talk */
		{ 1.0, 1.0, 1.0, 0.5, 1 },                       /* theta = mu: M/M/inf in disguise */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pc_erlang_a_kpi k;
		double pw, ab, sl;

		CHECK(pc_erlang_a_eval(cases[i].lambda, cases[i].mu, cases[i].theta, cases[i].c, cases[i].t, &k) == 0,
		      "erlang a case %zu: eval", i);
		chain_solve(cases[i].lambda, cases[i].mu, cases[i].theta, cases[i].c, 3000, &pw, &ab);
		sl = uniformised_level(cases[i].lambda, cases[i].mu, cases[i].theta, cases[i].c, cases[i].t, 400);
		printf("# case %zu: P(wait) %.9f chain %.9f, abandon %.9f chain %.9f, level %.9f uniformised %.9f\n", i,
		       k.p_wait, pw, k.abandon, ab, k.service_level, sl);
		CHECK_NEAR(k.p_wait, pw, 1e-10, "erlang a: P(wait) vs the chain");
		CHECK_NEAR(k.abandon, ab, 1e-10, "erlang a: abandonment vs the chain");
		CHECK_NEAR(k.service_level, sl, 1e-8, "erlang a: service level vs uniformisation");
		CHECK_NEAR(k.occupancy, cases[i].lambda * (1 - ab) / (cases[i].c * cases[i].mu), 1e-10,
			   "erlang a: occupancy from the answered load");
	}
	/* Patience 1000 years: Erlang A tends to Erlang C. */
	{
		pc_erlang_a_kpi ka, kc;
		pc_erlang_a_eval(100.0 / 1800, 1.0 / 180, 1e-12, 14, 20, &ka);
		pc_erlang_a_eval(100.0 / 1800, 1.0 / 180, 0, 14, 20, &kc);
		CHECK_NEAR(ka.service_level, kc.service_level, 1e-7, "erlang a -> c: level");
		CHECK_NEAR(ka.p_wait, kc.p_wait, 1e-7, "erlang a -> c: P(wait)");
		CHECK_NEAR(ka.asa, kc.asa, 1e-5, "erlang a -> c: ASA");
		CHECK(ka.abandon < 1e-9, "erlang a -> c: no abandonment");
	}
}

/* Thousands of agents: no overflow, sane figures, and the benchmark case. */
static void check_large(void)
{
	const double lambda = 10000.0 / 1800, mu = 1.0 / 300;
	pc_erlang_a_goal g = { 20, 0.80, 1, 1 };
	pc_erlang_a_kpi k, below;
	int c = 0;
	clock_t t0;

	t0 = clock();
	CHECK(pc_erlang_a_staff(lambda, mu, 0, &g, 100000, &c, &k) == 0, "large: staff");
	printf("# 10,000 calls / 30 min, AHT 300 s, 80/20: %d agents, level %.4f, %.3f ms CPU\n", c,
	       k.service_level, 1000.0 * (double)(clock() - t0) / CLOCKS_PER_SEC);
	CHECK(c > 1667 && c < 1750, "large: about 1,700 agents, got %d", c);
	CHECK(k.service_level >= 0.8, "large: level met");
	CHECK(pc_erlang_a_eval(lambda, mu, 0, c - 1, 20, &below) == 0 && below.service_level < 0.8,
	      "large: one agent fewer misses");
	{
		int cs = 0;
		CHECK(pc_erlang_staff(lambda, mu, 20, 0.8, &cs) == 0 && cs == c, "large: agrees with pc_erlang_staff (%d)", cs);
	}
	CHECK(pc_erlang_a_staff(lambda, mu, 1.0 / 300, &g, 100000, &c, &k) == 0 && c > 1500 && c < 1750,
	      "large erlang a: staff %d", c);
	CHECK(pc_erlang_a_eval(lambda, mu, 1.0 / 300, 1000, 20, &k) == 0 && isfinite(k.service_level) &&
		      k.abandon > 0.3 && k.abandon < 0.5 && k.occupancy <= 1 + 1e-12,
	      "large erlang a, 1000 agents for 1667 erlangs: abandon %.4f", k.abandon);
	CHECK(pc_erlang_a_eval(lambda, mu, 1.0 / 300, 50000, 20, &k) == 0 && k.p_wait < 1e-300 + 1e-12 &&
		      k.service_level == 1,
	      "large erlang a, 50,000 agents: nobody waits");
	CHECK(pc_erlang_a_eval(lambda, mu, 0, 1700.5, 20, &k) == 0 && isfinite(k.service_level),
	      "continuous extension at 1700.5 agents");
}

/* The galloping search against a scan from one agent up, for Erlang C
 * and A, with each target alone and all together. */
static void check_search(void)
{
	static const double loads[] = { 0.3, 2.5, 10, 47.2, 160 };
	static const double thetas[] = { 0, 1.0 / 60, 1.0 / 300, 0.5 };
	static const pc_erlang_a_goal goals[] = {
		{ 20, 0.80, 1, 1 }, { 20, 0, 0.85, 1 }, { 20, 0, 1, 0.03 }, { 10, 0.9, 0.9, 0.05 }, { 0, 0.5, 1, 1 },
	};
	const double mu = 1.0 / 180;
	int agree = 0, total = 0;

	for (size_t i = 0; i < sizeof loads / sizeof loads[0]; i++)
		for (size_t j = 0; j < sizeof thetas / sizeof thetas[0]; j++)
			for (size_t g = 0; g < sizeof goals / sizeof goals[0]; g++) {
				pc_erlang_a_kpi k;
				int c = -1, scan = -1, rc;

				if (thetas[j] == 0 && goals[g].max_abandon < 1)
					continue;
				rc = pc_erlang_a_staff(loads[i] * mu, mu, thetas[j], &goals[g], 5000, &c, &k);
				for (int n = 1; n <= 5000 && scan < 0; n++) {
					pc_erlang_a_kpi kn;
					if (pc_erlang_a_eval(loads[i] * mu, mu, thetas[j], n, goals[g].t, &kn) == 0 &&
					    kn.service_level >= goals[g].level && kn.occupancy <= goals[g].max_occupancy &&
					    kn.abandon <= goals[g].max_abandon)
						scan = n;
				}
				total++;
				agree += rc == 0 && c == scan;
				CHECK(rc == 0 && c == scan, "search: load %g theta %g goal %zu: %d, the scan %d", loads[i],
				      thetas[j], g, c, scan);
			}
	printf("# search: %d of %d cases agree with the scan\n", agree, total);
}

/* Bad arguments: values, not aborts. */
static void check_domain(void)
{
	pc_erlang_a_kpi k;
	pc_erlang_a_goal g = { 20, 0.8, 1, 1 };
	int c;

	CHECK(pc_erlang_a_eval(-1, 1, 0, 5, 1, &k) == PC_EINPUT, "negative rate");
	CHECK(pc_erlang_a_eval(1, 0, 0, 5, 1, &k) == PC_EINPUT, "mu 0");
	CHECK(pc_erlang_a_eval(1, 1, -1, 5, 1, &k) == PC_EINPUT, "negative theta");
	CHECK(pc_erlang_a_eval(10, 1, 0, 10, 1, &k) == PC_EINPUT, "unstable erlang c");
	CHECK(pc_erlang_a_eval(10, 1, 0.1, 2.5, 1, &k) == PC_EINPUT, "fractional erlang a");
	CHECK(pc_erlang_a_eval(10, 1, 0.1, 3, NAN, &k) == PC_EINPUT, "nan t");
	CHECK(pc_erlang_a_staff(10, 1, 0, &g, 10, &c, &k) == 1, "no answer within max_c");
	g.level = 1;
	CHECK(pc_erlang_a_staff(10, 1, 0, &g, 100, &c, &k) == PC_EINPUT, "level 100 %%");
}

/* M/M/c+M simulated on the engine's calendar: FIFO, a caller who has
 * hung up by the time an agent frees is skipped (exponential patience
 * makes that exact).  Per replication: shares answered within t, who
 * waited, who hung up. */
#define SIM_REPS 20
#define SIM_CUSTOMERS 60000
#define SIM_WARMUP 6000

static void simulate(double lambda, double mu, double theta, int c, double t, unsigned long seed, double *level,
		     double *pwait, double *aband)
{
	pc_calendar cal;
	pc_event ev;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	double *arr = malloc(SIM_CUSTOMERS * sizeof *arr), *dead = malloc(SIM_CUSTOMERS * sizeof *dead);
	unsigned long arrived = 0, head = 0, within = 0, waited = 0, gone = 0, measured = 0;
	int busy = 0;

	gsl_rng_set(r, seed);
	pc_calendar_init(&cal, (size_t)c + 2);
	pc_calendar_push(&cal, gsl_ran_exponential(r, 1 / lambda), 0, 0);
	while (pc_calendar_pop(&cal, &ev) == 1) {
		double now = ev.time;

		if (ev.a == 0) {
			unsigned long i = arrived++;
			int counted = i >= SIM_WARMUP;

			measured += counted;
			if (arrived < SIM_CUSTOMERS)
				pc_calendar_push(&cal, now + gsl_ran_exponential(r, 1 / lambda), 0, 0);
			if (busy < c && head == i) {
				busy++;
				within += counted;
				pc_calendar_push(&cal, now + gsl_ran_exponential(r, 1 / mu), 1, 0);
				head++;
			} else {
				waited += counted;
				arr[i] = now;
				dead[i] = now + gsl_ran_exponential(r, 1 / theta);
			}
		} else {
			busy--;
			while (head < arrived) {
				unsigned long i = head++;
				if (dead[i] < now) {
					gone += i >= SIM_WARMUP;
					continue;
				}
				within += i >= SIM_WARMUP && now - arr[i] <= t;
				busy++;
				pc_calendar_push(&cal, now + gsl_ran_exponential(r, 1 / mu), 1, 0);
				break;
			}
		}
	}
	/* The last callers who never met a free agent hung up. */
	for (; head < arrived; head++)
		gone += head >= SIM_WARMUP;
	*level = (double)within / measured;
	*pwait = (double)waited / measured;
	*aband = (double)gone / measured;
	pc_calendar_release(&cal);
	gsl_rng_free(r);
	free(arr);
	free(dead);
}

/* The formulas against the simulation, within its 99.8 % CI. */
static void check_simulation(void)
{
	static const struct {
		double lambda, mu, theta, t;
		int c;
	} cases[] = {
		{ 100.0 / 1800, 1.0 / 180, 1.0 / 300, 20, 10 }, /* the classic load, 10 agents, 5 min patience */
		{ 100.0 / 1800, 1.0 / 180, 1.0 / 60, 20, 8 },   /* overloaded, 1 min patience */
		{ 100.0 / 1800, 1.0 / 180, 0, 20, 12 },         /* Erlang C */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double lv[SIM_REPS], pw[SIM_REPS], ab[SIM_REPS];
		const double tq = gsl_cdf_tdist_Pinv(0.999, SIM_REPS - 1);
		pc_erlang_a_kpi k;
		double m, h;

		for (int rep = 0; rep < SIM_REPS; rep++)
			simulate(cases[i].lambda, cases[i].mu, cases[i].theta > 0 ? cases[i].theta : 1e-300,
				 cases[i].c, cases[i].t, 1000UL * (i + 1) + (unsigned long)rep, &lv[rep], &pw[rep], &ab[rep]);
		pc_erlang_a_eval(cases[i].lambda, cases[i].mu, cases[i].theta, cases[i].c, cases[i].t, &k);
		m = gsl_stats_mean(lv, 1, SIM_REPS);
		h = tq * gsl_stats_sd(lv, 1, SIM_REPS) / sqrt(SIM_REPS);
		printf("# sim case %zu: level %.4f +- %.4f (theory %.4f)", i, m, h, k.service_level);
		CHECK(fabs(m - k.service_level) <= h, "sim case %zu: level %.4f +- %.4f vs %.4f", i, m, h, k.service_level);
		m = gsl_stats_mean(pw, 1, SIM_REPS);
		h = tq * gsl_stats_sd(pw, 1, SIM_REPS) / sqrt(SIM_REPS);
		printf(", P(wait) %.4f +- %.4f (%.4f)", m, h, k.p_wait);
		CHECK(fabs(m - k.p_wait) <= h, "sim case %zu: P(wait) %.4f +- %.4f vs %.4f", i, m, h, k.p_wait);
		m = gsl_stats_mean(ab, 1, SIM_REPS);
		h = tq * gsl_stats_sd(ab, 1, SIM_REPS) / sqrt(SIM_REPS);
		printf(", abandon %.4f +- %.4f (%.4f)\n", m, h, k.abandon);
		CHECK(fabs(m - k.abandon) <= h || (k.abandon == 0 && m == 0), "sim case %zu: abandon %.4f +- %.4f vs %.4f",
		      i, m, h, k.abandon);
	}
}

/* The Erlang C figures of pc_erlang_a_eval against the engine's own M/M/c
 * (pc_mmc_run, the kernel that tests/test_mmc.c validates): the share
 * who wait and the mean wait (ASA) within the replications' 99.8 % CI. */
static void check_engine(void)
{
	enum { REPS = 12 };
	const double lambda = 100.0 / 1800, mu = 1.0 / 180;
	double pw[REPS], asa[REPS], m, h;
	const double tq = gsl_cdf_tdist_Pinv(0.999, REPS - 1);
	pc_erlang_a_kpi k;
	pc_error err;

	for (int rep = 0; rep < REPS; rep++) {
		pc_mmc_config cfg = { lambda, mu, 12, 60000, 6000, 16, (unsigned long)rep, NULL };
		pc_mmc_stats st;

		pc_error_clear(&err);
		CHECK(pc_mmc_run(&cfg, &st, &err) == 0, "engine: run %d", rep);
		pw[rep] = st.p_wait;
		asa[rep] = st.mean_wait;
	}
	CHECK(pc_erlang_a_eval(lambda, mu, 0, 12, 20, &k) == 0, "engine: eval");
	m = gsl_stats_mean(pw, 1, REPS);
	h = tq * gsl_stats_sd(pw, 1, REPS) / sqrt(REPS);
	printf("# engine M/M/12 at 10 erlangs: P(wait) %.4f +- %.4f (theory %.4f)", m, h, k.p_wait);
	CHECK(fabs(m - k.p_wait) <= h, "engine: P(wait) %.4f +- %.4f vs %.4f", m, h, k.p_wait);
	m = gsl_stats_mean(asa, 1, REPS);
	h = tq * gsl_stats_sd(asa, 1, REPS) / sqrt(REPS);
	printf(", ASA %.3f +- %.3f s (theory %.3f)\n", m, h, k.asa);
	CHECK(fabs(m - k.asa) <= h, "engine: ASA %.3f +- %.3f vs %.3f", m, h, k.asa);
}

int main(void)
{
	gsl_set_error_handler_off();
	check_classic();
	check_westbay();
	check_erlang_a();
	check_large();
	check_search();
	check_domain();
	check_simulation();
	check_engine();
	return check_done();
}
