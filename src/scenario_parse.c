/* scenario_parse: pass 1 of a load, one key's value read on its own into the scenario (key_parse, by the key's type), for every key group but the staff's. */
#include "scenario_internal.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Reads the pre-sale priority days: peak, all, none, or dates YYYY-MM-DD
 * (at most PC_MAX_PRIORITY_DAYS).  The dates are checked against the run's
 * days, and peak resolved, once the other keys are known. */
static int key_days(scenario_build *b, int k, const char *text, char *field)
{
	const char *key = pc_scn_keys[k].name;
	const size_t size = sizeof b->sc->priority_days_text; /* entry_gated_text too */
	char *copy, *cursor;
	int n = 0;

	if (strlen(text) >= size)
		return pc_scn_key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
				       size - 1, text);
	snprintf(field, size, "%s", text);
	if (!strcmp(text, "peak") || !strcmp(text, "all") || !strcmp(text, "none"))
		return 0;
	copy = strdup(text);
	if (!copy)
		return pc_scn_nomem(b);
	cursor = copy;
	while (cursor && !b->rc) {
		char *item = pc_scn_next_item(&cursor);
		int64_t day;

		if (pc_date_parse(item, &day) != 0)
			pc_scn_key_fail(b, k, "'%s' must be peak, all, none or dates YYYY-MM-DD, got '%s'", key, text);
		else if (++n > PC_MAX_PRIORITY_DAYS)
			pc_scn_key_fail(b, k, "'%s' allows at most %d dates, got '%s'", key, PC_MAX_PRIORITY_DAYS, text);
	}
	free(copy);
	return b->rc;
}

/* Reads a service-level target "95% within 30min", or none. */
static int key_sla(scenario_build *b, int k, const char *text, pc_sla_target *target)
{
	const char *key = pc_scn_keys[k].name;
	char buf[256];
	char *within, *share;
	double x, t;

	if (strcmp(text, "none") == 0) {
		memset(target, 0, sizeof *target);
		return 0;
	}
	snprintf(buf, sizeof buf, "%s", text);
	within = strstr(buf, "within");
	if (!within || within == buf || !pc_scn_blank(within[-1]))
		return pc_scn_key_fail(b, k, "'%s' must be like '95%% within 30min' or none, got '%s'", key,
				       text);
	*within = '\0';
	share = pc_scn_trim(buf);
	within = pc_scn_trim(within + 6);
	if (pc_scn_share(share, &x) != 0 || x <= 0.0 || x > 1.0)
		return pc_scn_key_fail(b, k, "'%s' must be like '95%% within 30min' or none, got '%s'", key,
				       text);
	if (pc_scn_key_duration(b, k, within, &t) != 0)
		return b->rc;
	if (t <= 0.0)
		return pc_scn_key_fail(b, k, "'%s' needs a time > 0, got '%s'", key, text);
	target->set = 1;
	target->share = x;
	target->within = t;
	return 0;
}

/* Parses the value text of key k on its own, into the scenario or, for
 * values that need other keys to resolve, into the build. */
