/* scenario_resolve: pass 2 of a load (defaults, required keys, checks across keys, in the order keys depend on each other), the rebuild from the keys as written, the end of a load or a rebuild, and pc_scenario_set. */
#include "scenario_internal.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Resolves a list of days (key k of type DAYS, text as written) into days
 * from sales_start within the run (sales days only when sales_only): *all
 * for all, else *n days in day[]. */
static int resolve_day_list(scenario_build *b, int k, const char *text, int sales_only, int *all,
			    int *n, int *day)
{
	pc_scenario *sc = b->sc;
	int ndays = sales_only ? sc->sales_days : (int)ceil(sc->horizon / PC_DAY - 1e-9);
	char *copy, *cursor;

	*all = !strcmp(text, "all");
	*n = 0;
	if (*all || !strcmp(text, "none"))
		return 0;
	if (!strcmp(text, "peak")) {
		/* The sales day with the largest share of orders (the first of
		 * equals): 11-11 on Double 11. */
		int best = 0;
		for (int d = 1; d < sc->sales_days; d++)
			if (sc->daily_share[d] > sc->daily_share[best])
				best = d;
		day[(*n)++] = best;
		return 0;
	}
	copy = strdup(text);
	if (!copy)
		return pc_scn_nomem(b);
	cursor = copy;
	while (cursor && !b->rc) {
		char *item = pc_scn_next_item(&cursor);
		int64_t d = 0;
		char a[32], z[32];

		pc_date_parse(item, &d);
		if (d < sc->day0 || d >= sc->day0 + ndays) {
			pc_date_format(sc->day0, a, sizeof a);
			pc_date_format(sc->day0 + ndays - 1, z, sizeof z);
			pc_scn_key_fail(b, k, "'%s' date '%s' is outside the %s days %s to %s", pc_scn_keys[k].name,
					item, sales_only ? "sales" : "run's", a, z);
		} else {
			day[(*n)++] = (int)(d - sc->day0);
		}
	}
	free(copy);
	return b->rc;
}

static int resolve_days(scenario_build *b)
{
	pc_scenario *sc = b->sc;

	if (resolve_day_list(b, PC_KEY_PRIORITY_DAYS, sc->priority_days_text, 0, &sc->chat_priority_all,
			     &sc->nchat_priority, sc->chat_priority_day))
		return b->rc;
	return resolve_day_list(b, PC_KEY_ENTRY_GATED, sc->entry_gated_text, 1, &sc->entry_gated_all,
				&sc->nentry_gated, sc->entry_gated_day);
}

/* Fails when key k is on (a lever that needs every request's order time)
 * while the requests come from an arrival curve, which has no orders. */
static int need_orders(scenario_build *b, int k, int on)
{
	if (!on || !b->sc->has_arrival_curve)
		return 0;
	return pc_scn_key_fail(b, k, "'%s' needs the orders, which arrival_curve '%s' does not give, got '%s'",
			       pc_scn_keys[k].name, b->sc->arrival_curve_text,
			       b->given->text[k] ? b->given->text[k] : pc_scn_keys[k].def);
}

/* Every key, written back as pc_scenario_dump does, must fit the line limit,
 * or the dump would not load: a value near the limit can grow in its
 * canonical form ("9:00" is "09:00", "a,b" is "a, b", 0.1234567 is
 * 12.34567%), and pc_scenario_set takes values of any length. */
static int scenario_check_lines(scenario_build *b)
{
	char value[1024];
	int k;

	for (k = 0; k < PC_NKEYS; k++) {
		size_t len;

		pc_scn_key_format(b->sc, k, value, sizeof value);
		len = strlen(pc_scn_keys[k].name) + 3 + strlen(value);
		if (len > SCENARIO_LINE_MAX)
			return pc_scn_key_fail(b, k,
					       "'%s' is %zu characters written back as '%s = %s', more than the %d of a line",
					       pc_scn_keys[k].name, len, pc_scn_keys[k].name, value,
					       SCENARIO_LINE_MAX);
	}
	return 0;
}

/* Pass 2: defaults, required keys, then everything that needs more than one
 * key, in the order the keys depend on each other. */
