/* dist: parses, formats and samples the scenario's named distributions (fixed, exponential, lognormal, gamma, weibull, empirical) with GSL. */
#include "promocap/dist.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_sf_gamma.h>

#include "suggest.h"
#include "table.h"

/* Distribution names, indexed by pc_dist_kind. */
static const char *const dist_names[] = {
	"fixed", "exponential", "lognormal", "gamma", "weibull", "empirical"
};

#define DIST_NKINDS (sizeof dist_names / sizeof dist_names[0])
#define DIST_EXPECTED_NAMES "fixed, exponential, lognormal, gamma, weibull or empirical"

/* Duration units and their length in seconds. */
static const struct {
	const char *name;
	double seconds;
} dist_units[] = {
	{ "s", 1.0 }, { "min", 60.0 }, { "h", 3600.0 }, { "d", 86400.0 }
};

/* The parameters a distribution may name, in the order of dist_params; VALUE
 * is fixed's unnamed value. */
enum { P_MEAN, P_SD, P_CV, P_SHAPE, P_SCALE, P_VALUE, P_COUNT };

static const struct {
	const char *name;
	int has_unit; /* read in the key's unit; else a plain number */
} dist_params[P_COUNT] = {
	{ "mean", 1 }, { "sd", 1 }, { "cv", 0 }, { "shape", 0 }, { "scale", 1 }, { "value", 1 }
};

/* Named parameters each kind accepts (bit i for parameter i), and how the
 * messages list them. */
static const struct {
	unsigned allowed;
	const char *expected;
} dist_kind_params[] = {
	[PC_DIST_FIXED] = { 0, "" },
	[PC_DIST_EXPONENTIAL] = { 1u << P_MEAN, "mean" },
	[PC_DIST_LOGNORMAL] = { 1u << P_MEAN | 1u << P_SD | 1u << P_CV, "mean, sd or cv" },
	[PC_DIST_GAMMA] = { 1u << P_MEAN | 1u << P_SD | 1u << P_CV | 1u << P_SHAPE | 1u << P_SCALE,
			    "mean, sd, cv, shape or scale" },
	[PC_DIST_WEIBULL] = { 1u << P_SHAPE | 1u << P_SCALE, "shape or scale" },
	[PC_DIST_EMPIRICAL] = { 0, "" },
};

/* Where a parse reports its errors, and the text it quotes in them. */
typedef struct dist_ctx {
	const char *text; /* the whole specification, trimmed */
	const char *file;
	int line;
	pc_error *err;
} dist_ctx;

static int dist_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims blanks in place: returns the first non-blank character and cuts the
 * string after the last one. */
static char *dist_trim(char *s)
{
	size_t len;

	while (dist_is_blank(*s))
		s++;
	len = strlen(s);
	while (len > 0 && dist_is_blank(s[len - 1]))
		s[--len] = '\0';
	return s;
}

