/* compare: scenarios run with common random numbers, replication r of each
 * paired with replication r of the first; differences with Student-t CIs. */
#include "promocap/compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvrow.h"
#include "promocap/verdict.h"

void pc_compare_release(pc_compare *cmp)
{
	if (!cmp)
		return;
	if (cmp->res)
		for (int i = 0; i < cmp->n; i++)
			pc_result_release(&cmp->res[i]);
	free(cmp->res);
	free(cmp->label);
	free(cmp->fig);
	free(cmp->comparable);
	free(cmp->demand);
	memset(cmp, 0, sizeof *cmp);
}

/* Labels: base names without .ini, made unique with _2, _3, ... */
static void compare_labels(pc_compare *cmp)
{
	for (int i = 0; i < cmp->n; i++) {
		const char *file = cmp->sc[i]->file, *base = strrchr(file, '/');
		char stem[48], *l = cmp->label[i];
		size_t len;
		int taken = 1;

		snprintf(stem, sizeof stem, "%.47s", base ? base + 1 : file);
		len = strlen(stem);
		if (len > 4 && strcmp(stem + len - 4, ".ini") == 0)
			stem[len - 4] = '\0';
		if (!stem[0])
			snprintf(stem, sizeof stem, "s%d", i + 1);
		snprintf(l, sizeof cmp->label[i], "%s", stem);
		for (int suffix = 2; taken; suffix++) {
			taken = 0;
			for (int j = 0; j < i; j++)
				if (strcmp(cmp->label[j], l) == 0)
					taken = 1;
			if (taken)
				snprintf(l, sizeof cmp->label[i], "%s_%d", stem, suffix);
		}
	}
}

/* The index of KPI key in k[0..n), or -1. */
static int kpi_find(const pc_kpi *k, int n, const char *key)
{
	for (int j = 0; j < n; j++)
		if (!strcmp(k[j].key, key))
			return j;
	return -1;
}

/* The rows: the first scenario's KPIs, then those only a later scenario
 * has (a lever it turns on: automatic refunds, batches, ...), matched by
 * key, so a row never mixes two KPIs. */
static void compare_rows(pc_compare *cmp)
{
	pc_kpi k[PC_MAX_KPIS];

	for (int i = 0; i < cmp->n; i++) {
		pc_result none = { .sc = cmp->sc[i], .seed = cmp->seed, .reps = 0, .rep = NULL };
		int n = pc_result_kpis(&none, k, PC_MAX_KPIS);

		for (int j = 0; j < n && cmp->nkpis < PC_MAX_KPIS; j++)
			if (kpi_find(cmp->kpi, cmp->nkpis, k[j].key) < 0)
				cmp->kpi[cmp->nkpis++] = k[j];
	}
}

/* The figures from the replications: KPIs per scenario, paired differences.
 * A KPI a scenario does not have is NaN there. */
static int compare_figures(pc_compare *cmp)
{
	int nk = cmp->nkpis, reps = cmp->reps_done;
	pc_kpi k[PC_MAX_KPIS], k0[PC_MAX_KPIS];
	double *d = malloc(((size_t)nk * (size_t)(reps > 0 ? reps : 1)) * sizeof *d);

	if (!d)
		return PC_ENOMEM;
	for (int j = 0; j < nk; j++)
		cmp->comparable[j] = 1;
	for (int i = 0; i < cmp->n; i++) {
		int n = pc_result_kpis(&cmp->res[i], k, PC_MAX_KPIS);

		for (int j = 0; j < nk; j++) {
			pc_compare_fig *f = &cmp->fig[(size_t)i * (size_t)nk + (size_t)j];
			int x = kpi_find(k, n, cmp->kpi[j].key);

			f->mean = x >= 0 ? k[x].mean : NAN;
			f->lo = x >= 0 ? k[x].lo : NAN;
			f->hi = x >= 0 ? k[x].hi : NAN;
			f->diff = f->diff_lo = f->diff_hi = NAN;
			f->pairs = 0;
			f->has_target = x >= 0 && k[x].has_target;
			f->met = x >= 0 && k[x].met;
			f->target = x >= 0 ? k[x].target : NAN;
			if (x >= 0 && strcmp(k[x].label, cmp->kpi[j].label) != 0)
				cmp->comparable[j] = 0;
		}
		if (i == 0)
			continue;
		for (int r = 0; r < reps; r++) {
			int n0 = pc_result_kpis_of(&cmp->res[0], r, k0, PC_MAX_KPIS);
			int n1 = pc_result_kpis_of(&cmp->res[i], r, k, PC_MAX_KPIS);

			for (int j = 0; j < nk; j++) {
				int x0 = kpi_find(k0, n0, cmp->kpi[j].key), x1 = kpi_find(k, n1, cmp->kpi[j].key);

				d[(size_t)j * (size_t)reps + (size_t)r] = x0 >= 0 && x1 >= 0 ? k[x1].mean - k0[x0].mean : NAN;
			}
		}
		for (int j = 0; j < nk; j++) {
			pc_compare_fig *f = &cmp->fig[(size_t)i * (size_t)nk + (size_t)j];
			double mean, half;

			f->pairs = pc_stat_ci(&d[(size_t)j * (size_t)reps], reps, &mean, &half);
			f->diff = mean;
			f->diff_lo = mean - half;
			f->diff_hi = mean + half;
		}
	}
	free(d);
	return 0;
}

