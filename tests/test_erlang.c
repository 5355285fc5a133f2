/* test_erlang: Erlang B and C against hand-computed answers, the real-c extension, waits and staffing. */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_erf.h>
#include <gsl/gsl_sf_gamma.h>

#include "check.h"
#include "promocap/erlang.h"
#include "promocap/error.h"

/* pi and e, spelled out: strict C11 does not promise PI or E. */
#define PI 3.14159265358979323846
#define E 2.71828182845904523536

/* Relative closeness, for values that span many orders of magnitude. */
#define CHECK_REL(x, want, rel, what) CHECK_NEAR((x), (want), (rel) * fabs(want), (what))

/* Erlang B by its definition, in logs so large c does not overflow:
 * log of (a^c / c!) minus log sum_k a^k / k!, with the sum taken relative
 * to its largest term.  Independent of the recursion under test. */
static double erlang_b_direct(double a, int c)
{
	double top = 0, sum = 0, lt;
	int k;

	for (k = 0; k <= c; k++) {
		lt = k * log(a) - gsl_sf_lngamma(k + 1.0);
		if (k == 0 || lt > top)
			top = lt;
	}
	for (k = 0; k <= c; k++)
		sum += exp(k * log(a) - gsl_sf_lngamma(k + 1.0) - top);
	lt = c * log(a) - gsl_sf_lngamma(c + 1.0);
	return exp(lt - top) / sum;
}

/* Whole c, hand-computed.  With B(a, c) = (a^c/c!) / sum_{k<=c} a^k/k!:
 *   a = 1, c = 1: B = 1 / (1 + 1) = 1/2
 *   a = 2, c = 1: B = 2 / (1 + 2) = 2/3
 *   a = 1, c = 2: B = (1/2) / (1 + 1 + 1/2) = 0.2
 *   a = 2, c = 3: B = (8/6) / (1 + 2 + 2 + 8/6) = (4/3) / (19/3) = 4/19
 *   a = 1, c = 4: B = (1/24) / (65/24) = 1/65
 * and C = c B / (c - a (1 - B)):
 *   a = 0.5, c = 1: B = 1/3, C = (1/3) / (1 - 1/3) = 1/2 = rho (M/M/1)
 *   a = 1,   c = 2: C = 0.4 / (2 - 0.8) = 1/3
 *   a = 2,   c = 3: C = (12/19) / (3 - 30/19) = 12/27 = 4/9
 *   a = 1,   c = 3: B = (1/6) / (8/3) = 1/16, C = (3/16) / (3 - 15/16) = 1/11
 *   a = 1,   c = 4: C = (4/65) / (4 - 64/65) = 4/196 = 1/49
 *   a = 9,   c = 10: C = 0.66873 (bench/MODELS.md, model (a)). */
