/* fit: the figures of a scenario from the exports read by fit_read.c, each
 * with its 95% CI and sample size; the delays and handle times as
 * empirical tables and as the best of lognormal, gamma and Weibull fitted
 * by maximum likelihood (GSL), chosen by the Kolmogorov-Smirnov statistic. */
#include "promocap/fit.h"
#include "promocap/dist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_psi.h>

#define DAY 86400.0
/* The normal distribution's 97.5% point: 95% intervals. */
#define Z95 1.959963984540054
/* A refund past the protection period may be escalated [MODEL.md, the
 * platform]: the scenario's default period, 5 days. */
#define PROTECTION (5 * DAY)

pc_fit_share pc_fit_wilson(long k, long n)
{
	pc_fit_share s = { 0, 0, 0, k, n };
	double z = Z95, p, den, mid, half;

	if (n <= 0)
		return s;
	p = (double)k / (double)n;
	den = 1 + z * z / (double)n;
	mid = (p + z * z / (2.0 * (double)n)) / den;
	half = z * sqrt(p * (1 - p) / (double)n + z * z / (4.0 * (double)n * (double)n)) / den;
	s.p = p;
	s.lo = k == 0 ? 0 : fmax(0, mid - half);
	s.hi = k == n ? 1 : fmin(1, mid + half);
	return s;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts x[0..n-1] ascending (no NaN): LSD radix on the bits of the
 * doubles, 16 bits a pass, for the large samples (millions of durations);
 * qsort for the small.  -1 when out of memory (x unsorted). */
static uint64_t radix_key(double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof u);
	return u >> 63 ? ~u : u | 1ULL << 63;
}

