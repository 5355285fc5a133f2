/* scenario_tables: pass 2, the CSV tables scenario keys name (daily and hourly shares, refund rates by day, request hours, the arrival curve), read with table and checked row by row. */
#include "scenario_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV tables named by keys (pass 2) -------------------------------- */

/* Reads the CSV named by key k. */
int pc_scn_table(scenario_build *b, int k, const char *name, pc_table *t)
{
	char path[1024];
	int rc;

	if (pc_scn_join(b->sc->dir, name, path, sizeof path) != 0)
		return pc_scn_key_fail(b, k, "'%s' names a file whose path is too long, got '%s'",
				       pc_scn_keys[k].name, name);
	rc = pc_table_read(t, path, pc_scn_key_file(b, k), b->given->line[k], &b->err);
	if (!rc)
		b->sc->table_bytes += t->bytes;
	if (rc && !b->rc)
		b->rc = rc;
	return rc;
}

/* Index of column name, or reports it missing at the header. */
int pc_scn_column(scenario_build *b, const pc_table *t, const char *name)
{
	int c = pc_table_column(t, name);

	if (c < 0)
		pc_scn_csv_fail(b, t, 0, "missing column '%s'", name);
	return c;
}

/* A CSV date,COLUMN giving every sales day one share (key k, file text):
 * into out[sales_days].  Every day once, each a share from 0% to 100%;
 * errors at the CSV's row or the key's line. */
static int read_day_table(scenario_build *b, int k, const char *text, const char *column, double *out)
{
	pc_scenario *sc = b->sc;
	int n = sc->sales_days, cdate, cval;
	pc_table t;
	char *seen;
	size_t r;

	if (pc_scn_table(b, k, text, &t) != 0)
		return b->rc;
	if (!(seen = calloc((size_t)n, 1))) {
		pc_table_release(&t);
		return pc_scn_nomem(b);
	}
	cdate = pc_scn_column(b, &t, "date");
	cval = cdate < 0 ? -1 : pc_scn_column(b, &t, column);
	for (r = 1; cval >= 0 && r < t.nrows && !b->rc; r++) {
		const char *date = t.row[r].field[cdate], *val = t.row[r].field[cval];
		int64_t day;
		double x;

		if (pc_date_parse(date, &day) != 0) {
			pc_scn_csv_fail(b, &t, r, "'date' must be a date YYYY-MM-DD, got '%s'", date);
		} else if (day < sc->day0 || day >= sc->day0 + n) {
			char a[32], z[32];

			pc_date_format(sc->day0, a, sizeof a);
			pc_date_format(sc->day0 + n - 1, z, sizeof z);
			pc_scn_csv_fail(b, &t, r, "date '%s' is outside the sales days %s to %s", date, a, z);
		} else if (seen[day - sc->day0]) {
			pc_scn_csv_fail(b, &t, r, "date '%s' given twice", date);
		} else if (pc_scn_share(val, &x) != 0 || x < 0.0 || x > 1.0) {
			pc_scn_csv_fail(b, &t, r, "'%s' must be a share from 0%% to 100%%, got '%s'", column, val);
		} else {
			seen[day - sc->day0] = 1;
			out[day - sc->day0] = x;
		}
	}
	for (int i = 0; i < n && !b->rc; i++) {
		if (!seen[i]) {
			char d[32];

			pc_date_format(sc->day0 + i, d, sizeof d);
			pc_scn_key_fail(b, k, "'%s' has no row for sales day '%s'", pc_scn_keys[k].name, d);
		}
	}
	free(seen);
	pc_table_release(&t);
	return b->rc;
}

/* daily_share: uniform, or a CSV date,share over the sales days. */
int pc_scn_resolve_daily(scenario_build *b)
{
	const int k = PC_KEY_DAILY_SHARE;
	pc_scenario *sc = b->sc;
	int n = sc->sales_days, i;
	double sum = 0.0;

	sc->daily_share = calloc((size_t)n, sizeof *sc->daily_share);
	if (!sc->daily_share)
		return pc_scn_nomem(b);
	if (strcmp(sc->daily_share_text, "uniform") == 0) {
		for (i = 0; i < n; i++)
			sc->daily_share[i] = 1.0 / n;
		return 0;
	}
	if (read_day_table(b, k, sc->daily_share_text, "share", sc->daily_share))
		return b->rc;
	for (i = 0; i < n; i++)
		sum += sc->daily_share[i];
	if (fabs(sum - 1.0) > SCENARIO_SUM_TOL)
		return pc_scn_key_fail(b, k, "'daily_share' shares sum to %g%%, not 100%%", sum * 100.0);
	for (i = 0; i < n; i++)
		sc->daily_share[i] /= sum;
	return 0;
}