int pc_scn_resolve(scenario_build *b)
{
	pc_scenario *sc = b->sc;
	struct pc_scenario_given *g = b->given;
	char a[64], z[64];
	int k, r;

	sc->warnings[0] = '\0'; /* a rebuild warns afresh */
	for (k = 0; k < PC_NKEYS && !b->rc; k++)
		if (!g->text[k] && pc_scn_keys[k].def && pc_scn_keys[k].def[0] != '(')
			pc_scn_key_parse(b, k, pc_scn_keys[k].def);
	for (k = 0; k < PC_NKEYS && !b->rc; k++)
		if (!g->text[k] && !pc_scn_keys[k].def)
			pc_scn_fail(b, PC_EINPUT, sc->file, 0, "missing key '%s' in section '[%s]'",
				    pc_scn_keys[k].name, pc_scn_keys[k].section);
	if (b->rc)
		return b->rc;

	/* [promotion] dates and name. */
	pc_date_format(b->sales_start, a, sizeof a);
	if (b->sales_end < b->sales_start)
		return pc_scn_key_fail(b, PC_KEY_SALES_END, "'sales_end' must not be before sales_start %s, got '%s'",
				       a, g->text[PC_KEY_SALES_END]);
	if (b->sales_end - b->sales_start >= SCENARIO_MAX_SALES_DAYS)
		return pc_scn_key_fail(b, PC_KEY_SALES_END,
				       "'sales_end' must be at most %d days from sales_start %s, got '%s'",
				       SCENARIO_MAX_SALES_DAYS, a, g->text[PC_KEY_SALES_END]);
	sc->day0 = b->sales_start;
	sc->sales_days = (int)(b->sales_end - b->sales_start + 1);
	if (!g->text[PC_KEY_NAME]) {
		const char *base = strrchr(sc->file, '/');
		size_t n;

		base = base ? base + 1 : sc->file;
		n = strlen(base);
		if (n >= sizeof sc->name)
			n = sizeof sc->name - 1;
		memcpy(sc->name, base, n);
		sc->name[n] = '\0';
		if (n > 4 && strcmp(sc->name + n - 4, ".ini") == 0)
			sc->name[n - 4] = '\0';
	}

	/* Times: entry_opens (a date alone is its 00:00), horizon (a date alone
	 * is its 24:00; by default the end of sales_end + 20 days). */
	sc->entry_opens = g->text[PC_KEY_ENTRY_OPENS] ? pc_scn_when_seconds(&b->entry_at, sc->day0, 0)
						     : 0.0;
	if (sc->entry_opens < 0.0)
		return pc_scn_key_fail(b, PC_KEY_ENTRY_OPENS,
				       "'entry_opens' must not be before sales_start %s, got '%s'", a,
				       g->text[PC_KEY_ENTRY_OPENS]);
	sc->horizon = g->text[PC_KEY_HORIZON] ? pc_scn_when_seconds(&b->horizon_at, sc->day0, 1)
					      : (sc->sales_days + 20) * PC_DAY;
	if (sc->horizon <= sc->entry_opens) {
		if (g->text[PC_KEY_HORIZON]) {
			pc_scn_format_at(sc->day0, sc->entry_opens, z, sizeof z);
			return pc_scn_key_fail(b, PC_KEY_HORIZON, "'horizon' must be after entry_opens %s, got '%s'",
					       z, g->text[PC_KEY_HORIZON]);
		}
		pc_scn_format_at(sc->day0, sc->horizon, z, sizeof z);
		return pc_scn_key_fail(b, PC_KEY_ENTRY_OPENS, "'entry_opens' must be before horizon %s, got '%s'",
				       z, g->text[PC_KEY_ENTRY_OPENS]);
	}
	if (sc->horizon > SCENARIO_MAX_HORIZON_DAYS * PC_DAY)
		return pc_scn_key_fail(b, PC_KEY_HORIZON,
				       "'horizon' must be at most %d days from sales_start %s, got '%s'",
				       SCENARIO_MAX_HORIZON_DAYS, a, g->text[PC_KEY_HORIZON]);

	/* Orders N = gmv / aov must be a number a machine could simulate:
	 * 1e300 / 1e-300 is not, nor are 1e5 / 1e-300 = 1e305 orders. */
	if (!isfinite(sc->gmv / sc->aov))
		return pc_scn_key_fail(b, PC_KEY_AOV,
				       "'aov' is too small for gmv %g: orders gmv / aov overflow, got '%s'",
				       sc->gmv, g->text[PC_KEY_AOV]);
	if (!(sc->gmv / sc->aov <= SCENARIO_MAX_ORDERS))
		return pc_scn_key_fail(b, PC_KEY_AOV,
				       "'aov' is too small for gmv %g: gmv / aov gives %.3g orders, more than %g, got '%s'",
				       sc->gmv, sc->gmv / sc->aov, SCENARIO_MAX_ORDERS, g->text[PC_KEY_AOV]);

	/* The order amount scales with the average order value unless given:
	 * lognormal with mean aov and cv 1. */
	if (!g->text[PC_KEY_ORDER_AMOUNT]) {
		snprintf(z, sizeof z, "lognormal(mean=%.15g, cv=1)", sc->aov);
		if (pc_scn_key_parse(b, PC_KEY_ORDER_AMOUNT, z))
			return b->rc;
	}
	if (pc_scn_resolve_daily(b) || pc_scn_resolve_rate(b) || pc_scn_resolve_hourly(b) ||
	    pc_scn_resolve_request_hours(b) || pc_scn_resolve_curve(b))
		return b->rc;
	if (sc->rate_by_day && sc->has_arrival_curve)
		return pc_scn_key_fail(b, PC_KEY_RATE,
				       "'rate' by day needs the orders, which arrival_curve '%s' does not give, got '%s'",
				       sc->arrival_curve_text, sc->rate_text);
	for (r = 0; r < PC_NSTAFF; r++) {
		static const int shrink_key[PC_NSTAFF] = { PC_KEY_AGENT_SHRINKAGE, PC_KEY_SUPERVISOR_SHRINKAGE,
							   PC_KEY_INSPECTOR_SHRINKAGE, PC_KEY_PRESALE_SHRINKAGE,
							   PC_KEY_RECEPTION_SHRINKAGE };
		if (sc->staff[r].shrinkage >= 1)
			return pc_scn_key_fail(b, shrink_key[r],
					       "'shrinkage' must be below 100%%: somebody has to be available, got '%s'",
					       g->text[shrink_key[r]] ? g->text[shrink_key[r]] : "");
	}
	if (sc->chat_concurrency < 1)
		return pc_scn_key_fail(b, PC_KEY_CONCURRENCY, "'concurrency' must be a whole number >= 1, got '%s'",
				       g->text[PC_KEY_CONCURRENCY] ? g->text[PC_KEY_CONCURRENCY] : "");
	/* With an arrival curve the requests follow the curve: timing and the
	 * goods' life are not used (the dump writes them all).  ship_delay is
	 * the earlier model's race; the goods' state has its own dispatch. */
	if (sc->ship_delay.set && !sc->has_arrival_curve && sc->timing == PC_TIMING_GOODS_STATE)
		return pc_scn_key_fail(b, PC_KEY_SHIP_DELAY,
				       "'ship_delay' needs timing order_delay: with goods_state the goods leave by [goods] dispatch, got '%s'",
				       g->text[PC_KEY_SHIP_DELAY] ? g->text[PC_KEY_SHIP_DELAY] : "");
	/* Levers that need each request's order time: an arrival curve gives
	 * requests without orders. */
	if (need_orders(b, PC_KEY_SHIP_DELAY, sc->ship_delay.set) ||
	    need_orders(b, PC_KEY_LATE_PERIOD, sc->late_period > 0) ||
	    need_orders(b, PC_KEY_CHATS_PER_ORDER, sc->chats_per_order > 0) || resolve_days(b) ||
	    pc_scn_forecast_check(b))
		return b->rc;
	for (r = 0; r < PC_NSTAFF; r++)
		if (pc_scn_resolve_staff(b, r))
			return b->rc;
	return scenario_check_lines(b);
}

