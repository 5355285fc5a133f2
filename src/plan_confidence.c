/* plan_confidence: plan --confidence: rosters planned at a quantile of
 * demand over the forecast draws, checked by simulating them over the
 * draws, the quantile raised while too few draws meet every target. */
#include "promocap/plan_confidence.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "csvrow.h"
#include "promocap/experiment.h"
#include "promocap/output.h"
#include "promocap/sim.h"
#include "promocap/spread.h"
#include "text.h"

/* What is checked over the draws, a plan's or a shift design's: the
 * scenario with its rosters, the replications of its checks and the
 * targets it was planned for. */
typedef struct conf_target {
	const char *key;
	char label[96], unit[16];
	int is_max;
	int by_day;          /* judged on its worst day (first response per day) */
	double planned;      /* the value met, in unit */
} conf_target;

typedef struct conf_subject {
	const pc_scenario *chosen;
	const pc_result *result; /* the plan's own full check of chosen */
	int reps;
	int ntargets;
	conf_target target[PC_PLAN_MAX_TARGETS];
} conf_subject;

static void subject_of_plan(const pc_plan *plan, conf_subject *s)
{
	memset(s, 0, sizeof *s);
	s->chosen = &plan->chosen;
	s->result = &plan->result;
	s->reps = plan->reps;
	for (int t = 0; t < plan->ntargets && s->ntargets < PC_PLAN_MAX_TARGETS; t++) {
		const pc_plan_target *x = &plan->target[t];

		conf_target *c = &s->target[s->ntargets++];

		c->key = x->key;
		snprintf(c->label, sizeof c->label, "%s", x->label);
		snprintf(c->unit, sizeof c->unit, "%s", x->unit);
		c->is_max = x->is_max;
		/* Judged per interval, as a design judged per interval is:
		 * on each draw's worst day (an hour of two replications is
		 * too noisy to judge a draw on). */
		c->by_day = plan->sc->plan_judged != PC_JUDGED_HORIZON && !strcmp(x->key, "first_response_within");
		c->planned = x->planned;
	}
}

/* A design's targets: first response judged per day first (as its
 * summary lists it), then those judged over the horizon; units as the
 * KPIs of its check have them. */
static void subject_of_design(const pc_design *d, conf_subject *s)
{
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(&d->result, k, PC_MAX_KPIS);

	memset(s, 0, sizeof *s);
	s->chosen = &d->chosen;
	s->result = &d->result;
	s->reps = d->reps;
	if (d->by_day) {
		conf_target *c = &s->target[s->ntargets++];

		c->key = "first_response_within";
		snprintf(c->label, sizeof c->label, "first response");
		snprintf(c->unit, sizeof c->unit, "%%");
		c->by_day = 1;
		c->planned = d->fr_target;
	}
	for (int t = 0; t < d->ntargets && s->ntargets < PC_PLAN_MAX_TARGETS; t++) {
		const pc_design_target *x = &d->target[t];
		conf_target *c = &s->target[s->ntargets++];

		c->key = x->key;
		snprintf(c->label, sizeof c->label, "%s", x->label);
		snprintf(c->unit, sizeof c->unit, "%%");
		c->is_max = x->is_max;
		c->planned = x->target;
	}
	/* Labels and units as the KPIs of its check say them ("first response
	 * within 30min"). */
	for (int t = 0; t < s->ntargets; t++)
		for (int i = 0; i < n; i++)
			if (!strcmp(k[i].key, s->target[t].key)) {
				snprintf(s->target[t].label, sizeof s->target[t].label, "%s", k[i].label);
				snprintf(s->target[t].unit, sizeof s->target[t].unit, "%s", k[i].unit);
			}
}

double pc_conf_work(const double value[PC_NFC])
{
	return pc_fc_refunds(value) * (1 + value[PC_FC_AFTER_SALES_RATIO]);
}