/* Records a message at the caller's file:line; returns PC_EINPUT. */
static int dist_fail(const dist_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int dist_fail(const dist_ctx *ctx, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pc_error_set(ctx->err, ctx->file, ctx->line, "%s", msg);
	return PC_EINPUT;
}

/* Reads the decimal number text starts with (sign, digits, point, exponent:
 * no hex, nan or inf) into *v.  Returns the first character after it, or
 * NULL when there is no number or it is not finite (1e999). */
static const char *dist_number(const char *text, double *v)
{
	const char *q;
	char *end;
	int digits = 0;
	double x;

	for (q = text; *q && strchr("0123456789+-.eE", *q); q++)
		if (*q >= '0' && *q <= '9')
			digits++;
	if (!digits)
		return NULL;
	x = strtod(text, &end);
	if (end == text || end > q || !isfinite(x))
		return NULL;
	*v = x == 0 ? 0.0 : x; /* -0 is 0 */
	return end;
}

/* Reads a number that must fill the whole of text (blanks aside). */
static int dist_plain(const char *text, double *v)
{
	const char *end;

	while (dist_is_blank(*text))
		text++;
	end = dist_number(text, v);
	if (!end)
		return -1;
	while (dist_is_blank(*end))
		end++;
	return *end ? -1 : 0;
}

/* pc_dist_parse_duration, also telling where the unit starts and how long it
 * is, for the "unknown unit" message. */
static int dist_duration(const char *text, double *seconds, const char **unit, size_t *unit_len)
{
	const char *u;
	size_t len, i;
	double x;

	while (dist_is_blank(*text))
		text++;
	u = dist_number(text, &x);
	if (!u)
		return -1;
	while (dist_is_blank(*u))
		u++;
	len = strlen(u);
	while (len > 0 && dist_is_blank(u[len - 1]))
		len--;
	*unit = u;
	*unit_len = len;
	if (len == 0)
		return -2;
	for (i = 0; i < sizeof dist_units / sizeof dist_units[0]; i++) {
		if (strlen(dist_units[i].name) == len && strncmp(u, dist_units[i].name, len) == 0) {
			x *= dist_units[i].seconds;
			if (!isfinite(x))
				return -1;
			*seconds = x;
			return 0;
		}
	}
	return -3;
}

/* The hint after an unknown unit u of length len in raw (a number, then
 * u): " (did you mean '30min'? units are s, min, h, d)" for "30 minutes",
 * " (units are s, min, h, d)" when no unit is near.  Into buf of size n. */
static const char *dist_unit_hint(const char *raw, const char *u, size_t len, char *buf, size_t n)
{
	const char *meant = pc_suggest_unit(u, len);
	size_t numlen = (size_t)(u - raw);

	while (numlen > 0 && dist_is_blank(raw[numlen - 1]))
		numlen--;
	if (meant)
		snprintf(buf, n, " (did you mean '%.*s%s'? units are s, min, h, d)", (int)numlen, raw, meant);
	else
		snprintf(buf, n, " (units are s, min, h, d)");
	return buf;
}

void pc_dist_unit_hint(const char *text, char *buf, size_t n)
{
	const char *u;
	size_t len;
	double x;

	if (!buf || n == 0)
		return;
	buf[0] = '\0';
	while (text && dist_is_blank(*text))
		text++;
	if (text && dist_duration(text, &x, &u, &len) == -3)
		dist_unit_hint(text, u, len, buf, n);
}

int pc_dist_parse_duration(const char *text, double *seconds)
{
	const char *unit;
	size_t len;

	return dist_duration(text ? text : "", seconds, &unit, &len);
}

/* Whether x has no more than the given number of decimals (0 or 1), with a
 * tolerance for the rounding of the division that produced it. */
static int dist_tidy(double x, int decimals)
{
	double scaled = decimals ? 10.0 * x : x;

	return fabs(scaled - nearbyint(scaled)) <= 1e-9 * scaled;
}

void pc_dist_format_duration(double seconds, char *buf, size_t n)
{
	/* Days and hours may carry one decimal (1.5d, 2.4h); minutes must be
	 * whole (90 s stays "90s", not "1.5min"). */
	static const struct {
		const char *name;
		double seconds;
		int decimals;
	} forms[] = { { "d", 86400.0, 1 }, { "h", 3600.0, 1 }, { "min", 60.0, 0 } };
	size_t i;

	if (!buf || n == 0)
		return;
	for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		double x = seconds / forms[i].seconds;

		if (x >= 1.0 && x < 1e6 && dist_tidy(x, forms[i].decimals)) {
			snprintf(buf, n, "%.6g%s", x, forms[i].name);
			return;
		}
	}
	snprintf(buf, n, "%.6gs", seconds);
}

/* Formats one value of d's unit: a duration, or a plain number for CNY. */
static void dist_format_value(const pc_dist *d, double v, char *buf, size_t n)
{
	if (d->unit == PC_UNIT_DURATION)
		pc_dist_format_duration(v, buf, n);
	else
		snprintf(buf, n, "%.6g", v);
}

/* Reads the value of parameter p, as written in raw, into *v: in the key's
 * unit for mean, sd, scale and fixed's value, a plain number for cv and
 * shape. */
static int dist_read_param(const dist_ctx *ctx, pc_unit unit, int p, const char *raw, double *v)
{
	const char *u;
	size_t ulen;
	int rc;

	if (!dist_params[p].has_unit || unit == PC_UNIT_CNY) {
		if (dist_plain(raw, v) != 0)
			return dist_fail(ctx, "bad value '%s' in '%s'", raw, ctx->text);
		return 0;
	}
	rc = dist_duration(raw, v, &u, &ulen);
	if (rc == -2)
		return dist_fail(ctx, "'%s' needs a unit (s, min, h, d) in '%s'", raw, ctx->text);
	if (rc == -3) {
		char hint[160];

		while (dist_is_blank(*raw))
			raw++;
		return dist_fail(ctx, "'%s' has an unknown unit '%.*s' in '%s'%s", raw, (int)ulen, u,
				 ctx->text, dist_unit_hint(raw, u, ulen, hint, sizeof hint));
	}
	if (rc != 0)
		return dist_fail(ctx, "bad value '%s' in '%s'", raw, ctx->text);
	return 0;
}

/* Checks which parameters were given against what the kind needs. */
static int dist_check_combination(const dist_ctx *ctx, pc_dist_kind kind, const char *const *raw)
{
	const char *name = dist_names[kind];
	int mean = raw[P_MEAN] != NULL, sd = raw[P_SD] != NULL, cv = raw[P_CV] != NULL;
	int shape = raw[P_SHAPE] != NULL, scale = raw[P_SCALE] != NULL;

	switch (kind) {
	case PC_DIST_FIXED:
		if (!raw[P_VALUE])
			return dist_fail(ctx, "fixed needs one value, got '%s'", ctx->text);
		return 0;
	case PC_DIST_EXPONENTIAL:
		if (!mean)
			return dist_fail(ctx, "exponential needs mean, got '%s'", ctx->text);
		return 0;
	case PC_DIST_LOGNORMAL:
	case PC_DIST_GAMMA:
		if (sd && cv)
			return dist_fail(ctx, "%s takes sd or cv, not both, got '%s'", name, ctx->text);
		if (kind == PC_DIST_GAMMA && (shape || scale)) {
			if (shape && scale && !mean && !sd && !cv)
				return 0;
		} else if (mean && (sd || cv)) {
			return 0;
		}
		if (kind == PC_DIST_GAMMA)
			return dist_fail(ctx, "gamma needs mean and sd or cv, or shape and scale, got '%s'",
					 ctx->text);
		return dist_fail(ctx, "lognormal needs mean and sd or cv, got '%s'", ctx->text);
	case PC_DIST_WEIBULL:
		if (!shape || !scale)
			return dist_fail(ctx, "weibull needs shape and scale, got '%s'", ctx->text);
		return 0;
	case PC_DIST_EMPIRICAL:
		break;
	}
	return 0;
}