/* Parses every given key in the order they were read, then resolves:
 * the same result as a load, from the keys alone. */
static int scenario_rebuild(scenario_build *b)
{
	struct pc_scenario_given *g = b->given;
	int order[PC_NKEYS];
	int n = 0, i, j, k;

	for (k = 0; k < PC_NKEYS; k++) {
		if (!g->text[k])
			continue;
		/* Insertion by reading order; keys set later go last. */
		for (i = n; i > 0; i--) {
			if (g->seq[order[i - 1]] <= g->seq[k])
				break;
			order[i] = order[i - 1];
		}
		order[i] = k;
		n++;
	}
	for (j = 0; j < n && !b->rc; j++)
		pc_scn_key_parse(b, order[j], g->text[order[j]]);
	if (!b->rc)
		pc_scn_resolve(b);
	return b->rc;
}

/* Ends a load or a rebuild: on failure frees what sc holds and hands the
 * error to the caller. */
int pc_scn_finish(scenario_build *b, pc_error *err)
{
	if (!b->rc)
		return 0;
	if (!b->err.msg[0])
		pc_error_set(&b->err, "", 0, "out of memory");
	pc_scenario_release(b->sc);
	if (err)
		*err = b->err;
	return b->rc;
}

int pc_scenario_set(pc_scenario *sc, const char *section, const char *key, const char *value,
		    pc_error *err)
{
	scenario_build b;
	pc_scenario tmp;
	char *text, *trimmed;
	int k;

	memset(&b, 0, sizeof b);
	memset(&tmp, 0, sizeof tmp);
	b.sc = &tmp;
	pc_error_clear(&b.err);
	k = pc_scn_key_find(section, key);
	if (k < 0) {
		char hint[128];

		pc_scn_fail(&b, PC_EINPUT, sc->file, 0, "unknown key '%s' in section '[%s]'%s", key,
			    section, pc_scn_key_hint(section, key, hint, sizeof hint));
		return pc_scn_finish(&b, err);
	}
	memcpy(tmp.file, sc->file, sizeof tmp.file);
	memcpy(tmp.dir, sc->dir, sizeof tmp.dir);
	tmp.given = calloc(1, sizeof *tmp.given);
	if (!tmp.given) {
		pc_scn_nomem(&b);
		return pc_scn_finish(&b, err);
	}
	b.given = tmp.given;
	if (pc_scn_given_copy(tmp.given, sc->given, k) != 0) {
		pc_scn_nomem(&b);
		return pc_scn_finish(&b, err);
	}
	text = strdup(value);
	if (!text) {
		pc_scn_nomem(&b);
		return pc_scn_finish(&b, err);
	}
	tmp.given->text[k] = text;
	tmp.given->line[k] = 0;
	tmp.given->src[k] = 0;
	tmp.given->seq[k] = INT_MAX;
	trimmed = pc_scn_trim(text);
	memmove(text, trimmed, strlen(trimmed) + 1);
	/* The value must be one a scenario file can hold, or the dump would
	 * not load back to it. */
	if (!pc_scn_writable(text)) {
		pc_scn_fail(&b, PC_EINPUT, sc->file, 0,
			    "'%s' must be one line without control characters or a ';' after a blank (a file reads a comment from there), got '%s'",
			    key, text);
		return pc_scn_finish(&b, err);
	}
	if (scenario_rebuild(&b) != 0)
		return pc_scn_finish(&b, err);
	pc_scenario_release(sc);
	*sc = tmp;
	return 0;
}

