/* scenario_staff: the [staff.*] keys: shifts, priorities and rosters read on their own (pass 1), then roster CSVs and shift headcounts resolved against the shifts (pass 2). */
#include "scenario_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Reads "name HH:MM-HH:MM, ..." into the staff's shifts. */
int pc_scn_key_shifts(scenario_build *b, int k, const char *text, pc_staff *st)
{
	const char *key = pc_scn_keys[k].name;
	pc_shift sh[PC_MAX_SHIFTS];
	char *copy = strdup(text), *cursor = copy;
	int n = 0, i;

	if (!copy)
		return pc_scn_nomem(b);
	memset(sh, 0, sizeof sh);
	while (cursor && !b->rc) {
		char *item = pc_scn_next_item(&cursor);
		char whole[256];
		char *times, *dash, *p;
		int start, end;

		snprintf(whole, sizeof whole, "%s", item);
		if (n == PC_MAX_SHIFTS) {
			pc_scn_key_fail(b, k, "'%s' allows at most %d shifts, got '%s'", key, PC_MAX_SHIFTS,
					text);
			break;
		}
		for (times = item; *times && !pc_scn_blank(*times); times++)
			;
		if (*times)
			*times++ = '\0';
		times = pc_scn_trim(times);
		dash = strchr(times, '-');
		if (!*item || !dash) {
			pc_scn_key_fail(b, k, "'%s' expects 'name HH:MM-HH:MM', got '%s'", key, whole);
			break;
		}
		*dash = '\0';
		if (pc_scn_hhmm(pc_scn_trim(times), 0, &start) != 0 ||
		    pc_scn_hhmm(pc_scn_trim(dash + 1), 1, &end) != 0) {
			pc_scn_key_fail(b, k, "'%s' expects 'name HH:MM-HH:MM', got '%s'", key, whole);
			break;
		}
		for (p = item; *p; p++)
			if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
				break;
		if (*p || strlen(item) >= sizeof sh[0].name) {
			pc_scn_key_fail(b, k,
					"'%s' shift names are 1 to %zu of a-z, 0-9 and _, got '%s'", key,
					sizeof sh[0].name - 1, item);
			break;
		}
		for (i = 0; i < n && strcmp(sh[i].name, item) != 0; i++)
			;
		if (i < n) {
			pc_scn_key_fail(b, k, "'%s' names shift '%s' twice", key, item);
			break;
		}
		if (start == end) {
			pc_scn_key_fail(b, k, "'%s' shift '%s' starts and ends at the same time, got '%s'",
					key, item, whole);
			break;
		}
		snprintf(sh[n].name, sizeof sh[n].name, "%s", item);
		sh[n].start = start * 60;
		sh[n].end = (end < start ? end + 1440 : end) * 60;
		n++;
	}
	free(copy);
	if (b->rc)
		return b->rc;
	st->nshifts = n;
	memcpy(st->shift, sh, sizeof sh);
	return 0;
}

/* Reads the priority list of resource r. */
int pc_scn_key_priority(scenario_build *b, int k, const char *text, pc_res r, pc_staff *st)
{
	const char *key = pc_scn_keys[k].name;
	char *copy = strdup(text), *cursor = copy;
	pc_task list[PC_NTASKS];
	int n = 0, i, t;

	if (!copy)
		return pc_scn_nomem(b);
	if (!*pc_scn_trim(copy))
		cursor = NULL;
	while (cursor && !b->rc) {
		char *item = pc_scn_next_item(&cursor);

		for (t = 0; t < PC_NTASKS && strcmp(pc_scn_task_names[t], item) != 0; t++)
			;
		if (!*item)
			pc_scn_key_fail(b, k, "'%s' has an empty task name, got '%s'", key, text);
		else if (t == PC_NTASKS)
			pc_scn_key_fail(b, k, "'%s' has an unknown task '%s'", key, item);
		else if (pc_scn_task_res[t] != r)
			pc_scn_key_fail(b, k, "'%s' names '%s', a task of the %s, not of the %s", key, item,
					pc_scn_res_names[pc_scn_task_res[t]], pc_scn_res_names[r]);
		if (b->rc)
			break;
		for (i = 0; i < n && list[i] != (pc_task)t; i++)
			;
		if (i < n) {
			pc_scn_key_fail(b, k, "'%s' names '%s' twice", key, item);
			break;
		}
		list[n++] = (pc_task)t;
	}
	free(copy);
	if (b->rc)
		return b->rc;
	st->npriority = n;
	memcpy(st->priority, list, (size_t)n * sizeof list[0]);
	return 0;
}