/* Reads the comma-separated parameters in inner into raw[] (pointers into
 * inner, which is cut up in place). */
static int dist_split_params(const dist_ctx *ctx, pc_dist_kind kind, char *inner, const char **raw)
{
	char *piece = dist_trim(inner);

	if (!*piece)
		return 0;
	for (;;) {
		char *comma = strchr(piece, ',');
		char *eq;
		int p;

		if (comma)
			*comma = '\0';
		piece = dist_trim(piece);
		if (!*piece)
			return dist_fail(ctx, "empty parameter in '%s'", ctx->text);
		eq = strchr(piece, '=');
		if (eq) {
			char *key, *value;

			*eq = '\0';
			key = dist_trim(piece);
			value = dist_trim(eq + 1);
			if (kind == PC_DIST_FIXED)
				return dist_fail(ctx, "fixed takes one value, got '%s'", ctx->text);
			for (p = 0; p < P_VALUE; p++)
				if ((dist_kind_params[kind].allowed & 1u << p) &&
				    strcmp(key, dist_params[p].name) == 0)
					break;
			if (p == P_VALUE)
				return dist_fail(ctx, "unknown parameter '%s' in '%s', expected %s", key,
						 ctx->text, dist_kind_params[kind].expected);
			if (raw[p])
				return dist_fail(ctx, "parameter '%s' given twice in '%s'", key, ctx->text);
			raw[p] = value;
		} else if (kind == PC_DIST_FIXED) {
			if (raw[P_VALUE])
				return dist_fail(ctx, "fixed takes one value, got '%s'", ctx->text);
			raw[P_VALUE] = piece;
		} else if (kind == PC_DIST_EXPONENTIAL) {
			if (raw[P_MEAN])
				return dist_fail(ctx, "parameter 'mean' given twice in '%s'", ctx->text);
			raw[P_MEAN] = piece;
		} else {
			return dist_fail(ctx, "unnamed value '%s' in '%s', expected %s", piece, ctx->text,
					 dist_kind_params[kind].expected);
		}
		if (!comma)
			return 0;
		piece = comma + 1;
	}
}

/* Checks each given value's range: means, shapes and scales > 0; fixed
 * values, sd and cv >= 0. */
static int dist_check_ranges(const dist_ctx *ctx, const char *const *raw, const double *v)
{
	int p;

	for (p = 0; p < P_COUNT; p++) {
		int strict = p == P_MEAN || p == P_SHAPE || p == P_SCALE;

		if (!raw[p])
			continue;
		if (strict ? !(v[p] > 0) : !(v[p] >= 0))
			return dist_fail(ctx, "%s must be %s 0, got '%s' in '%s'", dist_params[p].name,
					 strict ? ">" : ">=", raw[p], ctx->text);
	}
	return 0;
}

/* Derives p1, p2, mean and sd of a parametric distribution from the values
 * given (see dist.h for what p1 and p2 hold). */
