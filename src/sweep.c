/* sweep: --vary axes (keys, aliases, shift headcounts; ranges and lists in the
 * key's syntax), the grid of their combinations run as an experiment, and its
 * tables: sweep.csv, whatif.csv for plots/sweep.gp, and the summary. */
#include "promocap/sweep.h"
#include "promocap/memory.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csvrow.h"
#include "promocap/verdict.h"

/* Points built and run at a time: their scenarios are alive together. */
#define SWEEP_CHUNK 128

/* Names a manager types for keys (README, --vary). */
static const struct sweep_alias {
	const char *alias, *section, *key;
} sweep_aliases[] = {
	{ "refund_rate", "refunds", "rate" },
	{ "agents", "staff.agent", "roster" },
	{ "supervisors", "staff.supervisor", "roster" },
	{ "inspectors", "staff.inspector", "roster" },
	{ "response_timeout", "platform", "seller_response_timeout" },
};

const char *pc_sweep_alias(int i)
{
	if (i < 0 || (size_t)i >= sizeof sweep_aliases / sizeof sweep_aliases[0])
		return NULL;
	return sweep_aliases[i].alias;
}

/* agents.SHIFT, supervisors.SHIFT, inspectors.SHIFT, by resource. */
static const char *const sweep_staff[PC_NRES] = { "agents", "supervisors", "inspectors" };