static void test_whole(void)
{
	double b = -1, p = -1;

	CHECK(pc_erlang_b(1, 0, &b) == 0 && b == 1, "B(a, 0) = 1");
	pc_erlang_b(1, 1, &b);
	CHECK_NEAR(b, 0.5, 1e-15, "B(a=1, c=1) = 1/2");
	pc_erlang_b(2, 1, &b);
	CHECK_NEAR(b, 2.0 / 3, 1e-15, "B(a=2, c=1) = 2/3");
	pc_erlang_b(1, 2, &b);
	CHECK_NEAR(b, 0.2, 1e-15, "B(a=1, c=2) = 0.2");
	pc_erlang_b(2, 3, &b);
	CHECK_NEAR(b, 4.0 / 19, 1e-15, "B(a=2, c=3) = 4/19");
	pc_erlang_b(1, 4, &b);
	CHECK_NEAR(b, 1.0 / 65, 1e-15, "B(a=1, c=4) = 1/65");

	pc_erlang_c(0.5, 1, &p);
	CHECK_NEAR(p, 0.5, 1e-15, "C(a=0.5, c=1) = rho = 1/2");
	pc_erlang_c(1, 2, &p);
	CHECK_NEAR(p, 1.0 / 3, 1e-15, "C(a=1, c=2) = 1/3");
	pc_erlang_c(2, 3, &p);
	CHECK_NEAR(p, 4.0 / 9, 1e-15, "C(a=2, c=3) = 4/9");
	pc_erlang_c(1, 3, &p);
	CHECK_NEAR(p, 1.0 / 11, 1e-15, "C(a=1, c=3) = 1/11");
	pc_erlang_c(1, 4, &p);
	CHECK_NEAR(p, 1.0 / 49, 1e-15, "C(a=1, c=4) = 1/49");
	pc_erlang_c(9, 10, &p);
	CHECK_NEAR(p, 0.66873, 5e-6, "C(a=9, c=10) = 0.66873");

	/* Large c: the recursion against the definition in logs. */
	pc_erlang_b(450, 500, &b);
	CHECK_REL(b, erlang_b_direct(450, 500), 1e-10, "B(a=450, c=500) = definition");
	pc_erlang_b(10, 250, &b);
	CHECK_REL(b, erlang_b_direct(10, 250), 1e-9, "B(a=10, c=250), tiny, = definition");
	CHECK(b > 0 && b < 1e-200, "B(a=10, c=250) = %g is tiny but not lost", b);
	pc_erlang_b(9000, 9000, &b);
	CHECK_REL(b, erlang_b_direct(9000, 9000), 1e-9, "B(a=9000, c=9000) = definition");
	CHECK(pc_erlang_c(450, 500, &p) == 0 && p > 0 && p < 1, "C(a=450, c=500) = %g", p);
	CHECK(pc_erlang_b(3, 1000000, &b) == 0 && b == 0, "B(a=3, c=1e6) underflows to 0");

	/* Bad input is a code, and the result is left alone. */
	p = 42;
	CHECK(pc_erlang_b(0, 3, &p) == PC_EINPUT && p == 42, "B with a = 0");
	CHECK(pc_erlang_b(-1, 3, &p) == PC_EINPUT, "B with a < 0");
	CHECK(pc_erlang_b(1, -1, &p) == PC_EINPUT, "B with c < 0");
	CHECK(pc_erlang_b(NAN, 3, &p) == PC_EINPUT, "B with a = NaN");
	CHECK(pc_erlang_b(INFINITY, 3, &p) == PC_EINPUT, "B with a = inf");
	CHECK(pc_erlang_c(1, 1, &p) == PC_EINPUT && p == 42, "C with c = a");
	CHECK(pc_erlang_c(9, 8, &p) == PC_EINPUT, "C with c < a");
	CHECK(pc_erlang_c(0, 1, &p) == PC_EINPUT, "C with a = 0");
}

/* B(a, x) = a^x exp(-a) / Gamma(x+1, a) with
 * Gamma(x+1, a) = Gamma(x+1) Q(x+1, a), in logs so large x does not
 * overflow: a route to the real extension through GSL's incomplete gamma,
 * independent of the integral under test. */
static double erlang_b_gamma(double a, double x)
{
	return exp(x * log(a) - a - gsl_sf_lngamma(x + 1) - log(gsl_sf_gamma_inc_Q(x + 1, a)));
}

/* The real-c extension.  Closed form at x = 1/2: the integral form gives
 * 1 / B(a, 1/2) = exp(a) a^(-1/2) Gamma(3/2, a), and
 * Gamma(3/2, a) = sqrt(a) exp(-a) + (sqrt(pi) / 2) erfc(sqrt(a)), so
 * 1 / B(a, 1/2) = 1 + (sqrt(pi) / 2) exp(a) erfc(sqrt(a)) / sqrt(a);
 * at a = 1: 1 + 0.886227 * 2.718282 * 0.157299 = 1.378935, B = 0.725197. */