/* Reads a roster: a headcount for every shift of every day or a CSV file,
 * then any shift headcounts that hold on every day instead ("8, night 3",
 * "rosters/a.csv, night 3"); shift names are checked once the shifts are
 * known (pc_scn_resolve_staff). */
int pc_scn_key_roster(scenario_build *b, int k, const char *text, pc_res r)
{
	const char *key = pc_scn_keys[k].name;
	pc_staff *st = &b->sc->staff[r];
	char *copy = strdup(text), *cursor = copy, *base;
	char name[sizeof st->roster_text];
	char names[PC_MAX_SHIFTS][32] = { { 0 } };
	int counts[PC_MAX_SHIFTS] = { 0 };
	const char *p;
	int numeric, n = 0, i;
	long count = 0;

	if (!copy)
		return pc_scn_nomem(b);
	base = pc_scn_next_item(&cursor);
	numeric = *base != '\0';
	for (p = base; *p; p++)
		if (!strchr("0123456789+-.eE", *p))
			numeric = 0;
	if (!*base || (numeric && pc_scn_whole(base, SCENARIO_MAX_COUNT, &count) != 0))
		pc_scn_key_fail(b, k, "'%s' must be a whole number >= 0 or a CSV file, got '%s'", key, text);
	else if (strlen(text) >= sizeof st->roster_text ||
		 (numeric ? snprintf(name, sizeof name, "%s", base) < 0
			  : pc_scn_key_file_name(b, k, base, name, sizeof name) != 0))
		pc_scn_key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
				sizeof st->roster_text - 1, text);
	while (cursor && !b->rc) {
		char *item = pc_scn_next_item(&cursor), *num = item;
		char whole[256];
		long v;

		snprintf(whole, sizeof whole, "%s", item);
		while (*num && !pc_scn_blank(*num))
			num++;
		if (*num)
			*num++ = '\0';
		num = pc_scn_trim(num);
		if (!*item || pc_scn_whole(num, SCENARIO_MAX_COUNT, &v) != 0) {
			pc_scn_key_fail(b, k, "'%s' shift headcounts must be like 'night 3', got '%s'", key, whole);
			break;
		}
		for (i = 0; i < n && strcmp(names[i], item) != 0; i++)
			;
		if (i < n) {
			pc_scn_key_fail(b, k, "'%s' names shift '%s' twice", key, item);
			break;
		}
		if (n == PC_MAX_SHIFTS || strlen(item) >= sizeof names[0]) {
			pc_scn_key_fail(b, k, "'%s' names a shift that does not exist, got '%s'", key, whole);
			break;
		}
		snprintf(names[n], sizeof names[n], "%s", item);
		counts[n++] = (int)v;
	}
	free(copy);
	if (b->rc)
		return b->rc;
	snprintf(st->roster_text, sizeof st->roster_text, "%s", name);
	st->roster_kind = numeric ? PC_ROSTER_CONSTANT : PC_ROSTER_TABLE;
	b->roster_count[r] = numeric ? count : -1;
	b->noverride[r] = n;
	memcpy(b->override_name[r], names, sizeof names);
	memcpy(b->override_count[r], counts, sizeof counts);
	return 0;
}

/* Whether the roster of res has a shift headcount for shift name. */
static int roster_has_shift(const scenario_build *b, pc_res res, const char *name)
{
	for (int i = 0; i < b->noverride[res]; i++)
		if (strcmp(b->override_name[res][i], name) == 0)
			return 1;
	return 0;
}

/* A CSV roster: the TABLE form date,shift,headcount or the CHANGES form
 * time_min|datetime,headcount|capacity. */
