/* test_forecast: forecast distributions (parsing, draws against their
 * distribution), the spread's split into forecast and chance on a known
 * case, and replications that draw their forecast first (threads, draws
 * shared by pairs, the decomposition on real runs). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>

#include "check.h"
#include "promocap/forecast.h"
#include "promocap/result.h"
#include "promocap/scenario.h"
#include "promocap/sim.h"
#include "promocap/spread.h"

/* z of a two-sided 99.9% interval: each statistical check fails by chance
 * once in a thousand runs at most (they are seeded: never, in fact). */
#define Z999 3.2905

static void test_parse_good(void)
{
	pc_fc_dist d;
	char why[256], buf[128];

	CHECK(pc_fc_parse(PC_FC_GMV, "lognormal(mean=35000000, cv=15%)", &d, why, sizeof why) == 0,
	      "gmv lognormal parses (%s)", why);
	CHECK(d.kind == PC_FC_LOGNORMAL && d.mean == 35000000 && fabs(d.sd - 5250000) < 1e-6,
	      "lognormal mean and sd");
	CHECK_NEAR(d.p2, sqrt(log1p(0.15 * 0.15)), 1e-12, "lognormal sigma");
	CHECK(!strcmp(pc_fc_format_key(PC_FC_GMV, &d, buf, sizeof buf), "lognormal(mean=35000000, cv=15%)"),
	      "lognormal written back: '%s'", buf);
	CHECK(pc_fc_parse(PC_FC_RATE, " uniform( 5% , 7% ) ", &d, why, sizeof why) == 0, "rate uniform parses (%s)", why);
	CHECK(d.kind == PC_FC_UNIFORM && fabs(d.p1 - 0.05) < 1e-15 && fabs(d.p2 - 0.07) < 1e-15, "uniform bounds");
	CHECK_NEAR(d.mean, 0.06, 1e-15, "uniform mean");
	CHECK(!strcmp(pc_fc_format_key(PC_FC_RATE, &d, buf, sizeof buf), "uniform(5%, 7%)"), "uniform written back: '%s'", buf);
	CHECK(pc_fc_parse(PC_FC_RATE, "uniform(hi=0.07, lo=0.05)", &d, why, sizeof why) == 0 && fabs(d.p1 - 0.05) < 1e-15,
	      "uniform by name, as fractions");
	CHECK(pc_fc_parse(PC_FC_AOV, "gamma(mean=250, sd=25)", &d, why, sizeof why) == 0 && d.kind == PC_FC_GAMMA &&
		      fabs(d.p1 - 100) < 1e-9 && fabs(d.p2 - 2.5) < 1e-12,
	      "aov gamma: shape 100, scale 2.5 (%s)", why);
	CHECK(!strcmp(pc_fc_format_key(PC_FC_AOV, &d, buf, sizeof buf), "gamma(mean=250, sd=25)"), "gamma written back: '%s'", buf);
	CHECK(pc_fc_parse(PC_FC_AFTER_SALES_RATIO, "normal(mean=40%, sd=5%)", &d, why, sizeof why) == 0 &&
		      d.kind == PC_FC_NORMAL && fabs(d.mean - 0.4) < 1e-15,
	      "after_sales_ratio normal (%s)", why);
	CHECK(pc_fc_is_dist("lognormal(mean=1, cv=1)") && pc_fc_is_dist("  uniform (1, 2)") && !pc_fc_is_dist("5%") &&
		      !pc_fc_is_dist("rates.csv") && pc_fc_is_dist("weibull(1)") && !pc_fc_is_dist("(1, 2)"),
	      "pc_fc_is_dist tells a distribution from a value");
}