/* Records "--vary 'SPEC': message" (the first error wins). */
static int sweep_fail(pc_error *err, int rc, const char *spec, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int sweep_fail(pc_error *err, int rc, const char *spec, const char *fmt, ...)
{
	char msg[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	pc_error_set(err, NULL, 0, "--vary '%s': %s", spec, msg);
	return rc;
}

/* The message of a scenario error about a value set on base: the value has
 * no line, so the scenario's file is left out; an error inside a CSV file
 * keeps its file and line. */
static const char *sweep_reason(const pc_error *e, const pc_scenario *base, char *buf, size_t n)
{
	if (e->line == 0 && (!e->file[0] || strcmp(e->file, base->file) == 0))
		snprintf(buf, n, "%s", e->msg);
	else
		pc_error_format(e, buf, n);
	return buf;
}

static char *sweep_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* ---- keys ---------------------------------------------------------------- */

/* Finds section.key in the key table. */
static int sweep_key(const char *section, const char *key, pc_key_info *info)
{
	for (int i = 0; pc_scenario_key_info(i, info) == 0; i++)
		if (strcmp(info->section, section) == 0 && strcmp(info->name, key) == 0)
			return 0;
	return -1;
}

static int sweep_section_known(const char *section)
{
	pc_key_info info;

	for (int i = 0; pc_scenario_key_info(i, &info) == 0; i++)
		if (strcmp(info.section, section) == 0)
			return 1;
	return 0;
}

/* Resolves the KEY of --vary into axis (name, section, key, shift, res,
 * syntax). */
static int sweep_resolve(pc_sweep_axis *axis, const char *name, const char *spec, pc_error *err)
{
	pc_key_info info;
	const char *dot = strrchr(name, '.');
	char section[64];
	size_t i;

	for (i = 0; i < sizeof sweep_aliases / sizeof sweep_aliases[0]; i++)
		if (strcmp(name, sweep_aliases[i].alias) == 0) {
			sweep_key(sweep_aliases[i].section, sweep_aliases[i].key, &info);
			goto found;
		}
	if (!dot) {
		/* A key alone: only one section may have it. */
		char sections[512] = "";
		int count = 0;
		pc_key_info it;

		for (int k = 0; pc_scenario_key_info(k, &it) == 0; k++) {
			if (strcmp(it.name, name) != 0)
				continue;
			if (count++)
				strncat(sections, ", ", sizeof sections - strlen(sections) - 1);
			strncat(sections, it.section, sizeof sections - strlen(sections) - 1);
			info = it;
		}
		if (count == 1)
			goto found;
		if (count > 1)
			return sweep_fail(err, PC_EINPUT, spec,
					  "key '%s' is in several sections (%s): write SECTION.%s", name,
					  sections, name);
		return sweep_fail(err, PC_EINPUT, spec, "unknown key '%s' (see promocap check --keys)",
				  name);
	}
	if ((size_t)(dot - name) >= sizeof section)
		return sweep_fail(err, PC_EINPUT, spec, "unknown key '%s' (see promocap check --keys)", name);
	snprintf(section, sizeof section, "%.*s", (int)(dot - name), name);
	if (sweep_key(section, dot + 1, &info) == 0)
		goto found;
	for (int r = 0; r < PC_NRES; r++)
		if (strcmp(section, sweep_staff[r]) == 0) {
			/* agents.SHIFT: the shift is checked with the values. */
			if (!dot[1] || strlen(dot + 1) >= sizeof axis->key)
				return sweep_fail(err, PC_EINPUT, spec, "'%s' needs a shift name, got '%s'",
						  section, name);
			snprintf(axis->name, sizeof axis->name, "%s", name);
			snprintf(axis->section, sizeof axis->section, "staff.%s", pc_res_name((pc_res)r));
			snprintf(axis->key, sizeof axis->key, "%s", dot + 1);
			axis->shift = 1;
			axis->res = (pc_res)r;
			axis->syntax = PC_SYNTAX_WHOLE;
			return 0;
		}
	if (sweep_section_known(section))
		return sweep_fail(err, PC_EINPUT, spec, "unknown key '%s' in section '[%s]'", dot + 1,
				  section);
	return sweep_fail(err, PC_EINPUT, spec, "unknown key '%s' (see promocap check --keys)", name);
found:
	snprintf(axis->name, sizeof axis->name, "%s.%s", info.section, info.name);
	snprintf(axis->section, sizeof axis->section, "%s", info.section);
	snprintf(axis->key, sizeof axis->key, "%s", info.name);
	axis->shift = 0;
	axis->syntax = info.syntax;
	return 0;
}

/* ---- values ---------------------------------------------------------------- */

/* Reads text as a value of syntax into *x (shares as fractions, durations in
 * seconds); *unit is the duration's unit in seconds and unit_name its
 * name.  Returns 0 or -1. */
static int sweep_number(const char *text, pc_key_syntax syntax, double *x, double *unit,
			char *unit_name, size_t n)
{
	char *end;
	double v;

	*unit = 1;
	if (unit_name && n)
		unit_name[0] = '\0';
	if (syntax == PC_SYNTAX_DURATION) {
		static const struct { const char *name; double s; } units[] = {
			{ "s", 1 }, { "min", 60 }, { "h", 3600 }, { "d", 86400 }
		};
		const char *u;

		if (pc_dist_parse_duration(text, &v) != 0)
			return -1;
		errno = 0;
		strtod(text, &end);
		for (u = end; *u == ' ' || *u == '\t'; u++)
			;
		for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
			if (strncmp(u, units[i].name, strlen(units[i].name)) == 0 &&
			    (u[strlen(units[i].name)] == '\0' || u[strlen(units[i].name)] == ' ')) {
				*unit = units[i].s;
				if (unit_name && n)
					snprintf(unit_name, n, "%s", units[i].name);
			}
		*x = v;
		return 0;
	}
	if (syntax == PC_SYNTAX_OTHER || !*text)
		return -1;
	errno = 0;
	v = strtod(text, &end);
	if (end == text || errno || !isfinite(v))
		return -1;
	while (*end == ' ' || *end == '\t')
		end++;
	if (syntax == PC_SYNTAX_SHARE && *end == '%') {
		v /= 100;
		end++;
	}
	if (*end)
		return -1;
	if (syntax == PC_SYNTAX_WHOLE && (v != floor(v) || fabs(v) > 1e15))
		return -1;
	/* Hex and inf are not numbers in a scenario. */
	if (strpbrk(text, "xXiInN"))
		return -1;
	*x = v;
	return 0;
}

/* Writes v of syntax in the key's own syntax; durations in unit. */
static void sweep_format(double v, pc_key_syntax syntax, double unit, const char *unit_name,
			 char *buf, size_t n)
{
	switch (syntax) {
	case PC_SYNTAX_WHOLE:
		snprintf(buf, n, "%lld", (long long)llround(v));
		break;
	case PC_SYNTAX_SHARE:
		snprintf(buf, n, "%.10g%%", v * 100 == 0 ? 0 : v * 100);
		break;
	case PC_SYNTAX_DURATION:
		snprintf(buf, n, "%.10g%s", v / unit == 0 ? 0 : v / unit, unit_name);
		break;
	default:
		snprintf(buf, n, "%.10g", v == 0 ? 0 : v);
		break;
	}
}

static const char *syntax_word(pc_key_syntax s)
{
	switch (s) {
	case PC_SYNTAX_WHOLE:
		return "a whole number";
	case PC_SYNTAX_SHARE:
		return "a share such as 5%";
	case PC_SYNTAX_DURATION:
		return "a duration such as 30min";
	default:
		return "a number";
	}
}

/* Appends a copy of text to axis->values. */
static int sweep_add(pc_sweep_axis *axis, const char *text)
{
	char **grown;

	if (axis->nvalues >= PC_SWEEP_MAX_VALUES)
		return PC_EINPUT;
	grown = realloc(axis->values, (size_t)(axis->nvalues + 1) * sizeof *grown);
	if (!grown)
		return PC_ENOMEM;
	axis->values = grown;
	if (!(axis->values[axis->nvalues] = strdup(text)))
		return PC_ENOMEM;
	axis->nvalues++;
	return 0;
}

/* FROM:TO:STEP in the key's syntax. */
static int sweep_range(pc_sweep_axis *axis, char *range, const char *spec, pc_error *err)
{
	char *part[3], *p = range, unit_name[8], whole[512];
	double v[3], unit[3];
	long long count;
	int i, rc;

	snprintf(whole, sizeof whole, "%s", range);
	for (i = 0; i < 3; i++) {
		char *colon = strchr(p, ':');

		if ((i < 2) != (colon != NULL))
			return sweep_fail(err, PC_EINPUT, spec, "a range is FROM:TO:STEP, got '%s'", whole);
		if (colon)
			*colon = '\0';
		part[i] = sweep_trim(p);
		p = colon ? colon + 1 : NULL;
	}
	for (i = 0; i < 3; i++)
		if (sweep_number(part[i], axis->syntax, &v[i], &unit[i], i == 0 ? unit_name : NULL,
				 sizeof unit_name) != 0)
			return sweep_fail(err, PC_EINPUT, spec, "'%s' takes %s, got '%s'", axis->name,
					  syntax_word(axis->syntax), part[i]);
	if (!(v[2] > 0))
		return sweep_fail(err, PC_EINPUT, spec, "the step must be above 0, got '%s'", part[2]);
	if (v[0] > v[1])
		return sweep_fail(err, PC_EINPUT, spec, "FROM must not be above TO, got '%s' to '%s'",
				  part[0], part[1]);
	/* The values FROM + i STEP, never accumulated (no drift), up to TO. */
	count = (long long)floor((v[1] - v[0]) / v[2] + 1e-9) + 1;
	if (count > PC_SWEEP_MAX_VALUES)
		return sweep_fail(err, PC_EINPUT, spec, "the range has %lld values, at most %d", count,
				  PC_SWEEP_MAX_VALUES);
	for (i = 0; i < count; i++) {
		char text[64];

		sweep_format(v[0] + i * v[2], axis->syntax, unit[0], unit_name, text, sizeof text);
		if ((rc = sweep_add(axis, text)) != 0)
			return sweep_fail(err, rc, spec, "out of memory");
	}
	return 0;
}

/* A list: values separated by ';' if there is one, else by commas outside
 * parentheses. */
static int sweep_list(pc_sweep_axis *axis, char *list, const char *spec, pc_error *err)
{
	int semi = strchr(list, ';') != NULL, depth = 0, rc;
	char *start = list, *p;

	for (p = list;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		if (*p && !(semi ? *p == ';' : *p == ',' && depth == 0))
			continue;
		{
			char end = *p, *item;

			*p = '\0';
			item = sweep_trim(start);
			/* A ';' may end the list. */
			if (!*item && !(semi && end == '\0' && axis->nvalues > 0))
				return sweep_fail(err, PC_EINPUT, spec, "the list has an empty value");
			if (*item && (rc = sweep_add(axis, item)) != 0)
				return sweep_fail(err, rc, spec, rc == PC_EINPUT ? "the list has more than %d values"
										  : "out of memory",
						  PC_SWEEP_MAX_VALUES);
			if (!end)
				break;
			start = p + 1;
		}
	}
	for (int i = 0; i < axis->nvalues; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(axis->values[i], axis->values[j]) == 0)
				return sweep_fail(err, PC_EINPUT, spec, "the list has '%s' twice",
						  axis->values[i]);
	return 0;
}

/* x for charts: the values as numbers, or their positions. */
static int sweep_positions(pc_sweep_axis *axis)
{
	double unit = 1, u;
	int numbers = axis->syntax != PC_SYNTAX_OTHER;

	axis->x = calloc((size_t)axis->nvalues, sizeof *axis->x);
	if (!axis->x)
		return PC_ENOMEM;
	axis->x_unit[0] = '\0';
	for (int i = 0; numbers && i < axis->nvalues; i++) {
		char name[8];

		if (sweep_number(axis->values[i], axis->syntax, &axis->x[i], &u, name, sizeof name) != 0) {
			numbers = 0;
		} else if (i == 0 && axis->syntax == PC_SYNTAX_DURATION) {
			unit = u;
			snprintf(axis->x_unit, sizeof axis->x_unit, "%s", name);
		}
	}
	for (int i = 0; i < axis->nvalues; i++) {
		if (!numbers)
			axis->x[i] = i + 1;
		else if (axis->syntax == PC_SYNTAX_SHARE)
			axis->x[i] *= 100;
		else if (axis->syntax == PC_SYNTAX_DURATION)
			axis->x[i] /= unit;
	}
	if (!numbers)
		axis->x_unit[0] = '\0';
	else if (axis->syntax == PC_SYNTAX_SHARE)
		snprintf(axis->x_unit, sizeof axis->x_unit, "pct");
	return 0;
}

int pc_sweep_axis_apply(const pc_sweep_axis *axis, int i, pc_scenario *sc, pc_error *err)
{
	if (axis->shift) {
		char *end;
		long v;

		errno = 0;
		v = strtol(axis->values[i], &end, 10);
		if (end == axis->values[i] || *end || errno || v < 0 || v > 1000000) {
			pc_error_set(err, NULL, 0, "'%s' takes a whole number >= 0, got '%s'", axis->name,
				     axis->values[i]);
			return PC_EINPUT;
		}
		return pc_scenario_set_shift(sc, axis->res, axis->key, (int)v, err);
	}
	return pc_scenario_set(sc, axis->section, axis->key, axis->values[i], err);
}

void pc_sweep_axis_release(pc_sweep_axis *axis)
{
	if (!axis)
		return;
	for (int i = 0; i < axis->nvalues; i++)
		free(axis->values[i]);
	free(axis->values);
	free(axis->x);
	axis->values = NULL;
	axis->x = NULL;
	axis->nvalues = 0;
}

int pc_sweep_axis_parse(pc_sweep_axis *axis, const char *spec, const pc_scenario *base,
			pc_error *err)
{
	char *copy = strdup(spec), *eq, *name, *values;
	int rc = 0;

	memset(axis, 0, sizeof *axis);
	if (!copy)
		return sweep_fail(err, PC_ENOMEM, spec, "out of memory");
	eq = strchr(copy, '=');
	if (!eq) {
		free(copy);
		return sweep_fail(err, PC_EINPUT, spec, "expected KEY=VALUES");
	}
	*eq = '\0';
	name = sweep_trim(copy);
	values = sweep_trim(eq + 1);
	if (!*name)
		rc = sweep_fail(err, PC_EINPUT, spec, "expected KEY=VALUES, the key is missing");
	else if (!*values)
		rc = sweep_fail(err, PC_EINPUT, spec, "expected KEY=VALUES, the values are missing");
	if (!rc)
		rc = sweep_resolve(axis, name, spec, err);
	/* A range only for numbers, shares and durations, whose values hold no
	 * ':' (times and dates do, and are listed). */
	if (!rc && axis->syntax != PC_SYNTAX_OTHER && strchr(values, ':') &&
	    !strpbrk(values, ",;"))
		rc = sweep_range(axis, values, spec, err);
	else if (!rc)
		rc = sweep_list(axis, values, spec, err);
	free(copy);
	/* Every value alone on base. */
	for (int i = 0; !rc && i < axis->nvalues; i++) {
		pc_scenario sc;
		pc_error e;
		char why[1200];

		pc_error_clear(&e);
		if (pc_scenario_copy(&sc, base) != 0) {
			rc = sweep_fail(err, PC_ENOMEM, spec, "out of memory");
			break;
		}
		if ((rc = pc_sweep_axis_apply(axis, i, &sc, &e)) != 0)
			sweep_fail(err, rc, spec, "%s", sweep_reason(&e, base, why, sizeof why));
		pc_scenario_release(&sc);
	}
	if (!rc && (rc = sweep_positions(axis)) != 0)
		sweep_fail(err, rc, spec, "out of memory");
	if (rc) {
		/* Bad input whatever went wrong inside (a CSV that cannot be read
		 * is bad input too), except memory. */
		pc_sweep_axis_release(axis);
		return rc == PC_ENOMEM ? PC_ENOMEM : PC_EINPUT;
	}
	return 0;
}

/* ---- the grid ---------------------------------------------------------------- */

int pc_sweep_at(const pc_sweep *sw, int p, int a)
{
	for (int b = sw->naxes - 1; b > a; b--)
		p /= sw->axis[b].nvalues;
	return p % sw->axis[a].nvalues;
}

/* "agents.day=4, refunds.rate=3%" for point p. */
static void sweep_point_name(const pc_sweep *sw, int p, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int a = 0; a < sw->naxes; a++) {
		size_t used = strlen(buf);

		snprintf(buf + used, n - used, "%s%s=%s", a ? ", " : "", sw->axis[a].name,
			 sw->axis[a].values[pc_sweep_at(sw, p, a)]);
	}
}

/* Builds point p's scenario into *sc (released on failure). */
static int sweep_point_scenario(const pc_sweep *sw, int p, pc_scenario *sc, pc_error *err)
{
	pc_error e;
	char where[1024], why[1200];
	int rc;

	if (pc_scenario_copy(sc, sw->base) != 0) {
		pc_error_set(err, NULL, 0, "out of memory for the sweep's points");
		return PC_ENOMEM;
	}
	for (int a = 0; a < sw->naxes; a++) {
		pc_error_clear(&e);
		if ((rc = pc_sweep_axis_apply(&sw->axis[a], pc_sweep_at(sw, p, a), sc, &e)) != 0) {
			sweep_point_name(sw, p, where, sizeof where);
			pc_error_set(err, NULL, 0, "--vary point %s: %s", where,
				     sweep_reason(&e, sw->base, why, sizeof why));
			pc_scenario_release(sc);
			return rc == PC_ENOMEM ? PC_ENOMEM : PC_EINPUT;
		}
	}
	return 0;
}

/* The index of KPI key in k[0..n), or -1. */
static int sweep_kpi_find(const pc_kpi *k, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].key, key))
			return i;
	return -1;
}