static void test_real(void)
{
	static const double loads[] = { 0.3, 1, 9, 45.5 };
	double b = -1, p = -1, want, x;
	size_t i;
	int ok, at_whole;

	CHECK(pc_erlang_b_real(1, 0, &b) == 0 && b == 1, "B(a, x=0) = 1");
	pc_erlang_b_real(1, 1, &b);
	CHECK(b == 0.5, "B(a=1, x=1) = 1/2 exactly");
	pc_erlang_b_real(1, 0.5, &b);
	want = 1 / (1 + 0.5 * sqrt(PI) * exp(1) * gsl_sf_erfc(1));
	CHECK_REL(b, want, 1e-11, "B(a=1, x=1/2) closed form");
	CHECK_NEAR(b, 0.725197, 1e-6, "B(a=1, x=1/2) = 0.725197 by hand");
	pc_erlang_b_real(4, 0.5, &b);
	want = 1 / (1 + 0.5 * sqrt(PI) * exp(4) * gsl_sf_erfc(2) / 2);
	CHECK_REL(b, want, 1e-11, "B(a=4, x=1/2) closed form");

	/* Against the incomplete gamma form B = a^x exp(-a) / Gamma(x+1, a),
	 * a different route (GSL's gamma_inc) to the same function. */
	{
		static const double pairs[][2] = {
			{ 9, 9.5 }, { 9, 10.25 }, { 9, 3.7 }, { 0.3, 0.5 }, { 0.3, 2.5 },
			{ 45.5, 50.1 }, { 2, 0.01 }, { 2, 0.99 }, { 100, 99.999 }
		};

		for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
			double a = pairs[i][0];

			x = pairs[i][1];
			pc_erlang_b_real(a, x, &b);
			want = erlang_b_gamma(a, x);
			CHECK_REL(b, want, 1e-9, "B(a, x) = a^x e^-a / Gamma(x+1, a)");
		}
	}

	/* Equal to the whole-c functions at whole numbers, monotone between,
	 * and continuous across them. */
	for (i = 0; i < sizeof loads / sizeof loads[0]; i++) {
		const double a = loads[i];
		double last_b = 2, last_c = 2, bw, cw;
		int c;

		ok = 1;
		at_whole = 1;
		for (x = 0.01; x < a + 15; x += 0.01) {
			pc_erlang_b_real(a, x, &b);
			if (!(b < last_b))
				ok = 0;
			last_b = b;
			if (x > a) {
				if (pc_erlang_c_real(a, x, &p) != 0 || !(p < last_c) || !(p > 0))
					ok = 0;
				last_c = p;
			}
		}
		CHECK(ok, "a = %g: B and C decrease strictly in x on a 0.01 grid", a);
		for (c = 0; c < a + 15; c++) {
			pc_erlang_b(a, c, &bw);
			pc_erlang_b_real(a, c, &b);
			if (b != bw)
				at_whole = 0;
			if (c > a) {
				pc_erlang_c(a, c, &cw);
				pc_erlang_c_real(a, c, &p);
				if (p != cw)
					at_whole = 0;
				pc_erlang_c_real(a, c - 1e-7, &p);
				if (fabs(p - cw) > 1e-5 * cw)
					ok = 0;
				pc_erlang_c_real(a, c + 1e-7, &p);
				if (fabs(p - cw) > 1e-5 * cw)
					ok = 0;
			}
		}
		CHECK(at_whole, "a = %g: the real-c functions equal the whole-c ones at whole x", a);
		CHECK(ok, "a = %g: C is continuous across whole numbers", a);
	}

	/* A large real c goes through the recursion from the fraction. */
	{
		double bw;

		pc_erlang_b_real(450, 500.5, &b);
		pc_erlang_b(450, 500, &bw);
		CHECK(b < bw && b > 0, "B(a=450, x=500.5) = %g < B(a=450, c=500)", b);
		want = erlang_b_gamma(450, 500.5);
		CHECK_REL(b, want, 1e-8, "B(a=450, x=500.5) = the incomplete gamma form");
	}

	p = 42;
	CHECK(pc_erlang_b_real(0, 1.5, &p) == PC_EINPUT && p == 42, "B real with a = 0");
	CHECK(pc_erlang_b_real(1, -0.5, &p) == PC_EINPUT, "B real with x < 0");
	CHECK(pc_erlang_b_real(1, NAN, &p) == PC_EINPUT, "B real with x = NaN");
	CHECK(pc_erlang_c_real(2.5, 2.5, &p) == PC_EINPUT, "C real with x = a");
	CHECK(pc_erlang_c_real(2.5, 2.4, &p) == PC_EINPUT, "C real with x < a");
}

/* Wait formulas.  M/M/1 with lambda = 0.5, mu = 1: C = rho = 1/2,
 * Wq = C / (mu - lambda) = 1, P(W > t) = 0.5 exp(-0.5 t), so
 * P(W > 2) = 0.5 / e = 0.18394 and P(W <= 2) = 0.81606.
 * Model (a): lambda 1.8, mu 0.2, c 10: Wq = 0.66873 / 0.2 = 3.3437. */