double pc_conf_forecast_at(const pc_scenario *sc, uint64_t seed, double q, double value[PC_NFC])
{
	static const pc_fc_key volume[] = { PC_FC_GMV, PC_FC_RATE, PC_FC_AOV, PC_FC_AFTER_SALES_RATIO };
	double base[PC_NFC], v[PC_NFC], *w = malloc(sizeof *w * PC_CONF_RANK_DRAWS);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	double wq, ratio;

	pc_fc_values(sc, base);
	memcpy(value, base, sizeof base);
	if (!w || !r) {
		free(w);
		if (r)
			gsl_rng_free(r);
		return pc_conf_work(value);
	}
	/* The draws pc_sim_run makes: draw k from stream (seed, k). */
	for (int k = 0; k < PC_CONF_RANK_DRAWS; k++) {
		pc_sim_seed_forecast(r, seed, k);
		pc_fc_draw(&sc->forecast, base, r, v);
		w[k] = pc_conf_work(v);
	}
	gsl_sort(w, 1, PC_CONF_RANK_DRAWS);
	wq = gsl_stats_quantile_from_sorted_data(w, 1, PC_CONF_RANK_DRAWS, q);
	free(w);
	gsl_rng_free(r);
	/* Demand grows with gmv, rate and after_sales_ratio and falls with
	 * aov: the first of them with a distribution carries the quantile,
	 * the others stay at their means. */
	ratio = wq / pc_conf_work(value);
	for (size_t i = 0; i < sizeof volume / sizeof volume[0]; i++) {
		pc_fc_key k = volume[i];

		if (sc->forecast.key[k].kind == PC_FC_NONE)
			continue;
		if (k == PC_FC_GMV)
			value[k] *= ratio;
		else if (k == PC_FC_RATE)
			value[k] = fmin(1.0, value[k] * ratio);
		else if (k == PC_FC_AOV)
			value[k] /= ratio;
		else
			value[k] = fmax(0.0, (1 + value[k]) * ratio - 1);
		break;
	}
	return pc_conf_work(value);
}

/* First response on the worst day of res by the mean over its
 * replications (judged = day), NaN when no day had a request. */
static double worst_day_mean(const pc_result *res)
{
	double worst = NAN;

	for (int d = 0; res->reps && d < res->rep[0].ndays; d++) {
		double sum = 0;
		int n = 0;

		for (int i = 0; i < res->reps; i++) {
			const double *row = res->rep[i].daily + (size_t)d * PC_DAY_NCOLS;

			if (row[PC_DAY_FR_N] > 0) {
				sum += 100 * row[PC_DAY_FR_WITHIN] / row[PC_DAY_FR_N];
				n++;
			}
		}
		if (n && (isnan(worst) || sum / n < worst))
			worst = sum / n;
	}
	return worst;
}

/* Judges res against plan's planned targets into mean, lo, hi, met (by
 * the mean; a KPI without a value is met); returns whether all are met. */
static int judge(const conf_subject *plan, const pc_result *res, double *mean, double *lo, double *hi, int *met)
{
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS), all = 1;

	for (int t = 0; t < plan->ntargets; t++) {
		const conf_target *tg = &plan->target[t];

		mean[t] = lo[t] = hi[t] = NAN;
		for (int i = 0; i < n; i++)
			if (!strcmp(k[i].key, tg->key)) {
				mean[t] = k[i].mean;
				lo[t] = k[i].lo;
				hi[t] = k[i].hi;
			}
		if (tg->by_day && !isnan(mean[t]))
			mean[t] = lo[t] = hi[t] = worst_day_mean(res);
		met[t] = isnan(mean[t]) || (tg->is_max ? mean[t] <= tg->planned + 1e-12 : mean[t] >= tg->planned - 1e-12);
		all &= met[t];
	}
	return all;
}

/* sc's rosters of plan (its chosen scenario) with forecast fc and the keys
 * at value[]: fc NULL gives that one forecast. */
static int roster_scenario(const conf_subject *plan, const pc_forecast *fc, const double value[PC_NFC],
			   pc_scenario *out, pc_error *err)
{
	if (pc_scenario_copy(out, plan->chosen)) {
		pc_error_set(err, NULL, 0, "out of memory copying the scenario");
		return PC_ENOMEM;
	}
	pc_fc_fix(out, value);
	if (fc)
		out->forecast = *fc;
	return 0;
}

/* The plan's rosters at level L's forecast (fixed), plan->reps
 * replications, judged. */
static int at_level(const conf_subject *plan, const pc_plan_options *opt, pc_conf_level *L, pc_error *err)
{
	pc_scenario s;
	pc_result res;
	int rc;

	if ((rc = roster_scenario(plan, NULL, L->value, &s, err)))
		return rc;
	rc = pc_experiment_replications(&s, opt->seed, 0, plan->reps, opt->threads, opt->cluster, &res, err);
	if (!rc) {
		L->reps = res.reps;
		L->all_met = judge(plan, &res, L->mean, L->lo, L->hi, L->met);
		pc_result_release(&res);
	}
	pc_scenario_release(&s);
	return rc;
}