void pc_sweep_release(pc_sweep *sw)
{
	if (!sw)
		return;
	free(sw->reps);
	free(sw->seed);
	free(sw->stat);
	free(sw->complete);
	free(sw->cost);
	free(sw->targets);
	free(sw->met);
	free(sw->missed);
	memset(sw, 0, sizeof *sw);
}

int pc_sweep_init(pc_sweep *sw, const pc_scenario *base, const pc_sweep_axis *axes, int naxes,
		  pc_error *err)
{
	pc_result none = { .sc = base, .seed = 0, .reps = 0, .rep = NULL };
	long long npoints = 1;
	int rc;

	memset(sw, 0, sizeof *sw);
	sw->base = base;
	sw->axis = axes;
	sw->naxes = naxes;
	if (naxes < 1) {
		pc_error_set(err, NULL, 0, "a sweep needs at least one --vary");
		return PC_EINPUT;
	}
	for (int a = 0; a < naxes; a++) {
		for (int b = 0; b < a; b++)
			if (strcmp(axes[a].name, axes[b].name) == 0) {
				pc_error_set(err, NULL, 0, "--vary '%s' given twice", axes[a].name);
				return PC_EINPUT;
			}
		npoints *= axes[a].nvalues;
		if (npoints > PC_SWEEP_MAX_POINTS) {
			pc_error_set(err, NULL, 0, "--vary: the grid has more than %d points",
				     PC_SWEEP_MAX_POINTS);
			return PC_EINPUT;
		}
	}
	sw->npoints = (int)npoints;
	/* The KPIs and targets as the base defines them (no replication). */
	sw->nkpis = pc_result_kpis(&none, sw->kpi, PC_MAX_KPIS);
	sw->reps = calloc((size_t)npoints, sizeof *sw->reps);
	sw->seed = calloc((size_t)npoints, sizeof *sw->seed);
	sw->complete = calloc((size_t)npoints, sizeof *sw->complete);
	sw->cost = calloc((size_t)npoints, sizeof *sw->cost);
	sw->targets = calloc((size_t)npoints, sizeof *sw->targets);
	sw->met = calloc((size_t)npoints, sizeof *sw->met);
	sw->missed = calloc((size_t)npoints, sizeof *sw->missed);
	if (!sw->reps || !sw->seed || !sw->complete || !sw->cost || !sw->targets || !sw->met || !sw->missed) {
		pc_sweep_release(sw);
		pc_error_set(err, NULL, 0, "out of memory for %lld points", npoints);
		return PC_ENOMEM;
	}
	for (int p = 0; p < sw->npoints; p++) {
		pc_scenario sc;
		pc_result one = { .seed = 0, .reps = 0, .rep = NULL };
		pc_kpi k[PC_MAX_KPIS];
		int n;

		if ((rc = sweep_point_scenario(sw, p, &sc, err)) != 0) {
			pc_sweep_release(sw);
			return rc;
		}
		sw->reps[p] = sc.replications;
		sw->seed[p] = sc.seed;
		/* A KPI only some points have (a lever an axis turns on) gets
		 * a column of its own: columns are matched by key. */
		one.sc = &sc;
		n = pc_result_kpis(&one, k, PC_MAX_KPIS);
		for (int i = 0; i < n && sw->nkpis < PC_MAX_KPIS; i++)
			if (sweep_kpi_find(sw->kpi, sw->nkpis, k[i].key) < 0)
				sw->kpi[sw->nkpis++] = k[i];
		pc_scenario_release(&sc);
	}
	sw->stat = malloc((size_t)npoints * (size_t)sw->nkpis * 4 * sizeof *sw->stat);
	if (!sw->stat) {
		pc_sweep_release(sw);
		pc_error_set(err, NULL, 0, "out of memory for %lld points", npoints);
		return PC_ENOMEM;
	}
	for (size_t i = 0; i < (size_t)npoints * (size_t)sw->nkpis * 4; i++)
		sw->stat[i] = NAN;
	return 0;
}