static void test_parse_bad(void)
{
	static const struct {
		pc_fc_key key;
		const char *text, *want;
	} bad[] = {
		{ PC_FC_GMV, "lognormal(mean=35000000)", "lognormal needs mean and cv or sd, got 'lognormal(mean=35000000)'" },
		{ PC_FC_GMV, "lognormal(mean=35000000, cv=10%, sd=5)", "lognormal takes two parameters, got 'lognormal(mean=35000000, cv=10%, sd=5)'" },
		{ PC_FC_RATE, "uniform(7%, 5%)", "uniform needs lo < hi, got 'uniform(7%, 5%)'" },
		{ PC_FC_RATE, "uniform(5%, 170%)", "the forecast must stay from 0% to 100%, got 'uniform(5%, 170%)'" },
		{ PC_FC_RATE, "uniform(5%)", "uniform needs lo and hi (uniform(5%, 7%)), got 'uniform(5%)'" },
		{ PC_FC_RATE, "lognormal(mean=50%, cv=80%)",
		  "the forecast must stay from 0% to 100%, but its draws reach past it: got 'lognormal(mean=50%, cv=80%)' (narrow it, or use uniform)" },
		{ PC_FC_GMV, "normal(mean=100, sd=50)",
		  "the forecast must stay above 0, but its draws reach past it: got 'normal(mean=100, sd=50)' (narrow it, or use uniform)" },
		{ PC_FC_GMV, "logn(mean=1, cv=1)", "unknown forecast distribution 'logn', expected lognormal, gamma, normal or uniform" },
		{ PC_FC_GMV, "35000000", "a forecast must be like 'lognormal(mean=35000000, cv=15%)' or 'uniform(5%, 7%)', got '35000000'" },
		{ PC_FC_GMV, "weibull(mean=1, cv=1)", "unknown forecast distribution 'weibull', expected lognormal, gamma, normal or uniform" },
		{ PC_FC_GMV, "lognormal(mean=abc, cv=1)", "mean 'abc' is not a number in 'lognormal(mean=abc, cv=1)'" },
		{ PC_FC_GMV, "lognormal(mean=1e7, cv=0)", "lognormal needs cv > 0 (a single value needs no distribution), got 'lognormal(mean=1e7, cv=0)'" },
		{ PC_FC_AOV, "gamma(mean=-5, sd=1)", "gamma needs a mean above 0, got 'gamma(mean=-5, sd=1)'" },
		{ PC_FC_GMV, "lognormal(mean=1e7, cv=10%", "a forecast must be like 'lognormal(mean=35000000, cv=15%)' or 'uniform(5%, 7%)', got 'lognormal(mean=1e7, cv=10%'" },
		{ PC_FC_RATE, "uniform(1%, 2%, 3%)", "uniform takes two parameters, got 'uniform(1%, 2%, 3%)'" },
		{ PC_FC_RATE, "uniform(lo=1%, mid=2%)", "uniform needs lo and hi (uniform(5%, 7%)), got 'uniform(lo=1%, mid=2%)'" },
	};
	pc_fc_dist d;
	char why[256];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		why[0] = '\0';
		CHECK(pc_fc_parse(bad[i].key, bad[i].text, &d, why, sizeof why) == PC_EINPUT, "'%s' refused", bad[i].text);
		CHECK(!strcmp(why, bad[i].want), "'%s': got \"%s\", want \"%s\"", bad[i].text, why, bad[i].want);
	}
}

/* The draws of d against d: mean within its 99.9% interval; for a
 * lognormal the log's mean and sd (exactly normal: t and chi-square), for
 * a uniform the range and mean. */
static void test_draws(void)
{
	enum { N = 20000 };
	static double x[N];
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	pc_fc_dist d;
	char why[256];
	double m, s;

	pc_fc_parse(PC_FC_GMV, "lognormal(mean=35000000, cv=15%)", &d, why, sizeof why);
	pc_sim_seed_forecast(r, 2026, 0);
	for (int i = 0; i < N; i++)
		x[i] = pc_fc_sample(&d, r);
	m = gsl_stats_mean(x, 1, N);
	CHECK(fabs(m - d.mean) <= Z999 * d.sd / sqrt(N), "gmv draws' mean %.6g within 99.9%% of %.6g", m, d.mean);
	s = gsl_stats_sd(x, 1, N);
	for (int i = 0; i < N; i++)
		x[i] = log(x[i]);
	m = gsl_stats_mean(x, 1, N);
	CHECK(fabs(m - d.p1) <= Z999 * d.p2 / sqrt(N), "log-draws' mean %.6g vs zeta %.6g", m, d.p1);
	{
		double v = gsl_stats_variance(x, 1, N), lo = (N - 1) * v / gsl_cdf_chisq_Qinv(0.0005, N - 1),
		       hi = (N - 1) * v / gsl_cdf_chisq_Pinv(0.0005, N - 1);
		CHECK(d.p2 * d.p2 >= lo && d.p2 * d.p2 <= hi, "sigma^2 %.6g within the draws' 99.9%% CI [%.6g, %.6g]",
		      d.p2 * d.p2, lo, hi);
	}
	CHECK(fabs(s / 35e6 - 0.15) < 0.01, "the draws' cv %.4f near 15%%", s / 35e6);

	pc_fc_parse(PC_FC_RATE, "uniform(5%, 7%)", &d, why, sizeof why);
	for (int i = 0; i < N; i++)
		x[i] = pc_fc_sample(&d, r);
	m = gsl_stats_mean(x, 1, N);
	CHECK(fabs(m - 0.06) <= Z999 * d.sd / sqrt(N), "rate draws' mean %.6g within 99.9%% of 6%%", m);
	CHECK(gsl_stats_min(x, 1, N) >= 0.05 && gsl_stats_max(x, 1, N) <= 0.07, "uniform draws stay in [5%%, 7%%]");
	CHECK(pc_fc_quantile(&d, 0.9) == 0.05 + 0.9 * 0.02, "uniform P90");
	gsl_rng_free(r);
}

