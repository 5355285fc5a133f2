/* scenario: the key table of scenario_keys.h and what every part of loading shares: errors at file:line, the names of paths, reasons, staff and tasks, dates, and looking keys up (with their did-you-mean hints). */
#include "scenario_internal.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

const key_def pc_scn_keys[PC_NKEYS] = {
#define PC_KEY(id, section, name, type, field, def, doc) \
	{ section, name, PC_KT_##type, offsetof(pc_scenario, field), def, doc },
#include "scenario_keys.h"
#undef PC_KEY
};

const char *const pc_scn_path_names[PC_NPATHS] = {
	"unshipped", "in_transit", "received_no_return", "return"
};
const char *const pc_scn_reason_names[PC_NREASONS] = {
	"quality", "no_reason", "not_received", "other"
};
const char *const pc_scn_late_names[PC_NLATE] = { "reopen", "compensate", "refuse" };
const char *const pc_scn_asked_names[PC_NSTATES_ASKED] = {
	"before_dispatch", "in_transit", "after_delivery"
};
const char *const pc_scn_timing_names[2] = { "goods_state", "order_delay" };
const char *const pc_scn_after_reject_names[PC_NAFTER_REJECT] = { "ask_again", "escalate", "give_up" };
/* The hours buyers ask at (request_hours = buyers), in per mille: few
 * between 01:00 and 08:00, a morning and an evening peak, as the shops'
 * contact statistics show; illustrative, a shop gives its own as a CSV. */
const double pc_scn_buyer_hours[24] = {
	25, 12, 6, 4, 3, 3, 6, 15, 35, 55, 65, 63,
	50, 55, 62, 63, 60, 55, 48, 52, 63, 68, 60, 42
};
/* Staff names: the resources', then the pre-sale-only agents'. */
const char *const pc_scn_res_names[PC_NSTAFF] = { "agent", "supervisor", "inspector", "presale",
							"reception" };
const char *const pc_scn_task_names[PC_NTASKS] = {
	"unshipped", "in_transit", "received_no_return", "return", "payout",
	"after_sales", "escalation", "approval", "inspection", "late", "follow_up"
};
static const char *const service_names[PC_NSERVICES] = {
	"where_is_my_parcel", "order_change", "invoice", "price_protection", "quality",
	"warranty", "exchange"
};
/* The resource that serves each task. */
const pc_res pc_scn_task_res[PC_NTASKS] = {
	PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT,
	PC_RES_AGENT, PC_RES_AGENT, PC_RES_SUPERVISOR, PC_RES_INSPECTOR, PC_RES_AGENT,
	PC_RES_AGENT
};

/* ---- errors ------------------------------------------------------------ */

static int scenario_vfail(scenario_build *b, int rc, const char *file, int line, const char *fmt,
			  va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	pc_error_set(&b->err, file, line, "%s", msg);
	if (!b->rc)
		b->rc = rc;
	return b->rc;
}

/* Records a failure at file:line (the first one is kept); returns the first
 * failure's code. */
int pc_scn_fail(scenario_build *b, int rc, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scenario_vfail(b, rc, file, line, fmt, ap);
	va_end(ap);
	return b->rc;
}

/* The file that gave key k: the scenario, or a file it includes. */
const char *pc_scn_key_file(const scenario_build *b, int k)
{
	const struct pc_scenario_given *g = b->given;

	return g->nsources > 0 ? g->source[g->src[k]].path : b->sc->file;
}

/* The folder of the file that gave key k, relative to the scenario's. */
const char *pc_scn_key_prefix(const scenario_build *b, int k)
{
	const struct pc_scenario_given *g = b->given;

	return g->nsources > 0 ? g->source[g->src[k]].prefix : "";
}

/* The file being read: the scenario or an included file. */
const char *pc_scn_read_file(const scenario_build *b)
{
	return b->given->nsources > 0 ? b->given->source[b->cur].path : b->sc->file;
}

/* Records bad input at the line of key k in the file that gave it. */
int pc_scn_key_fail(scenario_build *b, int k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scenario_vfail(b, PC_EINPUT, pc_scn_key_file(b, k), b->given->line[k], fmt, ap);
	va_end(ap);
	return b->rc;
}

/* Records bad input in row r of a CSV table, at its own file and line. */
int pc_scn_csv_fail(scenario_build *b, const pc_table *t, size_t r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scenario_vfail(b, PC_EINPUT, t->path, t->row[r].line, fmt, ap);
	va_end(ap);
	return b->rc;
}

/* Adds a warning at the line of key k to the scenario's warnings (the
 * first ones that fit are kept). */
void pc_scn_key_warn(scenario_build *b, int k, const char *fmt, ...)
{
	char *w = b->sc->warnings, msg[512];
	size_t used = strlen(w);
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	n = snprintf(w + used, sizeof b->sc->warnings - used, "%s:%d: %s\n", pc_scn_key_file(b, k),
		     b->given->line[k], msg);
	if (n < 0 || (size_t)n >= sizeof b->sc->warnings - used)
		w[used] = '\0';
}

int pc_scn_nomem(scenario_build *b)
{
	return pc_scn_fail(b, PC_ENOMEM, "", 0, "out of memory");
}

/* ---- names and dates --------------------------------------------------- */

const char *pc_path_name(pc_path p)
{
	return (unsigned)p < PC_NPATHS ? pc_scn_path_names[p] : "?";
}

const char *pc_res_name(pc_res r)
{
	return (unsigned)r < PC_NRES ? pc_scn_res_names[r] : "?";
}

const char *pc_task_name(pc_task t)
{
	return (unsigned)t < PC_NTASKS ? pc_scn_task_names[t] : "?";
}

const char *pc_reason_name(pc_reason r)
{
	return (unsigned)r < PC_NREASONS ? pc_scn_reason_names[r] : "?";
}

const char *pc_late_name(pc_late c)
{
	return (unsigned)c < PC_NLATE ? pc_scn_late_names[c] : "?";
}

const char *pc_service_name(pc_service k)
{
	return (unsigned)k < PC_NSERVICES ? service_names[k] : "?";
}

double pc_scenario_after_sales_ratio(const pc_scenario *sc)
{
	double sum = 0;

	if (!sc->catalogue)
		return sc->after_sales_ratio;
	for (int k = 0; k < PC_NSERVICES; k++)
		sum += sc->service[k].ratio;
	return sum;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil: eras of 400 years, years starting on March 1 so the leap
 * day comes last). */
static int64_t scenario_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void pc_date_format(int64_t day, char *buf, size_t n)
{
	/* civil_from_days, the inverse of the above. */
	int64_t z = day + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);

	if (!buf || n == 0)
		return;
	y += m <= 2;
	snprintf(buf, n, "%04" PRId64 "-%02d-%02d", y, m, d);
}