int pc_compare_run(pc_compare *cmp, const pc_scenario *const *sc, int n, uint64_t seed, int reps,
		   const pc_exec *ex, pc_error *err)
{
	uint64_t *seeds = calloc((size_t)n, sizeof *seeds);
	int *counts = calloc((size_t)n, sizeof *counts);
	pc_experiment xp;
	long long done;
	int rc;

	memset(cmp, 0, sizeof *cmp);
	cmp->n = n;
	cmp->sc = sc;
	cmp->seed = seed;
	cmp->reps = reps;
	cmp->nkpis = 0;
	compare_rows(cmp);
	cmp->res = calloc((size_t)n, sizeof *cmp->res);
	cmp->label = calloc((size_t)n, sizeof *cmp->label);
	cmp->fig = calloc((size_t)n * (size_t)cmp->nkpis, sizeof *cmp->fig);
	cmp->comparable = calloc((size_t)cmp->nkpis, sizeof *cmp->comparable);
	cmp->demand = calloc((size_t)n, sizeof *cmp->demand);
	if (!seeds || !counts || !cmp->res || !cmp->label || !cmp->fig || !cmp->comparable ||
	    !cmp->demand) {
		free(seeds);
		free(counts);
		pc_compare_release(cmp);
		pc_error_set(err, NULL, 0, "out of memory for %d scenarios", n);
		return PC_ENOMEM;
	}
	compare_labels(cmp);
	for (int i = 0; i < n; i++) {
		seeds[i] = seed;
		counts[i] = reps;
		if (i > 0)
			pc_scenario_demand_diff(sc[0], sc[i], cmp->demand[i], sizeof cmp->demand[i]);
	}
	memset(&xp, 0, sizeof xp);
	xp.npoints = n;
	xp.sc = sc;
	xp.seed = seeds;
	xp.reps = counts;
	xp.order = PC_ORDER_REPLICATIONS;
	xp.keep = cmp->res;
	rc = pc_experiment_run(&xp, ex, &done, err);
	free(seeds);
	free(counts);
	if (rc) {
		free(cmp->res);
		cmp->res = NULL;
		pc_compare_release(cmp);
		return rc;
	}
	/* Only replications every scenario finished are paired. */
	cmp->reps_done = reps;
	for (int i = 0; i < n; i++)
		if (cmp->res[i].reps < cmp->reps_done)
			cmp->reps_done = cmp->res[i].reps;
	cmp->stopped = cmp->reps_done < reps;
	for (int i = 0; i < n; i++) {
		for (int r = cmp->reps_done; r < cmp->res[i].reps; r++)
			pc_rep_release(&cmp->res[i].rep[r]);
		cmp->res[i].reps = cmp->reps_done;
	}
	if (compare_figures(cmp) != 0) {
		pc_compare_release(cmp);
		pc_error_set(err, NULL, 0, "out of memory for the comparison");
		return PC_ENOMEM;
	}
	return 0;
}

static const pc_compare_fig *fig_of(const pc_compare *cmp, int i, int k)
{
	return &cmp->fig[(size_t)i * (size_t)cmp->nkpis + (size_t)k];
}