static int dist_derive(const dist_ctx *ctx, pc_dist *d, const char *const *raw, const double *v)
{
	double m = v[P_MEAN];
	double sd = raw[P_CV] ? v[P_CV] * v[P_MEAN] : v[P_SD];

	switch (d->kind) {
	case PC_DIST_FIXED:
		d->p1 = d->mean = v[P_VALUE];
		d->sd = 0.0;
		break;
	case PC_DIST_EXPONENTIAL:
		d->p1 = d->mean = d->sd = m;
		break;
	case PC_DIST_LOGNORMAL:
		/* s2 = ln(1 + sd^2/m^2), zeta = ln m - s2/2, sigma = sqrt(s2);
		 * sd 0 is a fixed value, sampled as the mean. */
		d->mean = m;
		d->sd = sd;
		if (sd == 0.0) {
			d->p1 = log(m);
			d->p2 = 0.0;
		} else {
			double r = sd / m;
			double s2 = log1p(r * r);

			d->p1 = log(m) - s2 / 2.0;
			d->p2 = sqrt(s2);
		}
		break;
	case PC_DIST_GAMMA:
		if (raw[P_SHAPE]) {
			/* mean = k theta, sd = sqrt(k) theta. */
			d->p1 = v[P_SHAPE];
			d->p2 = v[P_SCALE];
			d->mean = d->p1 * d->p2;
			d->sd = sqrt(d->p1) * d->p2;
		} else {
			/* k = m^2/sd^2, theta = sd^2/m; sd 0 is a fixed value. */
			d->mean = m;
			d->sd = sd;
			if (sd == 0.0) {
				d->p1 = d->p2 = 0.0;
			} else {
				d->p1 = (m / sd) * (m / sd);
				d->p2 = sd * (sd / m);
				if (!(d->p1 > 0) || !(d->p2 > 0))
					return dist_fail(ctx, "parameters out of range in '%s'", ctx->text);
			}
		}
		break;
	case PC_DIST_WEIBULL: {
		/* mean = l Gamma(1 + 1/k), var = l^2 (Gamma(1 + 2/k) - Gamma(1 + 1/k)^2).
		 * Below k = 0.001 Gamma(1 + 1/k) overflows a double; the test
		 * also keeps gsl_sf_lngamma inside its domain. */
		double k = v[P_SHAPE], l = v[P_SCALE], g1, g2;

		d->p1 = l;
		d->p2 = k;
		if (k < 1e-3)
			return dist_fail(ctx, "parameters out of range in '%s'", ctx->text);
		g1 = exp(gsl_sf_lngamma(1.0 + 1.0 / k));
		g2 = exp(gsl_sf_lngamma(1.0 + 2.0 / k));
		d->mean = l * g1;
		d->sd = l * sqrt(fmax(0.0, g2 - g1 * g1));
		break;
	}
	case PC_DIST_EMPIRICAL:
		break;
	}
	if (!isfinite(d->p1) || !isfinite(d->p2) || !isfinite(d->mean) || !isfinite(d->sd))
		return dist_fail(ctx, "parameters out of range in '%s'", ctx->text);
	return 0;
}

/* Joins a relative file name to basedir ("." or empty: as is).  Returns a
 * malloc'd path or NULL. */
static char *dist_join(const char *basedir, const char *name)
{
	size_t nb, nn;
	char *path;
	int slash;

	if (!basedir || !*basedir || strcmp(basedir, ".") == 0 || name[0] == '/')
		return strdup(name);
	nb = strlen(basedir);
	nn = strlen(name);
	slash = basedir[nb - 1] != '/';
	path = malloc(nb + (size_t)slash + nn + 1);
	if (!path)
		return NULL;
	memcpy(path, basedir, nb);
	if (slash)
		path[nb] = '/';
	memcpy(path + nb + (size_t)slash, name, nn + 1);
	return path;
}

/* Finds the value column of an empirical table and the seconds (or 1 CNY)
 * one of its numbers stands for. */
static int dist_value_column(const pc_table *t, pc_unit unit, int *col, double *mult,
			     pc_error *err)
{
	static const struct {
		const char *name;
		double mult;
	} duration_columns[] = {
		{ "value_s", 1.0 }, { "value_min", 60.0 }, { "value_h", 3600.0 }, { "value_d", 86400.0 }
	};
	size_t i;
	int hline = t->row[0].line;

	*col = -1;
	if (unit == PC_UNIT_CNY) {
		*col = pc_table_column(t, "value");
		*mult = 1.0;
		if (*col < 0) {
			pc_error_set(err, t->path, hline, "missing column 'value'");
			return PC_EINPUT;
		}
		return 0;
	}
	for (i = 0; i < sizeof duration_columns / sizeof duration_columns[0]; i++) {
		int c = pc_table_column(t, duration_columns[i].name);

		if (c < 0)
			continue;
		if (*col >= 0) {
			pc_error_set(err, t->path, hline, "columns '%s' and '%s' both given, expected one",
				     t->row[0].field[*col], duration_columns[i].name);
			return PC_EINPUT;
		}
		*col = c;
		*mult = duration_columns[i].mult;
	}
	if (*col < 0) {
		pc_error_set(err, t->path, hline,
			     "missing column 'value_min' (or value_s, value_h, value_d)");
		return PC_EINPUT;
	}
	return 0;
}

/* Fills the values and weights of an empirical distribution from the table,
 * then its mean, sd and sampling table. */
