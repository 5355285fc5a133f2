/* erlang: Erlang B and C for whole and real numbers of servers, M/M/c waits and staffing. */
#include "promocap/erlang.h"

#include <limits.h>
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>

#include "promocap/error.h"

/* Subintervals the adaptive integrator may use. */
#define QUAD_LIMIT 128

/* Carries B from k0 servers up to k1 servers with the recursion
 * B(a, k) = a B(a, k-1) / (k + a B(a, k-1)), which holds for the real
 * extension too (integrate the integral form by parts: 1/B(a, x) =
 * 1 + (x / a) / B(a, x - 1)).  Every term stays in [0, 1]. */
static double b_up(double a, double b, double base, long k0, long k1)
{
	long k;

	for (k = k0 + 1; k <= k1; k++)
		b = a * b / (base + (double)k + a * b);
	return b;
}

/* C from B: C = x B / (x - a (1 - B)), for x > a. */
static double c_from_b(double a, double x, double b)
{
	return x * b / (x - a * (1 - b));
}

/* The service level 1 - C exp(-(x mu - lambda) t). */
static double level_from_c(double lambda, double mu, double x, double t, double c)
{
	return 1 - c * exp(-(x * mu - lambda) * t);
}

int pc_erlang_b(double a, int c, double *b)
{
	if (!(a > 0) || !isfinite(a) || c < 0)
		return PC_EINPUT;
	*b = b_up(a, 1.0, 0.0, 0, c);
	return 0;
}

int pc_erlang_c(double a, int c, double *p)
{
	double b;

	if (!(a > 0) || !isfinite(a) || !((double)c > a))
		return PC_EINPUT;
	b = b_up(a, 1.0, 0.0, 0, c);
	*p = c_from_b(a, c, b);
	return 0;
}

/* The integrand of 1 / B(a, f) after the change of variable s = a t:
 * 1 / B(a, f) = integral_0^inf exp(-s) (1 + s / a)^f ds. */
struct b_integrand {
	double a, f;
};

static double b_integrand_eval(double s, void *params)
{
	const struct b_integrand *p = params;

	return exp(-s + p->f * log1p(s / p->a));
}

/* B(a, f) for 0 < f < 1 by adaptive integration on [0, inf) (QAGIU).  The
 * integral lies in [1, 1 + 1/a], so a relative tolerance is meaningful.
 * Returns 0 or PC_ERUN. */
static int b_fraction(double a, double f, double *b)
{
	struct b_integrand p = { a, f };
	gsl_function fn = { b_integrand_eval, &p };
	gsl_integration_workspace *w = gsl_integration_workspace_alloc(QUAD_LIMIT);
	double value = 0, abserr = 0;
	int status;

	if (!w)
		return PC_ENOMEM;
	status = gsl_integration_qagiu(&fn, 0.0, 0.0, 1e-12, QUAD_LIMIT, w, &value, &abserr);
	gsl_integration_workspace_free(w);
	/* Round-off limits are acceptable when the error estimate is still
	 * tiny; anything else is a failure. */
	if (status == GSL_EROUND && abserr <= 1e-10 * value)
		status = GSL_SUCCESS;
	if (status != GSL_SUCCESS || !(value >= 1) || !isfinite(value))
		return PC_ERUN;
	*b = 1 / value;
	return 0;
}

int pc_erlang_b_real(double a, double x, double *b)
{
	double whole, f, b0 = 1.0;
	int rc;

	if (!(a > 0) || !isfinite(a) || !(x >= 0) || !(x <= (double)INT_MAX))
		return PC_EINPUT;
	whole = floor(x);
	f = x - whole;
	if (f > 0) {
		rc = b_fraction(a, f, &b0);
		if (rc != 0)
			return rc;
	}
	*b = b_up(a, b0, f, 0, (long)whole);
	return 0;
}

int pc_erlang_c_real(double a, double x, double *p)
{
	double b;
	int rc;

	if (!(a > 0) || !isfinite(a) || !(x > a))
		return PC_EINPUT;
	rc = pc_erlang_b_real(a, x, &b);
	if (rc != 0)
		return rc;
	*p = c_from_b(a, x, b);
	return 0;
}

/* Checks the domain shared by the wait formulas: lambda, mu > 0, finite,
 * c > a and c mu > lambda (both, so rounding cannot disagree). */
static int wait_domain(double lambda, double mu, double c)
{
	if (!(lambda > 0) || !(mu > 0) || !isfinite(lambda) || !isfinite(mu))
		return PC_EINPUT;
	if (!(c > lambda / mu) || !(c * mu - lambda > 0) || !(c <= (double)INT_MAX))
		return PC_EINPUT;
	return 0;
}

