/* forecast: demand keys as distributions over forecasts: parsing, the
 * dump's text, quantiles and draws (GSL randist and cdf). */
#include "promocap/forecast.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "promocap/scenario.h"
#include "text.h"

/* Beyond these quantiles a family's draws are made again: the range check
 * of pc_fc_parse makes that rest at most 2e-9 of the mass. */
#define FC_TAIL 1e-9

/* The forecastable keys: name, section, range, and whether the key is a
 * share (its values read and written with %). */
static const struct fc_key_def {
	const char *name, *section;
	double lo, hi;
	int open_lo;       /* lo itself excluded */
	int share;
	const char *range; /* for messages */
} fc_keys[PC_NFC] = {
	{ "gmv", "promotion", 0, INFINITY, 1, 0, "above 0" },
	{ "aov", "promotion", 0, INFINITY, 1, 0, "above 0" },
	{ "rate", "refunds", 0, 1, 0, 1, "from 0% to 100%" },
	{ "after_sales_ratio", "refunds", 0, 10, 0, 1, "from 0% to 1000%" },
	{ "no_return", "refunds", 0, 1, 0, 1, "from 0% to 100%" },
	{ "claims", "after_sales", 0, 1, 0, 1, "from 0% to 100%" },
	{ "claim_no_return", "after_sales", 0, 1, 0, 1, "from 0% to 100%" },
};

static const char *const fc_family[] = { "none", "lognormal", "gamma", "normal", "uniform" };

const char *pc_fc_key_name(pc_fc_key k)
{
	return fc_keys[k].name;
}

const char *pc_fc_key_section(pc_fc_key k)
{
	return fc_keys[k].section;
}

/* The family named by s[0..len), or PC_FC_NONE. */
static pc_fc_kind family_of(const char *s, size_t len)
{
	for (int f = PC_FC_LOGNORMAL; f <= PC_FC_UNIFORM; f++)
		if (strlen(fc_family[f]) == len && !strncmp(s, fc_family[f], len))
			return (pc_fc_kind)f;
	return PC_FC_NONE;
}

int pc_fc_is_dist(const char *text)
{
	const char *s = text, *e;

	while (isspace((unsigned char)*s))
		s++;
	for (e = s; isalpha((unsigned char)*e); e++)
		;
	if (e == s)
		return 0;
	while (isspace((unsigned char)*e))
		e++;
	return *e == '(';
}


/* A number with an optional % sign (5% = 0.05).  Returns 0 or -1. */
static int fc_number(const char *s, double *x)
{
	char *end;
	double v;

	if (!*s)
		return -1;
	v = strtod(s, &end);
	if (end == s || !isfinite(v))
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	if (*end == '%') {
		v /= 100.0;
		end++;
		while (isspace((unsigned char)*end))
			end++;
	}
	if (*end)
		return -1;
	*x = v;
	return 0;
}

/* Whether x lies in key k's range. */
static int in_range(const struct fc_key_def *kd, double x)
{
	return (kd->open_lo ? x > kd->lo : x >= kd->lo) && x <= kd->hi;
}

/* The family's parameters from mean and sd (sd > 0). */
static void derive(pc_fc_dist *d)
{
	double cv = d->sd / d->mean, s2;

	switch (d->kind) {
	case PC_FC_LOGNORMAL:
		/* ln X ~ N(zeta, sigma^2): s2 = ln(1 + cv^2), zeta = ln m - s2 / 2. */
		s2 = log1p(cv * cv);
		d->p1 = log(d->mean) - s2 / 2;
		d->p2 = sqrt(s2);
		break;
	case PC_FC_GAMMA:
		/* shape k = 1 / cv^2, scale theta = m cv^2. */
		d->p1 = 1.0 / (cv * cv);
		d->p2 = d->mean * cv * cv;
		break;
	case PC_FC_NORMAL:
		d->p1 = d->mean;
		d->p2 = d->sd;
		break;
	default:
		break;
	}
}

double pc_fc_quantile(const pc_fc_dist *d, double p)
{
	switch (d->kind) {
	case PC_FC_LOGNORMAL:
		return gsl_cdf_lognormal_Pinv(p, d->p1, d->p2);
	case PC_FC_GAMMA:
		return pc_cdf_gamma_Pinv(p, d->p1, d->p2);
	case PC_FC_NORMAL:
		return d->p1 + gsl_cdf_gaussian_Pinv(p, d->p2);
	case PC_FC_UNIFORM:
		return d->p1 + p * (d->p2 - d->p1);
	default:
		return d->mean;
	}
}