/* A known case: y = 10 + f + e with f ~ N(0, 2^2) per draw and e ~ N(0,
 * 1) per replication, K draws of m = 2.  Tolerances are four of the
 * estimators' asymptotic sds (Searle et al. 1992, §3.6). */
static void test_spread_known(void)
{
	enum { K = 2000, M = 2 };
	static double y[K * M];
	static int draw[K * M];
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	const double sf = 2, sc = 1;
	double var_sf2, sd_q;
	pc_spread s;

	gsl_rng_set(r, 7);
	for (int k = 0; k < K; k++) {
		double f = gsl_ran_gaussian(r, sf);
		for (int j = 0; j < M; j++) {
			y[k * M + j] = 10 + f + gsl_ran_gaussian(r, sc);
			draw[k * M + j] = k;
		}
	}
	CHECK(pc_spread_of(y, draw, K * M, &s) == 0, "spread computed");
	CHECK(s.runs == K * M && s.draws == K, "runs %d, draws %d", s.runs, s.draws);
	CHECK(s.chance_lo <= sc && sc <= s.chance_hi, "sigma_c 1 within its CI [%.4f, %.4f]", s.chance_lo, s.chance_hi);
	var_sf2 = 2.0 / (M * M) * (pow(M * sf * sf + sc * sc, 2) / (K - 1) + pow(sc, 4) / (K * (M - 1)));
	CHECK_NEAR(s.sd_forecast * s.sd_forecast, sf * sf, 4 * sqrt(var_sf2), "sigma_f^2");
	/* A quantile's sd: sqrt(p (1 - p) / K) / density at it. */
	sd_q = sqrt(0.09 / K) / gsl_ran_gaussian_pdf(1.2816 * sf, sf);
	CHECK_NEAR(s.p10, 10 - 1.2816 * sf, 4 * sd_q, "P10 over forecasts, chance taken out");
	CHECK_NEAR(s.p90, 10 + 1.2816 * sf, 4 * sd_q, "P90 over forecasts, chance taken out");
	CHECK_NEAR(s.chance_pm, 1.2816 * sc, 4 * 1.2816 * sc / sqrt(2.0 * K), "chance's +-");
	CHECK_NEAR(s.share_forecast, 0.8, 0.05, "forecast's share of the variance");

	/* No forecast spread: sigma_f near 0, the quantiles near the mean. */
	for (int i = 0; i < K * M; i++)
		y[i] = 10 + gsl_ran_gaussian(r, sc);
	pc_spread_of(y, draw, K * M, &s);
	CHECK(s.sd_forecast * s.sd_forecast < 4 * sqrt(2.0 / (M * M) * (pow(sc, 4) / (K - 1) + pow(sc, 4) / K)),
	      "no forecast: sigma_f^2 %.4g near 0", s.sd_forecast * s.sd_forecast);
	CHECK(s.p90 - s.p10 < 0.5, "no forecast: P10-P90 %.3g narrow", s.p90 - s.p10);

	/* NaN skipped, unbalanced draws, one value: no crash, NaN where due. */
	y[0] = NAN;
	CHECK(pc_spread_of(y, draw, K * M, &s) == 0 && s.runs == K * M - 1 && s.draws == K, "NaN skipped");
	CHECK(pc_spread_of(y + 1, draw + 1, 1, &s) == 0 && s.runs == 1 && isnan(s.sd_chance) && isnan(s.p10),
	      "one value: no spread");
	gsl_rng_free(r);
}

static int load(pc_scenario *sc, const char *path)
{
	pc_error err;
	char msg[2200];

	pc_error_clear(&err);
	if (pc_scenario_load(sc, path, &err)) {
		printf("# cannot load %s: %s\n", path, pc_error_format(&err, msg, sizeof msg));
		return -1;
	}
	return 0;
}

/* Gives sc a forecast on key k. */
static void give(pc_scenario *sc, pc_fc_key k, const char *text)
{
	char why[256];
	double v[PC_NFC];

	CHECK(pc_fc_parse(k, text, &sc->forecast.key[k], why, sizeof why) == 0, "%s parses (%s)", text, why);
	sc->forecast.on = 1;
	pc_fc_values(sc, v);
	v[k] = sc->forecast.key[k].mean;
	pc_fc_apply(sc, v);
}

/* Index of KPI key in k[0..n), or -1. */
static int kpi_index(const pc_kpi *k, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].key, key))
			return i;
	return -1;
}