static int dist_fill_empirical(pc_dist *d, const pc_table *t, pc_error *err)
{
	double mult = 1.0, wmax = 0.0, wsum = 0.0, mean = 0.0, var = 0.0;
	int vcol, wcol, rc;
	size_t i;

	rc = dist_value_column(t, d->unit, &vcol, &mult, err);
	if (rc)
		return rc;
	wcol = pc_table_column(t, "weight");
	d->n = t->nrows - 1;
	if (d->n == 0) {
		pc_error_set(err, t->path, t->row[0].line, "no values below the header");
		return PC_EINPUT;
	}
	d->values = malloc(d->n * sizeof *d->values);
	d->weights = malloc(d->n * sizeof *d->weights);
	if (!d->values || !d->weights)
		return PC_ENOMEM;
	for (i = 0; i < d->n; i++) {
		const pc_table_row *row = &t->row[i + 1];
		const char *vtext = row->field[vcol];
		double v, w = 1.0;

		if (dist_plain(vtext, &v) != 0 || !(v >= 0) || !isfinite(v * mult)) {
			pc_error_set(err, t->path, row->line, "'%s' must be a number >= 0, got '%s'",
				     t->row[0].field[vcol], vtext);
			return PC_EINPUT;
		}
		if (wcol >= 0 && (dist_plain(row->field[wcol], &w) != 0 || !(w >= 0))) {
			pc_error_set(err, t->path, row->line, "'weight' must be a number >= 0, got '%s'",
				     row->field[wcol]);
			return PC_EINPUT;
		}
		d->values[i] = v * mult;
		d->weights[i] = w;
		wmax = fmax(wmax, w);
	}
	if (wmax == 0.0) {
		pc_error_set(err, t->path, 0, "every weight is 0");
		return PC_EINPUT;
	}
	/* Weights are scaled to at most 1 so their sum cannot overflow; the
	 * mean and sd are the weighted ones, mean = sum w v / sum w,
	 * var = sum w (v - mean)^2 / sum w. */
	for (i = 0; i < d->n; i++) {
		d->weights[i] /= wmax;
		wsum += d->weights[i];
	}
	for (i = 0; i < d->n; i++)
		mean += d->weights[i] / wsum * d->values[i];
	for (i = 0; i < d->n; i++) {
		double dev = d->values[i] - mean;

		var += d->weights[i] / wsum * dev * dev;
	}
	d->mean = mean;
	d->sd = sqrt(var);
	if (!isfinite(d->mean) || !isfinite(d->sd)) {
		pc_error_set(err, t->path, 0, "values too large to average");
		return PC_EINPUT;
	}
	d->table = gsl_ran_discrete_preproc(d->n, d->weights);
	return d->table ? 0 : PC_ENOMEM;
}

/* Reads the empirical file named in inner, resolved against basedir. */
static int dist_parse_empirical(const dist_ctx *ctx, pc_dist *d, char *inner, const char *basedir)
{
	const char *name = dist_trim(inner);
	pc_table t;
	char *path;
	int rc;

	if (!*name)
		return dist_fail(ctx, "empirical needs a file name, got '%s'", ctx->text);
	if (strlen(name) >= sizeof d->file)
		return dist_fail(ctx, "file name longer than %zu characters in '%s'",
				 sizeof d->file - 1, ctx->text);
	snprintf(d->file, sizeof d->file, "%s", name);
	path = dist_join(basedir, name);
	if (!path)
		return PC_ENOMEM;
	rc = pc_table_read(&t, path, ctx->file, ctx->line, ctx->err);
	free(path);
	if (rc)
		return rc;
	rc = dist_fill_empirical(d, &t, ctx->err);
	pc_table_release(&t);
	return rc;
}

/* " (did you mean 'lognormal'?)" for an unknown distribution name of
 * namelen characters at s, into buf, or "". */
static const char *dist_name_hint(const char *s, size_t namelen, char *buf, size_t n)
{
	char name[32];
	pc_suggest sg;
	unsigned k;

	snprintf(name, sizeof name, "%.*s", (int)(namelen < sizeof name ? namelen : sizeof name - 1), s);
	pc_suggest_init(&sg, name);
	for (k = 0; k < DIST_NKINDS; k++)
		pc_suggest_offer(&sg, dist_names[k]);
	return pc_suggest_hint(&sg, buf, n);
}

/* Whether s (trimmed) is a bare number, with or without a unit ("3",
 * "3.5h"), as a manager might write a fixed time or amount; writes it as a
 * value of the unit into value ("3min" for a duration without a unit: an
 * example, not a guess at what was meant). */
static int dist_bare_number(const char *s, pc_unit unit, char *value, size_t n)
{
	const char *end;
	double x, seconds;

	end = dist_number(s, &x);
	if (!end || x <= 0)
		return 0;
	while (dist_is_blank(*end))
		end++;
	if (!*end)
		snprintf(value, n, unit == PC_UNIT_CNY ? "%.6g" : "%.6gmin", x);
	else if (unit == PC_UNIT_DURATION && pc_dist_parse_duration(s, &seconds) == 0)
		snprintf(value, n, "%s", s);
	else
		return 0;
	return 1;
}

/* The example ending an "unknown distribution" message in the given unit. */
static const char *dist_example(pc_unit unit)
{
	return unit == PC_UNIT_CNY ? ", e.g. lognormal(mean=200, cv=0.8) or fixed(200)"
				   : ", e.g. lognormal(mean=6min, cv=0.5) or fixed(3min)";
}

/* Parses the trimmed specification in work (cut up in place); ctx->text is
 * an untouched copy for the messages. */