/* The means of the K draws of y, m replications each (NaN skipped), into
 * dm with their numbers in dn, draws without a value left out; returns
 * how many. */
static int plain_means(const double *y, int K, int m, double *dm, int *dn)
{
	int n = 0;

	for (int k = 0; k < K; k++) {
		double sum = 0;
		int c = 0;

		for (int j = 0; j < m; j++)
			if (!isnan(y[k * m + j])) {
				sum += y[k * m + j];
				c++;
			}
		if (c) {
			dm[n] = sum / c;
			dn[n++] = k;
		}
	}
	return n;
}

/* First response on each draw's worst day, chance taken out day by day:
 * each day's share answered in time, per replication, pulled in per draw
 * as the spread's quantiles are (spread.h), then the lowest day of each
 * draw; the minimum over days of single replications would be low by
 * chance alone.  Into dm[k] for draw k (NaN without a request), dn[k] = k,
 * sp->draws = K; y is room for res->reps values.  Returns 0 or
 * PC_ENOMEM. */
static int worst_day_draws(const pc_result *res, int K, const int *draw, double *y, double *dm, int *dn,
			   pc_spread *sp)
{
	int n = res->reps, nd = n ? res->rep[0].ndays : 0, rc = 0;
	double *x = malloc(sizeof *x * (size_t)K);

	if (!x)
		return PC_ENOMEM;
	for (int k = 0; k < K; k++)
		x[k] = NAN;
	for (int d = 0; d < nd && !rc; d++) {
		for (int i = 0; i < n; i++) {
			const double *row = res->rep[i].daily + (size_t)d * PC_DAY_NCOLS;

			y[i] = row[PC_DAY_FR_N] > 0 ? 100 * row[PC_DAY_FR_WITHIN] / row[PC_DAY_FR_N] : NAN;
		}
		if ((rc = pc_spread_draw_means(y, draw, n, dm, dn, sp)))
			break;
		for (int j = 0; j < sp->draws; j++)
			if (dn[j] >= 0 && dn[j] < K && (isnan(x[dn[j]]) || dm[j] < x[dn[j]]))
				x[dn[j]] = dm[j];
	}
	for (int k = 0; k < K; k++) {
		dm[k] = x[k];
		dn[k] = k;
	}
	sp->draws = K;
	free(x);
	return rc;
}

/* The plan's rosters over the first PC_CONF_CHECK_DRAWS forecast draws
 * of sc: per draw whether its replications' mean meets every target. */