int pc_sweep_memory(const pc_sweep *sw, int threads, pc_memory *m, pc_error *err)
{
	double per_thread = 0, per_rep = 0, held = 0;
	pc_memory one;
	int rc;

	memset(m, 0, sizeof *m);
	for (int p = 0; p < sw->npoints; p++) {
		pc_scenario sc;

		if ((rc = sweep_point_scenario(sw, p, &sc, err)) != 0)
			return rc;
		pc_memory_estimate(&sc, sw->reps[p], threads, &one);
		pc_scenario_release(&sc);
		/* A thread holds the simulator of one point at a time; the
		 * points of a chunk hold their replications' figures. */
		if (one.per_thread >= per_thread) {
			per_thread = one.per_thread;
			*m = one;
		}
		per_rep = fmax(per_rep, one.per_rep * one.reps);
		held = fmax(held, one.base);
	}
	m->per_thread = per_thread;
	m->total = held + m->threads * per_thread +
		   (sw->npoints < SWEEP_CHUNK ? sw->npoints : SWEEP_CHUNK) * (per_rep + sizeof(pc_scenario));
	return 0;
}

/* ---- running ---------------------------------------------------------------- */

/* A chunk of points handed to the experiment, and the progress so far. */
typedef struct sweep_chunk {
	pc_sweep *sw;
	int first;                 /* the chunk's first point */
	const pc_exec *ex;         /* the caller's */
	pc_progress before;        /* points and replications of earlier chunks */
} sweep_chunk;