#define FAIL(...) (snprintf(why, n, __VA_ARGS__), PC_EINPUT)

int pc_fc_parse(pc_fc_key k, const char *text, pc_fc_dist *d, char *why, size_t n)
{
	const struct fc_key_def *kd = &fc_keys[k];
	char buf[256], *s, *open, *close, *arg[2];
	int nargs = 0;
	double mean = NAN, sd = NAN, cv = NAN, lo = NAN, hi = NAN;

	memset(d, 0, sizeof *d);
	if (strlen(text) >= sizeof buf)
		return FAIL("a forecast must be at most %zu characters, got '%.64s...'", sizeof buf - 1, text);
	snprintf(buf, sizeof buf, "%s", text);
	s = pc_text_trim(buf);
	open = strchr(s, '(');
	close = strrchr(s, ')');
	if (!open || !close || close < open || *pc_text_trim(close + 1))
		return FAIL("a forecast must be like 'lognormal(mean=35000000, cv=15%%)' or 'uniform(5%%, 7%%)', got '%s'",
			    text);
	*open = '\0';
	d->kind = family_of(pc_text_trim(s), strlen(pc_text_trim(s)));
	if (d->kind == PC_FC_NONE)
		return FAIL("unknown forecast distribution '%s', expected lognormal, gamma, normal or uniform", pc_text_trim(s));
	*close = '\0';
	for (char *p = open + 1, *comma;; p = comma + 1) {
		comma = strchr(p, ',');
		if (nargs == 2)
			return FAIL("%s takes two parameters, got '%s'", fc_family[d->kind], text);
		if (comma)
			*comma = '\0';
		arg[nargs++] = pc_text_trim(p);
		if (!comma)
			break;
	}
	for (int i = 0; i < nargs; i++) {
		char *eq = strchr(arg[i], '=');
		const char *name = "";
		double x;
		double *slot;

		if (eq) {
			*eq = '\0';
			name = pc_text_trim(arg[i]);
			arg[i] = pc_text_trim(eq + 1);
		}
		if (fc_number(arg[i], &x))
			return FAIL("%s%s'%s' is not a number in '%s'", name, *name ? " " : "", arg[i], text);
		if (d->kind == PC_FC_UNIFORM)
			slot = !*name ? (i == 0 ? &lo : &hi) : !strcmp(name, "lo") ? &lo : !strcmp(name, "hi") ? &hi : NULL;
		else
			slot = !strcmp(name, "mean") ? &mean : !strcmp(name, "sd") ? &sd : !strcmp(name, "cv") ? &cv : NULL;
		if (!slot || !isnan(*slot))
			return FAIL("%s needs %s, got '%s'", fc_family[d->kind],
				    d->kind == PC_FC_UNIFORM ? "lo and hi (uniform(5%, 7%))" : "mean and cv or sd", text);
		*slot = x;
	}
	if (d->kind == PC_FC_UNIFORM) {
		if (isnan(lo) || isnan(hi))
			return FAIL("uniform needs lo and hi (uniform(5%%, 7%%)), got '%s'", text);
		if (!(lo < hi))
			return FAIL("uniform needs lo < hi, got '%s'", text);
		if (!in_range(kd, lo) || !in_range(kd, hi))
			return FAIL("the forecast must stay %s, got '%s'", kd->range, text);
		d->p1 = lo;
		d->p2 = hi;
		d->mean = (lo + hi) / 2;
		d->sd = (hi - lo) / sqrt(12.0);
	} else {
		if (isnan(mean) || isnan(sd) == isnan(cv))
			return FAIL("%s needs mean and cv or sd, got '%s'", fc_family[d->kind], text);
		if (!in_range(kd, mean) || (d->kind != PC_FC_NORMAL && !(mean > 0)))
			return FAIL("%s needs a mean %s%s, got '%s'", fc_family[d->kind], kd->range,
				    d->kind != PC_FC_NORMAL && !kd->open_lo ? " and above 0" : "", text);
		d->by_cv = !isnan(cv);
		d->sd = d->by_cv ? cv * mean : sd;
		if (!(d->sd > 0))
			return FAIL("%s needs %s > 0 (a single value needs no distribution), got '%s'",
				    fc_family[d->kind], d->by_cv ? "cv" : "sd", text);
		d->mean = mean;
		derive(d);
		if (!in_range(kd, pc_fc_quantile(d, FC_TAIL)) || !in_range(kd, pc_fc_quantile(d, 1 - FC_TAIL)))
			return FAIL("the forecast must stay %s, but its draws reach past it: got '%s' (narrow it, or use uniform)",
				    kd->range, text);
	}
	/* The draws' range, closed: gmv and aov above 0. */
	d->lo = kd->open_lo ? nextafter(kd->lo, INFINITY) : kd->lo;
	d->hi = kd->hi;
	return 0;
}