static int check_draws(const pc_scenario *sc, const conf_subject *plan, const pc_plan_options *opt,
		       pc_plan_confidence *c, pc_error *err)
{
	int K = PC_CONF_CHECK_DRAWS, m = PC_FC_RUNS_PER_DRAW, rc;
	double means[PC_NFC];
	/* Draw k's replications are 2k and 2k + 1 (pc_fc_draw_of). */
	pc_scenario s;
	pc_result res;

	pc_fc_values(sc, means);
	if ((rc = roster_scenario(plan, &sc->forecast, means, &s, err)))
		return rc;
	rc = pc_experiment_replications(&s, opt->seed, 0, K * m, opt->threads, opt->cluster, &res, err);
	if (rc) {
		pc_scenario_release(&s);
		return rc;
	}
	c->draws = K;
	c->met_draws = 0;
	memset(c->missed, 0, sizeof c->missed);
	{
		/* Each target's value in each replication, then per draw the
		 * mean of its replications with chance taken out (spread.h):
		 * a draw is met when that meets every target. */
		double *y = malloc(sizeof *y * (size_t)(K * m) * PC_PLAN_MAX_TARGETS), *dm = malloc(sizeof *dm * (size_t)(K * m));
		int *draw = malloc(sizeof *draw * (size_t)(K * m)), *dn = malloc(sizeof *dn * (size_t)(K * m));

		if (!y || !dm || !draw || !dn) {
			free(dn);
			free(y);
			free(dm);
			free(draw);
			pc_result_release(&res);
			pc_scenario_release(&s);
			pc_error_set(err, NULL, 0, "out of memory judging the forecast draws");
			return PC_ENOMEM;
		}
		for (int i = 0; i < K * m; i++) {
			pc_result one = res;
			double v[PC_PLAN_MAX_TARGETS], lo[PC_PLAN_MAX_TARGETS], hi[PC_PLAN_MAX_TARGETS];
			int met[PC_PLAN_MAX_TARGETS];

			one.rep = &res.rep[i];
			one.reps = 1;
			judge(plan, &one, v, lo, hi, met);
			for (int t = 0; t < plan->ntargets; t++)
				y[(size_t)t * K * m + i] = v[t];
			draw[i] = (int)res.rep[i].fc_draw;
		}
		for (int k = 0; k < K; k++)
			c->draw_met[k] = 1;
		for (int t = 0; t < plan->ntargets && !rc; t++) {
			const conf_target *tg = &plan->target[t];
			pc_spread sp;

			if ((rc = pc_spread_draw_means(y + (size_t)t * K * m, draw, K * m, dm, dn, &sp)))
				break;
			if (pc_spread_at_bound(tg->planned, tg->is_max, tg->unit))
				/* Judged on the draws' plain means (spread.h). */
				sp.draws = plain_means(y + (size_t)t * K * m, K, m, dm, dn);
			else if (tg->by_day && (rc = worst_day_draws(&res, K, draw, y + (size_t)t * K * m, dm, dn, &sp)))
				break;
			for (int k = 0, j = 0; k < K; k++) {
				/* A draw without a value of the KPI is met. */
				double x = j < sp.draws && dn[j] == k ? dm[j++] : NAN;
				int ok = isnan(x) || (tg->is_max ? x <= tg->planned + 1e-12 : x >= tg->planned - 1e-12);

				c->draw_kpi[k][t] = x;
				c->missed[t] += !ok;
				c->draw_met[k] &= (unsigned char)ok;
			}
		}
		free(y);
		free(dm);
		free(draw);
		free(dn);
		if (rc) {
			pc_result_release(&res);
			pc_scenario_release(&s);
			pc_error_set(err, NULL, 0, "out of memory judging the forecast draws");
			return rc;
		}
	}
	for (int k = 0; k < K; k++) {
		c->met_draws += c->draw_met[k];
		memcpy(c->draw_value[k], res.rep[k * m].fc, sizeof c->draw_value[k]);
		c->draw_work[k] = pc_conf_work(res.rep[k * m].fc);
	}
	{
		/* Wilson's 95% interval of the share. */
		double z = 1.959963984540054, n = K, p = (double)c->met_draws / K;
		double mid = (p + z * z / (2 * n)) / (1 + z * z / n);
		double half = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);

		c->share = p;
		c->share_lo = fmax(0, mid - half);
		c->share_hi = fmin(1, mid + half);
	}
	pc_result_release(&res);
	pc_scenario_release(&s);
	return 0;
}

/* Frees what conf owns. */
static void conf_free(pc_plan_confidence *conf)
{
	free(conf->draw_value);
	free(conf->draw_work);
	free(conf->draw_kpi);
	free(conf->draw_met);
	pc_scenario_release(&conf->design);
	memset(conf, 0, sizeof *conf);
}

void pc_plan_confidence_free(pc_plan *plan, pc_plan_confidence *conf)
{
	pc_plan_free(plan);
	if (conf)
		conf_free(conf);
}

void pc_design_confidence_free(pc_design *d, pc_plan_confidence *conf)
{
	pc_design_free(d);
	if (conf)
		conf_free(conf);
}

/* The planner conf_run calls: plans sc (c->design, at a quantile of
 * demand) into ctx, replacing (and freeing) the plan it made before, and
 * describes it in *s; release (sc NULL) frees the last one. */
typedef int (*conf_planner)(void *ctx, const pc_scenario *sc, conf_subject *s, pc_error *err);

/* pc_plan_confidence_run with the planner plan (ctx): plan --confidence
 * with or without shift design.  opt gives the seed, the threads and the
 * cluster of the checks.  Returns as pc_plan_confidence_run, the last
 * plan left in ctx (freed by the caller), c released on an error. */