static int resolve_roster_file(scenario_build *b, int k, int res)
{
	pc_scenario *sc = b->sc;
	pc_staff *st = &sc->staff[res];
	int ns = st->nshifts, past = 0, s;
	size_t r, ndata;
	pc_table t;

	for (s = 0; s < ns; s++)
		if (st->shift[s].end > PC_DAY)
			past = 1;
	if (pc_scn_table(b, k, st->roster_text, &t) != 0)
		return b->rc;
	ndata = t.nrows - 1;
	if (pc_table_column(&t, "date") >= 0 || pc_table_column(&t, "shift") >= 0) {
		/* TABLE.  Day d of the table is stored while d < cap_days: a table
		 * with more days than rows / shifts + 1 misses one of them anyway
		 * (counting the shifts that need rows: not those with a shift
		 * headcount). */
		int cdate = pc_scn_column(b, &t, "date");
		int cshift = cdate < 0 ? -1 : pc_scn_column(b, &t, "shift");
		int chead = cshift < 0 ? -1 : pc_scn_column(b, &t, "headcount");
		size_t cap_days = ndata / (size_t)(ns - b->noverride[res] > 0 ? ns - b->noverride[res] : 1) + 1;
		int *tab = NULL;
		int64_t last = -1, d;

		if (chead >= 0 && ndata == 0)
			pc_scn_key_fail(b, k, "'roster' has no rows after the header in '%s'", t.path);
		if (!b->rc && !(tab = malloc(cap_days * (size_t)ns * sizeof *tab)))
			pc_scn_nomem(b);
		for (r = 0; tab && r < cap_days * (size_t)ns; r++)
			tab[r] = -1;
		for (r = 1; r < t.nrows && !b->rc; r++) {
			const char *date = t.row[r].field[cdate], *shift = t.row[r].field[cshift];
			const char *head = t.row[r].field[chead];
			int64_t day;
			long h;
			char d0[32];

			for (s = 0; s < ns && strcmp(st->shift[s].name, shift) != 0; s++)
				;
			pc_date_format(sc->day0, d0, sizeof d0);
			if (pc_date_parse(date, &day) != 0) {
				pc_scn_csv_fail(b, &t, r, "'date' must be a date YYYY-MM-DD, got '%s'", date);
			} else if (day < sc->day0) {
				pc_scn_csv_fail(b, &t, r, "date '%s' is before sales_start %s", date, d0);
			} else if (s == ns) {
				char list[PC_MAX_SHIFTS * 34] = "", hint[64];
				int i;

				for (i = 0; i < ns; i++) {
					strcat(list, i ? ", " : "");
					strcat(list, st->shift[i].name);
				}
				pc_scn_csv_fail(b, &t, r, "unknown shift '%s'%s, the %s's shifts are %s", shift,
						pc_scn_shift_hint(st, shift, hint, sizeof hint), pc_scn_res_names[res], list);
			} else if (pc_scn_whole(head, SCENARIO_MAX_COUNT, &h) != 0) {
				pc_scn_csv_fail(b, &t, r, "'headcount' must be a whole number from 0 to %d, got '%s'",
						SCENARIO_MAX_COUNT, head);
			} else {
				d = day - sc->day0;
				if (d > last)
					last = d;
				if ((size_t)d < cap_days) {
					if (tab[d * ns + s] >= 0)
						pc_scn_csv_fail(b, &t, r, "date '%s' shift '%s' given twice", date,
								shift);
					tab[d * ns + s] = (int)h;
				}
			}
		}
		/* A shift with a shift headcount ("roster = a.csv, night 3")
		 * needs no rows. */
		for (d = 0; !b->rc && d <= last && (size_t)d < cap_days; d++) {
			for (s = 0; s < ns && !b->rc; s++) {
				if (tab[d * ns + s] < 0 && !roster_has_shift(b, res, st->shift[s].name)) {
					char date[32];

					pc_date_format(sc->day0 + d, date, sizeof date);
					pc_scn_key_fail(b, k, "'roster' has no row for date '%s' shift '%s' in '%s'",
							date, st->shift[s].name, t.path);
				}
			}
		}
		if (!b->rc && last >= 0 && last + 1 < (int64_t)ceil(sc->horizon / PC_DAY - 1e-9)) {
			char d1[32], d2[32];
			int64_t hdays = (int64_t)ceil(sc->horizon / PC_DAY - 1e-9);

			pc_date_format(sc->day0 + last, d1, sizeof d1);
			pc_date_format(sc->day0 + hdays - 1, d2, sizeof d2);
			pc_scn_key_warn(b, k, "'roster' '%s' ends on %s, before the run's last day %s: its last day's headcounts are used for the %lld days after it (add rows to plan them)",
					t.path, d1, d2, (long long)(hdays - 1 - last));
		}
		if (!b->rc) {
			st->ndays = (int)ceil(sc->horizon / PC_DAY) + past;
			st->headcount = malloc((size_t)st->ndays * (size_t)ns * sizeof *st->headcount);
			if (!st->headcount)
				pc_scn_nomem(b);
			for (d = 0; st->headcount && d < st->ndays; d++)
				for (s = 0; s < ns; s++)
					st->headcount[d * ns + s] = tab[(d < last ? d : last) * ns + s];
			st->roster_kind = PC_ROSTER_TABLE;
		}
		free(tab);
	} else if (pc_table_column(&t, "time_min") >= 0 || pc_table_column(&t, "datetime") >= 0) {
		/* CHANGES. */
		int bymin = pc_table_column(&t, "time_min") >= 0;
		int ctime = pc_table_column(&t, bymin ? "time_min" : "datetime");
		const char *hname = pc_table_column(&t, "headcount") >= 0 ? "headcount" : "capacity";
		int chead = pc_table_column(&t, hname);

		if (chead < 0)
			pc_scn_csv_fail(b, &t, 0, "missing column 'headcount'");
		else if (ndata == 0)
			pc_scn_key_fail(b, k, "'roster' has no rows after the header in '%s'", t.path);
		if (!b->rc) {
			st->change_t = malloc(ndata * sizeof *st->change_t);
			st->change_cap = malloc(ndata * sizeof *st->change_cap);
			if (!st->change_t || !st->change_cap)
				pc_scn_nomem(b);
			else
				st->nchanges = (int)ndata;
			st->roster_kind = PC_ROSTER_CHANGES;
		}
		for (r = 1; r < t.nrows && !b->rc; r++) {
			const char *at = t.row[r].field[ctime], *head = t.row[r].field[chead];
			double x;
			long h;
			scenario_when w;

			if (bymin && (pc_scn_number(at, &x) != 0 || x < 0.0)) {
				pc_scn_csv_fail(b, &t, r, "'time_min' must be a number >= 0, got '%s'", at);
				break;
			}
			if (bymin) {
				x *= 60.0;
			} else if (pc_scn_datetime(at, &w) != 0 ||
				   (x = pc_scn_when_seconds(&w, sc->day0, 0)) < 0.0) {
				pc_scn_csv_fail(b, &t, r,
						"'datetime' must be a datetime YYYY-MM-DD HH:MM from sales_start on, got '%s'",
						at);
				break;
			}
			if (r == 1 && x != 0.0) {
				pc_scn_csv_fail(b, &t, r, "the first change must be at time 0, got '%s'", at);
				break;
			}
			if (r > 1 && x <= st->change_t[r - 2]) {
				pc_scn_csv_fail(b, &t, r, "times must be strictly ascending, got '%s' after '%s'",
						at, t.row[r - 1].field[ctime]);
				break;
			}
			if (pc_scn_whole(head, SCENARIO_MAX_COUNT, &h) != 0) {
				pc_scn_csv_fail(b, &t, r, "'%s' must be a whole number from 0 to %d, got '%s'", hname,
						SCENARIO_MAX_COUNT, head);
				break;
			}
			st->change_t[r - 1] = x;
			st->change_cap[r - 1] = (int)h;
		}
	} else {
		pc_scn_csv_fail(b, &t, 0,
				"missing column 'date' (a roster has columns date,shift,headcount or time_min,headcount)");
	}
	pc_table_release(&t);
	return b->rc;
}

