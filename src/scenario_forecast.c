/* scenario_forecast: demand keys a scenario gives as forecast distributions
 * (forecast.h): read in pass 1, checked against the other keys in pass 2,
 * written back by the dump, compared by pc_scenario_demand_diff. */
#include "scenario_internal.h"

#include <string.h>

int pc_scn_forecast_key(int k)
{
	switch (k) {
	case PC_KEY_GMV:
		return PC_FC_GMV;
	case PC_KEY_AOV:
		return PC_FC_AOV;
	case PC_KEY_RATE:
		return PC_FC_RATE;
	case PC_KEY_AFTER_SALES_RATIO:
		return PC_FC_AFTER_SALES_RATIO;
	case PC_KEY_NO_RETURN:
		return PC_FC_NO_RETURN;
	case PC_KEY_CLAIMS:
		return PC_FC_CLAIMS;
	case PC_KEY_CLAIM_NO_RETURN:
		return PC_FC_CLAIM_NO_RETURN;
	default:
		return -1;
	}
}

int pc_scn_forecast_parse(scenario_build *b, int k, const char *text)
{
	pc_scenario *sc = b->sc;
	int f = pc_scn_forecast_key(k);
	pc_fc_dist *d;
	char why[512];

	if (f < 0)
		return 0;
	d = &sc->forecast.key[f];
	if (!pc_fc_is_dist(text)) {
		/* A single value (set again by pc_scenario_set, say): no spread. */
		memset(d, 0, sizeof *d);
		sc->forecast.on = 0;
		for (int i = 0; i < PC_NFC; i++)
			sc->forecast.on |= sc->forecast.key[i].kind != PC_FC_NONE;
		return 0;
	}
	if (pc_fc_parse((pc_fc_key)f, text, d, why, sizeof why)) {
		memset(d, 0, sizeof *d);
		pc_scn_key_fail(b, k, "'%s': %s", pc_scn_keys[k].name, why);
		return -1;
	}
	d->line = b->given->line[k];
	sc->forecast.on = 1;
	/* Everything that reads one value reads the mean. */
	*(double *)pc_scn_key_field(sc, k) = d->mean;
	if (k == PC_KEY_RATE)
		sc->rate_text[0] = '\0';
	return 1;
}

int pc_scn_forecast_format(const pc_scenario *sc, int k, char *buf, size_t n)
{
	int f = pc_scn_forecast_key(k);

	if (f < 0 || sc->forecast.key[f].kind == PC_FC_NONE)
		return 0;
	pc_fc_format_key((pc_fc_key)f, &sc->forecast.key[f], buf, n);
	return 1;
}

int pc_scn_forecast_check(scenario_build *b)
{
	static const int volume[] = { PC_KEY_GMV, PC_KEY_AOV, PC_KEY_RATE };
	const pc_scenario *sc = b->sc;

	if (!sc->forecast.on)
		return 0;
	/* An arrival curve gives the requests themselves: no gmv, aov or rate
	 * to draw. */
	for (size_t i = 0; i < sizeof volume / sizeof volume[0]; i++)
		if (sc->has_arrival_curve && sc->forecast.key[pc_scn_forecast_key(volume[i])].kind != PC_FC_NONE)
			return pc_scn_key_fail(b, volume[i],
					       "'%s' as a forecast needs the orders, which arrival_curve '%s' does not give, got '%s'",
					       pc_scn_keys[volume[i]].name, sc->arrival_curve_text,
					       b->given->text[volume[i]] ? b->given->text[volume[i]] : "");
	if (sc->catalogue && sc->forecast.key[PC_FC_AFTER_SALES_RATIO].kind != PC_FC_NONE)
		return pc_scn_key_fail(b, PC_KEY_AFTER_SALES_RATIO,
				       "'after_sales_ratio' as a forecast does not work with the service catalogue, whose cases per refund set the work, got '%s'",
				       b->given->text[PC_KEY_AFTER_SALES_RATIO] ? b->given->text[PC_KEY_AFTER_SALES_RATIO] : "");
	return 0;
}

int pc_scn_forecast_equal(const pc_scenario *a, const pc_scenario *b, int k)
{
	int f = pc_scn_forecast_key(k);
	pc_fc_dist x, y;

	if (f < 0)
		return 1;
	x = a->forecast.key[f];
	y = b->forecast.key[f];
	x.line = y.line = 0;
	return x.kind == y.kind && (x.kind == PC_FC_NONE || (x.p1 == y.p1 && x.p2 == y.p2));
}