static int conf_run(const pc_scenario *sc, double level, const pc_plan_options *opt, conf_planner plan, void *ctx,
		    pc_plan_confidence *c, pc_error *err)
{
	int K = PC_CONF_CHECK_DRAWS, rc = 0;
	double q = level, base[PC_NFC], median[PC_NFC], work_median, last_share = -1;
	conf_subject subject;

	memset(&subject, 0, sizeof subject);
	memset(c, 0, sizeof *c);
	if (!sc->forecast.on) {
		pc_error_set(err, sc->file, 0,
			     "'--confidence' needs a demand key given as a forecast distribution, e.g. gmv = lognormal(mean=35000000, cv=15%%)");
		return PC_EINPUT;
	}
	if (!(level > 0 && level < 1)) {
		pc_error_set(err, NULL, 0, "'--confidence' must be above 0%% and below 100%%, got '%g%%'", 100 * level);
		return PC_EINPUT;
	}
	c->level = level;
	c->forecast = sc->forecast;
	c->draw_value = malloc(sizeof *c->draw_value * (size_t)K);
	c->draw_work = malloc(sizeof *c->draw_work * (size_t)K);
	c->draw_kpi = malloc(sizeof *c->draw_kpi * (size_t)K);
	c->draw_met = malloc((size_t)K);
	if (!c->draw_value || !c->draw_work || !c->draw_kpi || !c->draw_met) {
		conf_free(c);
		pc_error_set(err, NULL, 0, "out of memory for the forecast draws");
		return PC_ENOMEM;
	}
	pc_fc_values(sc, base);
	c->work_mean = pc_conf_work(base);
	work_median = pc_conf_forecast_at(sc, opt->seed, 0.5, median);
	for (c->rounds = 1;; c->rounds++) {
		c->planned.quantile = q;
		c->planned.work = pc_conf_forecast_at(sc, opt->seed, q, c->planned.value);
		/* The previous plan borrows c->design: freed first. */
		plan(ctx, NULL, NULL, NULL);
		pc_scenario_release(&c->design);
		if (pc_scenario_copy(&c->design, sc)) {
			memset(&c->design, 0, sizeof c->design);
			rc = PC_ENOMEM;
			pc_error_set(err, NULL, 0, "out of memory copying the scenario");
			break;
		}
		pc_fc_fix(&c->design, c->planned.value);
		if ((rc = plan(ctx, &c->design, &subject, err)) || (rc = check_draws(sc, &subject, opt, c, err)))
			break;
		c->met = c->share >= level - 1e-12;
		/* The draws that ask no more than the median demand, which a
		 * plan for the level-quantile covers with room: when too many
		 * of them miss as well, chance misses, not the forecast, and
		 * planning for more demand would not help. */
		c->covered = c->covered_met = 0;
		for (int k = 0; k < c->draws; k++)
			if (c->draw_work[k] <= work_median) {
				c->covered++;
				c->covered_met += c->draw_met[k];
			}
		c->chance_bound = !c->met && c->covered > 0 &&
				  (double)(c->covered - c->covered_met) / c->covered > 1 - level + 1e-12;
		/* Chance's misses are a reason to stop only once a raise has
		 * been tried and did not lift the share: a KPI that more
		 * people move (the dispute rate, through fewer late
		 * refunds) can miss by chance at low demand and still be
		 * helped by a plan for more. */
		if (c->met || (c->chance_bound && c->share <= last_share + 1e-12) || c->rounds == PC_CONF_MAX_ROUNDS ||
		    q >= 0.999)
			break;
		last_share = c->share;
		/* Short by level - share: plan for that much more demand. */
		q = fmin(0.999, q + fmax(0.01, level - c->share));
	}
	if (!rc) {
		c->p10.quantile = 0.10;
		c->p90.quantile = 0.90;
		c->p10.work = pc_conf_forecast_at(sc, opt->seed, 0.10, c->p10.value);
		c->p90.work = pc_conf_forecast_at(sc, opt->seed, 0.90, c->p90.value);
		if (!(rc = at_level(&subject, opt, &c->p10, err)))
			rc = at_level(&subject, opt, &c->p90, err);
		c->planned.reps = subject.reps;
	}
	if (rc) {
		plan(ctx, NULL, NULL, NULL);
		conf_free(c);
		return rc;
	}
	/* The planned level's figures are the plan's own full check. */
	judge(&subject, subject.result, c->planned.mean, c->planned.lo, c->planned.hi, c->planned.met);
	c->ntargets = subject.ntargets;
	for (int t = 0; t < subject.ntargets; t++) {
		const conf_target *x = &subject.target[t];
		pc_conf_target *y = &c->target[t];

		snprintf(y->key, sizeof y->key, "%s", x->key);
		snprintf(y->label, sizeof y->label, "%s", x->label);
		snprintf(y->unit, sizeof y->unit, "%s", x->unit);
		y->is_max = x->is_max;
		y->by_day = x->by_day;
		y->planned = x->planned;
	}
	return 0;
}

