/* compare: scenarios run with common random numbers, replication r of each
 * paired with replication r of the first; differences with Student-t CIs. */
#include "promocap/compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvrow.h"

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

/* The figures from the replications: KPIs per scenario, paired differences. */
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

		for (int j = 0; j < nk && j < n; j++) {
			pc_compare_fig *f = &cmp->fig[(size_t)i * (size_t)nk + (size_t)j];

			f->mean = k[j].mean;
			f->lo = k[j].lo;
			f->hi = k[j].hi;
			f->diff = f->diff_lo = f->diff_hi = NAN;
			f->pairs = 0;
			if (strcmp(k[j].label, cmp->kpi[j].label) != 0)
				cmp->comparable[j] = 0;
		}
		if (i == 0)
			continue;
		for (int r = 0; r < reps; r++) {
			pc_result_kpis_of(&cmp->res[0], r, k0, PC_MAX_KPIS);
			pc_result_kpis_of(&cmp->res[i], r, k, PC_MAX_KPIS);
			for (int j = 0; j < nk; j++)
				d[(size_t)j * (size_t)reps + (size_t)r] = k[j].mean - k0[j].mean;
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
	pc_result none = { .sc = sc[0], .seed = seed, .reps = 0, .rep = NULL };
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
	cmp->nkpis = pc_result_kpis(&none, cmp->kpi, PC_MAX_KPIS);
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

/* A value as the run summary writes it ("87.2%", "12.3"); a difference
 * (sign) of shares in percentage points ("+8.1pp"). */
static void fmt_value(char *buf, size_t n, double v, const char *unit, int sign)
{
	const char *plus = sign && v > 0 ? "+" : "";

	if (isnan(v))
		snprintf(buf, n, "n/a");
	else if (strcmp(unit, "%") == 0)
		snprintf(buf, n, "%s%.3g%s", plus, v == 0 ? 0 : v, sign ? "pp" : "%");
	else if (fabs(v) >= 1000)
		snprintf(buf, n, "%s%.0f", plus, v);
	else
		snprintf(buf, n, "%s%.3g", plus, v == 0 ? 0 : v);
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

		if (used + w > width)
			break;
		for (int i = 0; i < len && p[i]; i++)
			fputc(p[i], out);
		used += w;
		p += len;
	}
	for (; used < width; used++)
		fputc(' ', out);
}

int pc_compare_write_summary(const pc_compare *cmp, FILE *out)
{
	char a[48], b[48], c[48], cell[160];

	fprintf(out, "promocap compare: %d scenarios, seed %llu, %d paired replication%s (common random numbers)\n",
		cmp->n, (unsigned long long)cmp->seed, cmp->reps_done, cmp->reps_done == 1 ? "" : "s");
	if (cmp->stopped)
		fprintf(out, "  stopped: %d of %d replications finished in every scenario\n", cmp->reps_done,
			cmp->reps);
	for (int i = 0; i < cmp->n; i++) {
		fprintf(out, "  %c  %-20s %s (%s)", 'A' + (i % 26), cmp->label[i], cmp->sc[i]->file,
			cmp->sc[i]->name);
		if (i == 0)
			fputc('\n', out);
		else if (!cmp->demand[i][0])
			fprintf(out, ": same demand as A, the same refunds\n");
		else
			fprintf(out, ": cannot share demand with A (%s differ), the difference includes demand noise\n",
				cmp->demand[i]);
	}
	fputc('\n', out);
	put_cell(out, "kpi", 52);
	fprintf(out, " %7s", "unit");
	for (int i = 0; i < cmp->n; i++) {
		fprintf(out, " %10c", 'A' + (i % 26));
		if (!i)
			continue;
		snprintf(cell, sizeof cell, "%c - A [95%% CI]", 'A' + (i % 26));
		fprintf(out, "  %-26s", cell);
	}
	fputc('\n', out);
	for (int k = 0; k < cmp->nkpis; k++) {
		put_cell(out, cmp->kpi[k].label, 52);
		fprintf(out, " %7s", cmp->kpi[k].unit);
		for (int i = 0; i < cmp->n; i++) {
			const pc_compare_fig *f = fig_of(cmp, i, k);

			fmt_value(a, sizeof a, f->mean, cmp->kpi[k].unit, 0);
			fprintf(out, " %10s", a);
			if (!i)
				continue;
			fmt_value(a, sizeof a, f->diff, cmp->kpi[k].unit, 1);
			if (isnan(f->diff_lo)) {
				snprintf(cell, sizeof cell, "%s", a);
			} else {
				fmt_value(b, sizeof b, f->diff_lo, cmp->kpi[k].unit, 1);
				fmt_value(c, sizeof c, f->diff_hi, cmp->kpi[k].unit, 1);
				snprintf(cell, sizeof cell, "%s [%s, %s]", a, b, c);
			}
			fprintf(out, "  %-26s", cell);
		}
		if (!cmp->comparable[k])
			fprintf(out, "  (targets differ)");
		fputc('\n', out);
	}
	return ferror(out) ? PC_EIO : 0;
}