/* A target's short name for the "targets missed" column. */
static const char *target_short(const char *key)
{
	static const struct { const char *key, *name; } map[] = {
		{ "first_response_within", "first response" },
		{ "refund_only_handled_within", "refund-only acted on" },
		{ "refund_only_within", "refund-only done" },
		{ "return_paid_within", "return paid" },
		{ "supervisor_approval_within", "approval" },
		{ "all_done_within", "all done" },
		{ "dispute_refund_rate", "dispute rate" },
		{ "enquiry_response_within", "enquiry" },
		{ "presale_response_within", "pre-sale" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i].key, key))
			return map[i].name;
	return key;
}

static int sweep_on_point(void *user, int point, const pc_result *res, pc_error *err)
{
	sweep_chunk *ch = user;
	pc_sweep *sw = ch->sw;
	int p = ch->first + point;
	pc_kpi k[PC_MAX_KPIS];
	int n = pc_result_kpis(res, k, PC_MAX_KPIS);

	(void)err;
	for (int j = 0; j < sw->nkpis; j++) {
		double *s = &sw->stat[((size_t)p * (size_t)sw->nkpis + (size_t)j) * 4];
		int i = sweep_kpi_find(k, n, sw->kpi[j].key);

		if (i < 0)
			continue;
		s[0] = k[i].mean;
		s[1] = k[i].lo;
		s[2] = k[i].hi;
		s[3] = k[i].has_target ? k[i].target : NAN;
	}
	{
		/* The point's verdict, as run gives it (first response judged
		 * per day when the scenario says so). */
		pc_verdict v;
		size_t used = 0;

		pc_verdict_compute(res, &v);
		sw->cost[p] = v.cost;
		sw->targets[p] = v.ntargets;
		sw->met[p] = v.nmet;
		sw->missed[p][0] = '\0';
		for (int t = 0; t < v.ntargets && used < sizeof sw->missed[p]; t++)
			if (!v.target[t].met) {
				snprintf(sw->missed[p] + used, sizeof sw->missed[p] - used, "%s%s", used ? ", " : "",
					 target_short(v.target[t].key));
				used = strlen(sw->missed[p]);
			}
	}
	sw->complete[p] = 1;
	return 0;
}