/* The planners of conf_run: pc_plan_run and pc_design_run. */
typedef struct plan_ctx {
	const pc_plan_options *opt;
	pc_plan *plan;
} plan_ctx;

static int plan_planner(void *ctx, const pc_scenario *sc, conf_subject *s, pc_error *err)
{
	plan_ctx *p = ctx;
	int rc;

	pc_plan_free(p->plan);
	p->plan = NULL;
	if (!sc)
		return 0;
	if (!(rc = pc_plan_run(sc, p->opt, &p->plan, err)))
		subject_of_plan(p->plan, s);
	return rc;
}

typedef struct design_ctx {
	const pc_design_options *opt;
	pc_design *d;
} design_ctx;

static int design_planner(void *ctx, const pc_scenario *sc, conf_subject *s, pc_error *err)
{
	design_ctx *p = ctx;
	int rc;

	pc_design_free(p->d);
	p->d = NULL;
	if (!sc)
		return 0;
	if (!(rc = pc_design_run(sc, p->opt, &p->d, err)))
		subject_of_design(p->d, s);
	return rc;
}

int pc_plan_confidence_run(const pc_scenario *sc, double level, const pc_plan_options *opt, pc_plan **out,
			   pc_plan_confidence *c, pc_error *err)
{
	plan_ctx p = { opt, NULL };
	int rc = conf_run(sc, level, opt, plan_planner, &p, c, err);

	*out = rc ? NULL : p.plan;
	return rc;
}

int pc_design_confidence_run(const pc_scenario *sc, double level, const pc_design_options *opt, pc_design **out,
			     pc_plan_confidence *c, pc_error *err)
{
	design_ctx p = { opt, NULL };
	pc_plan_options po;
	int rc;

	/* The checks over the draws as the design's own: its seed, threads
	 * and replications. */
	memset(&po, 0, sizeof po);
	po.seed = opt->seed;
	po.reps = opt->reps;
	po.threads = opt->threads;
	rc = conf_run(sc, level, &po, design_planner, &p, c, err);
	*out = rc ? NULL : p.d;
	return rc;
}

void pc_plan_confidence_level_words(const pc_forecast *fc, const pc_conf_level *L, int zh, char *buf, size_t n)
{
	size_t len;

	snprintf(buf, n, zh ? "%.0f 件退款及售后" : "%.0f refunds and after-sales cases", L->work);
	for (int k = 0; k < PC_NFC; k++) {
		if (fc->key[k].kind == PC_FC_NONE || (len = strlen(buf)) + 1 >= n)
			continue;
		if (k == PC_FC_GMV || k == PC_FC_AOV)
			snprintf(buf + len, n - len, zh ? "，%s %.0f" : ", %s %.0f", pc_fc_key_name((pc_fc_key)k), L->value[k]);
		else
			snprintf(buf + len, n - len, zh ? "，%s %.3g%%" : ", %s %.3g%%", pc_fc_key_name((pc_fc_key)k),
				 100 * L->value[k]);
	}
}

void pc_plan_confidence_verdict_words(const pc_plan_confidence *c, int zh, char *buf, size_t n)
{
	if (zh)
		snprintf(buf, n, "方案在 %d 次预测抽样中的 %.0f%% 全部目标达标［95%% 置信区间 %.0f-%.0f%%］：%s（要求 %.3g%%）",
			 c->draws, 100 * c->share, 100 * c->share_lo, 100 * c->share_hi, c->met ? "达到" : "未达到",
			 100 * c->level);
	else
		snprintf(buf, n, "the plan meets every target in %.0f%% of %d forecast draws [95%% CI %.0f-%.0f%%]: %s (asked %.3g%%)",
			 100 * c->share, c->draws, 100 * c->share_lo, 100 * c->share_hi, c->met ? "met" : "MISSED",
			 100 * c->level);
}

