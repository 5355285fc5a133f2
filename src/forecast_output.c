/* forecast_output: what a run with forecast distributions adds to its
 * outputs: the spread columns of kpis.csv and the words on the
 * forecast's and chance's parts (summary, packs, workbook); forecast.csv
 * itself is output.c's. */
#include "promocap/result.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "forecast_output.h"
#include "text.h"

const char *const pc_output_spread_columns[] = {
	"forecast_p10", "forecast_p50", "forecast_p90", "chance_pm", "chance_sd", "forecast_sd",
	"forecast_share_pct", "forecast_draws", "draws_meeting_target_pct", NULL
};

void pc_output_spread_cells(pc_csvrow *r, const pc_spread *s)
{
	pc_csvrow_num(r, s->p10);
	pc_csvrow_num(r, s->p50);
	pc_csvrow_num(r, s->p90);
	pc_csvrow_num(r, s->chance_pm);
	pc_csvrow_num(r, s->sd_chance);
	pc_csvrow_num(r, s->sd_forecast);
	pc_csvrow_num(r, 100 * s->share_forecast);
	pc_csvrow_num(r, s->draws);
	pc_csvrow_num(r, 100 * s->met_share);
}

/* A unit in Chinese for the pack's words ("refunds" -> "件"); others as
 * they are. */
static const char *unit_zh(const char *unit)
{
	static const char *const map[][2] = {
		{ "refunds", "件" }, { "cases", "件" }, { "parcels", "件" }, { "h", "小时" }, { "min", "分钟" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], unit))
			return map[i][1];
	return unit;
}

void pc_output_spread_pm(char *buf, size_t n, double v, const char *unit, int zh)
{
	if (!strcmp(unit, "%"))
		snprintf(buf, n, zh ? "%.2g 个百分点" : "%.2g point%s", v, zh || fabs(v - 1) < 1e-9 ? "" : "s");
	else
		pc_text_value(buf, n, v, zh ? unit_zh(unit) : unit);
}

int pc_output_spread_worded(const pc_kpi *k)
{
	return k->has_target || !strcmp(k->key, "refund_requests");
}

void pc_output_spread_words(const pc_kpi *k, const pc_spread *s, const char *label, int zh, char *buf, size_t n)
{
	const char *unit = zh ? unit_zh(k->unit) : k->unit;
	char a[48], b[48], pm[48], tg[48];
	size_t len;

	if (!label)
		label = k->label;
	if (isnan(s->p10)) {
		snprintf(buf, n, zh ? "%s：预测抽样太少，无法判断" : "%s: not enough draws to say", label);
		return;
	}
	pc_text_value(a, sizeof a, s->p10, "");
	pc_text_value(b, sizeof b, s->p90, unit);
	pc_output_spread_pm(pm, sizeof pm, s->chance_pm, k->unit, zh);
	if (!strcmp(a, b) || (pc_text_value(a, sizeof a, s->p10, unit), !strcmp(a, b)))
		snprintf(buf, n,
			 zh ? "%s：无论预测如何均为 %s（P10-P90）；仅随机波动另加 ±%s"
			    : "%s is %s whatever the draw (P10-P90); chance alone adds +-%s",
			 label, b, pm);
	else
		snprintf(buf, n,
			 zh ? "%s：%s-%s（P10-P90）；仅随机波动另加 ±%s"
			    : "%s is %s-%s (P10-P90); chance alone adds +-%s",
			 label, (pc_text_value(a, sizeof a, s->p10, ""), a), b, pm);
	if (k->has_target && !isnan(s->met_share) && (len = strlen(buf)) + 1 < n) {
		pc_text_value(tg, sizeof tg, k->target, unit);
		snprintf(buf + len, n - len,
			 zh ? "；目标 %s %s 在 %.0f%% 的预测抽样中达到" : "; target %s %s met in %.0f%% of the draws",
			 k->target_is_max ? "<=" : ">=", tg, 100 * s->met_share);
	}
}

void pc_output_refunds_range(const pc_result *res, double *lo, double *hi)
{
	double *x = malloc(sizeof *x * (size_t)(res->reps > 0 ? res->reps : 1));
	int n = 0;

	*lo = *hi = NAN;
	if (!x)
		return;
	for (int i = 0; i < res->reps; i++)
		if (i == 0 || res->rep[i].fc_draw != res->rep[i - 1].fc_draw)
			x[n++] = pc_fc_refunds(res->rep[i].fc);
	if (n > 0) {
		gsl_sort(x, 1, (size_t)n);
		*lo = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)n, 0.10);
		*hi = gsl_stats_quantile_from_sorted_data(x, 1, (size_t)n, 0.90);
	}
	free(x);
}

void pc_output_forecast_summary(const pc_result *res, const pc_kpi *k, int n, FILE *out)
{
	const pc_scenario *sc = res->sc;
	pc_spread *s = malloc(sizeof *s * PC_MAX_KPIS);
	char text[160], words[512];
	double lo, hi;
	int draws;

	if (!s || pc_result_spread(res, s, PC_MAX_KPIS) < n) {
		free(s);
		fprintf(out, "\nforecast spread: out of memory\n");
		return;
	}
	draws = n > 0 ? s[0].draws : 0;
	fprintf(out, "\nforecast (docs/forecast.md): %d draws of the forecast, %d replications each\n", draws,
		PC_FC_RUNS_PER_DRAW);
	for (int key = 0; key < PC_NFC; key++)
		if (sc->forecast.key[key].kind != PC_FC_NONE)
			fprintf(out, "  %-18s = %s\n", pc_fc_key_name((pc_fc_key)key),
				pc_fc_format_key((pc_fc_key)key, &sc->forecast.key[key], text, sizeof text));
	pc_output_refunds_range(res, &lo, &hi);
	fprintf(out, "  refunds            %.0f-%.0f (P10-P90 of gmv x rate / aov over the draws)\n", lo, hi);
	fprintf(out, "\nwith the forecast's spread (P10-P90 over the draws, chance taken out; chance alone: one\n"
		     "replication at a fixed forecast, P10-P90 half-width):\n");
	for (int i = 0; i < n; i++) {
		if (!pc_output_spread_worded(&k[i]))
			continue;
		pc_output_spread_words(&k[i], &s[i], NULL, 0, words, sizeof words);
		fprintf(out, "  %s\n", words);
	}
	free(s);
}