static void test_waits(void)
{
	double w = -1, p = -1, sl = -1, pc;

	CHECK(pc_erlang_wait_mean(0.5, 1, 1, &w) == 0, "Wq of M/M/1");
	CHECK_NEAR(w, 1, 1e-15, "M/M/1 rho 0.5: Wq = 1");
	pc_erlang_wait_tail(0.5, 1, 1, 2, &p);
	CHECK_NEAR(p, 0.5 / E, 1e-15, "M/M/1: P(W > 2) = 0.5/e");
	pc_erlang_service_level(0.5, 1, 1, 2, &sl);
	CHECK_NEAR(sl, 1 - 0.5 / E, 1e-15, "M/M/1: P(W <= 2) = 1 - 0.5/e");
	pc_erlang_wait_tail(0.5, 1, 1, 0, &p);
	CHECK_NEAR(p, 0.5, 1e-15, "P(W > 0) = C");

	pc_erlang_wait_mean(1.8, 0.2, 10, &w);
	CHECK_NEAR(w, 3.3437, 1e-4, "model (a): Wq = 3.3437 min");
	pc_erlang_c(9, 10, &pc);
	pc_erlang_wait_tail(1.8, 0.2, 10, 5, &p);
	CHECK_NEAR(p, pc * exp(-0.2 * 5), 1e-15, "model (a): P(W > 5) = C e^-1");

	/* A fractional number of servers sits between its neighbours. */
	{
		double w10, w11, w105;

		pc_erlang_wait_mean(1.8, 0.2, 10, &w10);
		pc_erlang_wait_mean(1.8, 0.2, 11, &w11);
		pc_erlang_wait_mean(1.8, 0.2, 10.5, &w105);
		CHECK(w11 < w105 && w105 < w10, "Wq(10.5) = %g lies between Wq(11) and Wq(10)",
		      w105);
	}

	w = 42;
	CHECK(pc_erlang_wait_mean(1.8, 0.2, 9, &w) == PC_EINPUT && w == 42, "Wq with c = a");
	CHECK(pc_erlang_wait_mean(1.8, 0.2, 8.99, &w) == PC_EINPUT, "Wq with c < a");
	CHECK(pc_erlang_wait_mean(0, 0.2, 10, &w) == PC_EINPUT, "Wq with lambda = 0");
	CHECK(pc_erlang_wait_mean(1.8, 0, 10, &w) == PC_EINPUT, "Wq with mu = 0");
	CHECK(pc_erlang_wait_mean(NAN, 0.2, 10, &w) == PC_EINPUT, "Wq with lambda = NaN");
	CHECK(pc_erlang_wait_tail(1.8, 0.2, 10, -1, &w) == PC_EINPUT, "P(W > t) with t < 0");
	CHECK(pc_erlang_service_level(1.8, 0.2, 10, NAN, &w) == PC_EINPUT, "SL with t = NaN");
	CHECK(pc_erlang_service_level(1.8, 0.2, 5, 1, &w) == PC_EINPUT, "SL with c < a");
}

/* Checks that c is the smallest whole number of servers meeting target. */
static int is_smallest(double lambda, double mu, double t, double target, int c)
{
	double sl, sl_below;

	if (pc_erlang_service_level(lambda, mu, c, t, &sl) != 0 || sl < target)
		return 0;
	if (pc_erlang_service_level(lambda, mu, c - 1, t, &sl_below) != 0)
		return 1; /* c - 1 is not above the load: c is the first candidate */
	return sl_below < target;
}

/* Staffing.  a = 1 (lambda = mu = 1), t = 0, so SL = 1 - C(1, c):
 *   c = 2: SL = 2/3 = 0.667    c = 3: SL = 10/11 = 0.909
 *   c = 4: SL = 48/49 = 0.980  c = 5: B = (1/65) / (5 + 1/65) = 1/326,
 *          C = (5/326) / (5 - 325/326) = 5/1305 = 1/261, SL = 0.996
 * so target 0.6 needs 2, 0.7 needs 3, 0.95 needs 4, 0.98 needs 5. */