static int dist_parse_spec(const dist_ctx *ctx, pc_dist *d, char *work, const char *basedir)
{
	const char *raw[P_COUNT] = { 0 };
	double v[P_COUNT] = { 0 };
	char *s = work, *open, *inner, value[40], near[64];
	size_t namelen = 0, len;
	unsigned k;
	int p, rc;

	if (!*s)
		return dist_fail(ctx, "empty distribution, expected " DIST_EXPECTED_NAMES);
	while ((s[namelen] >= 'a' && s[namelen] <= 'z') || (s[namelen] >= 'A' && s[namelen] <= 'Z') ||
	       (s[namelen] >= '0' && s[namelen] <= '9') || s[namelen] == '_')
		namelen++;
	open = s + namelen;
	while (dist_is_blank(*open))
		open++;
	if (dist_bare_number(s, d->unit, value, sizeof value))
		return dist_fail(ctx, "a distribution needs a name, got '%s': e.g. fixed(%s) or "
				 "lognormal(mean=%s, cv=0.5)", ctx->text, value, value);
	if (namelen == 0 || (*open != '(' && *open != '\0'))
		return dist_fail(ctx, "expected NAME(PARAMETERS) with NAME one of " DIST_EXPECTED_NAMES
				 ", got '%s'%s", ctx->text, dist_example(d->unit));
	for (k = 0; k < DIST_NKINDS; k++)
		if (strlen(dist_names[k]) == namelen && strncmp(s, dist_names[k], namelen) == 0)
			break;
	if (k == DIST_NKINDS) {
		dist_name_hint(s, namelen, near, sizeof near);
		return dist_fail(ctx, "unknown distribution '%.*s'%s, expected " DIST_EXPECTED_NAMES "%s",
				 (int)namelen, s, near, *near ? "" : dist_example(d->unit));
	}
	d->kind = (pc_dist_kind)k;
	if (*open != '(')
		return dist_fail(ctx, "%s needs its parameters in parentheses, got '%s'", dist_names[k],
				 ctx->text);
	len = strlen(open);
	if (open[len - 1] != ')' || len < 2)
		return dist_fail(ctx, "missing ')' at the end of '%s'", ctx->text);
	open[len - 1] = '\0';
	inner = open + 1;
	if (d->kind == PC_DIST_EMPIRICAL)
		return dist_parse_empirical(ctx, d, inner, basedir);

	rc = dist_split_params(ctx, d->kind, inner, raw);
	if (!rc)
		rc = dist_check_combination(ctx, d->kind, raw);
	for (p = 0; !rc && p < P_COUNT; p++)
		if (raw[p])
			rc = dist_read_param(ctx, d->unit, p, raw[p], &v[p]);
	if (!rc)
		rc = dist_check_ranges(ctx, raw, v);
	if (!rc)
		rc = dist_derive(ctx, d, raw, v);
	return rc;
}

int pc_dist_parse(pc_dist *d, const char *text, pc_unit unit, const char *basedir,
		  const char *file, int line, pc_error *err)
{
	dist_ctx ctx;
	char *whole, *work;
	int rc;

	memset(d, 0, sizeof *d);
	d->unit = unit;
	if (unit != PC_UNIT_DURATION && unit != PC_UNIT_CNY) {
		pc_error_set(err, file, line, "unknown unit kind %d", (int)unit);
		return PC_EINPUT;
	}
	whole = strdup(text ? text : "");
	if (!whole)
		return PC_ENOMEM;
	work = strdup(dist_trim(whole));
	if (!work) {
		free(whole);
		return PC_ENOMEM;
	}
	ctx.text = dist_trim(whole);
	ctx.file = file;
	ctx.line = line;
	ctx.err = err;
	rc = dist_parse_spec(&ctx, d, work, basedir);
	free(work);
	free(whole);
	if (rc) {
		pc_dist_release(d);
		memset(d, 0, sizeof *d);
		d->unit = unit;
	}
	return rc;
}

void pc_dist_release(pc_dist *d)
{
	if (!d)
		return;
	free(d->values);
	free(d->weights);
	if (d->table)
		gsl_ran_discrete_free(d->table);
	d->values = NULL;
	d->weights = NULL;
	d->table = NULL;
	d->n = 0;
}

int pc_dist_copy(pc_dist *dst, const pc_dist *src)
{
	*dst = *src;
	dst->values = NULL;
	dst->weights = NULL;
	dst->table = NULL;
	if (src->kind != PC_DIST_EMPIRICAL || !src->values)
		return 0;
	dst->values = malloc(src->n * sizeof *dst->values);
	dst->weights = malloc(src->n * sizeof *dst->weights);
	if (dst->values && dst->weights) {
		memcpy(dst->values, src->values, src->n * sizeof *dst->values);
		memcpy(dst->weights, src->weights, src->n * sizeof *dst->weights);
		/* The same weights give the same table, so a copy draws the
		 * same values from the same stream. */
		dst->table = gsl_ran_discrete_preproc(src->n, dst->weights);
	}
	if (!dst->table) {
		pc_dist_release(dst);
		return PC_ENOMEM;
	}
	return 0;
}

double pc_dist_sample(const pc_dist *d, gsl_rng *r)
{
	switch (d->kind) {
	case PC_DIST_FIXED:
		return d->p1;
	case PC_DIST_EXPONENTIAL:
		return gsl_ran_exponential(r, d->p1);
	case PC_DIST_LOGNORMAL:
		return d->sd == 0.0 ? d->mean : pc_dist_lognormal_draw(d, r);
	case PC_DIST_GAMMA:
		return d->sd == 0.0 ? d->mean : gsl_ran_gamma(r, d->p1, d->p2);
	case PC_DIST_WEIBULL:
		return gsl_ran_weibull(r, d->p1, d->p2);
	case PC_DIST_EMPIRICAL:
		return d->table ? d->values[gsl_ran_discrete(r, d->table)] : 0.0;
	}
	return 0.0;
}