int pc_erlang_wait_mean(double lambda, double mu, double c, double *wq)
{
	double p;
	int rc = wait_domain(lambda, mu, c);

	if (rc == 0)
		rc = pc_erlang_c_real(lambda / mu, c, &p);
	if (rc != 0)
		return rc;
	*wq = p / (c * mu - lambda);
	return 0;
}

int pc_erlang_wait_tail(double lambda, double mu, double c, double t, double *p)
{
	double pw;
	int rc = wait_domain(lambda, mu, c);

	if (rc == 0 && !(t >= 0))
		rc = PC_EINPUT;
	if (rc == 0)
		rc = pc_erlang_c_real(lambda / mu, c, &pw);
	if (rc != 0)
		return rc;
	*p = pw * exp(-(c * mu - lambda) * t);
	return 0;
}

int pc_erlang_service_level(double lambda, double mu, double c, double t, double *sl)
{
	double tail;
	int rc = pc_erlang_wait_tail(lambda, mu, c, t, &tail);

	if (rc != 0)
		return rc;
	*sl = 1 - tail;
	return 0;
}

/* Checks the domain of the staffing searches. */
static int staff_domain(double lambda, double mu, double t, double target)
{
	if (!(lambda > 0) || !(mu > 0) || !isfinite(lambda) || !isfinite(mu))
		return PC_EINPUT;
	if (!(t >= 0) || !isfinite(t) || !(target > 0) || !(target < 1))
		return PC_EINPUT;
	if (!(lambda / mu < (double)INT_MAX - 1))
		return PC_EINPUT;
	return 0;
}

int pc_erlang_staff(double lambda, double mu, double t, double target, int *c)
{
	double a, b;
	int k, k0;

	if (staff_domain(lambda, mu, t, target) != 0)
		return PC_EINPUT;
	a = lambda / mu;
	/* The smallest whole number of servers above a; the service level
	 * grows with c, so the first c that meets the target is the answer.
	 * B is carried up one server at a time with the same arithmetic as
	 * pc_erlang_b, so the answer agrees with pc_erlang_service_level. */
	k0 = (int)floor(a) + 1;
	if (!((double)k0 * mu - lambda > 0))
		k0++;
	b = b_up(a, 1.0, 0.0, 0, k0);
	for (k = k0;; k++) {
		if (k > k0)
			b = b_up(a, b, 0.0, k - 1, k);
		if (level_from_c(lambda, mu, k, t, c_from_b(a, k, b)) >= target) {
			*c = k;
			return 0;
		}
		if (k == INT_MAX)
			return PC_EINPUT;
	}
}

/* The function whose root pc_erlang_staff_real finds: SL(x) - target, with
 * SL taken as 0 at or below the load, where the queue is unstable. */
struct staff_gap {
	double lambda, mu, t, target;
	int failed;
};

static double staff_gap_eval(double x, void *params)
{
	struct staff_gap *g = params;
	double sl;
	int rc;

	if (!(x * g->mu - g->lambda > 0) || !(x > g->lambda / g->mu))
		return -g->target;
	rc = pc_erlang_service_level(g->lambda, g->mu, x, g->t, &sl);
	if (rc != 0) {
		g->failed = 1;
		return -g->target;
	}
	return sl - g->target;
}

int pc_erlang_staff_real(double lambda, double mu, double t, double target, double *x)
{
	struct staff_gap g = { lambda, mu, t, target, 0 };
	gsl_function fn = { staff_gap_eval, &g };
	gsl_root_fsolver *s;
	double lo, hi, a;
	int c, rc, iter, status;

	rc = pc_erlang_staff(lambda, mu, t, target, &c);
	if (rc != 0)
		return rc;
	a = lambda / mu;
	hi = c;
	if (staff_gap_eval(hi, &g) == 0) {
		*x = hi;
		return 0;
	}
	lo = (double)c - 1 > a ? (double)c - 1 : a;
	s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	if (!s)
		return PC_ENOMEM;
	if (gsl_root_fsolver_set(s, &fn, lo, hi) != GSL_SUCCESS) {
		gsl_root_fsolver_free(s);
		return PC_ERUN;
	}
	status = GSL_CONTINUE;
	for (iter = 0; iter < 200 && status == GSL_CONTINUE; iter++) {
		if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
			break;
		status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
						gsl_root_fsolver_x_upper(s), 1e-10, 0);
	}
	*x = gsl_root_fsolver_root(s);
	gsl_root_fsolver_free(s);
	if (status != GSL_SUCCESS || g.failed)
		return PC_ERUN;
	return 0;
}
