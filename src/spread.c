/* spread: the forecast's and chance's parts of a KPI's spread, by the
 * random-effects ANOVA estimator over the forecast draws (GSL cdf and
 * statistics). */
#include "promocap/spread.h"
#include "promocap/dist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

/* z of the 90th percentile: P10-P90 is +-1.2816 sd of a normal. */
#define Z90 1.2815515655446004

/* One forecast draw's values. */
typedef struct group {
	int draw, n;
	double sum, mean;
} group;

static int by_draw(const void *a, const void *b)
{
	const group *x = a, *y = b;

	return (x->draw > y->draw) - (x->draw < y->draw);
}

/* The draws of y (NaN skipped) into g[0..*k), in draw order; returns
 * the values counted, or -1 when out of memory (*g to free either way). */
static int groups_of(const double *y, const int *draw, int n, group **g, int *k)
{
	int used = 0;

	*k = 0;
	*g = calloc((size_t)(n > 0 ? n : 1), sizeof **g);
	if (!*g)
		return -1;
	for (int i = 0; i < n; i++) {
		int j;

		if (isnan(y[i]))
			continue;
		/* Draws come in runs (replication r is draw r / 2): the last
		 * group is the likely one. */
		for (j = *k - 1; j >= 0 && (*g)[j].draw != draw[i]; j--)
			;
		if (j < 0) {
			j = (*k)++;
			(*g)[j].draw = draw[i];
		}
		(*g)[j].n++;
		(*g)[j].sum += y[i];
		used++;
	}
	for (int j = 0; j < *k; j++)
		(*g)[j].mean = (*g)[j].sum / (*g)[j].n;
	qsort(*g, (size_t)*k, sizeof **g, by_draw);
	return used;
}

/* A KPI's target. */
struct target {
	double target;
	int is_max;
	const char *unit;
};

/* pc_spread_of, with met_share against the target t (NULL: none) and
 * the draws' pulled-in means into dm[0 .. out->draws) (NULL: not wanted;
 * the draws' plain means when there is no spread to pull in), their
 * numbers into dn. */
static int spread_of(const double *y, const int *draw, int n, const struct target *t, pc_spread *out, double *dm,
		     int *dn)
{
	group *g;
	int k, N = 0;
	double ssw = 0, ssb = 0, sum_n2 = 0, msw = NAN, msb = NAN, n0, sf2 = NAN;
	double *q;

	memset(out, 0, sizeof *out);
	out->mean = out->sd_forecast = out->sd_chance = out->share_forecast = NAN;
	out->p10 = out->p50 = out->p90 = out->chance_pm = out->chance_lo = out->chance_hi = NAN;
	out->met_share = NAN;
	N = groups_of(y, draw, n, &g, &k);
	if (N < 0) {
		free(g);
		return PC_ENOMEM;
	}
	out->runs = N;
	out->draws = k;
	for (int j = 0; dm && j < k; j++) {
		dm[j] = g[j].mean;
		dn[j] = g[j].draw;
	}
	if (N == 0) {
		free(g);
		return 0;
	}
	out->mean = 0;
	for (int j = 0; j < k; j++)
		out->mean += g[j].sum;
	out->mean /= N;
	for (int i = 0; i < n; i++) {
		if (isnan(y[i]))
			continue;
		for (int j = 0; j < k; j++)
			if (g[j].draw == draw[i]) {
				ssw += (y[i] - g[j].mean) * (y[i] - g[j].mean);
				break;
			}
	}
	for (int j = 0; j < k; j++) {
		ssb += g[j].n * (g[j].mean - out->mean) * (g[j].mean - out->mean);
		sum_n2 += (double)g[j].n * g[j].n;
	}
	if (N > k) {
		double df = N - k;

		msw = ssw / df;
		out->sd_chance = sqrt(msw);
		out->chance_pm = Z90 * out->sd_chance;
		/* chi-squared(df) is gamma(df / 2, 2) */
		out->chance_lo = sqrt(df * msw / pc_cdf_gamma_Qinv(0.025, df / 2, 2.0));
		out->chance_hi = sqrt(df * msw / pc_cdf_gamma_Pinv(0.025, df / 2, 2.0));
	}
	if (k > 1 && N > k) {
		msb = ssb / (k - 1);
		n0 = (N - sum_n2 / N) / (k - 1);
		sf2 = fmax(0.0, (msb - msw) / n0);
		out->sd_forecast = sqrt(sf2);
		out->share_forecast = sf2 + msw > 0 ? sf2 / (sf2 + msw) : 0.0;
	}
	if (k > 1 && !isnan(sf2) && (q = malloc(sizeof *q * (size_t)k))) {
		/* Each draw's mean carries chance's sigma_c^2 / n_k besides the
		 * forecast's sigma_f^2: pulled in so that only sigma_f^2 is
		 * left, keeping the draws' order and shape. */
		for (int j = 0; j < k; j++) {
			double v = sf2 + msw / g[j].n;
			double c = v > 0 ? sqrt(sf2 / v) : 0.0;

			q[j] = out->mean + c * (g[j].mean - out->mean);
		}
		if (t) {
			int met = 0, bound = pc_spread_at_bound(t->target, t->is_max, t->unit);

			for (int j = 0; j < k; j++) {
				double x = bound ? g[j].mean : q[j];

				met += t->is_max ? x <= t->target + 1e-12 : x >= t->target - 1e-12;
			}
			out->met_share = (double)met / k;
		}
		if (dm)
			memcpy(dm, q, sizeof *q * (size_t)k);
		gsl_sort(q, 1, (size_t)k);
		out->p10 = gsl_stats_quantile_from_sorted_data(q, 1, (size_t)k, 0.10);
		out->p50 = gsl_stats_quantile_from_sorted_data(q, 1, (size_t)k, 0.50);
		out->p90 = gsl_stats_quantile_from_sorted_data(q, 1, (size_t)k, 0.90);
		free(q);
	} else if (k > 1 && !isnan(sf2)) {
		free(g);
		return PC_ENOMEM;
	}
	free(g);
	return 0;
}

int pc_spread_at_bound(double target, int is_max, const char *unit)
{
	return is_max ? target <= 0 : !strcmp(unit, "%") && target >= 100;
}

int pc_spread_of(const double *y, const int *draw, int n, pc_spread *out)
{
	return spread_of(y, draw, n, NULL, out, NULL, NULL);
}

int pc_spread_of_target(const double *y, const int *draw, int n, double target, int is_max, const char *unit,
			pc_spread *out)
{
	struct target t = { target, is_max, unit };

	return spread_of(y, draw, n, &t, out, NULL, NULL);
}

int pc_spread_draw_means(const double *y, const int *draw, int n, double *dm, int *dn, pc_spread *out)
{
	return spread_of(y, draw, n, NULL, out, dm, dn);
}

double pc_spread_ci_half(const double *y, const int *draw, int n)
{
	group *g;
	int k;
	double half = NAN;

	if (groups_of(y, draw, n, &g, &k) >= 0 && k > 1) {
		double *m = malloc(sizeof *m * (size_t)k);

		if (m) {
			for (int j = 0; j < k; j++)
				m[j] = g[j].mean;
			half = gsl_cdf_tdist_Pinv(0.975, k - 1) * gsl_stats_sd(m, 1, (size_t)k) / sqrt(k);
			free(m);
		}
	}
	free(g);
	return half;
}