/* The shift headcounts of a roster ("8, night 3"): shift s gets its
 * headcount on every day, over the constant or the CSV roster. */
static int resolve_shift_headcounts(scenario_build *b, int k, pc_res res)
{
	pc_staff *st = &b->sc->staff[res];
	int i, s, d;

	for (s = 0; s < PC_MAX_SHIFTS; s++)
		st->shift_headcount[s] = -1;
	if (b->noverride[res] > 0 && st->roster_kind == PC_ROSTER_CHANGES)
		return pc_scn_key_fail(b, k,
				       "'roster' shift headcounts need a roster by shift, but '%s' gives capacity change points",
				       st->roster_text);
	for (i = 0; i < b->noverride[res]; i++) {
		const char *name = b->override_name[res][i];
		char list[PC_MAX_SHIFTS * 34] = "", hint[64];

		for (s = 0; s < st->nshifts && strcmp(st->shift[s].name, name) != 0; s++)
			;
		if (s == st->nshifts) {
			for (s = 0; s < st->nshifts; s++) {
				pc_scn_append(list, sizeof list, s ? ", " : "");
				pc_scn_append(list, sizeof list, st->shift[s].name);
			}
			return pc_scn_key_fail(b, k, "'roster' names shift '%s'%s, but the %s's shifts are %s", name,
					       pc_scn_shift_hint(st, name, hint, sizeof hint), pc_scn_res_names[res], list);
		}
		st->shift_headcount[s] = b->override_count[res][i];
		for (d = 0; d < st->ndays; d++)
			st->headcount[(size_t)d * (size_t)st->nshifts + (size_t)s] = st->shift_headcount[s];
	}
	return 0;
}