static void test_runs(void)
{
	enum { REPS = 80 };
	pc_scenario fixed, fc;
	pc_result a, b, c;
	pc_error err;
	pc_kpi k[PC_MAX_KPIS];
	pc_spread sa[PC_MAX_KPIS], sb[PC_MAX_KPIS];
	int n, i, same = 1, shared = 1, differ = 0;

	if (load(&fixed, "scenarios/small-shop.ini") || load(&fc, "scenarios/small-shop.ini")) {
		CHECK(0, "small-shop loads");
		return;
	}
	give(&fc, PC_FC_GMV, "lognormal(mean=500000, cv=20%)");
	pc_error_clear(&err);
	CHECK(pc_run(&fc, 11, REPS, 1, &a, &err) == 0 && pc_run(&fc, 11, REPS, 2, &b, &err) == 0,
	      "forecast runs (%s)", err.msg);
	for (int r = 0; r < REPS; r++) {
		same &= !memcmp(a.rep[r].fc, b.rep[r].fc, sizeof a.rep[r].fc) && a.rep[r].arrived[0] == b.rep[r].arrived[0] &&
			a.rep[r].fr_within == b.rep[r].fr_within;
		if (r % 2)
			shared &= !memcmp(a.rep[r].fc, a.rep[r - 1].fc, sizeof a.rep[r].fc);
		else if (r)
			differ += a.rep[r].fc[PC_FC_GMV] != a.rep[r - 1].fc[PC_FC_GMV];
	}
	CHECK(same, "the same draws and figures on 1 and 2 threads");
	CHECK(shared, "the two replications of a draw share its forecast");
	CHECK(differ == REPS / 2 - 1, "every draw its own forecast (%d of %d differ)", differ, REPS / 2 - 1);
	CHECK(a.rep[0].fc[PC_FC_AOV] == fc.aov && a.rep[0].fc[PC_FC_RATE] == fc.refund_rate,
	      "keys without a distribution keep their value");
	{
		/* A draw's orders are its gmv / aov; replication 5 again, alone. */
		pc_result one;
		CHECK(pc_run_from(&fc, 11, 5, 1, 1, &one, &err) == 0 && !memcmp(one.rep[0].fc, a.rep[5].fc, sizeof one.rep[0].fc) &&
			      one.rep[0].arrived[0] == a.rep[5].arrived[0],
		      "replication 5 alone faces the same draw and figures");
		CHECK_NEAR(a.rep[5].orders, a.rep[5].fc[PC_FC_GMV] / fc.aov, 1e-6, "orders of the draw");
		pc_result_release(&one);
	}

	/* The decomposition on real runs: refund requests are Poisson-like,
	 * their chance variance about the mean demand's; the forecast's sd
	 * is cv 20% of the mean (requests are proportional to gmv). */
	CHECK(pc_run(&fixed, 11, REPS, 2, &c, &err) == 0, "fixed runs");
	n = pc_result_kpis(&a, k, PC_MAX_KPIS);
	i = kpi_index(k, n, "refund_requests");
	CHECK(i >= 0, "refund_requests KPI");
	CHECK(pc_result_spread(&a, sa, PC_MAX_KPIS) == n && pc_result_spread(&c, sb, PC_MAX_KPIS) == n, "spreads of every KPI");
	if (i >= 0) {
		double f = sa[i].sd_chance * sa[i].sd_chance / (sb[i].sd_chance * sb[i].sd_chance);
		int df = REPS / 2;
		double sf_want = 0.2 * sa[i].mean;

		CHECK(f > gsl_cdf_fdist_Pinv(0.0005, df, df) && f < gsl_cdf_fdist_Qinv(0.0005, df, df),
		      "chance's variance the same with and without the forecast (F %.3f, sd %.1f vs %.1f)", f,
		      sa[i].sd_chance, sb[i].sd_chance);
		/* sigma_f from K = 40 draws: relative sd about 1 / sqrt(2 (K - 1)). */
		CHECK(fabs(sa[i].sd_forecast / sf_want - 1) < 4 / sqrt(2.0 * (REPS / 2 - 1)),
		      "forecast's sd %.1f near 20%% of %.0f", sa[i].sd_forecast, sa[i].mean);
		CHECK(sb[i].share_forecast < 0.25, "without a forecast little of the spread is the forecast's (%.2f)",
		      sb[i].share_forecast);
		CHECK(sa[i].p10 < sa[i].p50 && sa[i].p50 < sa[i].p90, "P10 < P50 < P90");
		/* With the draws' correlation the CI comes from their means:
		 * wider than the replications' own. */
		CHECK(k[i].hi - k[i].lo > 0, "CI from the draws");
	}
	pc_result_release(&a);
	pc_result_release(&b);
	pc_result_release(&c);
	pc_scenario_release(&fixed);
	pc_scenario_release(&fc);
}

int main(void)
{
	gsl_set_error_handler_off();
	test_parse_good();
	test_parse_bad();
	test_draws();
	test_spread_known();
	test_runs();
	return check_done();
}
