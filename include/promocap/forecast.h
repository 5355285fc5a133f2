/* forecast: demand keys given as a distribution over forecasts (gmv =
 * lognormal(mean=35000000, cv=15%)), drawn once per forecast draw, ahead of
 * the replication's own randomness (docs/forecast.md). */
#ifndef PROMOCAP_FORECAST_H
#define PROMOCAP_FORECAST_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

/* The demand keys a forecast distribution may stand for. */
typedef enum pc_fc_key {
	PC_FC_GMV,               /* [promotion] gmv, CNY */
	PC_FC_AOV,               /* [promotion] aov, CNY */
	PC_FC_RATE,              /* [refunds] rate, a share */
	PC_FC_AFTER_SALES_RATIO, /* [refunds] after_sales_ratio, 0 .. 10 */
	PC_FC_NO_RETURN,         /* [refunds] no_return, a share */
	PC_FC_CLAIMS,            /* [after_sales] claims, a share */
	PC_FC_CLAIM_NO_RETURN,   /* [after_sales] claim_no_return, a share */
	PC_NFC
} pc_fc_key;

/* The families a forecast may take. */
typedef enum pc_fc_kind {
	PC_FC_NONE,      /* a single number: no spread */
	PC_FC_LOGNORMAL, /* lognormal(mean=m, cv=c | sd=s) */
	PC_FC_GAMMA,     /* gamma(mean=m, cv=c | sd=s) */
	PC_FC_NORMAL,    /* normal(mean=m, sd=s | cv=c) */
	PC_FC_UNIFORM    /* uniform(lo, hi) or uniform(lo=a, hi=b) */
} pc_fc_kind;

/* One forecast distribution.  p1, p2 are what the GSL sampler takes:
 * lognormal zeta, sigma (gsl_ran_lognormal); gamma shape, scale
 * (gsl_ran_gamma); normal mean, sd (gsl_ran_gaussian); uniform lo, hi
 * (gsl_ran_flat).  A plain value with no room for a transfer between
 * processes: it is copied with the scenario as bytes. */
typedef struct pc_fc_dist {
	pc_fc_kind kind;
	double p1, p2;
	double mean, sd;
	double lo, hi;   /* the values the key can take (draws stay inside) */
	int by_cv;       /* written with cv (else sd): the dump writes it so */
	int line;        /* the INI line, for messages about it */
} pc_fc_dist;

/* Replications that share one forecast draw: replication r faces draw
 * r / PC_FC_RUNS_PER_DRAW.  Two per draw is the nested design whose
 * within-draw spread measures chance (docs/forecast.md). */
#define PC_FC_RUNS_PER_DRAW 2

/* The forecast distributions of a scenario; on is 0 when every key is a
 * single number, and then nothing changes anywhere. */
typedef struct pc_forecast {
	int on;
	pc_fc_dist key[PC_NFC];
} pc_forecast;

/* The key's name in its section ("gmv") and its section ("promotion"). */
const char *pc_fc_key_name(pc_fc_key k);
const char *pc_fc_key_section(pc_fc_key k);

/* Whether text is written as a distribution, a name and "(" after
 * optional blanks ("lognormal(", "weibull (": pc_fc_parse then says which
 * families there are).  A key's value that is not is read as the single
 * number it always was. */
int pc_fc_is_dist(const char *text);

/* Parses text, e.g. "lognormal(mean=35000000, cv=15%)" or "uniform(5%,
 * 7%)", for key k (gmv and aov above 0; rate, no_return, claims and
 * claim_no_return from 0% to 100%; after_sales_ratio from 0% to 1000%);
 * values may carry a % sign (5% = 0.05), cv too (15% = 0.15).  The family
 * must keep its draws in the key's range: a lognormal, gamma or normal
 * whose 1e-9 or 1 - 1e-9 quantile falls outside it is refused (draws are
 * made again in the vanishing rest, docs/forecast.md).  Returns 0 with *d
 * filled (line 0), or PC_EINPUT with a message in why[0..n) that names
 * neither key nor file and quotes the value ("uniform needs lo < hi, got
 * 'uniform(7%, 5%)'"). */
int pc_fc_parse(pc_fc_key k, const char *text, pc_fc_dist *d, char *why, size_t n);

/* Writes d, key k's forecast, as the scenario would
 * ("lognormal(mean=35000000, cv=15%)", shares with %); returns buf. */
const char *pc_fc_format_key(pc_fc_key k, const pc_fc_dist *d, char *buf, size_t n);

/* The p-quantile of d, 0 < p < 1 (its mean for PC_FC_NONE). */
double pc_fc_quantile(const pc_fc_dist *d, double p);

/* One value of d from stream r, inside [lo, hi]. */
double pc_fc_sample(const pc_fc_dist *d, gsl_rng *r);

/* The forecast draw a replication faces: r / PC_FC_RUNS_PER_DRAW. */
int pc_fc_draw_of(int replication);

/* Draws one forecast of fc from stream r (pc_sim_seed_forecast seeds it
 * for a forecast draw): value[key] is the key's draw, or its single value
 * base[key] where it has no distribution.  The keys are drawn in the order
 * of pc_fc_key, one after another from r. */
void pc_fc_draw(const pc_forecast *fc, const double base[PC_NFC], gsl_rng *r, double value[PC_NFC]);

struct pc_scenario;

/* The single values of sc's forecastable keys (a distribution's mean). */
void pc_fc_values(const struct pc_scenario *sc, double value[PC_NFC]);

/* Sets sc's forecastable keys to value[] (the distributions stay). */
void pc_fc_apply(struct pc_scenario *sc, const double value[PC_NFC]);

/* Sets sc's forecastable keys to value[] and drops its distributions: sc
 * is then the scenario of that one forecast (plan at a demand quantile). */
void pc_fc_fix(struct pc_scenario *sc, const double value[PC_NFC]);

/* The forecast's refund volume index R = gmv * rate / aov for value[]
 * (docs/business.md §6): what a demand quantile ranks draws by. */
double pc_fc_refunds(const double value[PC_NFC]);

#endif