static int scenario_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int pc_date_parse(const char *text, int64_t *day)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d, last;

	if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return PC_EINPUT;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)text[i]))
			return PC_EINPUT;
	y = atoi(text);
	m = (text[5] - '0') * 10 + (text[6] - '0');
	d = (text[8] - '0') * 10 + (text[9] - '0');
	if (m < 1 || m > 12)
		return PC_EINPUT;
	last = mdays[m - 1] + (m == 2 && scenario_leap(y));
	if (d < 1 || d > last)
		return PC_EINPUT;
	*day = scenario_days_from_civil(y, m, d);
	return 0;
}

/* ---- the key table ----------------------------------------------------- */

/* Index of the key named name in section, or -1. */
int pc_scn_key_find(const char *section, const char *name)
{
	int k;

	for (k = 0; k < PC_NKEYS; k++)
		if (strcmp(pc_scn_keys[k].section, section) == 0 &&
		    strcmp(pc_scn_keys[k].name, name) == 0)
			return k;
	return -1;
}

int pc_scn_section_known(const char *section)
{
	int k;

	for (k = 0; k < PC_NKEYS; k++)
		if (strcmp(pc_scn_keys[k].section, section) == 0)
			return 1;
	return 0;
}

/* " (did you mean ...?)" for an unknown key name in section, into buf: the
 * nearest key of that section, a key named without its section's word
 * ("refund_rate" in [refunds]: 'rate'), or the same name in another
 * section; "" when none is near. */
const char *pc_scn_key_hint(const char *section, const char *name, char *buf, size_t n)
{
	const char *under = strchr(name, '_');
	pc_suggest sg;
	int k;

	pc_suggest_init(&sg, name);
	for (k = 0; k < PC_NKEYS; k++)
		if (strcmp(pc_scn_keys[k].section, section) == 0) {
			if (under && strcmp(pc_scn_keys[k].name, under + 1) == 0) {
				snprintf(buf, n, " (did you mean '%s'?)", pc_scn_keys[k].name);
				return buf;
			}
			pc_suggest_offer(&sg, pc_scn_keys[k].name);
		}
	if (sg.best)
		return pc_suggest_hint(&sg, buf, n);
	for (k = 0; k < PC_NKEYS; k++)
		if (strcmp(pc_scn_keys[k].name, name) == 0) {
			snprintf(buf, n, " (did you mean '%s' in '[%s]'?)", name, pc_scn_keys[k].section);
			return buf;
		}
	buf[0] = '\0';
	return buf;
}

/* " (did you mean '[...]'?)" for an unknown section, into buf, or "". */
const char *pc_scn_section_hint(const char *section, char *buf, size_t n)
{
	pc_suggest sg;
	int k;

	pc_suggest_init(&sg, section);
	for (k = 0; k < PC_NKEYS; k++)
		if (k == 0 || strcmp(pc_scn_keys[k].section, pc_scn_keys[k - 1].section) != 0)
			pc_suggest_offer(&sg, pc_scn_keys[k].section);
	if (sg.best)
		snprintf(buf, n, " (did you mean '[%s]'?)", sg.best);
	else if (n)
		buf[0] = '\0';
	return buf;
}

/* " (did you mean 'NAME'?)" for an unknown shift of st, into buf, or "". */
const char *pc_scn_shift_hint(const pc_staff *st, const char *name, char *buf, size_t n)
{
	pc_suggest sg;

	pc_suggest_init(&sg, name);
	for (int s = 0; s < st->nshifts; s++)
		pc_suggest_offer(&sg, st->shift[s].name);
	return pc_suggest_hint(&sg, buf, n);
}

/* The staff (a pc_res, or PC_STAFF_PRESALE) of a [staff.NAME] key. */
int pc_scn_key_res(int k)
{
	const char *s = pc_scn_keys[k].section;
	int r;

	for (r = 0; r < PC_NSTAFF; r++)
		if (strncmp(s, "staff.", 6) == 0 && strcmp(s + 6, pc_scn_res_names[r]) == 0)
			return r;
	return PC_RES_AGENT;
}

void *pc_scn_key_field(pc_scenario *sc, int k)
{
	return (char *)sc + pc_scn_keys[k].offset;
}

const void *pc_scn_key_cfield(const pc_scenario *sc, int k)
{
	return (const char *)sc + pc_scn_keys[k].offset;
}

/* Whether key k holds a pc_dist (a pc_dist_opt starts with one), which
 * copy and release must deep-copy and free. */
int pc_scn_key_has_dist(int k)
{
	key_type t = pc_scn_keys[k].type;

	return t == PC_KT_DIST || t == PC_KT_DIST_CNY || t == PC_KT_DIST_NONE;
}