/* One staff (a resource, or the pre-sale-only agents, who have no planning
 * limits and one fifo queue): queue classes, planning limits, roster. */
int pc_scn_resolve_staff(scenario_build *b, int res)
{
	static const int keys_of[PC_NSTAFF][3] = {
		{ PC_KEY_AGENT_MIN, PC_KEY_AGENT_MAX, PC_KEY_AGENT_ROSTER },
		{ PC_KEY_SUPERVISOR_MIN, PC_KEY_SUPERVISOR_MAX, PC_KEY_SUPERVISOR_ROSTER },
		{ PC_KEY_INSPECTOR_MIN, PC_KEY_INSPECTOR_MAX, PC_KEY_INSPECTOR_ROSTER },
		{ -1, -1, PC_KEY_PRESALE_ROSTER },
		{ -1, -1, PC_KEY_RECEPTION_ROSTER },
	};
	pc_scenario *sc = b->sc;
	pc_staff *st = &sc->staff[res];
	int kmin = keys_of[res][0], kmax = keys_of[res][1], kroster = keys_of[res][2];
	int t, i, unlisted = 0;

	/* fifo: one class.  priority: listed task i is class i, the resource's
	 * unlisted tasks share the class after them.  Other resources' tasks
	 * are left in class 0; this resource never sees them. */
	for (t = 0; t < PC_NTASKS; t++)
		st->priority_class[t] = 0;
	st->nclasses = 1;
	if (st->discipline == PC_DISC_PRIORITY) {
		for (t = 0; t < PC_NTASKS; t++) {
			if ((int)pc_scn_task_res[t] != res)
				continue;
			for (i = 0; i < st->npriority && st->priority[i] != (pc_task)t; i++)
				;
			st->priority_class[t] = i;
			if (i == st->npriority)
				unlisted = 1;
		}
		st->nclasses = st->npriority + unlisted;
	}
	if (kmin >= 0 && st->max_per_shift < st->min_per_shift) {
		if (b->given->text[kmax])
			return pc_scn_key_fail(b, kmax,
					       "'max_per_shift' must be a whole number >= min_per_shift %d, got '%s'",
					       st->min_per_shift, b->given->text[kmax]);
		return pc_scn_key_fail(b, kmin, "'min_per_shift' must not be above max_per_shift %d, got '%s'",
				       st->max_per_shift, b->given->text[kmin]);
	}
	if (b->roster_count[res] >= 0) {
		int past = 0, s;
		size_t j, n;

		for (s = 0; s < st->nshifts; s++)
			if (st->shift[s].end > PC_DAY)
				past = 1;
		st->roster_kind = PC_ROSTER_CONSTANT;
		st->ndays = (int)ceil(sc->horizon / PC_DAY) + past;
		n = (size_t)st->ndays * (size_t)st->nshifts;
		st->headcount = malloc(n * sizeof *st->headcount);
		if (!st->headcount)
			return pc_scn_nomem(b);
		for (j = 0; j < n; j++)
			st->headcount[j] = (int)b->roster_count[res];
	} else if (resolve_roster_file(b, kroster, res) != 0) {
		return b->rc;
	}
	return resolve_shift_headcounts(b, kroster, res);
}
