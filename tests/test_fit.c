/* test_fit: the maximum-likelihood fits of promocap fit: samples drawn from
 * lognormal, gamma and Weibull with GSL give back their parameters, the
 * family they came from is the one chosen by the KS statistic, and the
 * Wilson interval behaves at its edges. */
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "check.h"
#include "promocap/fit.h"

#define N 20000

int main(void)
{
	gsl_rng *g = gsl_rng_alloc(gsl_rng_taus2);
	double *x = malloc(N * sizeof *x);
	pc_fit_dist fd = { 0 };
	char buf[160];

	gsl_rng_set(g, 12);
	/* lognormal(mu = log 3600, sigma = 0.5) */
	for (int i = 0; i < N; i++)
		x[i] = gsl_ran_lognormal(g, log(3600), 0.5);
	CHECK(pc_fit_dist_fit(&fd, x, N) == 0, "lognormal sample fits");
	CHECK(fd.best == PC_FD_LOGNORMAL, "lognormal chosen (D %.4f %.4f %.4f)", fd.ks[0], fd.ks[1], fd.ks[2]);
	CHECK_NEAR(fd.a[PC_FD_LOGNORMAL], log(3600), 0.02, "lognormal mu");
	CHECK_NEAR(fd.b[PC_FD_LOGNORMAL], 0.5, 0.01, "lognormal sigma");
	CHECK(fd.mean_lo < 3600 * exp(0.125) && 3600 * exp(0.125) < fd.mean_hi, "lognormal mean in its CI");
	pc_fit_dist_format(&fd, buf, sizeof buf);
	CHECK(!strncmp(buf, "lognormal(mean=", 15), "formatted as a scenario value: %s", buf);
	/* gamma(k = 2.5, theta = 2 h) */
	for (int i = 0; i < N; i++)
		x[i] = gsl_ran_gamma(g, 2.5, 7200);
	CHECK(pc_fit_dist_fit(&fd, x, N) == 0, "gamma sample fits");
	CHECK(fd.best == PC_FD_GAMMA, "gamma chosen (D %.4f %.4f %.4f)", fd.ks[0], fd.ks[1], fd.ks[2]);
	CHECK_NEAR(fd.a[PC_FD_GAMMA], 2.5, 0.08, "gamma shape");
	CHECK_NEAR(fd.b[PC_FD_GAMMA], 7200, 250, "gamma scale");
	pc_fit_dist_format(&fd, buf, sizeof buf);
	CHECK(!strncmp(buf, "gamma(shape=", 12), "formatted: %s", buf);
	/* Weibull(k = 1.7, lambda = 1 d) */
	for (int i = 0; i < N; i++)
		x[i] = gsl_ran_weibull(g, 86400, 1.7);
	CHECK(pc_fit_dist_fit(&fd, x, N) == 0, "weibull sample fits");
	CHECK(fd.best == PC_FD_WEIBULL, "weibull chosen (D %.4f %.4f %.4f)", fd.ks[0], fd.ks[1], fd.ks[2]);
	CHECK_NEAR(fd.a[PC_FD_WEIBULL], 1.7, 0.03, "weibull shape");
	CHECK_NEAR(fd.b[PC_FD_WEIBULL], 86400, 1200, "weibull scale");
	CHECK(fd.ks[PC_FD_WEIBULL] < 0.01, "weibull D small: %.4f", fd.ks[PC_FD_WEIBULL]);
	/* the fitted CDF the report's charts draw: the true one within D
	 * (the sample's) plus the sampling error of D's 95% band */
	for (int q = 1; q < 10; q++) {
		double t = 86400 * pow(-log(1 - q / 10.0), 1 / 1.7);
		CHECK(fabs(pc_fit_dist_cdf(&fd, PC_FD_WEIBULL, t) - q / 10.0) < 1.36 / sqrt(N),
		      "weibull CDF at its %d0th percentile: %.4f", q, pc_fit_dist_cdf(&fd, PC_FD_WEIBULL, t));
	}
	CHECK(pc_fit_dist_cdf(&fd, PC_FD_GAMMA, 0) == 0 && isnan(pc_fit_dist_cdf(&fd, 7, 1)), "CDF at 0, bad family");
	/* few values: no family, the mean stands */
	for (int i = 0; i < 5; i++)
		x[i] = 60 * (i + 1);
	CHECK(pc_fit_dist_fit(&fd, x, 5) == 0 && fd.best < 0 && fd.n == 5, "5 values: no family");
	pc_fit_dist_format(&fd, buf, sizeof buf);
	CHECK(!strcmp(buf, "fixed(3min)"), "5 values: fixed at the mean, got %s", buf);
	/* zero durations (under a second) do not break the logs */
	for (int i = 0; i < 100; i++)
		x[i] = i % 10 == 0 ? 0 : 30 + i;
	CHECK(pc_fit_dist_fit(&fd, x, 100) == 0 && fd.best >= 0 && isfinite(fd.ks[fd.best]), "zeros: fitted");
	free(fd.q);
	/* Wilson */
	{
		pc_fit_share s = pc_fit_wilson(0, 100);
		CHECK(s.p == 0 && s.lo == 0 && s.hi > 0.03 && s.hi < 0.04, "0 of 100: [0, %.4f]", s.hi);
		s = pc_fit_wilson(50, 100);
		CHECK_NEAR(s.lo, 0.4038, 0.001, "50 of 100 low");
		CHECK_NEAR(s.hi, 0.5962, 0.001, "50 of 100 high");
		s = pc_fit_wilson(0, 0);
		CHECK(s.p == 0 && s.n == 0, "0 of 0");
	}
	free(x);
	gsl_rng_free(g);
	return check_done();
}