/* An hour profile (key k, as written in text): uniform, or a CSV
 * hour,share over hours 0 .. 23, into out[24]. */
static int resolve_hour_table(scenario_build *b, int k, const char *text, double *out)
{
	const char *key = pc_scn_keys[k].name;
	int seen[24] = { 0 };
	double sum = 0.0;
	pc_table t;
	int chour, cshare, h;
	size_t r;

	if (strcmp(text, "uniform") == 0) {
		for (h = 0; h < 24; h++)
			out[h] = 1.0 / 24.0;
		return 0;
	}
	if (pc_scn_table(b, k, text, &t) != 0)
		return b->rc;
	chour = pc_scn_column(b, &t, "hour");
	cshare = chour < 0 ? -1 : pc_scn_column(b, &t, "share");
	for (r = 1; cshare >= 0 && r < t.nrows && !b->rc; r++) {
		const char *hour = t.row[r].field[chour], *share = t.row[r].field[cshare];
		long v;
		double x;

		if (pc_scn_whole(hour, 23, &v) != 0)
			pc_scn_csv_fail(b, &t, r, "'hour' must be a whole number from 0 to 23, got '%s'", hour);
		else if (seen[v])
			pc_scn_csv_fail(b, &t, r, "hour '%s' given twice", hour);
		else if (pc_scn_share(share, &x) != 0 || x < 0.0 || x > 1.0)
			pc_scn_csv_fail(b, &t, r, "'share' must be a share from 0%% to 100%%, got '%s'", share);
		else {
			seen[v] = 1;
			out[v] = x;
			sum += x;
		}
	}
	pc_table_release(&t);
	for (h = 0; h < 24 && !b->rc; h++)
		if (!seen[h])
			pc_scn_key_fail(b, k, "'%s' has no row for hour '%d'", key, h);
	if (!b->rc && fabs(sum - 1.0) > SCENARIO_SUM_TOL)
		pc_scn_key_fail(b, k, "'%s' shares sum to %g%%, not 100%%", key, sum * 100.0);
	for (h = 0; h < 24 && !b->rc; h++)
		out[h] /= sum;
	return b->rc;
}

/* rate as a CSV date,rate: every sales day its rate; refund_rate becomes
 * the orders' mean rate, sum of daily_share x rate, so that R = G r / A
 * still counts the refunds. */
int pc_scn_resolve_rate(scenario_build *b)
{
	pc_scenario *sc = b->sc;

	free(sc->rate_by_day);
	sc->rate_by_day = NULL;
	if (!sc->rate_text[0])
		return 0;
	if (!(sc->rate_by_day = calloc((size_t)sc->sales_days, sizeof *sc->rate_by_day)))
		return pc_scn_nomem(b);
	if (read_day_table(b, PC_KEY_RATE, sc->rate_text, "rate", sc->rate_by_day))
		return b->rc;
	sc->refund_rate = 0;
	for (int i = 0; i < sc->sales_days; i++)
		sc->refund_rate += sc->daily_share[i] * sc->rate_by_day[i];
	return 0;
}

/* hourly_share: the orders' hours. */
int pc_scn_resolve_hourly(scenario_build *b)
{
	pc_scenario *sc = b->sc;

	return resolve_hour_table(b, PC_KEY_HOURLY_SHARE, sc->hourly_share_text, sc->hourly_share);
}

/* request_hours: buyers (the built-in profile), uniform, none, or a CSV. */
int pc_scn_resolve_request_hours(scenario_build *b)
{
	pc_scenario *sc = b->sc;
	const char *text = sc->request_hours_text;
	double sum = 0;

	sc->request_hours_on = strcmp(text, "none") != 0;
	if (!sc->request_hours_on) {
		memset(sc->request_hours, 0, sizeof sc->request_hours);
		return 0;
	}
	if (strcmp(text, "buyers") != 0)
		return resolve_hour_table(b, PC_KEY_REQUEST_HOURS, text, sc->request_hours);
	for (int h = 0; h < 24; h++)
		sum += pc_scn_buyer_hours[h];
	for (int h = 0; h < 24; h++)
		sc->request_hours[h] = pc_scn_buyer_hours[h] / sum;
	return 0;
}