static void test_staffing(void)
{
	static const double cases[][4] = {
		/* lambda, mu, t, target */
		{ 1.8, 0.2, 1, 0.8 },    { 1.8, 0.2, 0.25, 0.5 }, { 450, 1, 0.05, 0.8 },
		{ 450, 1, 0, 0.95 },     { 0.01, 1, 0, 0.9999 },  { 120, 0.25, 0.3, 0.9 },
		{ 9000, 1, 0.01, 0.8 },  { 3, 0.5, 10, 0.99 }
	};
	size_t i;
	int c = -1, ok_small = 1, ok_real = 1;
	double x = -1, sl;

	CHECK(pc_erlang_staff(1, 1, 0, 0.6, &c) == 0 && c == 2, "a = 1, 60 %%: 2, got %d", c);
	CHECK(pc_erlang_staff(1, 1, 0, 0.7, &c) == 0 && c == 3, "a = 1, 70 %%: 3, got %d", c);
	CHECK(pc_erlang_staff(1, 1, 0, 0.95, &c) == 0 && c == 4, "a = 1, 95 %%: 4, got %d", c);
	CHECK(pc_erlang_staff(1, 1, 0, 0.98, &c) == 0 && c == 5, "a = 1, 98 %%: 5, got %d", c);
	CHECK(pc_erlang_staff(1.8, 0.2, 0, 0.01, &c) == 0 && c == 10,
	      "any target is met by the first stable c, got %d", c);
	/* Model (a) with 10 servers answers 33 % within 0 min; within 1 min
	 * P(W <= 1) = 1 - 0.66873 e^-0.2 = 0.4525, so 45 % needs 10, 46 %
	 * needs 11. */
	CHECK(pc_erlang_staff(1.8, 0.2, 1, 0.45, &c) == 0 && c == 10, "45 %% in 1 min: 10");
	CHECK(pc_erlang_staff(1.8, 0.2, 1, 0.46, &c) == 0 && c == 11, "46 %% in 1 min: 11");

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const double *k = cases[i];

		if (pc_erlang_staff(k[0], k[1], k[2], k[3], &c) != 0 ||
		    !is_smallest(k[0], k[1], k[2], k[3], c))
			ok_small = 0;
		/* The real answer lies in (c - 1, c] and meets the target
		 * exactly there. */
		if (pc_erlang_staff_real(k[0], k[1], k[2], k[3], &x) != 0 || !(x > c - 1) ||
		    !(x <= c + 1e-9) ||
		    pc_erlang_service_level(k[0], k[1], x, k[2], &sl) != 0 ||
		    fabs(sl - k[3]) > 1e-7)
			ok_real = 0;
	}
	CHECK(ok_small, "staffing gives the smallest c meeting the target in %zu cases", i);
	CHECK(ok_real, "real staffing solves SL(x) = target inside (c - 1, c]");
	pc_erlang_staff_real(1, 1, 0, 0.7, &x);
	pc_erlang_c_real(1, x, &sl);
	CHECK(x > 2 && x < 3, "a = 1, 70 %%: x = %.6f in (2, 3)", x);
	CHECK_NEAR(1 - sl, 0.7, 1e-9, "a = 1, 70 %%: SL(x) = 0.7");

	c = 42;
	CHECK(pc_erlang_staff(1, 1, 0, 1, &c) == PC_EINPUT && c == 42, "target 1");
	CHECK(pc_erlang_staff(1, 1, 0, 0, &c) == PC_EINPUT, "target 0");
	CHECK(pc_erlang_staff(1, 1, -1, 0.8, &c) == PC_EINPUT, "t < 0");
	CHECK(pc_erlang_staff(0, 1, 0, 0.8, &c) == PC_EINPUT, "lambda = 0");
	CHECK(pc_erlang_staff(1, 0, 0, 0.8, &c) == PC_EINPUT, "mu = 0");
	CHECK(pc_erlang_staff(1e12, 1, 0, 0.8, &c) == PC_EINPUT, "a load too big for an int");
	CHECK(pc_erlang_staff_real(1, 1, 0, 1.5, &x) == PC_EINPUT, "real staffing, target 1.5");
}

int main(void)
{
	gsl_set_error_handler_off();
	test_whole();
	test_real();
	test_waits();
	test_staffing();
	return check_done();
}