/* The experiment's progress within a chunk, as progress over the sweep. */
static void sweep_progress(void *user, const pc_progress *in)
{
	const sweep_chunk *ch = user;
	pc_progress out = ch->before;

	out.points_done += in->points_done;
	out.reps_done += in->reps_done;
	ch->ex->progress(ch->ex->user, &out);
}

int pc_sweep_run(pc_sweep *sw, const pc_exec *ex, pc_error *err)
{
	static const pc_exec serial;
	pc_scenario *sc = calloc(SWEEP_CHUNK, sizeof *sc);
	const pc_scenario **scp = calloc(SWEEP_CHUNK, sizeof *scp);
	sweep_chunk ch;
	pc_exec sub;
	int rc = 0;

	if (!ex)
		ex = &serial;
	if (!sc || !scp) {
		free(sc);
		free(scp);
		pc_error_set(err, NULL, 0, "out of memory for the sweep's points");
		return PC_ENOMEM;
	}
	memset(&ch, 0, sizeof ch);
	ch.sw = sw;
	ch.ex = ex;
	ch.before.points = sw->npoints;
	for (int p = 0; p < sw->npoints; p++)
		ch.before.reps += sw->reps[p];
	sub = *ex;
	if (ex->progress) {
		sub.progress = sweep_progress;
		sub.user = &ch;
	}
	for (int first = 0; first < sw->npoints && !rc; first += SWEEP_CHUNK) {
		int m = sw->npoints - first < SWEEP_CHUNK ? sw->npoints - first : SWEEP_CHUNK, built = 0;
		long long tasks = 0, done = 0;
		pc_experiment xp;

		if (ex->stop && atomic_load(ex->stop)) {
			sw->stopped = 1;
			break;
		}
		for (; built < m && !rc; built++) {
			rc = sweep_point_scenario(sw, first + built, &sc[built], err);
			scp[built] = &sc[built];
			tasks += sw->reps[first + built];
		}
		if (!rc) {
			memset(&xp, 0, sizeof xp);
			xp.npoints = m;
			xp.sc = scp;
			xp.seed = sw->seed + first;
			xp.reps = sw->reps + first;
			xp.order = PC_ORDER_POINTS;
			xp.on_point = sweep_on_point;
			xp.user = &ch;
			ch.first = first;
			rc = pc_experiment_run(&xp, &sub, &done, err);
		} else {
			built--; /* the failed one holds nothing */
		}
		for (int i = 0; i < built; i++)
			pc_scenario_release(&sc[i]);
		if (!rc && done < tasks) {
			sw->stopped = 1;
			break;
		}
		ch.before.points_done += m;
		ch.before.reps_done += tasks;
	}
	free(sc);
	free(scp);
	sw->points_done = 0;
	for (int p = 0; p < sw->npoints; p++)
		sw->points_done += sw->complete[p];
	return rc;
}

/* ---- tables ---------------------------------------------------------------- */

/* The unit suffix of a KPI column: _pct, _hours, _minutes or none. */
static const char *unit_suffix(const char *unit)
{
	if (strcmp(unit, "%") == 0)
		return "_pct";
	if (strcmp(unit, "h") == 0)
		return "_hours";
	if (strcmp(unit, "min") == 0)
		return "_minutes";
	return "";
}

