/* erlang: queueing formulas of the M/M/c queue (Erlang B, Erlang C, waits, staffing). */
#ifndef PROMOCAP_ERLANG_H
#define PROMOCAP_ERLANG_H

/*
 * Notation.  Customers arrive as a Poisson process of rate lambda; each of c
 * identical servers works at rate mu (exponential service of mean 1/mu); the
 * queue is FIFO and unbounded.  The offered load is a = lambda / mu erlangs
 * and the utilisation rho = a / c.  Time units are the caller's: lambda, mu
 * and t only have to agree.
 *
 * Arguments are in the order (a, c): load first, servers second.  Every
 * function returns 0 and writes its result through the last pointer, or
 * returns PC_EINPUT (from promocap/error.h) for arguments outside the
 * domain stated with it and leaves the result untouched.  Nothing aborts and
 * nothing is printed.
 *
 * The real-c functions integrate numerically with GSL and return PC_ERUN if
 * the integration fails (PC_ENOMEM if GSL cannot allocate its workspace);
 * GSL's default error handler aborts the program
 * instead, so the program's main should call gsl_set_error_handler_off()
 * once (these functions do not touch that global setting).
 */

/* Erlang B, the blocking probability of the loss system M/M/c/c:
 *   B(a, c) = (a^c / c!) / sum_{k=0}^{c} a^k / k!,
 * computed with the stable recursion B(a, 0) = 1,
 * B(a, k) = a B(a, k-1) / (k + a B(a, k-1)), in O(c) steps with no overflow
 * for any c (c = 10^6 is fine).  Needs a > 0 and c >= 0. */
int pc_erlang_b(double a, int c, double *b);

/* Erlang C, the probability that an arriving customer waits in M/M/c:
 *   C(a, c) = c B / (c - a (1 - B)),  B = B(a, c).
 * Needs a > 0 and c > a (a stable queue). */
int pc_erlang_c(double a, int c, double *p);

/* Erlang B for a real number of servers x >= 0, the continuous extension
 *   1 / B(a, x) = a * integral_0^inf exp(-a t) (1 + t)^x dt
 *              = exp(a) a^(-x) Gamma(x + 1, a)        (upper incomplete gamma),
 * which equals pc_erlang_b at whole x (exactly: the same recursion is used
 * from the fractional part) and decreases in x.  Needs a > 0, x >= 0. */
int pc_erlang_b_real(double a, double x, double *b);

/* Erlang C for a real number of servers x, from the extended B by
 * C = x B / (x - a (1 - B)).  Equals pc_erlang_c at whole x and decreases
 * in x.  Needs a > 0 and x > a. */
int pc_erlang_c_real(double a, double x, double *p);

/* Mean wait in queue of M/M/c, Wq = C(a, c) / (c mu - lambda), with
 * a = lambda / mu.  c may be fractional (the real-c extension is used when
 * it is not whole).  Needs lambda > 0, mu > 0, c > lambda / mu. */
int pc_erlang_wait_mean(double lambda, double mu, double c, double *wq);

/* Tail of the wait, P(W > t) = C(a, c) exp(-(c mu - lambda) t) for t >= 0.
 * Same domain as pc_erlang_wait_mean, and t >= 0. */
int pc_erlang_wait_tail(double lambda, double mu, double c, double t, double *p);

/* Service level, P(W <= t) = 1 - P(W > t): the share of customers who
 * wait at most t.  Same domain as pc_erlang_wait_tail. */
int pc_erlang_service_level(double lambda, double mu, double c, double t, double *sl);

/* The smallest whole number of servers c > a whose service level
 * P(W <= t) is at least target, for 0 < target < 1 and t >= 0.  Costs O(c)
 * (B is carried up one server at a time).  Returns PC_EINPUT for arguments
 * out of domain or when the answer would not fit in an int. */
int pc_erlang_staff(double lambda, double mu, double t, double target, int *c);

/* The real number of servers x > a at which the service level of the
 * real-c extension equals target exactly (0 < target < 1, t >= 0), found
 * with GSL's Brent solver between pc_erlang_staff's answer minus one and
 * that answer, so ceil(x) is that answer (up to the solver's 1e-10
 * tolerance at whole numbers).  Useful where a smooth staffing curve is
 * wanted.  Returns PC_EINPUT out of domain, PC_ERUN if the solver fails. */
int pc_erlang_staff_real(double lambda, double mu, double t, double target, double *x);

#endif