int pc_scn_key_parse(scenario_build *b, int k, const char *text)
{
	pc_scenario *sc = b->sc;
	const key_def *kd = &pc_scn_keys[k];
	const char *key = kd->name;
	void *field = pc_scn_key_field(sc, k);
	pc_staff *st = &sc->staff[pc_scn_key_res(k)];
	double x;
	long n = 0;
	int fc = pc_scn_forecast_parse(b, k, text);

	/* A demand key given as a forecast distribution (forecast.h). */
	if (fc)
		return fc < 0 ? b->rc : 0;
	switch (kd->type) {
	case PC_KT_TEXT:
		if (!*text)
			return pc_scn_key_fail(b, k, "'%s' must not be empty", key);
		if (!pc_scn_utf8_text(text))
			return pc_scn_key_fail(b, k,
					       "'%s' must be UTF-8 text without control characters (save the file as UTF-8), got '%s'",
					       key, text);
		if (strlen(text) >= sizeof sc->name)
			return pc_scn_key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
					       sizeof sc->name - 1, text);
		snprintf(sc->name, sizeof sc->name, "%s", text);
		return 0;
	case PC_KT_DATE: {
		int64_t day;

		if (pc_date_parse(text, &day) != 0)
			return pc_scn_key_fail(b, k, "'%s' must be a date YYYY-MM-DD, got '%s'", key, text);
		if (k == PC_KEY_SALES_START)
			b->sales_start = day;
		else
			b->sales_end = day;
		return 0;
	}
	case PC_KT_DATETIME: {
		scenario_when w;

		if (pc_scn_datetime(text, &w) != 0)
			return pc_scn_key_fail(b, k,
					       "'%s' must be a date YYYY-MM-DD or a datetime YYYY-MM-DD HH:MM, got '%s'",
					       key, text);
		if (k == PC_KEY_HORIZON)
			b->horizon_at = w;
		else
			b->entry_at = w;
		return 0;
	}
	case PC_KT_POSITIVE:
		if (pc_scn_number(text, &x) != 0 || x <= 0.0)
			return pc_scn_key_fail(b, k, "'%s' must be a number > 0, got '%s'", key, text);
		*(double *)field = x;
		return 0;
	case PC_KT_NONNEG:
		if (pc_scn_number(text, &x) != 0 || x < 0.0)
			return pc_scn_key_fail(b, k, "'%s' must be a number >= 0, got '%s'", key, text);
		*(double *)field = x;
		return 0;
	case PC_KT_SHARE:
	case PC_KT_RATIO:
		if (pc_scn_key_share(b, k, text, kd->type == PC_KT_RATIO ? 10.0 : 1.0, &x) != 0)
			return b->rc;
		*(double *)field = x;
		return 0;
	case PC_KT_TIMEOUT:
		if (strcmp(text, "none") == 0) {
			*(double *)field = 0.0;
			return 0;
		}
		/* fall through */
	case PC_KT_DURATION_POS:
	case PC_KT_DURATION_NONNEG:
	case PC_KT_INTERVAL:
		if (pc_scn_key_duration(b, k, text, &x) != 0)
			return b->rc;
		if (kd->type == PC_KT_DURATION_NONNEG && x < 0.0)
			return pc_scn_key_fail(b, k, "'%s' must be a duration >= 0, got '%s'", key, text);
		if (kd->type == PC_KT_DURATION_POS && x <= 0.0)
			return pc_scn_key_fail(b, k, "'%s' must be a duration > 0, got '%s'", key, text);
		if (kd->type == PC_KT_TIMEOUT && x <= 0.0)
			return pc_scn_key_fail(b, k, "'%s' must be a duration > 0 or none, got '%s'", key, text);
		if (kd->type == PC_KT_INTERVAL && (x < 60.0 || x > PC_DAY))
			return pc_scn_key_fail(b, k, "'%s' must be a duration from 1min to 1d, got '%s'", key,
					       text);
		/* Intervals tile the days: 24h / interval must be whole. */
		if (kd->type == PC_KT_INTERVAL &&
		    fabs(PC_DAY / x - nearbyint(PC_DAY / x)) > 1e-9 * (PC_DAY / x))
			return pc_scn_key_fail(b, k, "'%s' must divide 24h, got '%s'", key, text);
		*(double *)field = x;
		return 0;
	case PC_KT_MONEY_NONE:
		if (strcmp(text, "none") == 0) {
			*(double *)field = 0.0;
			return 0;
		}
		if (pc_scn_number(text, &x) != 0 || x <= 0.0)
			return pc_scn_key_fail(b, k, "'%s' must be an amount in CNY > 0 or none, got '%s'", key, text);
		*(double *)field = x;
		return 0;
	case PC_KT_DIST:
	case PC_KT_DIST_CNY:
	case PC_KT_DIST_NONE: {
		/* A pc_dist_opt begins with its pc_dist. */
		pc_dist *d = field;
		char dir[1024], name[sizeof d->file];
		pc_error e;
		int rc;

		pc_error_clear(&e);
		pc_dist_release(field);
		if (kd->type == PC_KT_DIST_NONE) {
			pc_dist_opt *o = field;

			o->set = 0;
			if (strcmp(text, "none") == 0)
				return 0;
		}
		if (pc_scn_join(sc->dir, pc_scn_key_prefix(b, k), dir, sizeof dir) != 0)
			return pc_scn_key_fail(b, k, "'%s' is in a file whose path is too long", key);
		rc = pc_dist_parse(field, text, kd->type == PC_KT_DIST_CNY ? PC_UNIT_CNY : PC_UNIT_DURATION,
				   dir, pc_scn_key_file(b, k), b->given->line[k], &e);
		/* An empirical file named in an included file: kept relative to
		 * the scenario's folder, as the dump writes it. */
		if (rc == 0 && d->kind == PC_DIST_EMPIRICAL && pc_scn_key_prefix(b, k)[0]) {
			if (pc_scn_key_file_name(b, k, d->file, name, sizeof name) != 0) {
				pc_dist_release(d);
				return pc_scn_key_fail(b, k, "'%s' names a file whose path is too long, got '%s'",
						       key, text);
			}
			memcpy(d->file, name, sizeof name);
		}
		if (rc == 0) {
			if (kd->type == PC_KT_DIST_NONE)
				((pc_dist_opt *)field)->set = 1;
			return 0;
		}
		if (!e.msg[0])
			return pc_scn_nomem(b);
		return pc_scn_fail(b, rc, e.file, e.line, "'%s': %s", key, e.msg);
	}
	case PC_KT_REASONS:
		return pc_scn_key_mix(b, k, text, pc_scn_reason_names, PC_NREASONS, sc->reason_mix, 1);
	case PC_KT_PATHS:
		return pc_scn_key_mix(b, k, text, pc_scn_path_names, PC_NPATHS, sc->path_mix, 1);
	case PC_KT_LATE_MIX:
		return pc_scn_key_mix(b, k, text, pc_scn_late_names, PC_NLATE, sc->late_mix, 1);
	case PC_KT_DAYS:
		return key_days(b, k, text, field);
	case PC_KT_RATE: {
		size_t len = strlen(text);
		if (len > 4 && !strcasecmp(text + len - 4, ".csv")) {
			if (pc_scn_key_file_name(b, k, text, sc->rate_text, sizeof sc->rate_text) != 0)
				return pc_scn_key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
						       sizeof sc->rate_text - 1, text);
			return 0;
		}
		sc->rate_text[0] = '\0';
		if (pc_scn_key_share(b, k, text, 1.0, &x) != 0)
			return b->rc;
		*(double *)field = x;
		return 0;
	}
	case PC_KT_HOURS_RANGE: {
		char buf2[64];
		char *dash;
		int a0, a1;

		if (!strcmp(text, "always")) {
			sc->courier_open = 0;
			sc->courier_close = 1440;
			return 0;
		}
		snprintf(buf2, sizeof buf2, "%s", text);
		dash = strchr(buf2, '-');
		if (strlen(text) >= sizeof buf2 || !dash)
			return pc_scn_key_fail(b, k, "'%s' must be always or HH:MM-HH:MM, got '%s'", key, text);
		*dash = '\0';
		if (pc_scn_hhmm(pc_scn_trim(buf2), 0, &a0) != 0 ||
		    pc_scn_hhmm(pc_scn_trim(dash + 1), 1, &a1) != 0 || a1 <= a0)
			return pc_scn_key_fail(b, k, "'%s' must be always or HH:MM-HH:MM within one day, got '%s'",
					       key, text);
		sc->courier_open = a0;
		sc->courier_close = a1;
		return 0;
	}
	case PC_KT_WAVES: {
		char *copy, *cursor;
		int m = 0, last = -1;

		sc->nwaves = 0;
		if (!strcmp(text, "none"))
			return 0;
		if (!(copy = strdup(text)))
			return pc_scn_nomem(b);
		cursor = copy;
		while (cursor && !b->rc) {
			char *item = pc_scn_next_item(&cursor);
			int minute;

			if (pc_scn_hhmm(item, 0, &minute) != 0)
				pc_scn_key_fail(b, k, "'%s' must be none or times HH:MM, ..., got '%s'", key, text);
			else if (minute <= last)
				pc_scn_key_fail(b, k, "'%s' times must rise through the day, got '%s'", key, text);
			else if (m == PC_MAX_WAVES)
				pc_scn_key_fail(b, k, "'%s' allows at most %d times, got '%s'", key, PC_MAX_WAVES, text);
			else
				sc->wave_minute[m++] = last = minute;
		}
		free(copy);
		sc->nwaves = b->rc ? 0 : m;
		return b->rc;
	}
	case PC_KT_REJECT:
		sc->reject_set = strcmp(text, "none") != 0;
		memset(sc->reject, 0, sizeof sc->reject);
		if (!sc->reject_set)
			return 0;
		return pc_scn_key_mix(b, k, text, pc_scn_reason_names, PC_NREASONS, sc->reject, 0);
	case PC_KT_REJECT_MIX:
		return pc_scn_key_mix(b, k, text, pc_scn_after_reject_names, PC_NAFTER_REJECT,
				      sc->after_reject, 1);
	case PC_KT_TIMING:
		for (int i = 0; i < 2; i++)
			if (!strcmp(text, pc_scn_timing_names[i])) {
				*(int *)field = i;
				return 0;
			}
		return pc_scn_key_fail(b, k, "'%s' must be goods_state or order_delay, got '%s'", key, text);
	case PC_KT_STATES:
		return pc_scn_key_mix(b, k, text, pc_scn_asked_names, PC_NSTATES_ASKED, sc->state_mix, 1);
	case PC_KT_REQ_HOURS:
	case PC_KT_DAILY:
	case PC_KT_HOURLY:
	case PC_KT_CURVE: {
		const char *word = kd->type == PC_KT_CURVE ? "none" : "uniform";
		char name[sizeof sc->daily_share_text];

		if (kd->type == PC_KT_REQ_HOURS)
			word = "buyers, uniform, none";
		if (!*text)
			return pc_scn_key_fail(b, k, "'%s' must be %s or a CSV file, got ''", key, word);
		if (strcmp(text, word) == 0 ||
		    (kd->type == PC_KT_REQ_HOURS &&
		     (!strcmp(text, "buyers") || !strcmp(text, "uniform") || !strcmp(text, "none"))))
			snprintf(name, sizeof name, "%s", text);
		else if (pc_scn_key_file_name(b, k, text, name, sizeof name) != 0)
			return pc_scn_key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
					       sizeof sc->daily_share_text - 1, text);
		snprintf(field, sizeof sc->daily_share_text, "%s", name);
		return 0;
	}
	case PC_KT_BOOL:
		if (!strcasecmp(text, "yes") || !strcasecmp(text, "true") || !strcasecmp(text, "on") ||
		    !strcmp(text, "1"))
			*(int *)field = 1;
		else if (!strcasecmp(text, "no") || !strcasecmp(text, "false") ||
			 !strcasecmp(text, "off") || !strcmp(text, "0"))
			*(int *)field = 0;
		else
			return pc_scn_key_fail(b, k, "'%s' must be yes or no, got '%s'", key, text);
		return 0;
	case PC_KT_ESCALATION: {
		char buf[128];
		char *s;
		size_t len;

		snprintf(buf, sizeof buf, "%s", text);
		s = pc_scn_trim(buf);
		len = strlen(s);
		if (len >= 2 && strcmp(s + len - 2, "/d") == 0)
			s[len - 2] = '\0';
		else if (len >= 7 && strcmp(s + len - 7, "per day") == 0)
			s[len - 7] = '\0';
		if (pc_scn_share(pc_scn_trim(s), &x) != 0 || x < 0.0 || x > 1.0)
			return pc_scn_key_fail(b, k, "'%s' must be a share per day from 0%% to 100%% such as 10%%/d, got '%s'",
					       key, text);
		*(double *)field = x / PC_DAY;
		return 0;
	}
	case PC_KT_JUDGED:
		if (strcmp(text, "day") == 0)
			*(int *)field = PC_JUDGED_DAY;
		else if (strcmp(text, "horizon") == 0)
			*(int *)field = PC_JUDGED_HORIZON;
		else if (strcmp(text, "interval") == 0)
			*(int *)field = PC_JUDGED_INTERVAL;
		else
			return pc_scn_key_fail(b, k, "'%s' must be day, interval or horizon, got '%s'", key, text);
		return 0;
	case PC_KT_PATTERNS: {
		char msg[400];

		if (pc_shifts_parse(text, field, msg, sizeof msg) != 0)
			return pc_scn_key_fail(b, k, "'%s': %s", key, msg);
		return 0;
	}
	case PC_KT_SHIFTS:
		return pc_scn_key_shifts(b, k, text, st);
	case PC_KT_ROSTER:
		return pc_scn_key_roster(b, k, text, pc_scn_key_res(k));
	case PC_KT_DISCIPLINE:
		if (strcmp(text, "fifo") == 0)
			st->discipline = PC_DISC_FIFO;
		else if (strcmp(text, "priority") == 0)
			st->discipline = PC_DISC_PRIORITY;
		else if (strcmp(text, "age") == 0)
			st->discipline = PC_DISC_AGE;
		else
			return pc_scn_key_fail(b, k, "'%s' must be fifo, priority or age, got '%s'", key, text);
		return 0;
	case PC_KT_PRIORITY:
		return pc_scn_key_priority(b, k, text, (pc_res)pc_scn_key_res(k), st);
	case PC_KT_COUNT:
		if (pc_scn_whole(text, SCENARIO_MAX_COUNT, &n) != 0)
			return pc_scn_key_fail(b, k, "'%s' must be a whole number from 0 to %d, got '%s'", key,
					       SCENARIO_MAX_COUNT, text);
		*(int *)field = (int)n;
		return 0;
	case PC_KT_SLA:
		return key_sla(b, k, text, field);
	case PC_KT_LIMIT:
		if (strcmp(text, "none") == 0) {
			sc->sla_dispute_set = 0;
			sc->sla_dispute_max = 0.0;
			return 0;
		}
		if (strncmp(text, "below", 5) != 0 || !pc_scn_blank(text[5]) ||
		    pc_scn_share(text + 5, &x) != 0 || x < 0.0 || x > 1.0)
			return pc_scn_key_fail(b, k, "'%s' must be like 'below 0.1%%' or none, got '%s'", key, text);
		sc->sla_dispute_set = 1;
		sc->sla_dispute_max = x;
		return 0;
	case PC_KT_SEED: {
		const char *p;
		char *end;
		unsigned long long v;

		for (p = text; isdigit((unsigned char)*p); p++)
			;
		errno = 0;
		v = strtoull(text, &end, 10);
		if (!*text || *p || errno == ERANGE || *end)
			return pc_scn_key_fail(b, k, "'%s' must be a whole number from 0 to %" PRIu64 ", got '%s'",
					       key, UINT64_MAX, text);
		sc->seed = (uint64_t)v;
		return 0;
	}
	case PC_KT_REPLICATIONS:
		if (pc_scn_whole(text, 10000, &n) != 0 || n < 1)
			return pc_scn_key_fail(b, k, "'%s' must be a whole number from 1 to 10000, got '%s'", key,
					       text);
		sc->replications = (int)n;
		return 0;
	}
	return 0;
}