/* Finds the first of several alternative columns; reports them all missing. */
static int scenario_column_of(scenario_build *b, const pc_table *t, const char *const *names,
			      int *which)
{
	int i, c;

	for (i = 0; i < 3; i++) {
		c = pc_table_column(t, names[i]);
		if (c >= 0) {
			*which = i;
			return c;
		}
	}
	pc_scn_csv_fail(b, t, 0, "missing column '%s' (or '%s', '%s')", names[0], names[1], names[2]);
	return -1;
}

/* arrival_curve: none, or a CSV of piecewise-constant refund request rates. */
int pc_scn_resolve_curve(scenario_build *b)
{
	static const char *const starts[3] = { "start_min", "start_h", "datetime" };
	static const char *const values[3] = { "rate_per_min", "rate_per_h", "share" };
	const int k = PC_KEY_ARRIVAL_CURVE;
	pc_scenario *sc = b->sc;
	pc_curve *cv = &sc->arrival_curve;
	int cstart, cvalue, ws = 0, wv = 0;
	size_t r, n;
	double sum = 0.0;
	pc_table t;

	if (strcmp(sc->arrival_curve_text, "none") == 0)
		return 0;
	if (pc_scn_table(b, k, sc->arrival_curve_text, &t) != 0)
		return b->rc;
	cstart = scenario_column_of(b, &t, starts, &ws);
	cvalue = cstart < 0 ? -1 : scenario_column_of(b, &t, values, &wv);
	n = t.nrows - 1;
	if (cvalue >= 0 && n < 2)
		pc_scn_key_fail(b, k, "'arrival_curve' needs at least 2 rows, got %zu", n);
	if (!b->rc) {
		cv->t = calloc(n, sizeof *cv->t);
		cv->rate = calloc(n, sizeof *cv->rate);
		if (!cv->t || !cv->rate)
			pc_scn_nomem(b);
		else
			cv->n = (int)n;
	}
	for (r = 1; r < t.nrows && !b->rc; r++) {
		const char *start = t.row[r].field[cstart], *value = t.row[r].field[cvalue];
		double s, x = 0.0;
		scenario_when w;

		if (ws < 2 && (pc_scn_number(start, &s) != 0 || s < 0.0)) {
			pc_scn_csv_fail(b, &t, r, "'%s' must be a number >= 0, got '%s'", starts[ws], start);
			break;
		}
		if (ws < 2) {
			s *= ws == 0 ? 60.0 : PC_HOUR;
		} else if (pc_scn_datetime(start, &w) != 0) {
			pc_scn_csv_fail(b, &t, r,
					"'datetime' must be a date YYYY-MM-DD or a datetime YYYY-MM-DD HH:MM, got '%s'",
					start);
			break;
		} else if ((s = pc_scn_when_seconds(&w, sc->day0, 0)) < 0.0) {
			char d[32];

			pc_date_format(sc->day0, d, sizeof d);
			pc_scn_csv_fail(b, &t, r, "'datetime' must not be before sales_start %s, got '%s'", d,
					start);
			break;
		}
		if (r > 1 && s <= cv->t[r - 2]) {
			pc_scn_csv_fail(b, &t, r, "starts must be strictly ascending, got '%s' after '%s'", start,
					t.row[r - 1].field[cstart]);
			break;
		}
		if (wv < 2 && (pc_scn_number(value, &x) != 0 || x < 0.0)) {
			pc_scn_csv_fail(b, &t, r, "'%s' must be a number >= 0, got '%s'", values[wv], value);
			break;
		}
		if (wv == 2 && (pc_scn_share(value, &x) != 0 || x < 0.0 || x > 1.0)) {
			pc_scn_csv_fail(b, &t, r, "'share' must be a share from 0%% to 100%%, got '%s'", value);
			break;
		}
		cv->t[r - 1] = s;
		cv->rate[r - 1] = wv == 0 ? x / 60.0 : wv == 1 ? x / PC_HOUR : x;
		sum += x;
	}
	pc_table_release(&t);
	if (b->rc)
		return b->rc;
	if (wv == 2 && fabs(sum - 1.0) > SCENARIO_SUM_TOL)
		return pc_scn_key_fail(b, k, "'arrival_curve' shares sum to %g%%, not 100%%", sum * 100.0);
	cv->end = cv->t[n - 1] + (cv->t[n - 1] - cv->t[n - 2]);
	if (wv == 2) {
		/* Shares of R = G * r / A spread evenly over each segment. */
		double refunds = sc->gmv * sc->refund_rate / sc->aov;

		for (r = 0; r < n; r++) {
			double len = (r + 1 < n ? cv->t[r + 1] : cv->end) - cv->t[r];

			cv->rate[r] = cv->rate[r] / sum * refunds / len;
		}
	}
	sc->has_arrival_curve = 1;
	return 0;
}