static const double *stat_of(const pc_sweep *sw, int p, int k)
{
	return &sw->stat[((size_t)p * (size_t)sw->nkpis + (size_t)k) * 4];
}

int pc_sweep_write_csv(const pc_sweep *sw, FILE *out)
{
	static const char *const part[3] = { "_mean", "_ci95_low", "_ci95_high" };
	pc_csvrow r = { out, 0 };
	char name[160];

	pc_csvrow_text(&r, "point");
	for (int a = 0; a < sw->naxes; a++)
		pc_csvrow_text(&r, sw->axis[a].name);
	pc_csvrow_text(&r, "complete");
	pc_csvrow_text(&r, "replications");
	for (int k = 0; k < sw->nkpis; k++)
		for (int j = 0; j < 3; j++) {
			snprintf(name, sizeof name, "%s%s%s", sw->kpi[k].key, unit_suffix(sw->kpi[k].unit),
				 part[j]);
			pc_csvrow_text(&r, name);
		}
	pc_csvrow_end(&r);
	for (int p = 0; p < sw->npoints; p++) {
		pc_csvrow_num(&r, p + 1);
		for (int a = 0; a < sw->naxes; a++)
			pc_csvrow_text(&r, sw->axis[a].values[pc_sweep_at(sw, p, a)]);
		pc_csvrow_text(&r, sw->complete[p] ? "yes" : "no");
		pc_csvrow_num(&r, sw->reps[p]);
		for (int k = 0; k < sw->nkpis; k++)
			for (int j = 0; j < 3; j++)
				pc_csvrow_num(&r, sw->complete[p] ? stat_of(sw, p, k)[j] : NAN);
		pc_csvrow_end(&r);
	}
	return ferror(out) ? PC_EIO : 0;
}

int pc_sweep_write_whatif(const pc_sweep *sw, FILE *out)
{
	const pc_sweep_axis *x = &sw->axis[0];
	int nseries = sw->npoints / x->nvalues;
	pc_csvrow r = { out, 0 };
	char name[1024];

	pc_csvrow_text(&r, "kpi");
	pc_csvrow_text(&r, "label");
	pc_csvrow_text(&r, "unit");
	pc_csvrow_text(&r, "target");
	pc_csvrow_text(&r, "x");
	pc_csvrow_text(&r, "x_label");
	pc_csvrow_text(&r, "x_name");
	/* Series j is the combination j of the other axes: the points
	 * i * nseries + j for the values i of the first axis. */
	for (int j = 0; j < nseries; j++) {
		name[0] = '\0';
		for (int a = 1; a < sw->naxes; a++) {
			size_t used = strlen(name);

			snprintf(name + used, sizeof name - used, "%s%s=%s", a > 1 ? " " : "",
				 sw->axis[a].name, sw->axis[a].values[pc_sweep_at(sw, j, a)]);
		}
		pc_csvrow_text(&r, sw->naxes > 1 ? name : "mean");
	}
	/* Then each series' 95% CI: its low ends, then its high ends. */
	for (int b = 0; b < 2; b++)
		for (int j = 0; j < nseries; j++) {
			size_t used;

			name[0] = '\0';
			for (int a = 1; a < sw->naxes; a++) {
				used = strlen(name);
				snprintf(name + used, sizeof name - used, "%s%s=%s", a > 1 ? " " : "",
					 sw->axis[a].name, sw->axis[a].values[pc_sweep_at(sw, j, a)]);
			}
			used = strlen(name);
			snprintf(name + used, sizeof name - used, "%s%s", sw->naxes > 1 ? " " : "",
				 b ? "ci95_high" : "ci95_low");
			pc_csvrow_text(&r, name);
		}
	pc_csvrow_end(&r);
	for (int k = 0; k < sw->nkpis; k++)
		for (int i = 0; i < x->nvalues; i++) {
			int p0 = i * nseries;

			pc_csvrow_text(&r, sw->kpi[k].key);
			pc_csvrow_text(&r, sw->kpi[k].label);
			pc_csvrow_text(&r, sw->kpi[k].unit);
			pc_csvrow_num(&r, sw->complete[p0] ? stat_of(sw, p0, k)[3]
						  : sw->kpi[k].has_target ? sw->kpi[k].target : NAN);
			pc_csvrow_num(&r, x->x[i]);
			pc_csvrow_text(&r, x->values[i]);
			pc_csvrow_text(&r, x->name);
			for (int j = 0; j < nseries; j++)
				pc_csvrow_num(&r, sw->complete[p0 + j] ? stat_of(sw, p0 + j, k)[0] : NAN);
			for (int b = 1; b <= 2; b++)
				for (int j = 0; j < nseries; j++)
					pc_csvrow_num(&r, sw->complete[p0 + j] ? stat_of(sw, p0 + j, k)[b] : NAN);
			pc_csvrow_end(&r);
		}
	return ferror(out) ? PC_EIO : 0;
}

/* The summary's KPI columns. */
static const struct sweep_headline {
	const char *key, *title;
} sweep_headlines[] = {
	{ "first_response_within", "1st resp %" },
	{ "all_done_within", "all done %" },
	{ "dispute_refund_rate", "dispute %" },
	{ "utilisation_agent", "agent %" },
};