/* The summary of conf_run's check of plan. */
static int write_summary(const conf_subject *plan, const pc_plan_confidence *c, FILE *out)
{
	const pc_conf_level *lv[2] = { &c->p10, &c->p90 };
	char a[48], b[48], w[320];

	pc_plan_confidence_verdict_words(c, 0, w, sizeof w);
	fprintf(out, "forecast confidence (docs/forecast.md): %s\n", w);
	pc_plan_confidence_level_words(&c->forecast, &c->planned, 0, w, sizeof w);
	fprintf(out, "  planned for the %.3gth percentile of demand: %s, against %.0f at the mean forecast", 100 * c->planned.quantile,
		w, c->work_mean);
	fprintf(out, " (%d plan%s made)\n", c->rounds, c->rounds == 1 ? "" : "s");
	for (int i = 0; i < 2; i++) {
		const pc_conf_level *L = lv[i];

		pc_plan_confidence_level_words(&c->forecast, L, 0, w, sizeof w);
		fprintf(out, "  at the %.0fth percentile of demand (%s), the same plan:%s\n", 100 * L->quantile, w,
			L->all_met ? " every target met" : "");
		for (int t = 0; t < plan->ntargets; t++) {
			const conf_target *tg = &plan->target[t];
			char label[128];

			/* A target judged per day reads its worst day's figure. */
			snprintf(label, sizeof label, "%s%s", tg->label, tg->by_day ? " (worst day)" : "");
			pc_text_value_apart(a, sizeof a, L->mean[t], tg->planned, tg->unit);
			pc_text_value(b, sizeof b, tg->planned, tg->unit);
			fprintf(out, "    %-48s %10s  target %s %s: %s\n", label, a, tg->is_max ? "<=" : ">=", b,
				L->met[t] ? "met" : "MISSED");
		}
	}
	for (int t = 0; t < plan->ntargets; t++)
		if (c->missed[t])
			fprintf(out, "  draws missing %s: %d of %d\n", plan->target[t].label, c->missed[t], c->draws);
	if (c->chance_bound)
		fprintf(out, "  %d of the %d draws at or below the median demand miss a target too: chance misses,\n"
			     "  not the forecast, and planning for more demand would not help (look at the target, or run\n"
			     "  plan with more --reps so that its own check sees the misses)\n",
			c->covered - c->covered_met, c->covered);
	fputc('\n', out);
	return ferror(out) ? PC_EIO : 0;
}

int pc_plan_confidence_write_summary(const pc_plan *plan, const pc_plan_confidence *c, FILE *out)
{
	conf_subject s;

	subject_of_plan(plan, &s);
	return write_summary(&s, c, out);
}

int pc_design_confidence_write_summary(const pc_design *d, const pc_plan_confidence *c, FILE *out)
{
	conf_subject s;

	subject_of_design(d, &s);
	return write_summary(&s, c, out);
}

/* confidence.csv of conf_run's check of plan. */
static int write_draws(const conf_subject *plan, const pc_plan_confidence *c, FILE *out)
{
	static const char *const unit[PC_NFC] = { "cny", "cny", "pct", "pct", "pct", "pct", "pct" };
	pc_csvrow r = { out, 0 };
	char name[128];

	pc_csvrow_text(&r, "draw");
	for (int k = 0; k < PC_NFC; k++) {
		snprintf(name, sizeof name, "%s_%s", pc_fc_key_name((pc_fc_key)k), unit[k]);
		pc_csvrow_text(&r, name);
	}
	pc_csvrow_text(&r, "work_cases");
	for (int t = 0; t < plan->ntargets; t++) {
		snprintf(name, sizeof name, "%s_%s", plan->target[t].key, !strcmp(plan->target[t].unit, "%") ? "pct" : plan->target[t].unit);
		pc_csvrow_text(&r, name);
	}
	pc_csvrow_text(&r, "all_met");
	pc_csvrow_end(&r);
	for (int d = 0; d < c->draws; d++) {
		pc_csvrow_num(&r, d + 1);
		for (int k = 0; k < PC_NFC; k++)
			pc_csvrow_num(&r, unit[k][0] == 'p' ? 100 * c->draw_value[d][k] : c->draw_value[d][k]);
		pc_csvrow_num(&r, c->draw_work[d]);
		for (int t = 0; t < plan->ntargets; t++)
			pc_csvrow_num(&r, c->draw_kpi[d][t]);
		pc_csvrow_text(&r, c->draw_met[d] ? "yes" : "no");
		pc_csvrow_end(&r);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_plan_confidence_write_draws(const pc_plan *plan, const pc_plan_confidence *c, FILE *out)
{
	conf_subject s;

	subject_of_plan(plan, &s);
	return write_draws(&s, c, out);
}

int pc_design_confidence_write_draws(const pc_design *d, const pc_plan_confidence *c, FILE *out)
{
	conf_subject s;

	subject_of_design(d, &s);
	return write_draws(&s, c, out);
}