/* A value as the key writes it: 5% for shares, a plain number else. */
static void format_value(const struct fc_key_def *kd, double x, char *buf, size_t n)
{
	if (kd->share)
		snprintf(buf, n, "%.10g%%", 100 * x);
	else
		snprintf(buf, n, "%.10g", x);
}

const char *pc_fc_format_key(pc_fc_key k, const pc_fc_dist *d, char *buf, size_t n)
{
	const struct fc_key_def *kd = &fc_keys[k];
	char a[48], b[48];

	if (d->kind == PC_FC_UNIFORM) {
		format_value(kd, d->p1, a, sizeof a);
		format_value(kd, d->p2, b, sizeof b);
		snprintf(buf, n, "uniform(%s, %s)", a, b);
	} else if (d->kind != PC_FC_NONE) {
		format_value(kd, d->mean, a, sizeof a);
		if (d->by_cv)
			snprintf(b, sizeof b, "cv=%.10g%%", 100 * d->sd / d->mean);
		else {
			format_value(kd, d->sd, b + 3, sizeof b - 3);
			memcpy(b, "sd=", 3);
		}
		snprintf(buf, n, "%s(mean=%s, %s)", fc_family[d->kind], a, b);
	} else {
		format_value(kd, d->mean, buf, n);
	}
	return buf;
}

double pc_fc_sample(const pc_fc_dist *d, gsl_rng *r)
{
	double x;

	for (int i = 0; i < 1000; i++) {
		switch (d->kind) {
		case PC_FC_LOGNORMAL:
			x = gsl_ran_lognormal(r, d->p1, d->p2);
			break;
		case PC_FC_GAMMA:
			x = gsl_ran_gamma(r, d->p1, d->p2);
			break;
		case PC_FC_NORMAL:
			x = d->p1 + gsl_ran_gaussian(r, d->p2);
			break;
		case PC_FC_UNIFORM:
			x = gsl_ran_flat(r, d->p1, d->p2);
			break;
		default:
			return d->mean;
		}
		/* Draws past the key's range have mass below 2e-9 (the
		 * parse's check): drawn again. */
		if (x >= d->lo && x <= d->hi)
			return x;
	}
	return d->mean;
}

int pc_fc_draw_of(int replication)
{
	return replication / PC_FC_RUNS_PER_DRAW;
}

void pc_fc_draw(const pc_forecast *fc, const double base[PC_NFC], gsl_rng *r, double value[PC_NFC])
{
	for (int k = 0; k < PC_NFC; k++)
		value[k] = fc->key[k].kind == PC_FC_NONE ? base[k] : pc_fc_sample(&fc->key[k], r);
}

void pc_fc_values(const pc_scenario *sc, double value[PC_NFC])
{
	value[PC_FC_GMV] = sc->gmv;
	value[PC_FC_AOV] = sc->aov;
	value[PC_FC_RATE] = sc->refund_rate;
	value[PC_FC_AFTER_SALES_RATIO] = sc->after_sales_ratio;
	value[PC_FC_NO_RETURN] = sc->no_return;
	value[PC_FC_CLAIMS] = sc->claims;
	value[PC_FC_CLAIM_NO_RETURN] = sc->claim_no_return;
}

void pc_fc_apply(pc_scenario *sc, const double value[PC_NFC])
{
	sc->gmv = value[PC_FC_GMV];
	sc->aov = value[PC_FC_AOV];
	sc->refund_rate = value[PC_FC_RATE];
	sc->after_sales_ratio = value[PC_FC_AFTER_SALES_RATIO];
	sc->no_return = value[PC_FC_NO_RETURN];
	sc->claims = value[PC_FC_CLAIMS];
	sc->claim_no_return = value[PC_FC_CLAIM_NO_RETURN];
}

void pc_fc_fix(pc_scenario *sc, const double value[PC_NFC])
{
	pc_fc_apply(sc, value);
	memset(&sc->forecast, 0, sizeof sc->forecast);
}

double pc_fc_refunds(const double value[PC_NFC])
{
	return value[PC_FC_GMV] * value[PC_FC_RATE] / value[PC_FC_AOV];
}