#define SWEEP_NHEAD (sizeof sweep_headlines / sizeof sweep_headlines[0])

/* "agents=10, refunds.rate=6%" for point p. */
static void point_name(const pc_sweep *sw, int p, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int a = 0; a < sw->naxes; a++) {
		size_t used = strlen(buf);

		if (used < n)
			snprintf(buf + used, n - used, "%s%s=%s", a ? ", " : "", sw->axis[a].name,
				 sw->axis[a].values[pc_sweep_at(sw, p, a)]);
	}
}

/* The verdict over the points: how many meet every target, the cheapest
 * of them; else the point missing the fewest. */
static void sweep_verdict(const pc_sweep *sw, FILE *out)
{
	int all = 0, done = 0, best = -1, closest = -1, closest_missed = 0;
	char name[512], c[48];

	for (int p = 0; p < sw->npoints; p++) {
		int met, targets;

		if (!sw->complete[p])
			continue;
		done++;
		targets = sw->targets[p];
		met = sw->met[p];
		if (met == targets) {
			all++;
			if (best < 0 || sw->cost[p] < sw->cost[best] - 1e-9)
				best = p;
		} else if (closest < 0 || targets - met < closest_missed) {
			closest = p;
			closest_missed = targets - met;
		}
	}
	if (best >= 0) {
		point_name(sw, best, name, sizeof name);
		pc_verdict_format(c, sizeof c, sw->cost[best], "CNY");
		fprintf(out, "verdict: %d of %d points meet every target; the cheapest: point %d (%s), staff cost %s\n",
			all, done, best + 1, name, c);
	} else if (closest >= 0) {
		point_name(sw, closest, name, sizeof name);
		fprintf(out, "verdict: no point meets every target; the closest: point %d (%s) misses %s\n", closest + 1,
			name, sw->missed[closest]);
	} else {
		fprintf(out, "verdict: no point finished\n");
	}
}

int pc_sweep_write_summary(const pc_sweep *sw, FILE *out)
{
	int col[SWEEP_NHEAD], width[16];
	long long reps = 0;

	sweep_verdict(sw, out);
	for (int p = 0; p < sw->npoints; p++)
		reps += sw->reps[p];
	fprintf(out, "\npromocap sweep: %s (%s), %d point%s, %lld replications, seed %llu\n", sw->base->name,
		sw->base->file, sw->npoints, sw->npoints == 1 ? "" : "s", reps,
		(unsigned long long)sw->base->seed);
	for (int a = 0; a < sw->naxes; a++) {
		const pc_sweep_axis *ax = &sw->axis[a];

		fprintf(out, "  %s: %s", ax->name, ax->values[0]);
		if (ax->nvalues > 1)
			fprintf(out, "%s%s", ax->nvalues > 2 ? " ... " : ", ", ax->values[ax->nvalues - 1]);
		fprintf(out, " (%d value%s)\n", ax->nvalues, ax->nvalues == 1 ? "" : "s");
	}
	if (sw->stopped)
		fprintf(out, "  stopped: %d of %d points finished\n", sw->points_done, sw->npoints);
	for (size_t h = 0; h < SWEEP_NHEAD; h++) {
		col[h] = -1;
		for (int k = 0; k < sw->nkpis; k++)
			if (strcmp(sw->kpi[k].key, sweep_headlines[h].key) == 0)
				col[h] = k;
	}
	fprintf(out, "\n%5s", "point");
	for (int a = 0; a < sw->naxes && a < 8; a++) {
		width[a] = (int)strlen(sw->axis[a].name);
		if (width[a] < 6)
			width[a] = 6;
		fprintf(out, "  %*s", width[a], sw->axis[a].name);
	}
	for (size_t h = 0; h < SWEEP_NHEAD; h++)
		fprintf(out, "  %10s", sweep_headlines[h].title);
	fprintf(out, "  %9s  %11s  %s\n", "cost CNY", "targets met", "targets missed");
	for (int p = 0; p < sw->npoints; p++) {
		char buf[48];

		fprintf(out, "%5d", p + 1);
		for (int a = 0; a < sw->naxes && a < 8; a++)
			fprintf(out, "  %*s", width[a], sw->axis[a].values[pc_sweep_at(sw, p, a)]);
		if (!sw->complete[p]) {
			fprintf(out, "  not run\n");
			continue;
		}
		for (size_t h = 0; h < SWEEP_NHEAD; h++) {
			double v = col[h] >= 0 ? stat_of(sw, p, col[h])[0] : NAN;

			if (isnan(v))
				fprintf(out, "  %10s", "n/a");
			else
				fprintf(out, "  %10.3g", v);
		}
		pc_verdict_format(buf, sizeof buf, sw->cost[p], "");
		fprintf(out, "  %9s", buf);
		snprintf(buf, sizeof buf, "%d/%d", sw->met[p], sw->targets[p]);
		fprintf(out, "  %11s  %s\n", buf, sw->missed[p][0] ? sw->missed[p] : "-");
	}
	return ferror(out) ? PC_EIO : 0;
}