int pc_scenario_set_shift(pc_scenario *sc, pc_res res, const char *shift, int headcount,
			  pc_error *err)
{
	const pc_staff *st = &sc->staff[res];
	char section[32], value[1024], item[64], list[PC_MAX_SHIFTS * 34] = "", hint[64];
	int s, i;

	snprintf(section, sizeof section, "staff.%s", pc_scn_res_names[res]);
	for (s = 0; s < st->nshifts && strcmp(st->shift[s].name, shift) != 0; s++)
		;
	if (s == st->nshifts) {
		for (i = 0; i < st->nshifts; i++) {
			pc_scn_append(list, sizeof list, i ? ", " : "");
			pc_scn_append(list, sizeof list, st->shift[i].name);
		}
		pc_error_set(err, sc->file, 0, "the %s has no shift '%s'%s, its shifts are %s",
			     pc_scn_res_names[res], shift, pc_scn_shift_hint(st, shift, hint, sizeof hint), list);
		return PC_EINPUT;
	}
	if (st->roster_kind == PC_ROSTER_CHANGES) {
		pc_error_set(err, sc->file, 0,
			     "[%s] roster '%s' gives capacity change points: a shift headcount needs a roster by shift",
			     section, st->roster_text);
		return PC_EINPUT;
	}
	if (headcount < 0 || headcount > SCENARIO_MAX_COUNT) {
		pc_error_set(err, sc->file, 0, "a shift headcount must be a whole number from 0 to %d, got '%d'",
			     SCENARIO_MAX_COUNT, headcount);
		return PC_EINPUT;
	}
	snprintf(value, sizeof value, "%s", st->roster_text);
	for (i = 0; i < st->nshifts; i++) {
		int h = i == s ? headcount : st->shift_headcount[i];

		if (h < 0)
			continue;
		snprintf(item, sizeof item, ", %s %d", st->shift[i].name, h);
		pc_scn_append(value, sizeof value, item);
	}
	return pc_scenario_set(sc, section, "roster", value, err);
}