int pc_compare_write_csv(const pc_compare *cmp, FILE *out)
{
	static const char *const part[6] = { "_mean", "_ci95_low", "_ci95_high",
					     "_diff", "_diff_ci95_low", "_diff_ci95_high" };
	pc_csvrow r = { out, 0 };
	char name[128];

	pc_csvrow_text(&r, "kpi");
	pc_csvrow_text(&r, "label");
	pc_csvrow_text(&r, "unit");
	pc_csvrow_text(&r, "comparable");
	for (int i = 0; i < cmp->n; i++)
		for (int j = 0; j < (i ? 6 : 3); j++) {
			snprintf(name, sizeof name, "%s%s", cmp->label[i], part[j]);
			pc_csvrow_text(&r, name);
		}
	pc_csvrow_end(&r);
	for (int k = 0; k < cmp->nkpis; k++) {
		pc_csvrow_text(&r, cmp->kpi[k].key);
		pc_csvrow_text(&r, cmp->kpi[k].label);
		pc_csvrow_text(&r, cmp->kpi[k].unit);
		pc_csvrow_text(&r, cmp->comparable[k] ? "yes" : "no");
		for (int i = 0; i < cmp->n; i++) {
			const pc_compare_fig *f = fig_of(cmp, i, k);

			pc_csvrow_num(&r, f->mean);
			pc_csvrow_num(&r, f->lo);
			pc_csvrow_num(&r, f->hi);
			if (i) {
				pc_csvrow_num(&r, f->diff);
				pc_csvrow_num(&r, f->diff_lo);
				pc_csvrow_num(&r, f->diff_hi);
			}
		}
		pc_csvrow_end(&r);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_compare_write_scenarios(const pc_compare *cmp, FILE *out)
{
	static const char *const cols[] = { "scenario", "file", "name", "seed", "replications",
					    "same_demand", "demand_differs" };
	pc_csvrow r = { out, 0 };
	char seed[32];

	for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++)
		pc_csvrow_text(&r, cols[c]);
	pc_csvrow_end(&r);
	snprintf(seed, sizeof seed, "%llu", (unsigned long long)cmp->seed);
	for (int i = 0; i < cmp->n; i++) {
		pc_csvrow_text(&r, cmp->label[i]);
		pc_csvrow_text(&r, cmp->sc[i]->file);
		pc_csvrow_text(&r, cmp->sc[i]->name);
		pc_csvrow_text(&r, seed);
		pc_csvrow_num(&r, cmp->reps_done);
		pc_csvrow_text(&r, cmp->demand[i][0] ? "no" : "yes");
		pc_csvrow_text(&r, cmp->demand[i]);
		pc_csvrow_end(&r);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_compare_write_sla(const pc_compare *cmp, FILE *out)
{
	static const char *const path_col[PC_NPATHS] = {
		"_unshipped_pct", "_in_transit_pct", "_received_no_return_pct", "_return_pct"
	};
	int nrows = 0, reps = cmp->reps_done;
	size_t cells = (size_t)cmp->n * (size_t)(reps > 0 ? reps : 1) * PC_NCURVES;
	double *cum = calloc(cells, sizeof *cum), *x = calloc((size_t)(reps > 0 ? reps : 1), sizeof *x);
	pc_csvrow r = { out, 0 };
	char name[128];

	if (!cum || !x) {
		free(cum);
		free(x);
		return PC_ENOMEM;
	}
	for (int i = 0; i < cmp->n; i++) {
		int rows = (int)fmin(PC_SLA_BINS - 1, floor(cmp->sc[i]->horizon / PC_SLA_BIN));

		if (rows > nrows)
			nrows = rows;
	}
	pc_csvrow_text(&r, "hours");
	for (int i = 0; i < cmp->n; i++) {
		static const char *const all[3] = { "_all_pct", "_all_low", "_all_high" };

		for (int j = 0; j < 3; j++) {
			snprintf(name, sizeof name, "%s%s", cmp->label[i], all[j]);
			pc_csvrow_text(&r, name);
		}
		for (int p = 0; p < PC_NPATHS; p++) {
			snprintf(name, sizeof name, "%s%s", cmp->label[i], path_col[p]);
			pc_csvrow_text(&r, name);
		}
	}
	pc_csvrow_end(&r);
	for (int t = 1; t <= nrows; t++) {
		pc_csvrow_num(&r, t * PC_SLA_BIN / 3600);
		for (int i = 0; i < cmp->n; i++) {
			int past = t > (int)floor(cmp->sc[i]->horizon / PC_SLA_BIN);
			/* The curves in the order all, then the paths. */
			for (int q = 0; q < PC_NCURVES; q++) {
				int c = q == 0 ? PC_NCURVES - 1 : q - 1;
				double mean, half;

				for (int j = 0; j < reps; j++) {
					const pc_rep *p = &cmp->res[i].rep[j];
					double *s = &cum[((size_t)i * (size_t)reps + (size_t)j) * PC_NCURVES + (size_t)c];
					double arrived = c < PC_NPATHS ? p->arrived[c]
								       : p->arrived[0] + p->arrived[1] +
									 p->arrived[2] + p->arrived[3];

					*s += p->sla[c][t - 1];
					x[j] = arrived > 0 ? 100 * *s / arrived : NAN;
				}
				pc_stat_ci(x, reps, &mean, &half);
				if (past)
					mean = half = NAN;
				pc_csvrow_num(&r, mean);
				if (c == PC_NCURVES - 1) {
					pc_csvrow_num(&r, mean - half);
					pc_csvrow_num(&r, mean + half);
				}
			}
		}
		pc_csvrow_end(&r);
	}
	free(cum);
	free(x);
	return ferror(out) ? PC_EIO : 0;
}

/* Writes text in a column of width display cells, left-aligned, cut at a
 * whole UTF-8 character; CJK and other wide characters take two cells. */
static void put_cell(FILE *out, const char *text, int width)
{
	const unsigned char *p = (const unsigned char *)text;
	int used = 0;

	while (*p) {
		int len = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
		/* Three-byte characters from U+1100 on are mostly wide (CJK). */
		int w = len >= 3 && !(len == 3 && p[0] == 0xe1 && p[1] < 0x84) ? 2 : 1;

		if (used + w > width || (used + w == width && p[len])) {
			/* Cut: an ellipsis marks it. */
			fputs("\xe2\x80\xa6", out);
			used++;
			break;
		}
		for (int i = 0; i < len && p[i]; i++)
			fputc(p[i], out);
		used += w;
		p += len;
	}
	for (; used < width; used++)
		fputc(' ', out);
}

/* Decimals for a KPI's figures: three significant digits of the largest
 * mean over the scenarios (91.4, 5610, 0.0554), so a difference smaller
 * than that resolution prints as 0, not as float noise. */
static int kpi_decimals(const pc_compare *cmp, int k)
{
	double m = 0;

	for (int i = 0; i < cmp->n; i++) {
		double x = fabs(fig_of(cmp, i, k)->mean);

		if (!isnan(x) && x > m)
			m = x;
	}
	if (m == 0)
		return 0;
	{
		int d = 2 - (int)floor(log10(m));

		return d < 0 ? 0 : d > 6 ? 6 : d;
	}
}

/* x with d decimals, "+" on positive differences, a rounded zero as "0". */
static void fixed(char *buf, size_t n, double x, int d, int sign)
{
	double scale = pow(10, d);

	if (isnan(x)) {
		snprintf(buf, n, "n/a");
		return;
	}
	if (fabs(x) * scale < 0.5) {
		snprintf(buf, n, "0");
		return;
	}
	snprintf(buf, n, sign && x > 0 ? "+%.*f" : "%.*f", d, x);
}

/* The staff cost of replication r of scenario i. */
static double cost_of(const pc_compare *cmp, int i, int r)
{
	return pc_verdict_rep_cost(cmp->sc[i], &cmp->res[i].rep[r]);
}

/* Writes text wrapped at width display columns (a CJK character takes
 * two), continuation lines indented by indent; breaks at blanks. */
static void put_wrapped(FILE *out, const char *text, int first_col, int indent, int width)
{
	int col = first_col;

	while (*text) {
		const char *w = text, *p;
		int ww = 0;

		while (*w == ' ')
			w++;
		for (p = w; *p && *p != ' '; p++)
			if (((unsigned char)*p & 0xc0) != 0x80)
				ww += (unsigned char)*p >= 0xe0 ? 2 : 1;
		if (col > indent && col + 1 + ww > width) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (w > text && col > indent) {
			fputc(' ', out);
			col++;
		}
		fwrite(w, 1, (size_t)(p - w), out);
		col += ww;
		text = p;
	}
	fputc('\n', out);
}

/* The verdict of each scenario, and which meets every target for the
 * least staff cost. */
static void summary_verdict(const pc_compare *cmp, FILE *out, double *cost)
{
	int best = -1;
	char line[1024], c[48];

	fprintf(out, "verdict:\n");
	for (int i = 0; i < cmp->n; i++) {
		pc_verdict v;

		pc_verdict_compute(&cmp->res[i], &v);
		cost[i] = v.cost;
		pc_verdict_line(&v, line, sizeof line);
		pc_verdict_format(c, sizeof c, v.cost, "CNY");
		{
			char all[1200];

			snprintf(all, sizeof all, "%s; staff cost %s", line, c);
			fprintf(out, "  %c  ", 'A' + (i % 26));
			put_wrapped(out, all, 5, 5, 108);
		}
		if (v.nmet == v.ntargets && (best < 0 || v.cost < cost[best] - 1e-9))
			best = i;
	}
	if (best < 0) {
		fprintf(out, "  no scenario meets every target\n");
	} else {
		pc_verdict_format(c, sizeof c, cost[best], "CNY");
		fprintf(out, "  the cheapest meeting every target: %c (%s), %s", 'A' + (best % 26), cmp->label[best], c);
		if (best && fabs(cost[best] - cost[0]) >= 0.5) {
			pc_verdict_format(c, sizeof c, cost[best] - cost[0], "CNY");
			fprintf(out, ", %s%s against A", cost[best] >= cost[0] ? "+" : "", c);
		} else if (best) {
			fprintf(out, ", the same as A");
		}
		fputc('\n', out);
	}
}

int pc_compare_write_summary(const pc_compare *cmp, FILE *out)
{
	/* The label column narrows as scenarios add columns, so that the
	 * table fits about 110 columns up to three scenarios. */
	int wide = cmp->n <= 2, lw = cmp->n <= 2 ? 44 : 34;
	double *cost = calloc((size_t)cmp->n, sizeof *cost);
	char a[48], b[48], c[48], cell[160];

	if (!cost)
		return PC_ENOMEM;
	summary_verdict(cmp, out, cost);
	fprintf(out, "\npromocap compare: %d scenarios, seed %llu, %d paired replication%s (common random numbers)\n",
		cmp->n, (unsigned long long)cmp->seed, cmp->reps_done, cmp->reps_done == 1 ? "" : "s");
	if (cmp->stopped)
		fprintf(out, "  stopped: %d of %d replications finished in every scenario\n", cmp->reps_done,
			cmp->reps);
	for (int i = 0; i < cmp->n; i++) {
		fprintf(out, "  %c  %-20s %s (%s)\n", 'A' + (i % 26), cmp->label[i], cmp->sc[i]->file,
			cmp->sc[i]->name);
		if (i == 0)
			continue;
		if (!cmp->demand[i][0])
			fprintf(out, "     same demand as A, the same refunds\n");
		else
			fprintf(out, "     cannot share demand with A (%s differ): the difference includes demand noise\n",
				cmp->demand[i]);
	}
	fprintf(out, "\nmeans; differences to A with their 95%% CI over the paired replications; met: the scenarios\n"
		     "meeting the target\n");
	put_cell(out, "kpi", lw);
	fprintf(out, " %-7s %8s", "unit", "target");
	for (int i = 0; i < cmp->n; i++)
		fprintf(out, " %9c", 'A' + (i % 26));
	fprintf(out, "  %-*s", cmp->n * 2 > 4 ? cmp->n * 2 : 4, "met");
	for (int i = 1; i < cmp->n; i++) {
		snprintf(cell, sizeof cell, wide ? "%c - A [95%% CI]" : "%c - A", 'A' + (i % 26));
		fprintf(out, " %-*s", i + 1 < cmp->n ? (wide ? 24 : 14) : 0, cell);
	}
	fputc('\n', out);
	for (int k = 0; k < cmp->nkpis; k++) {
		int d = kpi_decimals(cmp, k), any_target = 0;
		char met[64] = "";

		put_cell(out, cmp->kpi[k].label, lw);
		fprintf(out, " %-7s", cmp->kpi[k].unit);
		for (int i = 0; i < cmp->n; i++)
			any_target |= fig_of(cmp, i, k)->has_target;
		if (any_target) {
			const pc_compare_fig *f = fig_of(cmp, 0, k);
			int is_max = cmp->kpi[k].target_is_max;

			fixed(a, sizeof a, f->has_target ? f->target : fig_of(cmp, cmp->n - 1, k)->target, 3, 0);
			/* Targets print without trailing zeros (95, 0.1). */
			snprintf(b, sizeof b, "%.4g", atof(a));
			fprintf(out, " %2s %5s", is_max ? "<=" : ">=", b);
		} else {
			fprintf(out, " %8s", "");
		}
		for (int i = 0; i < cmp->n; i++) {
			const pc_compare_fig *f = fig_of(cmp, i, k);

			fixed(a, sizeof a, f->mean, d, 0);
			fprintf(out, " %9s", a);
			if (f->has_target && f->met && strlen(met) + 3 < sizeof met)
				snprintf(met + strlen(met), sizeof met - strlen(met), "%s%c", met[0] ? " " : "",
					 'A' + (i % 26));
		}
		if (any_target && !met[0])
			snprintf(met, sizeof met, "none");
		fprintf(out, "  %-*s", cmp->n * 2 > 4 ? cmp->n * 2 : 4, met);
		for (int i = 1; i < cmp->n; i++) {
			const pc_compare_fig *f = fig_of(cmp, i, k);

			fixed(a, sizeof a, f->diff, d, 1);
			if (isnan(f->diff_lo) || !strcmp(a, "n/a")) {
				snprintf(cell, sizeof cell, "%s", a);
			} else if (wide) {
				fixed(b, sizeof b, f->diff_lo, d, 1);
				fixed(c, sizeof c, f->diff_hi, d, 1);
				snprintf(cell, sizeof cell, "%s [%s, %s]", a, b, c);
			} else {
				fixed(b, sizeof b, (f->diff_hi - f->diff_lo) / 2, d, 0);
				snprintf(cell, sizeof cell, !strcmp(b, "0") ? "%s" : "%s ±%s", a, b);
			}
			fprintf(out, " %-*s", i + 1 < cmp->n || !cmp->comparable[k] ? (wide ? 24 : 14) : 0, cell);
		}
		if (!cmp->comparable[k])
			fprintf(out, "  (targets differ)");
		fputc('\n', out);
	}
	/* The staff cost, paired like the KPIs. */
	{
		double *x = malloc(sizeof(double) * (size_t)(cmp->reps_done > 0 ? cmp->reps_done : 1));

		put_cell(out, "staff cost (paid staff-hours x cost)", lw);
		fprintf(out, " %-7s %8s", "CNY", "");
		for (int i = 0; i < cmp->n; i++) {
			fixed(a, sizeof a, cost[i], 0, 0);
			fprintf(out, " %9s", a);
		}
		fprintf(out, "  %-*s", cmp->n * 2 > 4 ? cmp->n * 2 : 4, "");
		for (int i = 1; i < cmp->n && x; i++) {
			double mean = NAN, half = NAN;

			for (int r = 0; r < cmp->reps_done; r++)
				x[r] = cost_of(cmp, i, r) - cost_of(cmp, 0, r);
			pc_stat_ci(x, cmp->reps_done, &mean, &half);
			fixed(a, sizeof a, mean, 0, 1);
			if (isnan(half) || half * 1 < 0.5) {
				snprintf(cell, sizeof cell, "%s", a);
			} else {
				fixed(b, sizeof b, half, 0, 0);
				snprintf(cell, sizeof cell, "%s ±%s", a, b);
			}
			fprintf(out, " %-*s", i + 1 < cmp->n ? (wide ? 24 : 14) : 0, cell);
		}
		fputc('\n', out);
		free(x);
	}
	free(cost);
	return ferror(out) ? PC_EIO : 0;
}