static int sort_doubles(double *x, size_t n)
{
	double *tmp, *src = x, *dst;
	size_t *count;

	if (n < 4096) {
		qsort(x, n, sizeof *x, cmp_double);
		return 0;
	}
	tmp = malloc(n * sizeof *tmp);
	count = malloc(65536 * sizeof *count);
	if (!tmp || !count) {
		free(tmp);
		free(count);
		return -1;
	}
	dst = tmp;
	for (int pass = 0; pass < 4; pass++) {
		int shift = 16 * pass;
		size_t sum = 0;
		memset(count, 0, 65536 * sizeof *count);
		for (size_t i = 0; i < n; i++)
			count[(radix_key(src[i]) >> shift) & 0xffff]++;
		for (size_t k = 0; k < 65536; k++) {
			size_t c = count[k];
			count[k] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[count[(radix_key(src[i]) >> shift) & 0xffff]++] = src[i];
		src = dst;
		dst = src == x ? tmp : x;
	}
	/* four passes: the sorted values are back in x */
	free(tmp);
	free(count);
	return 0;
}

static double cdf(int fam, double a, double b, double x)
{
	switch (fam) {
	case PC_FD_LOGNORMAL: return gsl_cdf_lognormal_P(x, a, b);
	case PC_FD_GAMMA: return gsl_cdf_gamma_P(x, a, b);
	default: return gsl_cdf_weibull_P(x, b, a);
	}
}

double pc_fit_dist_cdf(const pc_fit_dist *fd, int fam, double x)
{
	if (fam < 0 || fam >= PC_FD_NFAMILIES || fd->best < 0)
		return NAN;
	return x <= 0 ? 0 : cdf(fam, fd->a[fam], fd->b[fam], x);
}

/* The Kolmogorov-Smirnov D of x (sorted) against a family.  Past 262,144
 * values it is taken at every k-th order statistic: between two of them
 * the empirical CDF moves by k / n, so D is exact to within k / n (under
 * 4e-6). */
static double ks(int fam, double a, double b, const double *x, long n)
{
	double d = 0;
	long step = n > 262144 ? n / 262144 : 1;

	for (long i = 0; i < n; i += step) {
		double f = cdf(fam, a, b, x[i]);
		double u = (double)(i + 1) / (double)n - f, l = f - (double)i / (double)n;
		if (u > d)
			d = u;
		if (l > d)
			d = l;
	}
	return d;
}

/* Weibull shape by Newton on the profile likelihood; l[i] = log(x[i] / s)
 * for a scale s near the data's, so the powers stay in range. */
static double weibull_shape(const double *l, long n, double mlog_s, double k0)
{
	double k = k0;

	for (int it = 0; it < 100; it++) {
		double a = 0, b = 0, c = 0, f, fp, step;
		for (long i = 0; i < n; i++) {
			double p = exp(k * l[i]);
			a += p;
			b += p * l[i];
			c += p * l[i] * l[i];
		}
		f = b / a - 1 / k - mlog_s;
		fp = (c * a - b * b) / (a * a) + 1 / (k * k);
		step = f / fp;
		if (k - step <= 0)
			step = k / 2;
		k -= step;
		if (fabs(step) < 1e-10 * k)
			break;
	}
	return k;
}

int pc_fit_dist_fit(pc_fit_dist *fd, double *x, long n)
{
	double sum = 0, sq = 0, lsum = 0, lsq = 0, mlog, slog, s, k;

	fd->n = n;
	fd->best = -1;
	fd->nq = 0;
	free(fd->q);
	fd->q = NULL;
	if (n <= 0)
		return 0;
	/* Durations are whole seconds: a zero stands for under one. */
	for (long i = 0; i < n; i++)
		if (x[i] <= 0)
			x[i] = 0.5;
	if (sort_doubles(x, (size_t)n))
		return -1;
	for (long i = 0; i < n; i++) {
		double l = log(x[i]);
		sum += x[i];
		sq += x[i] * x[i];
		lsum += l;
		lsq += l * l;
	}
	fd->mean = sum / (double)n;
	fd->sd = n > 1 ? sqrt(fmax(0, (sq - sum * sum / (double)n) / (double)(n - 1))) : 0;
	fd->mean_lo = fd->mean - Z95 * fd->sd / sqrt((double)n);
	fd->mean_hi = fd->mean + Z95 * fd->sd / sqrt((double)n);
	fd->median = x[n / 2];
	fd->p90 = x[(long)(0.9 * (double)(n - 1))];
	fd->nq = n < 200 ? (int)n : 200;
	if (!(fd->q = malloc((size_t)fd->nq * sizeof *fd->q)))
		return -1;
	for (int j = 0; j < fd->nq; j++)
		fd->q[j] = x[(long)(((double)j + 0.5) / fd->nq * (double)n)];
	if (n < 10 || x[0] == x[n - 1])
		return 0;
	mlog = lsum / (double)n;
	slog = sqrt(fmax(1e-12, lsq / (double)n - mlog * mlog));
	/* lognormal: closed form */
	fd->a[PC_FD_LOGNORMAL] = mlog;
	fd->b[PC_FD_LOGNORMAL] = slog;
	/* gamma: Newton on the shape from Minka's start */
	s = log(fd->mean) - mlog;
	k = (3 - s + sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
	for (int it = 0; it < 100; it++) {
		double step = (log(k) - gsl_sf_psi(k) - s) / (1 / k - gsl_sf_psi_1(k));
		if (k - step <= 0)
			step = k / 2;
		k -= step;
		if (fabs(step) < 1e-10 * k)
			break;
	}
	fd->a[PC_FD_GAMMA] = k;
	fd->b[PC_FD_GAMMA] = fd->mean / k;
	/* Weibull */
	{
		double med = fd->median, sk = 0;
		double *l = malloc((size_t)n * sizeof *l);
		if (!l)
			return -1;
		for (long i = 0; i < n; i++)
			l[i] = log(x[i] / med);
		k = weibull_shape(l, n, mlog - log(med), 1.2 / slog);
		for (long i = 0; i < n; i++)
			sk += exp(k * l[i]);
		free(l);
		fd->a[PC_FD_WEIBULL] = k;
		fd->b[PC_FD_WEIBULL] = med * pow(sk / (double)n, 1 / k);
	}
	/* Log-likelihoods from the sums (at the MLE the Weibull's
	 * sum of (x / lambda)^k is n), then the KS D of each. */
	{
		double mu = fd->a[0], sg = fd->b[0], gk = fd->a[1], gt = fd->b[1], wk = fd->a[2], wl = fd->b[2];
		double dn = (double)n;
		fd->ll[PC_FD_LOGNORMAL] = -lsum - dn * log(sg * 2.5066282746310002) -
					  (lsq - 2 * mu * lsum + dn * mu * mu) / (2 * sg * sg);
		fd->ll[PC_FD_GAMMA] = (gk - 1) * lsum - sum / gt - dn * lgamma(gk) - dn * gk * log(gt);
		fd->ll[PC_FD_WEIBULL] = dn * log(wk / wl) + (wk - 1) * (lsum - dn * log(wl)) - dn;
	}
	for (int f = 0; f < PC_FD_NFAMILIES; f++) {
		fd->ks[f] = ks(f, fd->a[f], fd->b[f], x, n);
		if (isfinite(fd->ks[f]) && (fd->best < 0 || fd->ks[f] < fd->ks[fd->best]))
			fd->best = f;
	}
	return 0;
}

/* A duration in the unit that reads best. */
static void duration(double s, char *buf, size_t n)
{
	if (s >= 2 * DAY)
		snprintf(buf, n, "%.4gd", s / DAY);
	else if (s >= 2 * 3600)
		snprintf(buf, n, "%.4gh", s / 3600);
	else if (s >= 120)
		snprintf(buf, n, "%.4gmin", s / 60);
	else
		snprintf(buf, n, "%.4gs", s);
}

void pc_fit_dist_format(const pc_fit_dist *fd, char *buf, size_t n)
{
	char a[32], b[32];

	switch (fd->best) {
	case PC_FD_LOGNORMAL: {
		double mu = fd->a[0], sg = fd->b[0];
		double m = exp(mu + sg * sg / 2), sd = m * sqrt(exp(sg * sg) - 1);
		duration(m, a, sizeof a);
		duration(sd, b, sizeof b);
		snprintf(buf, n, "lognormal(mean=%s, sd=%s)", a, b);
		break;
	}
	case PC_FD_GAMMA:
		duration(fd->b[1], b, sizeof b);
		snprintf(buf, n, "gamma(shape=%.4g, scale=%s)", fd->a[1], b);
		break;
	case PC_FD_WEIBULL:
		duration(fd->b[2], b, sizeof b);
		snprintf(buf, n, "weibull(shape=%.4g, scale=%s)", fd->a[2], b);
		break;
	default:
		if (fd->n > 0) {
			duration(fd->mean, a, sizeof a);
			snprintf(buf, n, "fixed(%s)", a);
		} else {
			buf[0] = '\0';
		}
	}
}

/* Growing sample of durations. */
typedef struct sample {
	double *x;
	long n, cap;
} sample;

static int add(sample *s, double v)
{
	if (isnan(v))
		return 0;
	if (s->n == s->cap) {
		long c = s->cap ? s->cap * 2 : 1024;
		double *q = realloc(s->x, (size_t)c * sizeof *q);
		if (!q)
			return -1;
		s->x = q;
		s->cap = c;
	}
	s->x[s->n++] = v;
	return 0;
}

static const char *const dist_key[PC_FIT_NDISTS] = {
	"dispatch", "delivery", "delay_before_dispatch", "delay_in_transit", "delay_after_delivery",
	"claim_delay", "buyer_ships", "transit", "unshipped_handle", "in_transit_handle",
	"received_no_return_handle", "agree", "payout", "escalation_handle", "approval", "inspect"
};

void pc_fit_release(pc_fit *f)
{
	free(f->daily);
	free(f->rate_day);
	free(f->gated);
	for (int k = 0; k < PC_FIT_NROLES; k++)
		free(f->roster[k]);
	for (int k = 0; k < PC_FIT_NDISTS; k++)
		free(f->dist[k].q);
	memset(f, 0, sizeof *f);
}

static int hour_of(double t)
{
	double s = fmod(t, DAY);

	if (s < 0)
		s += DAY;
	return (int)(s / 3600) % 24;
}

/* A break longer than this between two tasks of a person ends their time
 * on duty (between shifts); shorter ones (lunch, a quiet hour) do not. */
#define OFF_DUTY_GAP (3 * 3600.0)

/* A task of the rosters: its person and times. */
typedef struct span {
	double start, end;
	int32_t agent;
} span;

static int by_person_start(const void *a, const void *b)
{
	const span *x = a, *y = b;

	if (x->agent != y->agent)
		return (x->agent > y->agent) - (x->agent < y->agent);
	return (x->start > y->start) - (x->start < y->start);
}

/* Marks the hours [s, e) of person a in bits (words per hour). */
static void mark(uint64_t *bits, size_t words, int hours, int32_t a, double s, double e)
{
	int h0 = s < 0 ? 0 : (int)(s / 3600), h1 = (int)ceil(e / 3600) - 1;

	if (h1 < h0)
		h1 = h0;
	for (int h = h0; h <= h1 && h < hours; h++)
		bits[(size_t)h * words + (size_t)a / 64] |= 1ULL << (a % 64);
}

/* The rosters of the work log: per role and hour from day0 00:00 to the
 * export's end, the people of the role on duty then, as far as the log
 * shows it: a person is on duty from a task's start to the end of the
 * last task before a break longer than OFF_DUTY_GAP (a span is their
 * shift; someone on duty all day with nothing to do is not seen).  Tasks
 * sorted by person and start once; one bit per person and hour.  0, or -1
 * out of memory. */
static int rosters(pc_fit *f, const pc_fit_data *d)
{
	size_t np = (size_t)d->nagents, words = (np + 63) / 64, m = 0;
	unsigned char *role_of = calloc(np + 1, 1);
	span *ix = malloc((d->ntasks + 1) * sizeof *ix);
	uint64_t *bits;
	/* whole days up to the scenario's horizon, the exports' last day
	 * (fit_write.c): a roster ending before it makes run warn */
	int hours = (int)ceil(d->export_end / 86400.0 - 1e-9) * 24;

	if (hours < d->days * 24)
		hours = d->days * 24;
	f->hours = hours;
	bits = calloc((size_t)hours * words + 1, sizeof *bits);
	if (!role_of || !bits || !ix) {
		free(role_of);
		free(bits);
		free(ix);
		return -1;
	}
	for (size_t i = 0; i < d->ntasks; i++) {
		const pc_fit_task *w = &d->task[i];
		if (isnan(w->start) || isnan(w->end) || w->end < w->start || w->agent < 0 || w->end < 0)
			continue;
		role_of[w->agent] |= (unsigned char)(1u << w->resource);
		ix[m++] = (span){ w->start, w->end, w->agent };
	}
	qsort(ix, m, sizeof *ix, by_person_start);
	for (size_t k = 0; k < m;) {
		const span *w = &ix[k];
		double s = w->start, e = w->end;
		size_t j = k + 1;
		for (; j < m && ix[j].agent == w->agent; j++) {
			const span *v = &ix[j];
			if (v->start > e + OFF_DUTY_GAP) {
				mark(bits, words, hours, w->agent, s, e);
				s = v->start;
			}
			e = fmax(e, v->end);
		}
		mark(bits, words, hours, w->agent, s, e);
		k = j;
	}
	for (int role = 0; role < PC_FIT_NROLES; role++) {
		for (size_t a = 0; a < np; a++)
			f->people[role] += (role_of[a] >> role) & 1;
		if (!f->people[role])
			continue;
		if (!(f->roster[role] = calloc((size_t)hours, sizeof(int)))) {
			free(role_of);
			free(bits);
			free(ix);
			return -1;
		}
		for (int h = 0; h < hours; h++)
			for (size_t a = 0; a < np; a++)
				if ((role_of[a] >> role & 1) && (bits[(size_t)h * words + a / 64] >> (a % 64) & 1))
					f->roster[role][h]++;
	}
	free(role_of);
	free(bits);
	free(ix);
	return 0;
}

/* The refund entry's gate.  On Double 11 the platform may keep the refund
 * entry closed for the peak day's orders until the next morning (the 2013
 * timeline, docs/business.md §1): none of that day's orders asks on the day,
 * and the requests held back come as a wave when it opens.  The delays
 * fitted from such orders would carry the gate into every day, so the gate
 * is found first and its orders left out of the request delays.  A day is
 * gated when none of its orders' 售中 requests came on the day while the
 * other days' same-day share promised at least PC_FIT_GATE_EXPECTED. */
static int fit_gate(pc_fit *f, const pc_fit_data *d)
{
	long *n = calloc((size_t)d->days * 2, sizeof(long)), *same = n ? n + d->days : NULL;
	double *first = malloc((size_t)d->days * sizeof(double));
	long all = 0, all_same = 0;

	if (!n || !first) {
		free(n);
		free(first);
		return -1;
	}
	for (int k = 0; k < d->days; k++)
		first[k] = INFINITY;
	for (size_t i = 0; i < d->nrefunds; i++) {
		const pc_fit_refund *x = &d->refund[i];
		const pc_fit_order *o = x->order >= 0 ? &d->order[x->order] : NULL;
		int day;
		if (x->after || isnan(x->t) || !o || isnan(o->paid) || o->paid < 0 || o->paid >= d->days * DAY ||
		    x->t < o->paid)
			continue;
		day = (int)(o->paid / DAY);
		n[day]++;
		same[day] += x->t < (day + 1) * DAY;
		first[day] = fmin(first[day], x->t);
		all++;
		all_same += x->t < (day + 1) * DAY;
	}
	f->entry_opens = INFINITY;
	for (int k = 0; k < d->days; k++) {
		long others = all - n[k];
		double expected = others > 0 ? (double)n[k] * (double)(all_same - same[k]) / (double)others : 0;
		if (same[k] || expected < PC_FIT_GATE_EXPECTED || !isfinite(first[k]))
			continue;
		if (!f->gated && !(f->gated = calloc((size_t)d->days, 1))) {
			free(n);
			free(first);
			return -1;
		}
		f->gated[k] = 1;
		f->ngated++;
		f->gate_expected += expected;
		f->entry_opens = fmin(f->entry_opens, floor(first[k] / 3600) * 3600);
	}
	if (!f->ngated)
		f->entry_opens = 0;
	free(n);
	free(first);
	return 0;
}

/* The chance that a buyer who decided in goods' state s (0 before
 * dispatch, 1 in transit, 2 after delivery) decided within [lo, hi), from
 * the delays fitted for s.  The simulator draws the delay within the state
 * (before dispatch: below the order's dispatch; in transit: below its
 * delivery) and asks at an hour of the decision's day (demand.c). */
static double decided_in(const pc_fit *f, const pc_fit_order *o, int s, double lo, double hi)
{
	const pc_fit_dist *fd = &f->dist[PC_FIT_BEFORE_DISPATCH + s];
	double from = s == 0 ? o->paid : s == 1 ? o->dispatch : o->delivered;
	double until = s == 0 ? o->dispatch : s == 1 ? o->delivered : NAN;
	double whole;

	if (isnan(from))
		return 0;
	if (isnan(until))
		until = INFINITY;
	lo = fmax(lo, from);
	hi = fmin(hi, until);
	if (hi <= lo)
		return 0;
	whole = isfinite(until) ? pc_fit_dist_cdf(fd, fd->best, until - from) : 1;
	if (!(whole > 0))
		return isfinite(until) ? (hi - lo) / (until - from) : 0;
	return (pc_fit_dist_cdf(fd, fd->best, hi - from) - pc_fit_dist_cdf(fd, fd->best, lo - from)) / whole;
}

/* The goods' state when the buyer decided (MODEL.md), for the requests of
 * the days the entry did not hold back (state[i]: the state shown at the
 * request, 1..3; 0: not one of them).  A request's hour says nothing of the
 * moment of the decision (the simulator draws it from the buyers' hours),
 * its day does: the decision fell on that day, or on the order's day when
 * the request came the next day at an hour before the order's.  The mix of
 * states is the maximum-likelihood one for those days (EM), the delays
 * within each state as fitted.  Returns the number of requests used; 0
 * when a delay has too few values to fit (the states shown are used). */
static long decided_mix(pc_fit *f, const unsigned char *state, double *pi, double *var)
{
	const pc_fit_data *d = f->d;
	size_t m = 0, k = 0;
	float *like;

	for (int s = 0; s < 3; s++)
		if (f->dist[PC_FIT_BEFORE_DISPATCH + s].best < 0)
			return 0;
	for (size_t i = 0; i < d->nrefunds; i++)
		m += state[i] != 0;
	if (!m || !(like = malloc(m * 3 * sizeof *like)))
		return 0;
	for (size_t i = 0; i < d->nrefunds; i++) {
		const pc_fit_refund *x = &d->refund[i];
		const pc_fit_order *o;
		double lo, hi, day0, sum = 0;
		if (!state[i])
			continue;
		o = &d->order[x->order];
		lo = floor(x->t / DAY) * DAY;
		hi = lo + DAY;
		day0 = floor(o->paid / DAY) * DAY;
		if (lo == day0 + DAY && x->t - lo < o->paid - day0)
			lo = day0; /* decided late on the order's day, asking the next */
		for (int s = 0; s < 3; s++)
			sum += like[k * 3 + (size_t)s] = (float)decided_in(f, o, s, lo, hi);
		k += sum > 0;
	}
	for (int s = 0; s < 3; s++)
		pi[s] = 1.0 / 3;
	for (int it = 0; it < 500; it++) {
		double next[3] = { 0 }, change = 0;
		for (size_t j = 0; j < k; j++) {
			const float *l = like + j * 3;
			double z = pi[0] * l[0] + pi[1] * l[1] + pi[2] * l[2];
			if (z > 0)
				for (int s = 0; s < 3; s++)
					next[s] += pi[s] * l[s] / z;
		}
		for (int s = 0; s < 3; s++) {
			next[s] /= (double)k;
			change = fmax(change, fabs(next[s] - pi[s]));
			pi[s] = next[s];
		}
		if (change < 1e-9)
			break;
	}
	/* The shares' variances from the observed information of the
	 * mixture's likelihood at the estimate (pi_2 = 1 - pi_0 - pi_1):
	 * I_ab = sum (l_a - l_2)(l_b - l_2) / z^2, inverted by GSL's
	 * Cholesky.  It counts what the days leave unknown (a request whose
	 * day fits two states tells less than one whose state is seen), not
	 * the delays' own error.  NaN where the information is singular (a
	 * share at 0). */
	{
		double info[4] = { 0 };
		gsl_matrix_view mv = gsl_matrix_view_array(info, 2, 2);

		for (size_t j = 0; j < k; j++) {
			const float *l = like + j * 3;
			double z = pi[0] * l[0] + pi[1] * l[1] + pi[2] * l[2], a, b;
			if (!(z > 0))
				continue;
			a = (l[0] - l[2]) / z;
			b = (l[1] - l[2]) / z;
			info[0] += a * a;
			info[1] += a * b;
			info[3] += b * b;
		}
		info[2] = info[1];
		var[0] = var[1] = var[2] = NAN;
		if (gsl_linalg_cholesky_decomp1(&mv.matrix) == GSL_SUCCESS &&
		    gsl_linalg_cholesky_invert(&mv.matrix) == GSL_SUCCESS) {
			var[0] = info[0];
			var[1] = info[3];
			var[2] = info[0] + info[3] + 2 * info[1];
		}
	}
	free(like);
	return (long)k;
}

/* A share estimated with variance var from n requests: its normal 95%
 * interval within [0, 1]; Wilson's of the rounded count where var is not
 * known. */
static pc_fit_share share_of(double p, double var, long n)
{
	pc_fit_share s = pc_fit_wilson(lround(p * (double)n), n);
	double half;

	if (!(var >= 0) || n <= 0)
		return s;
	half = Z95 * sqrt(var);
	s.p = p;
	s.lo = fmax(0, p - half);
	s.hi = fmin(1, p + half);
	return s;
}

/* The courier's hours (the scenario's courier_hours): the shortest run of
 * clock hours, around midnight or not, in which at least
 * PC_FIT_COURIER_SHARE of the recalled parcels' refunds were completed;
 * none (always) when that takes 23 hours or more, or fewer than
 * PC_FIT_COURIER_MIN refunds tell. */
static void courier_window(pc_fit *f, const long *hour)
{
	long n = 0;

	f->courier_from = f->courier_to = -1;
	for (int h = 0; h < 24; h++)
		n += hour[h];
	f->courier_n = n;
	if (n < PC_FIT_COURIER_MIN)
		return;
	for (int len = 1; len < 23; len++)
		for (int h = 0; h < 24; h++) {
			long k = 0;
			for (int j = 0; j < len; j++)
				k += hour[(h + j) % 24];
			if ((double)k >= PC_FIT_COURIER_SHARE * (double)n) {
				f->courier_from = h;
				f->courier_to = (h + len) % 24;
				f->courier_k = k;
				return;
			}
		}
}

/* The warehouse's delivery waves (the scenario's warehouse_waves): when at
 * least PC_FIT_WAVES_SHARE of the returns reached the warehouse at a few
 * minutes of the day (at most PC_FIT_MAX_WAVES, each with at least 1% of
 * them), the courier delivers in waves at those minutes.  -1: PC_ENOMEM. */
static int warehouse_waves(pc_fit *f, const pc_fit_data *d)
{
	long *at = calloc(1440, sizeof *at), n = 0, k = 0;

	if (!at)
		return -1;
	f->nwaves = 0;
	for (size_t i = 0; i < d->nrefunds; i++) {
		double w = d->refund[i].warehouse;
		if (d->refund[i].type == 1 && !isnan(w) && w >= 0) {
			at[(int)floor(fmod(w, DAY) / 60) % 1440]++;
			n++;
		}
	}
	f->waves_n = n;
	if (n >= PC_FIT_COURIER_MIN) {
		/* the busiest minutes, one by one, until they hold the share */
		int m = 0;
		while (m < PC_FIT_MAX_WAVES && (double)k < PC_FIT_WAVES_SHARE * (double)n) {
			int best = 0;
			for (int j = 1; j < 1440; j++)
				if (at[j] > at[best])
					best = j;
			if ((double)at[best] < 0.01 * (double)n)
				break;
			k += at[best];
			m++;
			at[best] = -at[best];
		}
		if ((double)k >= PC_FIT_WAVES_SHARE * (double)n) {
			for (int j = 0; j < 1440; j++)
				if (at[j] < 0)
					f->wave_minute[f->nwaves++] = j; /* ascending */
			f->waves_k = k;
		}
	}
	free(at);
	return 0;
}

/* A return's transit, shipped to warehouse.  With delivery waves the
 * parcel arrived at some moment after the wave before its own (or its
 * shipping, if later) and waited for the next: the simulator draws the
 * transit, then waits for the wave (refund.c).  Its transit is taken as
 * the middle of that interval; an arrival off the waves as it is. */
static double transit_of(const pc_fit *f, double shipped, double warehouse)
{
	double day = floor(warehouse / DAY) * DAY, prev = -INFINITY;
	int m = (int)floor((warehouse - day) / 60), at = -1;

	for (int j = 0; j < f->nwaves; j++)
		if (f->wave_minute[j] == m && fabs(warehouse - day - m * 60.0) < 1)
			at = j;
	if (at < 0)
		return warehouse - shipped;
	prev = at > 0 ? day + f->wave_minute[at - 1] * 60.0 : day - DAY + f->wave_minute[f->nwaves - 1] * 60.0;
	prev = fmax(prev, shipped);
	return (prev + warehouse) / 2 - shipped;
}

int pc_fit_run(pc_fit *f, pc_fit_data *d, pc_error *err)
{
	pc_fit_counts *cnt = &d->n;
	long *day_orders = calloc((size_t)d->days, sizeof(long)), *day_ref = calloc((size_t)d->days, sizeof(long));
	long hour_orders[24] = { 0 }, req_hour[24] = { 0 }, goods[3] = { 0 }, path[4] = { 0 },
	     reason[4] = { 0 };
	long rej_reason[4] = { 0 }, n_reason[4] = { 0 }, after_rej[3] = { 0 };
	long nret = 0, nret_ro = 0, nclaim = 0, nclaim_ro = 0, nrate = 0, nreq = 0, nesc = 0, ncan = 0, nrej = 0,
	     nauto = 0, nhaz = 0;
	double sum = 0, sq = 0, exposure = 0;
	long goods_free[3] = { 0 }, courier_hour[24] = { 0 };
	unsigned char *pth = malloc(d->nrefunds + 1), *decided = calloc(d->nrefunds + 1, 1);
	double *agree_end = malloc((d->nrefunds + 1) * sizeof(double));
	sample s[PC_FIT_NDISTS];
	int rc = PC_ENOMEM;
	const double end_all = d->export_end;

	memset(f, 0, sizeof *f);
	memset(s, 0, sizeof s);
	f->d = d;
	if (!day_orders || !day_ref || !pth || !decided || !agree_end)
		goto out;
	f->daily = calloc((size_t)d->days, sizeof *f->daily);
	f->rate_day = calloc((size_t)d->days, sizeof *f->rate_day);
	if (!f->daily || !f->rate_day || fit_gate(f, d))
		goto out;
	/* orders in the window */
	for (size_t i = 0; i < d->norders; i++) {
		const pc_fit_order *o = &d->order[i];
		int day;
		if (isnan(o->paid) || o->paid < 0 || o->paid >= d->days * DAY)
			continue;
		day = (int)(o->paid / DAY);
		day_orders[day]++;
		hour_orders[hour_of(o->paid)]++;
		f->orders++;
		sum += o->amount;
		sq += o->amount * o->amount;
		if (!isnan(o->dispatch) && o->dispatch >= o->paid && add(&s[PC_FIT_DISPATCH], o->dispatch - o->paid))
			goto out;
		if (!isnan(o->delivered) && !isnan(o->dispatch) && o->delivered >= o->dispatch &&
		    add(&s[PC_FIT_DELIVERY], o->delivered - o->dispatch))
			goto out;
	}
	f->gmv = sum;
	if (f->orders > 0) {
		double sd = f->orders > 1 ? sqrt(fmax(0, (sq - sum * sum / f->orders) / (f->orders - 1))) : 0;
		f->aov = sum / f->orders;
		f->aov_lo = f->aov - 1.96 * sd / sqrt((double)f->orders);
		f->aov_hi = f->aov + 1.96 * sd / sqrt((double)f->orders);
	}
	for (int k = 0; k < d->days; k++)
		f->daily[k] = pc_fit_wilson(day_orders[k], f->orders);
	for (int h = 0; h < 24; h++)
		f->hourly[h] = pc_fit_wilson(hour_orders[h], f->orders);
	/* the agents' first agreement per refund, and the peak of the work log */
	for (size_t i = 0; i < d->nrefunds; i++)
		agree_end[i] = NAN;
	/* refunds */
	cnt->refund_no_time = cnt->refund_no_end = cnt->refund_no_order = cnt->refund_outside = 0;
	cnt->refund_before_paid = cnt->refund_open = cnt->refund_cancelled = cnt->refund_closed = 0;
	for (size_t i = 0; i < d->nrefunds; i++) {
		const pc_fit_refund *x = &d->refund[i];
		const pc_fit_order *o = x->order >= 0 ? &d->order[x->order] : NULL;
		int g = x->goods, in_window, p;

		pth[i] = 0xff;
		if (x->status == 0)
			cnt->refund_open++;
		else if (x->status == 2) {
			cnt->refund_closed++;
			if (x->cancelled)
				cnt->refund_cancelled++;
		}
		if (x->status && isnan(x->end))
			cnt->refund_no_end++;
		if (isnan(x->t)) {
			cnt->refund_no_time++;
			continue;
		}
		if (!o)
			cnt->refund_no_order++;
		in_window = o && !isnan(o->paid) && o->paid >= 0 && o->paid < d->days * DAY;
		if (o && !in_window)
			cnt->refund_outside++;
		if (o && !isnan(o->paid) && x->t < o->paid) {
			cnt->refund_before_paid++;
			o = NULL; /* its times cannot be trusted */
		}
		nreq++;
		req_hour[hour_of(x->t)]++;
		reason[x->reason]++;
		nesc += x->escalated;
		ncan += x->cancelled;
		nrej += x->rejected;
		nauto += x->autoapp;
		n_reason[x->reason]++;
		rej_reason[x->reason] += x->rejected;
		if (x->rejected)
			after_rej[x->escalated ? PC_FIT_ESCALATE : x->gave_up ? PC_FIT_GIVE_UP : PC_FIT_ASK_AGAIN]++;
		/* Escalation exposure: open past the protection period; the
		 * escalations of rejected requests come at the rejection, not
		 * from this hazard, and are left out of it. */
		if (x->escalated && !x->rejected)
			nhaz++;
		{
			double until = isnan(x->end) ? end_all : x->end;
			if (until > x->t + PROTECTION)
				exposure += (until - x->t - PROTECTION) / DAY;
		}
		if (g == PC_FG_UNKNOWN) {
			if (x->type == 1)
				g = PC_FG_RECEIVED;
			else if (o && (isnan(o->dispatch) || x->t < o->dispatch))
				g = PC_FG_UNSHIPPED;
			else if (o && !isnan(o->delivered) && x->t < o->delivered)
				g = PC_FG_IN_TRANSIT;
			else if (o)
				g = PC_FG_RECEIVED;
		}
		if (x->after) {
			nclaim++;
			nclaim_ro += x->type == 0;
			if (o && !isnan(o->confirm)) {
				double from = isnan(o->delivered) ? o->confirm : fmax(o->confirm, o->delivered);
				if (x->t >= from && add(&s[PC_FIT_CLAIM_DELAY], x->t - from))
					goto out;
			}
			pth[i] = x->type ? 3 : 2;
			continue;
		}
		if (in_window && x->order >= 0) {
			int day = (int)(d->order[x->order].paid / DAY);
			day_ref[day]++;
			nrate++;
		}
		if (g == PC_FG_UNKNOWN)
			continue;
		goods[g - 1]++;
		/* a parcel in transit recalled: its refund came with the
		 * courier's answer, within a day (a refused one comes back
		 * days later), so in the courier's hours (below) */
		if (g == PC_FG_IN_TRANSIT && x->type == 0 && !x->cancelled && !x->rejected && !x->escalated &&
		    !isnan(x->end) && x->end >= x->t && x->end - x->t < DAY)
			courier_hour[hour_of(x->end)]++;
		/* the state when the buyer decided (below): a gated day's
		 * requests show the state at the entry's opening instead */
		if (o && in_window && !(f->gated && f->gated[(int)(o->paid / DAY)])) {
			goods_free[g - 1]++;
			decided[i] = (unsigned char)g;
		}
		p = g == PC_FG_UNSHIPPED ? 0 : g == PC_FG_IN_TRANSIT ? 1 : x->type ? 3 : 2;
		pth[i] = (unsigned char)p;
		path[p]++;
		if (g == PC_FG_RECEIVED) {
			nret++;
			nret_ro += x->type == 0;
		}
		/* a gated day's orders asked when the entry let them, not when
		 * they wished to: their delays are the gate's, left out */
		if (!o || (f->gated && in_window && f->gated[(int)(o->paid / DAY)]))
			continue;
		if (g == PC_FG_UNSHIPPED && add(&s[PC_FIT_BEFORE_DISPATCH], x->t - o->paid))
			goto out;
		if (g == PC_FG_IN_TRANSIT && !isnan(o->dispatch) && x->t >= o->dispatch &&
		    add(&s[PC_FIT_IN_TRANSIT], x->t - o->dispatch))
			goto out;
		if (g == PC_FG_RECEIVED && !isnan(o->delivered) && x->t >= o->delivered &&
		    add(&s[PC_FIT_AFTER_DELIVERY], x->t - o->delivered))
			goto out;
	}
	/* the work log: handle times by path, agreement, payout, escalation */
	if (d->has_work) {
		double *ev = malloc((2 * d->ntasks + 1) * sizeof *ev);
		unsigned char *seen = calloc(d->nrefunds + 1, 1);
		long busy = 0, peak = 0;
		if (!ev || !seen) {
			free(ev);
			free(seen);
			goto out;
		}
		cnt->work_no_time = cnt->work_negative = cnt->work_no_case = 0;
		for (size_t i = 0; i < d->ntasks; i++) {
			const pc_fit_task *w = &d->task[i];
			int task = w->task, p;
			double dt;
			if (isnan(w->start) || isnan(w->end)) {
				cnt->work_no_time++;
				continue;
			}
			if (w->end < w->start) {
				cnt->work_negative++;
				continue;
			}
			if (w->refund < 0) {
				cnt->work_no_case++;
				continue;
			}
			p = pth[w->refund];
			dt = w->end - w->start;
			if (!d->has_task_col && w->resource != PC_FIT_AGENTS)
				task = w->resource == PC_FIT_SUPERVISORS ? 5 : 6;
			else if (!d->has_task_col) {
				/* without a task column: a case's first task handles it */
				task = seen[w->refund] ? 4 : (p == 3 ? 1 : 0);
				seen[w->refund] = 1;
			}
			if (task == 5 && add(&s[PC_FIT_APPROVAL], dt))
				goto work_out;
			if (task == 6 && add(&s[PC_FIT_INSPECT], dt))
				goto work_out;
			if (task == 0 && p <= 2 && add(&s[PC_FIT_H_UNSHIPPED + p], dt))
				goto work_out;
			if (task == 1) {
				if (add(&s[PC_FIT_AGREE], dt))
					goto work_out;
				if (isnan(agree_end[w->refund]) || w->end < agree_end[w->refund])
					agree_end[w->refund] = w->end;
			}
			if (task == 2 && add(&s[PC_FIT_PAYOUT], dt))
				goto work_out;
			if (task == 3 && add(&s[PC_FIT_ESC_HANDLE], dt))
				goto work_out;
		}
		for (int role = 0; role < PC_FIT_NROLES; role++) {
			/* people of the role busy at once: starts +1, ends -1, in
			 * time order (an end before a start at the same second) */
			size_t m = 0;
			for (size_t i = 0; i < d->ntasks; i++)
				if (d->task[i].resource == role && !isnan(d->task[i].start) && !isnan(d->task[i].end) &&
				    d->task[i].end >= d->task[i].start) {
					ev[m++] = d->task[i].start * 2 + 1;
					ev[m++] = d->task[i].end * 2;
				}
			if (sort_doubles(ev, m)) {
				free(ev);
				free(seen);
				goto out;
			}
			busy = peak = 0;
			for (size_t i = 0; i < m; i++) {
				busy += fmod(ev[i], 2) != 0 ? 1 : -1;
				if (busy > peak)
					peak = busy;
			}
			f->peak[role] = (int)peak;
		}
		f->peak_agents = f->peak[PC_FIT_AGENTS];
		/* the events' memory back before the rosters take theirs */
		free(ev);
		ev = NULL;
		if (rosters(f, d)) {
			free(seen);
			goto out;
		}
		free(ev);
		free(seen);
		goto work_done;
work_out:
		free(ev);
		free(seen);
		goto out;
	}
work_done:
	/* return segments */
	if (warehouse_waves(f, d))
		goto out;
	for (size_t i = 0; i < d->nrefunds; i++) {
		const pc_fit_refund *x = &d->refund[i];
		if (x->type != 1 || isnan(x->shipped))
			continue;
		if (!isnan(agree_end[i]) && x->shipped >= agree_end[i] && add(&s[PC_FIT_BUYER_SHIPS], x->shipped - agree_end[i]))
			goto out;
		if (!isnan(x->warehouse) && x->warehouse >= x->shipped &&
		    add(&s[PC_FIT_TRANSIT], transit_of(f, x->shipped, x->warehouse)))
			goto out;
	}
	for (int k = 0; k < d->days; k++)
		f->rate_day[k] = pc_fit_wilson(day_ref[k], day_orders[k]);
	f->rate = pc_fit_wilson(nrate, f->orders);
	f->claims = pc_fit_wilson(nclaim, f->orders);
	for (int h = 0; h < 24; h++)
		f->req_hour[h] = pc_fit_wilson(req_hour[h], nreq);
	{
		long ng = goods[0] + goods[1] + goods[2];
		for (int k = 0; k < 3; k++)
			f->goods[k] = pc_fit_wilson(goods[k], ng);
		for (int k = 0; k < 4; k++)
			f->path[k] = pc_fit_wilson(path[k], ng);
	}
	courier_window(f, courier_hour);
	f->no_return = pc_fit_wilson(nret_ro, nret);
	f->claim_no_return = pc_fit_wilson(nclaim_ro, nclaim);
	for (int k = 0; k < 4; k++) {
		f->reason[k] = pc_fit_wilson(reason[k], nreq);
		f->reject_by_reason[k] = pc_fit_wilson(rej_reason[k], n_reason[k]);
	}
	for (int k = 0; k < 3; k++)
		f->after_reject[k] = pc_fit_wilson(after_rej[k], after_rej[0] + after_rej[1] + after_rej[2]);
	f->escalated = pc_fit_wilson(nesc, nreq);
	f->cancelled = pc_fit_wilson(ncan, nreq);
	f->rejected = pc_fit_wilson(nrej, nreq);
	f->autoapp = pc_fit_wilson(nauto, nreq);
	f->esc_n = nhaz;
	f->esc_exposure_d = exposure;
	if (exposure > 0) {
		/* exact Poisson interval of the count over the exposure */
		f->esc_hazard = (double)nhaz / exposure;
		/* chi-squared(2n) / 2 is gamma(n, 1) */
		f->esc_hazard_lo = nhaz ? pc_cdf_gamma_Pinv(0.025, (double)nhaz, 1.0) / exposure : 0;
		f->esc_hazard_hi = pc_cdf_gamma_Pinv(0.975, (double)nhaz + 1, 1.0) / exposure;
	}
	for (int k = 0; k < PC_FIT_NDISTS; k++) {
		f->dist[k].key = dist_key[k];
		if (pc_fit_dist_fit(&f->dist[k], s[k].x, s[k].n))
			goto out;
	}
	{
		/* The goods' state when the buyer decides (MODEL.md): the
		 * simulator draws it, then the delay within it, then the
		 * hour of the day, and only then holds a gated day's request
		 * back until the entry opens.  The state a gated order shows
		 * at its request is the opening's (its goods left and
		 * arrived while the buyer waited), so the mix comes from the
		 * other days' orders, as of their decisions. */
		long nf = goods_free[0] + goods_free[1] + goods_free[2], nd;
		double pi[3], var[3];
		if (nf >= PC_FIT_GATE_EXPECTED && (nd = decided_mix(f, decided, pi, var)) > 0) {
			f->goods_decided = 1;
			for (int k = 0; k < 3; k++)
				f->goods[k] = share_of(pi[k], var[k], nd);
		} else if (f->ngated && nf >= PC_FIT_GATE_EXPECTED)
			for (int k = 0; k < 3; k++)
				f->goods[k] = pc_fit_wilson(goods_free[k], nf);
	}
	rc = 0;
out:
	if (rc) {
		pc_error_set(err, NULL, 0, "out of memory fitting");
		pc_fit_release(f);
	}
	for (int k = 0; k < PC_FIT_NDISTS; k++)
		free(s[k].x);
	free(day_orders);
	free(day_ref);
	free(pth);
	free(decided);
	free(agree_end);
	return rc;
}