double pc_dist_survival(const pc_dist *d, double x)
{
	double above = 0, total = 0;

	if (x < 0)
		return 1.0;
	switch (d->kind) {
	case PC_DIST_FIXED:
		return x < d->p1 ? 1.0 : 0.0;
	case PC_DIST_EXPONENTIAL:
		return gsl_cdf_exponential_Q(x, d->p1);
	case PC_DIST_LOGNORMAL:
		if (d->sd == 0.0)
			return x < d->mean ? 1.0 : 0.0;
		return x <= 0 ? 1.0 : gsl_cdf_lognormal_Q(x, d->p1, d->p2);
	case PC_DIST_GAMMA: {
		double q;

		if (d->sd == 0.0)
			return x < d->mean ? 1.0 : 0.0;
		q = gsl_cdf_gamma_Q(x, d->p1, d->p2);
		/* GSL's incomplete gamma gives no answer at shapes of 1e150
		 * and more: the normal approximation, exact there. */
		return isnan(q) ? gsl_cdf_ugaussian_Q((x / d->p2 - d->p1) / sqrt(d->p1)) : q;
	}
	case PC_DIST_WEIBULL:
		return gsl_cdf_weibull_Q(x, d->p1, d->p2);
	case PC_DIST_EMPIRICAL:
		for (size_t i = 0; i < d->n; i++) {
			double w = d->weights ? d->weights[i] : 1.0;
			total += w;
			if (d->values[i] > x)
				above += w;
		}
		return total > 0 ? above / total : 0.0;
	}
	return 0.0;
}

const char *pc_dist_format(const pc_dist *d, char *buf, size_t n)
{
	char a[64], b[64];

	if (!buf || n == 0)
		return buf;
	switch (d->kind) {
	case PC_DIST_FIXED:
		dist_format_value(d, d->p1, a, sizeof a);
		snprintf(buf, n, "fixed(%s)", a);
		break;
	case PC_DIST_EXPONENTIAL:
		dist_format_value(d, d->p1, a, sizeof a);
		snprintf(buf, n, "exponential(mean=%s)", a);
		break;
	case PC_DIST_LOGNORMAL:
	case PC_DIST_GAMMA:
		dist_format_value(d, d->mean, a, sizeof a);
		dist_format_value(d, d->sd, b, sizeof b);
		snprintf(buf, n, "%s(mean=%s, sd=%s)", dist_names[d->kind], a, b);
		break;
	case PC_DIST_WEIBULL:
		dist_format_value(d, d->p1, a, sizeof a);
		snprintf(buf, n, "weibull(shape=%.6g, scale=%s)", d->p2, a);
		break;
	case PC_DIST_EMPIRICAL:
		snprintf(buf, n, "empirical(%s)", d->file);
		break;
	default:
		snprintf(buf, n, "?");
		break;
	}
	return buf;
}

/* The equation a gamma quantile solves, at scale 1: P(x) - p, or Q(x) - q
 * (upper). */
typedef struct gamma_eq {
	double a, p;
	int upper;
} gamma_eq;

static double gamma_eq_f(double x, void *v)
{
	const gamma_eq *g = v;

	return (g->upper ? gsl_cdf_gamma_Q(x, g->a, 1.0) : gsl_cdf_gamma_P(x, g->a, 1.0)) - g->p;
}

/* The gamma's quantile by the normal approximation (mean a b, sd sqrt(a)
 * b), never below 0. */
static double normal_inv(double p, double a, double b, int upper)
{
	double z = upper ? gsl_cdf_ugaussian_Qinv(p) : gsl_cdf_ugaussian_Pinv(p);

	return fmax(0.0, (a + sqrt(a) * z) * b);
}

static double gamma_inv(double p, double a, double b, int upper)
{
	double x = upper ? gsl_cdf_gamma_Qinv(p, a, b) : gsl_cdf_gamma_Pinv(p, a, b);
	gamma_eq g = { a, p, upper };
	gsl_function f = { gamma_eq_f, &g };
	double lo, hi, flo, fhi, tail;
	gsl_root_fsolver *s;
	int it = 0, status;

	if (!(p > 0 && p < 1) || !(a > 0) || !(b > 0))
		return x;
	/* GSL's answer, when its cdf gives p back (to a millionth of the
	 * smaller tail). */
	tail = fmin(p, 1 - p);
	if (isfinite(x) && x >= 0 && fabs(gamma_eq_f(x / b, &g)) <= 1e-6 * tail)
		return x;
	/* A bracket about the mean a (sd sqrt(a)), widened until the
	 * function changes sign: P rises from 0, Q falls from 1. */
	lo = fmax(0.0, a - 10 * sqrt(a));
	hi = a + 10 * sqrt(a) + 10;
	flo = gamma_eq_f(lo, &g);
	fhi = gamma_eq_f(hi, &g);
	while (flo * fhi > 0 && it++ < 200) {
		if ((flo > 0) == !upper) {
			lo /= 2;
			flo = gamma_eq_f(lo, &g);
		} else {
			hi = 2 * hi + 10;
			fhi = gamma_eq_f(hi, &g);
		}
	}
	/* Where even GSL's cdf gives no answer (a shape of 1e150 and more)
	 * or nothing brackets the root: the normal approximation, which such
	 * shapes make exact to the double's precision. */
	if (!isfinite(flo) || !isfinite(fhi) || flo * fhi > 0 || !(s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent)))
		return normal_inv(p, a, b, upper);
	if (gsl_root_fsolver_set(s, &f, lo, hi) != GSL_SUCCESS) {
		gsl_root_fsolver_free(s);
		return normal_inv(p, a, b, upper);
	}
	for (it = 0, status = GSL_CONTINUE; status == GSL_CONTINUE && it < 200; it++) {
		if (gsl_root_fsolver_iterate(s))
			break;
		status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s), 0, 1e-13);
	}
	x = gsl_root_fsolver_root(s) * b;
	gsl_root_fsolver_free(s);
	return isfinite(x) && x >= 0 ? x : normal_inv(p, a, b, upper);
}

double pc_cdf_gamma_Pinv(double p, double a, double b)
{
	return gamma_inv(p, a, b, 0);
}

double pc_cdf_gamma_Qinv(double q, double a, double b)
{
	return gamma_inv(q, a, b, 1);
}

double pc_dist_sample_below(const pc_dist *d, gsl_rng *r, double limit)
{
	double u = gsl_rng_uniform(r), p;

	if (limit <= 0)
		return 0.0;
	p = 1.0 - pc_dist_survival(d, limit);
	if (!(p > 0))
		return u * limit; /* no mass below the limit: uniform within it */
	u *= p;
	switch (d->kind) {
	case PC_DIST_FIXED:
		return d->p1 < limit ? d->p1 : u * limit;
	case PC_DIST_EXPONENTIAL:
		return gsl_cdf_exponential_Pinv(u, d->p1);
	case PC_DIST_LOGNORMAL:
		return d->sd == 0.0 ? d->mean : gsl_cdf_lognormal_Pinv(u, d->p1, d->p2);
	case PC_DIST_GAMMA:
		return d->sd == 0.0 ? d->mean : pc_cdf_gamma_Pinv(u, d->p1, d->p2);
	case PC_DIST_WEIBULL:
		return gsl_cdf_weibull_Pinv(u, d->p1, d->p2);
	case PC_DIST_EMPIRICAL: {
		/* The first value whose weight, with those before it among the
		 * values below the limit, reaches u (as a share of all). */
		double total = 0, acc = 0, last = 0;
		for (size_t i = 0; i < d->n; i++)
			total += d->weights ? d->weights[i] : 1.0;
		for (size_t i = 0; i < d->n; i++) {
			if (d->values[i] >= limit)
				continue;
			acc += (d->weights ? d->weights[i] : 1.0) / total;
			last = d->values[i];
			if (acc >= u)
				return last;
		}
		return last;
	}
	}
	return 0.0;
}

double pc_dist_sample_residual(const pc_dist *d, gsl_rng *r, double elapsed)
{
	double u = gsl_rng_uniform(r), a = elapsed > 0 ? elapsed : 0.0, q, x;

	q = pc_dist_survival(d, a) * (1.0 - u); /* in (0, S(a)] */
	if (!(q > 0))
		return 0.0;
	switch (d->kind) {
	case PC_DIST_FIXED:
		x = d->p1;
		break;
	case PC_DIST_EXPONENTIAL:
		x = gsl_cdf_exponential_Qinv(q, d->p1);
		break;
	case PC_DIST_LOGNORMAL:
		x = d->sd == 0.0 ? d->mean : gsl_cdf_lognormal_Qinv(q, d->p1, d->p2);
		break;
	case PC_DIST_GAMMA:
		x = d->sd == 0.0 ? d->mean : pc_cdf_gamma_Qinv(q, d->p1, d->p2);
		break;
	case PC_DIST_WEIBULL:
		x = gsl_cdf_weibull_Qinv(q, d->p1, d->p2);
		break;
	case PC_DIST_EMPIRICAL: {
		/* The first value above elapsed whose weight, with those
		 * before it among them, reaches 1 - u of theirs. */
		double total = 0, acc = 0, above = 0;
		x = a;
		for (size_t i = 0; i < d->n; i++) {
			double w = d->weights ? d->weights[i] : 1.0;
			total += w;
			if (d->values[i] > a)
				above += w;
		}
		if (!(total > 0) || !(above > 0))
			return 0.0;
		for (size_t i = 0; i < d->n; i++) {
			if (d->values[i] <= a)
				continue;
			acc += d->weights ? d->weights[i] : 1.0;
			x = d->values[i];
			if (acc >= (1.0 - u) * above)
				break;
		}
		break;
	}
	default:
		x = a;
		break;
	}
	return x > a ? x - a : 0.0;
}
