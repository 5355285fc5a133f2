/* scenario: loads, checks, resolves, dumps and documents a promotion scenario (INI via inih, CSV via table), all driven by the key table in scenario_keys.h. */
#include "promocap/scenario.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <ini.h>

#include "suggest.h"
#include "table.h"

/* Longest INI line, newline aside: inih's buffer (INI_MAX_LINE, 200 in the
 * Debian build) less its terminating NUL. */
#define SCENARIO_LINE_MAX 199

/* Tolerance of a sum of shares around 1. */
#define SCENARIO_SUM_TOL 1e-4

/* Bounds that keep the per-day arrays small: a promotion sells for at most
 * a year and a run looks at most ten years ahead. */
#define SCENARIO_MAX_SALES_DAYS 366
#define SCENARIO_MAX_HORIZON_DAYS 3660

/* Most orders gmv / aov: 1e12 (a thousand times a large brand's year). */
#define SCENARIO_MAX_ORDERS 1e12

/* Largest headcount or planning limit: keeps sums of headcounts in an int. */
#define SCENARIO_MAX_COUNT 1000000

/* Deepest chain of includes (a scenario including a file including ...). */
#define SCENARIO_MAX_INCLUDE_DEPTH 16

/* Value syntaxes, the type column of scenario_keys.h. */
typedef enum key_type {
	PC_KT_TEXT,            /* free text (name) */
	PC_KT_DATE,            /* YYYY-MM-DD */
	PC_KT_DATETIME,        /* YYYY-MM-DD HH:MM, or a date alone */
	PC_KT_POSITIVE,        /* number > 0 */
	PC_KT_NONNEG,          /* number >= 0 */
	PC_KT_SHARE,           /* share 0% .. 100% */
	PC_KT_RATIO,           /* share 0% .. 1000% */
	PC_KT_DURATION_POS,    /* duration > 0 */
	PC_KT_DURATION_NONNEG, /* duration >= 0 */
	PC_KT_TIMEOUT,         /* duration > 0, or none (0) */
	PC_KT_INTERVAL,        /* duration 1min .. 1d */
	PC_KT_DIST,            /* distribution of durations */
	PC_KT_DIST_CNY,        /* distribution of amounts in CNY */
	PC_KT_DIST_NONE,       /* distribution of durations, or none (pc_dist_opt) */
	PC_KT_MONEY_NONE,      /* CNY > 0, or none (0) */
	PC_KT_REASONS,         /* mix of refund reasons */
	PC_KT_PATHS,           /* mix of refund paths */
	PC_KT_LATE_MIX,        /* mix of answers to late requests */
	PC_KT_DAYS,            /* peak, all, none, or dates */
	PC_KT_TIMING,          /* goods_state or order_delay */
	PC_KT_RATE,            /* share 0% .. 100%, or CSV date,rate */
	PC_KT_REJECT,          /* none, or a share per refund reason */
	PC_KT_HOURS_RANGE,     /* always, or HH:MM-HH:MM */
	PC_KT_WAVES,           /* none, or HH:MM, ... */
	PC_KT_REJECT_MIX,      /* mix of what rejected buyers do */
	PC_KT_STATES,          /* mix of the goods' states at a request */
	PC_KT_REQ_HOURS,       /* buyers, uniform, none, or CSV hour,share */
	PC_KT_DAILY,           /* uniform, or CSV date,share */
	PC_KT_HOURLY,          /* uniform, or CSV hour,share */
	PC_KT_CURVE,           /* none, or CSV of request rates */
	PC_KT_BOOL,            /* yes/no */
	PC_KT_ESCALATION,      /* share per day */
	PC_KT_SHIFTS,          /* name HH:MM-HH:MM, ... */
	PC_KT_ROSTER,          /* headcount, or a CSV roster */
	PC_KT_DISCIPLINE,      /* fifo, priority or age */
	PC_KT_PRIORITY,        /* task names, highest first */
	PC_KT_COUNT,           /* whole number >= 0 */
	PC_KT_SLA,             /* SHARE within DURATION, or none */
	PC_KT_LIMIT,           /* below SHARE, or none */
	PC_KT_SEED,            /* whole number 0 .. 2^64-1 */
	PC_KT_REPLICATIONS,    /* whole number 1 .. 10000 */
	PC_KT_JUDGED,          /* day or horizon */
	PC_KT_PATTERNS         /* shift pattern grid, or none */
} key_type;

/* One enumerator per key, in table order. */
enum {
#define PC_KEY(id, section, name, type, field, def, doc) PC_KEY_##id,
#include "scenario_keys.h"
#undef PC_KEY
	PC_NKEYS
};

/* A row of the key table. */
typedef struct key_def {
	const char *section;
	const char *name;
	key_type type;
	size_t offset;    /* of the member in pc_scenario */
	const char *def;  /* NULL: required; "(...)": derived */
	const char *doc;
} key_def;

static const key_def scenario_keys[PC_NKEYS] = {
#define PC_KEY(id, section, name, type, field, def, doc) \
	{ section, name, PC_KT_##type, offsetof(pc_scenario, field), def, doc },
#include "scenario_keys.h"
#undef PC_KEY
};

/* A file keys come from: the scenario itself (source 0) or a file it
 * includes. */
typedef struct scenario_source {
	char path[1024];   /* as opened, for messages */
	char prefix[1024]; /* its folder relative to the scenario's folder: "" for
			    * the scenario's own, "../base" for ../base/x.ini */
} scenario_source;

/* The keys as written: text NULL for a key left at its default; line 0 for
 * a key set by pc_scenario_set.  src names the file that gave the key, seq
 * the order keys were read in over all files (INT_MAX for a key set by
 * pc_scenario_set), which is the order a rebuild parses them in. */
struct pc_scenario_given {
	char *text[PC_NKEYS];
	int line[PC_NKEYS];
	int src[PC_NKEYS];
	int seq[PC_NKEYS];
	int nsources;
	scenario_source *source; /* [nsources], source[0] the scenario */
};

static const char *const path_names[PC_NPATHS] = {
	"unshipped", "in_transit", "received_no_return", "return"
};
static const char *const reason_names[PC_NREASONS] = {
	"quality", "no_reason", "not_received", "other"
};
static const char *const late_names[PC_NLATE] = { "reopen", "compensate", "refuse" };
static const char *const asked_names[PC_NSTATES_ASKED] = {
	"before_dispatch", "in_transit", "after_delivery"
};
static const char *const timing_names[2] = { "goods_state", "order_delay" };
static const char *const after_reject_names[PC_NAFTER_REJECT] = { "ask_again", "escalate", "give_up" };
/* The hours buyers ask at (request_hours = buyers), in per mille: few
 * between 01:00 and 08:00, a morning and an evening peak, as the shops'
 * contact statistics show; illustrative, a shop gives its own as a CSV. */
static const double buyer_hours[24] = {
	25, 12, 6, 4, 3, 3, 6, 15, 35, 55, 65, 63,
	50, 55, 62, 63, 60, 55, 48, 52, 63, 68, 60, 42
};
/* Staff names: the resources', then the pre-sale-only agents'. */
static const char *const res_names[PC_NSTAFF] = { "agent", "supervisor", "inspector", "presale",
							"reception" };
static const char *const task_names[PC_NTASKS] = {
	"unshipped", "in_transit", "received_no_return", "return", "payout",
	"after_sales", "escalation", "approval", "inspection", "late", "follow_up"
};
static const char *const service_names[PC_NSERVICES] = {
	"where_is_my_parcel", "order_change", "invoice", "price_protection", "quality",
	"warranty", "exchange"
};
/* The resource that serves each task. */
static const pc_res task_res[PC_NTASKS] = {
	PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT, PC_RES_AGENT,
	PC_RES_AGENT, PC_RES_AGENT, PC_RES_SUPERVISOR, PC_RES_INSPECTOR, PC_RES_AGENT,
	PC_RES_AGENT
};

/* A datetime as written: a day, minutes after its midnight, and whether only
 * the date was given. */
typedef struct scenario_when {
	int64_t day;
	int minute;
	int date_only;
} scenario_when;

/* Everything one load (or rebuild) needs while it runs. */
typedef struct scenario_build {
	pc_scenario *sc;
	struct pc_scenario_given *given;
	pc_error err;          /* first error wins */
	int rc;                /* first failure code, 0 while all is well */
	FILE *fp;              /* the INI file being read */
	int line;              /* the line last handed to inih */
	int cur;               /* its source index */
	int seq;               /* keys read so far, over all files */
	int depth;             /* files open: the scenario and its includes */
	dev_t dev[SCENARIO_MAX_INCLUDE_DEPTH];  /* the open files, to find cycles */
	ino_t ino[SCENARIO_MAX_INCLUDE_DEPTH];
	/* Shift headcounts of each roster ("roster = 8, night 3"), by name:
	 * shifts may be given after the roster. */
	int noverride[PC_NSTAFF];
	char override_name[PC_NSTAFF][PC_MAX_SHIFTS][32];
	int override_count[PC_NSTAFF][PC_MAX_SHIFTS];
	int64_t sales_start;   /* days since 1970-01-01 */
	int64_t sales_end;
	scenario_when horizon_at;
	scenario_when entry_at;
	long roster_count[PC_NSTAFF]; /* CONSTANT headcount, -1 for a CSV roster */
} scenario_build;

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
static int scenario_fail(scenario_build *b, int rc, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int scenario_fail(scenario_build *b, int rc, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scenario_vfail(b, rc, file, line, fmt, ap);
	va_end(ap);
	return b->rc;
}

/* The file that gave key k: the scenario, or a file it includes. */
static const char *key_file(const scenario_build *b, int k)
{
	const struct pc_scenario_given *g = b->given;

	return g->nsources > 0 ? g->source[g->src[k]].path : b->sc->file;
}

/* The folder of the file that gave key k, relative to the scenario's. */
static const char *key_prefix(const scenario_build *b, int k)
{
	const struct pc_scenario_given *g = b->given;

	return g->nsources > 0 ? g->source[g->src[k]].prefix : "";
}

/* The file being read: the scenario or an included file. */
static const char *read_file(const scenario_build *b)
{
	return b->given->nsources > 0 ? b->given->source[b->cur].path : b->sc->file;
}

/* Records bad input at the line of key k in the file that gave it. */
static int key_fail(scenario_build *b, int k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int key_fail(scenario_build *b, int k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scenario_vfail(b, PC_EINPUT, key_file(b, k), b->given->line[k], fmt, ap);
	va_end(ap);
	return b->rc;
}

/* Records bad input in row r of a CSV table, at its own file and line. */
static int csv_fail(scenario_build *b, const pc_table *t, size_t r, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int csv_fail(scenario_build *b, const pc_table *t, size_t r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	scenario_vfail(b, PC_EINPUT, t->path, t->row[r].line, fmt, ap);
	va_end(ap);
	return b->rc;
}

/* Adds a warning at the line of key k to the scenario's warnings (the
 * first ones that fit are kept). */
static void key_warn(scenario_build *b, int k, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void key_warn(scenario_build *b, int k, const char *fmt, ...)
{
	char *w = b->sc->warnings, msg[512];
	size_t used = strlen(w);
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	n = snprintf(w + used, sizeof b->sc->warnings - used, "%s:%d: %s\n", key_file(b, k),
		     b->given->line[k], msg);
	if (n < 0 || (size_t)n >= sizeof b->sc->warnings - used)
		w[used] = '\0';
}

static int scenario_nomem(scenario_build *b)
{
	return scenario_fail(b, PC_ENOMEM, "", 0, "out of memory");
}

/* ---- names and dates --------------------------------------------------- */

const char *pc_path_name(pc_path p)
{
	return (unsigned)p < PC_NPATHS ? path_names[p] : "?";
}

const char *pc_res_name(pc_res r)
{
	return (unsigned)r < PC_NRES ? res_names[r] : "?";
}

const char *pc_task_name(pc_task t)
{
	return (unsigned)t < PC_NTASKS ? task_names[t] : "?";
}

const char *pc_reason_name(pc_reason r)
{
	return (unsigned)r < PC_NREASONS ? reason_names[r] : "?";
}

const char *pc_late_name(pc_late c)
{
	return (unsigned)c < PC_NLATE ? late_names[c] : "?";
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
static int key_find(const char *section, const char *name)
{
	int k;

	for (k = 0; k < PC_NKEYS; k++)
		if (strcmp(scenario_keys[k].section, section) == 0 &&
		    strcmp(scenario_keys[k].name, name) == 0)
			return k;
	return -1;
}

static int section_known(const char *section)
{
	int k;

	for (k = 0; k < PC_NKEYS; k++)
		if (strcmp(scenario_keys[k].section, section) == 0)
			return 1;
	return 0;
}

/* " (did you mean ...?)" for an unknown key name in section, into buf: the
 * nearest key of that section, a key named without its section's word
 * ("refund_rate" in [refunds]: 'rate'), or the same name in another
 * section; "" when none is near. */
static const char *key_hint(const char *section, const char *name, char *buf, size_t n)
{
	const char *under = strchr(name, '_');
	pc_suggest sg;
	int k;

	pc_suggest_init(&sg, name);
	for (k = 0; k < PC_NKEYS; k++)
		if (strcmp(scenario_keys[k].section, section) == 0) {
			if (under && strcmp(scenario_keys[k].name, under + 1) == 0) {
				snprintf(buf, n, " (did you mean '%s'?)", scenario_keys[k].name);
				return buf;
			}
			pc_suggest_offer(&sg, scenario_keys[k].name);
		}
	if (sg.best)
		return pc_suggest_hint(&sg, buf, n);
	for (k = 0; k < PC_NKEYS; k++)
		if (strcmp(scenario_keys[k].name, name) == 0) {
			snprintf(buf, n, " (did you mean '%s' in '[%s]'?)", name, scenario_keys[k].section);
			return buf;
		}
	buf[0] = '\0';
	return buf;
}

/* " (did you mean '[...]'?)" for an unknown section, into buf, or "". */
static const char *section_hint(const char *section, char *buf, size_t n)
{
	pc_suggest sg;
	int k;

	pc_suggest_init(&sg, section);
	for (k = 0; k < PC_NKEYS; k++)
		if (k == 0 || strcmp(scenario_keys[k].section, scenario_keys[k - 1].section) != 0)
			pc_suggest_offer(&sg, scenario_keys[k].section);
	if (sg.best)
		snprintf(buf, n, " (did you mean '[%s]'?)", sg.best);
	else if (n)
		buf[0] = '\0';
	return buf;
}

/* " (did you mean 'NAME'?)" for an unknown shift of st, into buf, or "". */
static const char *shift_hint(const pc_staff *st, const char *name, char *buf, size_t n)
{
	pc_suggest sg;

	pc_suggest_init(&sg, name);
	for (int s = 0; s < st->nshifts; s++)
		pc_suggest_offer(&sg, st->shift[s].name);
	return pc_suggest_hint(&sg, buf, n);
}

/* The staff (a pc_res, or PC_STAFF_PRESALE) of a [staff.NAME] key. */
static int key_res(int k)
{
	const char *s = scenario_keys[k].section;
	int r;

	for (r = 0; r < PC_NSTAFF; r++)
		if (strncmp(s, "staff.", 6) == 0 && strcmp(s + 6, res_names[r]) == 0)
			return r;
	return PC_RES_AGENT;
}

static void *key_field(pc_scenario *sc, int k)
{
	return (char *)sc + scenario_keys[k].offset;
}

static const void *key_cfield(const pc_scenario *sc, int k)
{
	return (const char *)sc + scenario_keys[k].offset;
}

/* Whether key k holds a pc_dist (a pc_dist_opt starts with one), which
 * copy and release must deep-copy and free. */
static int key_has_dist(int k)
{
	key_type t = scenario_keys[k].type;

	return t == PC_KT_DIST || t == PC_KT_DIST_CNY || t == PC_KT_DIST_NONE;
}

/* ---- small parsers ----------------------------------------------------- */

static int scenario_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims blanks off both ends of s in place; returns the first non-blank. */
static char *scenario_trim(char *s)
{
	size_t n;

	while (scenario_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && scenario_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Appends text to buf of size n (truncating). */
static void scenario_append(char *buf, size_t n, const char *text)
{
	size_t used = strlen(buf);

	if (used + 1 < n)
		snprintf(buf + used, n - used, "%s", text);
}

/* Splits the next comma-separated item off *cursor: returns it trimmed, and
 * advances *cursor past the comma (NULL after the last item). */
static char *scenario_next_item(char **cursor)
{
	char *item = *cursor;
	char *comma = strchr(item, ',');

	if (comma) {
		*comma = '\0';
		*cursor = comma + 1;
	} else {
		*cursor = NULL;
	}
	return scenario_trim(item);
}

/* Reads a decimal number that fills the whole of text (digits, sign, point
 * and exponent only: no hex, nan or inf) and is finite (not 1e999).
 * Returns 0 or -1. */
static int scenario_number(const char *text, double *x)
{
	const char *p;
	char *end;
	int digits = 0;
	double v;

	for (p = text; *p; p++) {
		if (!strchr("0123456789+-.eE", *p))
			return -1;
		if (isdigit((unsigned char)*p))
			digits++;
	}
	if (!digits)
		return -1;
	v = strtod(text, &end);
	if (end == text || *end || !isfinite(v))
		return -1;
	*x = v == 0 ? 0.0 : v; /* -0 is 0: no "-0%" in a dump */
	return 0;
}

/* Whether text is valid UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF) without control characters: a name reaches
 * terminals, tables and reports, where a GBK byte or an escape sequence
 * would show as garbage or act on the terminal. */
static int scenario_utf8_text(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	while (*p) {
		unsigned c = *p, cp;
		int n, i;

		if (c < 0x20 || c == 0x7f)
			return 0;
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp < 0xa0))
			return 0;
		p += n + 1;
	}
	return 1;
}

/* Whether a value can be written as "key = value" in a scenario file and
 * read back the same: no control character (a line break would start a new
 * line), and no ';' first or after a blank, where inih starts a comment. */
static int scenario_writable(const char *text)
{
	const char *p;

	for (p = text; *p; p++) {
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
			return 0;
		if (*p == ';' && (p == text || scenario_blank(p[-1])))
			return 0;
	}
	return 1;
}

/* Reads a whole number of digits only, at most max.  Returns 0 or -1. */
static int scenario_whole(const char *text, long max, long *x)
{
	const char *p;
	long v = 0;

	if (!*text)
		return -1;
	for (p = text; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		if (v > (max - (*p - '0')) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	*x = v;
	return 0;
}

/* Reads a share, "5%" or a fraction "0.05", into *x.  Returns 0; -1 for a
 * bad number; -2 for a bare number above 1 (a percentage without its %). */
static int scenario_share(const char *text, double *x)
{
	char buf[128];
	size_t n = strlen(text);
	char *s;
	double v;

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, text, n + 1);
	s = scenario_trim(buf);
	n = strlen(s);
	if (n > 0 && s[n - 1] == '%') {
		s[n - 1] = '\0';
		s = scenario_trim(s);
		if (scenario_number(s, &v) != 0)
			return -1;
		*x = v / 100.0;
		return 0;
	}
	if (scenario_number(s, &v) != 0)
		return -1;
	if (v > 1.0)
		return -2;
	*x = v;
	return 0;
}

/* Reads "HH:MM" (or "H:MM") into minutes after midnight: 00:00 .. 23:59, and
 * 24:00 when allow24.  Returns 0 or -1. */
static int scenario_hhmm(const char *s, int allow24, int *minute)
{
	int h, m;
	size_t n = strlen(s);

	if (n == 4 && isdigit((unsigned char)s[0]) && s[1] == ':') {
		h = s[0] - '0';
		s += 2;
	} else if (n == 5 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
		   s[2] == ':') {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		s += 3;
	} else {
		return -1;
	}
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow24)))
		return -1;
	*minute = h * 60 + m;
	return 0;
}

/* Reads "YYYY-MM-DD HH:MM" (a 'T' may stand for the blanks) or
 * "YYYY-MM-DD" alone.  Returns 0 or -1. */
static int scenario_datetime(const char *text, scenario_when *w)
{
	char date[11];
	const char *rest;

	if (strlen(text) < 10)
		return -1;
	memcpy(date, text, 10);
	date[10] = '\0';
	if (pc_date_parse(date, &w->day) != 0)
		return -1;
	rest = text + 10;
	if (!*rest) {
		w->minute = 0;
		w->date_only = 1;
		return 0;
	}
	if (*rest == 'T')
		rest++;
	else if (!scenario_blank(*rest))
		return -1;
	while (scenario_blank(*rest))
		rest++;
	w->date_only = 0;
	return scenario_hhmm(rest, 1, &w->minute);
}

/* Seconds from time 0 of a datetime; a date alone means its 00:00, or its
 * 24:00 when end_of_day. */
static double scenario_when_seconds(const scenario_when *w, int64_t day0, int end_of_day)
{
	int64_t days = w->day - day0 + (w->date_only && end_of_day ? 1 : 0);

	return (double)days * PC_DAY + (double)w->minute * 60.0;
}

/* Writes seconds from time 0 as "YYYY-MM-DD HH:MM". */
static void scenario_format_at(int64_t day0, double seconds, char *buf, size_t n)
{
	long long minutes = llround(seconds / 60.0);
	long long days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
	long long m = minutes - days * 1440;
	char date[32];

	pc_date_format(day0 + days, date, sizeof date);
	snprintf(buf, n, "%s %02lld:%02lld", date, m / 60, m % 60);
}

/* Writes a share as a percentage ("5%"). */
static void scenario_format_share(double x, char *buf, size_t n)
{
	snprintf(buf, n, "%.12g%%", x * 100.0);
}

/* Joins a CSV name to the scenario's folder (absolute names and an empty
 * folder leave it as is).  Returns 0 or -1 when it does not fit. */
static int scenario_join(const char *dir, const char *name, char *out, size_t n)
{
	int w;

	if (!dir[0] || name[0] == '/')
		w = snprintf(out, n, "%s", name);
	else if (dir[strlen(dir) - 1] == '/')
		w = snprintf(out, n, "%s%s", dir, name);
	else
		w = snprintf(out, n, "%s/%s", dir, name);
	return w < 0 || (size_t)w >= n ? -1 : 0;
}

/* A file name written in the file that gave key k, made relative to the
 * scenario's folder (a name in an included file is relative to that file's
 * folder).  Returns 0 or -1 when it does not fit. */
static int key_file_name(const scenario_build *b, int k, const char *name, char *out, size_t n)
{
	return scenario_join(key_prefix(b, k), name, out, n);
}

/* ---- one key's value, read on its own (pass 1) ------------------------- */

/* Reads a duration for key k, reporting the spec's messages. */
static int key_duration(scenario_build *b, int k, const char *text, double *seconds)
{
	const char *name = scenario_keys[k].name;
	int rc = pc_dist_parse_duration(text, seconds);

	if (rc == -2)
		return key_fail(b, k, "'%s' needs a unit (s, min, h, d), got '%s'", name, text);
	if (rc == -3) {
		const char *u = text;
		char unit[64], hint[160];
		char *end;

		while (scenario_blank(*u))
			u++;
		(void)strtod(u, &end);
		u = end;
		while (scenario_blank(*u))
			u++;
		snprintf(unit, sizeof unit, "%s", u);
		pc_dist_unit_hint(text, hint, sizeof hint);
		return key_fail(b, k, "'%s' has an unknown unit '%s', got '%s'%s", name,
				scenario_trim(unit), text, hint);
	}
	if (rc != 0)
		return key_fail(b, k, "'%s' must be a duration such as 30min, got '%s'", name, text);
	return 0;
}

/* Reads a share of key k into *x, within 0 .. hi. */
static int key_share(scenario_build *b, int k, const char *text, double hi, double *x)
{
	const char *name = scenario_keys[k].name;
	int rc = scenario_share(text, x);

	if (rc == -2)
		return key_fail(b, k,
				"'%s' must be a share such as 5%% or 0.05 (a number above 1 needs a %% sign), got '%s'",
				name, text);
	if (rc != 0 || *x < 0.0 || *x > hi)
		return key_fail(b, k, "'%s' must be a share from 0%% to %g%%, got '%s'", name,
				hi * 100.0, text);
	return 0;
}

/* Reads a mix "name share, ..." over names[0 .. n-1] into out (names not
 * listed get 0); with sum_to_one the shares must sum to 1, and are scaled
 * to sum to it exactly; without, each is a share of its own. */
static int key_mix(scenario_build *b, int k, const char *text, const char *const *names, int n,
		   double *out, int sum_to_one)
{
	const char *key = scenario_keys[k].name;
	double v[8] = { 0 }; /* n <= 8: PC_NPATHS, PC_NREASONS */
	int seen[sizeof v / sizeof v[0]] = { 0 };
	char *copy = strdup(text), *cursor = copy;
	double sum = 0.0;
	int i;

	if (!copy)
		return scenario_nomem(b);
	while (cursor && !b->rc) {
		char *item = scenario_next_item(&cursor);
		char *share = item;
		double x;

		while (*share && !scenario_blank(*share))
			share++;
		if (!*item || !*share) {
			key_fail(b, k, "'%s' expects 'name share, ...', got '%s'", key,
				 *item ? item : text);
			break;
		}
		*share++ = '\0';
		share = scenario_trim(share);
		for (i = 0; i < n && strcmp(names[i], item) != 0; i++)
			;
		if (i == n) {
			char list[256] = "";

			for (i = 0; i < n; i++) {
				strcat(list, i ? (i == n - 1 ? " or " : ", ") : "");
				strcat(list, names[i]);
			}
			key_fail(b, k, "'%s' has an unknown name '%s', expected %s", key, item, list);
			break;
		}
		if (seen[i]) {
			key_fail(b, k, "'%s' names '%s' twice", key, item);
			break;
		}
		seen[i] = 1;
		if (scenario_share(share, &x) != 0 || x < 0.0 || x > 1.0) {
			key_fail(b, k, "'%s' share of '%s' must be from 0%% to 100%%, got '%s'", key,
				 item, share);
			break;
		}
		v[i] = x;
		sum += x;
	}
	free(copy);
	if (b->rc)
		return b->rc;
	if (!sum_to_one) {
		memcpy(out, v, (size_t)n * sizeof *out);
		return 0;
	}
	if (fabs(sum - 1.0) > SCENARIO_SUM_TOL)
		return key_fail(b, k, "'%s' shares sum to %g%%, not 100%%", key, sum * 100.0);
	for (i = 0; i < n; i++)
		out[i] = v[i] / sum;
	return 0;
}

/* Reads "name HH:MM-HH:MM, ..." into the staff's shifts. */
static int key_shifts(scenario_build *b, int k, const char *text, pc_staff *st)
{
	const char *key = scenario_keys[k].name;
	pc_shift sh[PC_MAX_SHIFTS];
	char *copy = strdup(text), *cursor = copy;
	int n = 0, i;

	if (!copy)
		return scenario_nomem(b);
	memset(sh, 0, sizeof sh);
	while (cursor && !b->rc) {
		char *item = scenario_next_item(&cursor);
		char whole[256];
		char *times, *dash, *p;
		int start, end;

		snprintf(whole, sizeof whole, "%s", item);
		if (n == PC_MAX_SHIFTS) {
			key_fail(b, k, "'%s' allows at most %d shifts, got '%s'", key, PC_MAX_SHIFTS,
				 text);
			break;
		}
		for (times = item; *times && !scenario_blank(*times); times++)
			;
		if (*times)
			*times++ = '\0';
		times = scenario_trim(times);
		dash = strchr(times, '-');
		if (!*item || !dash) {
			key_fail(b, k, "'%s' expects 'name HH:MM-HH:MM', got '%s'", key, whole);
			break;
		}
		*dash = '\0';
		if (scenario_hhmm(scenario_trim(times), 0, &start) != 0 ||
		    scenario_hhmm(scenario_trim(dash + 1), 1, &end) != 0) {
			key_fail(b, k, "'%s' expects 'name HH:MM-HH:MM', got '%s'", key, whole);
			break;
		}
		for (p = item; *p; p++)
			if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
				break;
		if (*p || strlen(item) >= sizeof sh[0].name) {
			key_fail(b, k,
				 "'%s' shift names are 1 to %zu of a-z, 0-9 and _, got '%s'", key,
				 sizeof sh[0].name - 1, item);
			break;
		}
		for (i = 0; i < n && strcmp(sh[i].name, item) != 0; i++)
			;
		if (i < n) {
			key_fail(b, k, "'%s' names shift '%s' twice", key, item);
			break;
		}
		if (start == end) {
			key_fail(b, k, "'%s' shift '%s' starts and ends at the same time, got '%s'",
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
static int key_priority(scenario_build *b, int k, const char *text, pc_res r, pc_staff *st)
{
	const char *key = scenario_keys[k].name;
	char *copy = strdup(text), *cursor = copy;
	pc_task list[PC_NTASKS];
	int n = 0, i, t;

	if (!copy)
		return scenario_nomem(b);
	if (!*scenario_trim(copy))
		cursor = NULL;
	while (cursor && !b->rc) {
		char *item = scenario_next_item(&cursor);

		for (t = 0; t < PC_NTASKS && strcmp(task_names[t], item) != 0; t++)
			;
		if (!*item)
			key_fail(b, k, "'%s' has an empty task name, got '%s'", key, text);
		else if (t == PC_NTASKS)
			key_fail(b, k, "'%s' has an unknown task '%s'", key, item);
		else if (task_res[t] != r)
			key_fail(b, k, "'%s' names '%s', a task of the %s, not of the %s", key, item,
				 res_names[task_res[t]], res_names[r]);
		if (b->rc)
			break;
		for (i = 0; i < n && list[i] != (pc_task)t; i++)
			;
		if (i < n) {
			key_fail(b, k, "'%s' names '%s' twice", key, item);
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

/* Reads the pre-sale priority days: peak, all, none, or dates YYYY-MM-DD
 * (at most PC_MAX_PRIORITY_DAYS).  The dates are checked against the run's
 * days, and peak resolved, once the other keys are known. */
static int key_days(scenario_build *b, int k, const char *text, char *field)
{
	const char *key = scenario_keys[k].name;
	const size_t size = sizeof b->sc->priority_days_text; /* entry_gated_text too */
	char *copy, *cursor;
	int n = 0;

	if (strlen(text) >= size)
		return key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key, size - 1, text);
	snprintf(field, size, "%s", text);
	if (!strcmp(text, "peak") || !strcmp(text, "all") || !strcmp(text, "none"))
		return 0;
	copy = strdup(text);
	if (!copy)
		return scenario_nomem(b);
	cursor = copy;
	while (cursor && !b->rc) {
		char *item = scenario_next_item(&cursor);
		int64_t day;

		if (pc_date_parse(item, &day) != 0)
			key_fail(b, k, "'%s' must be peak, all, none or dates YYYY-MM-DD, got '%s'", key, text);
		else if (++n > PC_MAX_PRIORITY_DAYS)
			key_fail(b, k, "'%s' allows at most %d dates, got '%s'", key, PC_MAX_PRIORITY_DAYS, text);
	}
	free(copy);
	return b->rc;
}

/* Reads a roster: a headcount for every shift of every day or a CSV file,
 * then any shift headcounts that hold on every day instead ("8, night 3",
 * "rosters/a.csv, night 3"); shift names are checked once the shifts are
 * known (resolve_staff). */
static int key_roster(scenario_build *b, int k, const char *text, pc_res r)
{
	const char *key = scenario_keys[k].name;
	pc_staff *st = &b->sc->staff[r];
	char *copy = strdup(text), *cursor = copy, *base;
	char name[sizeof st->roster_text];
	char names[PC_MAX_SHIFTS][32] = { { 0 } };
	int counts[PC_MAX_SHIFTS] = { 0 };
	const char *p;
	int numeric, n = 0, i;
	long count = 0;

	if (!copy)
		return scenario_nomem(b);
	base = scenario_next_item(&cursor);
	numeric = *base != '\0';
	for (p = base; *p; p++)
		if (!strchr("0123456789+-.eE", *p))
			numeric = 0;
	if (!*base || (numeric && scenario_whole(base, SCENARIO_MAX_COUNT, &count) != 0))
		key_fail(b, k, "'%s' must be a whole number >= 0 or a CSV file, got '%s'", key, text);
	else if (strlen(text) >= sizeof st->roster_text ||
		 (numeric ? snprintf(name, sizeof name, "%s", base) < 0
			  : key_file_name(b, k, base, name, sizeof name) != 0))
		key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
			 sizeof st->roster_text - 1, text);
	while (cursor && !b->rc) {
		char *item = scenario_next_item(&cursor), *num = item;
		char whole[256];
		long v;

		snprintf(whole, sizeof whole, "%s", item);
		while (*num && !scenario_blank(*num))
			num++;
		if (*num)
			*num++ = '\0';
		num = scenario_trim(num);
		if (!*item || scenario_whole(num, SCENARIO_MAX_COUNT, &v) != 0) {
			key_fail(b, k, "'%s' shift headcounts must be like 'night 3', got '%s'", key, whole);
			break;
		}
		for (i = 0; i < n && strcmp(names[i], item) != 0; i++)
			;
		if (i < n) {
			key_fail(b, k, "'%s' names shift '%s' twice", key, item);
			break;
		}
		if (n == PC_MAX_SHIFTS || strlen(item) >= sizeof names[0]) {
			key_fail(b, k, "'%s' names a shift that does not exist, got '%s'", key, whole);
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
		return scenario_nomem(b);
	cursor = copy;
	while (cursor && !b->rc) {
		char *item = scenario_next_item(&cursor);
		int64_t d = 0;
		char a[32], z[32];

		pc_date_parse(item, &d);
		if (d < sc->day0 || d >= sc->day0 + ndays) {
			pc_date_format(sc->day0, a, sizeof a);
			pc_date_format(sc->day0 + ndays - 1, z, sizeof z);
			key_fail(b, k, "'%s' date '%s' is outside the %s days %s to %s", scenario_keys[k].name,
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

/* Reads a service-level target "95% within 30min", or none. */
static int key_sla(scenario_build *b, int k, const char *text, pc_sla_target *target)
{
	const char *key = scenario_keys[k].name;
	char buf[256];
	char *within, *share;
	double x, t;

	if (strcmp(text, "none") == 0) {
		memset(target, 0, sizeof *target);
		return 0;
	}
	snprintf(buf, sizeof buf, "%s", text);
	within = strstr(buf, "within");
	if (!within || within == buf || !scenario_blank(within[-1]))
		return key_fail(b, k, "'%s' must be like '95%% within 30min' or none, got '%s'", key,
				text);
	*within = '\0';
	share = scenario_trim(buf);
	within = scenario_trim(within + 6);
	if (scenario_share(share, &x) != 0 || x <= 0.0 || x > 1.0)
		return key_fail(b, k, "'%s' must be like '95%% within 30min' or none, got '%s'", key,
				text);
	if (key_duration(b, k, within, &t) != 0)
		return b->rc;
	if (t <= 0.0)
		return key_fail(b, k, "'%s' needs a time > 0, got '%s'", key, text);
	target->set = 1;
	target->share = x;
	target->within = t;
	return 0;
}

/* Parses the value text of key k on its own, into the scenario or, for
 * values that need other keys to resolve, into the build. */
static int key_parse(scenario_build *b, int k, const char *text)
{
	pc_scenario *sc = b->sc;
	const key_def *kd = &scenario_keys[k];
	const char *key = kd->name;
	void *field = key_field(sc, k);
	pc_staff *st = &sc->staff[key_res(k)];
	double x;
	long n = 0;

	switch (kd->type) {
	case PC_KT_TEXT:
		if (!*text)
			return key_fail(b, k, "'%s' must not be empty", key);
		if (!scenario_utf8_text(text))
			return key_fail(b, k,
					"'%s' must be UTF-8 text without control characters (save the file as UTF-8), got '%s'",
					key, text);
		if (strlen(text) >= sizeof sc->name)
			return key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
					sizeof sc->name - 1, text);
		snprintf(sc->name, sizeof sc->name, "%s", text);
		return 0;
	case PC_KT_DATE: {
		int64_t day;

		if (pc_date_parse(text, &day) != 0)
			return key_fail(b, k, "'%s' must be a date YYYY-MM-DD, got '%s'", key, text);
		if (k == PC_KEY_SALES_START)
			b->sales_start = day;
		else
			b->sales_end = day;
		return 0;
	}
	case PC_KT_DATETIME: {
		scenario_when w;

		if (scenario_datetime(text, &w) != 0)
			return key_fail(b, k,
					"'%s' must be a date YYYY-MM-DD or a datetime YYYY-MM-DD HH:MM, got '%s'",
					key, text);
		if (k == PC_KEY_HORIZON)
			b->horizon_at = w;
		else
			b->entry_at = w;
		return 0;
	}
	case PC_KT_POSITIVE:
		if (scenario_number(text, &x) != 0 || x <= 0.0)
			return key_fail(b, k, "'%s' must be a number > 0, got '%s'", key, text);
		*(double *)field = x;
		return 0;
	case PC_KT_NONNEG:
		if (scenario_number(text, &x) != 0 || x < 0.0)
			return key_fail(b, k, "'%s' must be a number >= 0, got '%s'", key, text);
		*(double *)field = x;
		return 0;
	case PC_KT_SHARE:
	case PC_KT_RATIO:
		if (key_share(b, k, text, kd->type == PC_KT_RATIO ? 10.0 : 1.0, &x) != 0)
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
		if (key_duration(b, k, text, &x) != 0)
			return b->rc;
		if (kd->type == PC_KT_DURATION_NONNEG && x < 0.0)
			return key_fail(b, k, "'%s' must be a duration >= 0, got '%s'", key, text);
		if (kd->type == PC_KT_DURATION_POS && x <= 0.0)
			return key_fail(b, k, "'%s' must be a duration > 0, got '%s'", key, text);
		if (kd->type == PC_KT_TIMEOUT && x <= 0.0)
			return key_fail(b, k, "'%s' must be a duration > 0 or none, got '%s'", key, text);
		if (kd->type == PC_KT_INTERVAL && (x < 60.0 || x > PC_DAY))
			return key_fail(b, k, "'%s' must be a duration from 1min to 1d, got '%s'", key,
					text);
		/* Intervals tile the days: 24h / interval must be whole. */
		if (kd->type == PC_KT_INTERVAL &&
		    fabs(PC_DAY / x - nearbyint(PC_DAY / x)) > 1e-9 * (PC_DAY / x))
			return key_fail(b, k, "'%s' must divide 24h, got '%s'", key, text);
		*(double *)field = x;
		return 0;
	case PC_KT_MONEY_NONE:
		if (strcmp(text, "none") == 0) {
			*(double *)field = 0.0;
			return 0;
		}
		if (scenario_number(text, &x) != 0 || x <= 0.0)
			return key_fail(b, k, "'%s' must be an amount in CNY > 0 or none, got '%s'", key, text);
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
		if (scenario_join(sc->dir, key_prefix(b, k), dir, sizeof dir) != 0)
			return key_fail(b, k, "'%s' is in a file whose path is too long", key);
		rc = pc_dist_parse(field, text, kd->type == PC_KT_DIST_CNY ? PC_UNIT_CNY : PC_UNIT_DURATION,
				   dir, key_file(b, k), b->given->line[k], &e);
		/* An empirical file named in an included file: kept relative to
		 * the scenario's folder, as the dump writes it. */
		if (rc == 0 && d->kind == PC_DIST_EMPIRICAL && key_prefix(b, k)[0]) {
			if (key_file_name(b, k, d->file, name, sizeof name) != 0) {
				pc_dist_release(d);
				return key_fail(b, k, "'%s' names a file whose path is too long, got '%s'",
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
			return scenario_nomem(b);
		return scenario_fail(b, rc, e.file, e.line, "'%s': %s", key, e.msg);
	}
	case PC_KT_REASONS:
		return key_mix(b, k, text, reason_names, PC_NREASONS, sc->reason_mix, 1);
	case PC_KT_PATHS:
		return key_mix(b, k, text, path_names, PC_NPATHS, sc->path_mix, 1);
	case PC_KT_LATE_MIX:
		return key_mix(b, k, text, late_names, PC_NLATE, sc->late_mix, 1);
	case PC_KT_DAYS:
		return key_days(b, k, text, field);
	case PC_KT_RATE: {
		size_t len = strlen(text);
		if (len > 4 && !strcasecmp(text + len - 4, ".csv")) {
			if (key_file_name(b, k, text, sc->rate_text, sizeof sc->rate_text) != 0)
				return key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
						sizeof sc->rate_text - 1, text);
			return 0;
		}
		sc->rate_text[0] = '\0';
		if (key_share(b, k, text, 1.0, &x) != 0)
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
			return key_fail(b, k, "'%s' must be always or HH:MM-HH:MM, got '%s'", key, text);
		*dash = '\0';
		if (scenario_hhmm(scenario_trim(buf2), 0, &a0) != 0 ||
		    scenario_hhmm(scenario_trim(dash + 1), 1, &a1) != 0 || a1 <= a0)
			return key_fail(b, k, "'%s' must be always or HH:MM-HH:MM within one day, got '%s'",
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
			return scenario_nomem(b);
		cursor = copy;
		while (cursor && !b->rc) {
			char *item = scenario_next_item(&cursor);
			int minute;

			if (scenario_hhmm(item, 0, &minute) != 0)
				key_fail(b, k, "'%s' must be none or times HH:MM, ..., got '%s'", key, text);
			else if (minute <= last)
				key_fail(b, k, "'%s' times must rise through the day, got '%s'", key, text);
			else if (m == PC_MAX_WAVES)
				key_fail(b, k, "'%s' allows at most %d times, got '%s'", key, PC_MAX_WAVES, text);
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
		return key_mix(b, k, text, reason_names, PC_NREASONS, sc->reject, 0);
	case PC_KT_REJECT_MIX:
		return key_mix(b, k, text, after_reject_names, PC_NAFTER_REJECT, sc->after_reject, 1);
	case PC_KT_TIMING:
		for (int i = 0; i < 2; i++)
			if (!strcmp(text, timing_names[i])) {
				*(int *)field = i;
				return 0;
			}
		return key_fail(b, k, "'%s' must be goods_state or order_delay, got '%s'", key, text);
	case PC_KT_STATES:
		return key_mix(b, k, text, asked_names, PC_NSTATES_ASKED, sc->state_mix, 1);
	case PC_KT_REQ_HOURS:
	case PC_KT_DAILY:
	case PC_KT_HOURLY:
	case PC_KT_CURVE: {
		const char *word = kd->type == PC_KT_CURVE ? "none" : "uniform";
		char name[sizeof sc->daily_share_text];

		if (kd->type == PC_KT_REQ_HOURS)
			word = "buyers, uniform, none";
		if (!*text)
			return key_fail(b, k, "'%s' must be %s or a CSV file, got ''", key, word);
		if (strcmp(text, word) == 0 ||
		    (kd->type == PC_KT_REQ_HOURS &&
		     (!strcmp(text, "buyers") || !strcmp(text, "uniform") || !strcmp(text, "none"))))
			snprintf(name, sizeof name, "%s", text);
		else if (key_file_name(b, k, text, name, sizeof name) != 0)
			return key_fail(b, k, "'%s' must be at most %zu characters, got '%s'", key,
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
			return key_fail(b, k, "'%s' must be yes or no, got '%s'", key, text);
		return 0;
	case PC_KT_ESCALATION: {
		char buf[128];
		char *s;
		size_t len;

		snprintf(buf, sizeof buf, "%s", text);
		s = scenario_trim(buf);
		len = strlen(s);
		if (len >= 2 && strcmp(s + len - 2, "/d") == 0)
			s[len - 2] = '\0';
		else if (len >= 7 && strcmp(s + len - 7, "per day") == 0)
			s[len - 7] = '\0';
		if (scenario_share(scenario_trim(s), &x) != 0 || x < 0.0 || x > 1.0)
			return key_fail(b, k, "'%s' must be a share per day from 0%% to 100%% such as 10%%/d, got '%s'",
					key, text);
		*(double *)field = x / PC_DAY;
		return 0;
	}
	case PC_KT_JUDGED:
		if (strcmp(text, "day") == 0)
			*(int *)field = PC_JUDGED_DAY;
		else if (strcmp(text, "horizon") == 0)
			*(int *)field = PC_JUDGED_HORIZON;
		else
			return key_fail(b, k, "'%s' must be day or horizon, got '%s'", key, text);
		return 0;
	case PC_KT_PATTERNS: {
		char msg[400];

		if (pc_shifts_parse(text, field, msg, sizeof msg) != 0)
			return key_fail(b, k, "'%s': %s", key, msg);
		return 0;
	}
	case PC_KT_SHIFTS:
		return key_shifts(b, k, text, st);
	case PC_KT_ROSTER:
		return key_roster(b, k, text, key_res(k));
	case PC_KT_DISCIPLINE:
		if (strcmp(text, "fifo") == 0)
			st->discipline = PC_DISC_FIFO;
		else if (strcmp(text, "priority") == 0)
			st->discipline = PC_DISC_PRIORITY;
		else if (strcmp(text, "age") == 0)
			st->discipline = PC_DISC_AGE;
		else
			return key_fail(b, k, "'%s' must be fifo, priority or age, got '%s'", key, text);
		return 0;
	case PC_KT_PRIORITY:
		return key_priority(b, k, text, (pc_res)key_res(k), st);
	case PC_KT_COUNT:
		if (scenario_whole(text, SCENARIO_MAX_COUNT, &n) != 0)
			return key_fail(b, k, "'%s' must be a whole number from 0 to %d, got '%s'", key,
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
		if (strncmp(text, "below", 5) != 0 || !scenario_blank(text[5]) ||
		    scenario_share(text + 5, &x) != 0 || x < 0.0 || x > 1.0)
			return key_fail(b, k, "'%s' must be like 'below 0.1%%' or none, got '%s'", key, text);
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
			return key_fail(b, k, "'%s' must be a whole number from 0 to %" PRIu64 ", got '%s'",
					key, UINT64_MAX, text);
		sc->seed = (uint64_t)v;
		return 0;
	}
	case PC_KT_REPLICATIONS:
		if (scenario_whole(text, 10000, &n) != 0 || n < 1)
			return key_fail(b, k, "'%s' must be a whole number from 1 to 10000, got '%s'", key,
					text);
		sc->replications = (int)n;
		return 0;
	}
	return 0;
}

/* ---- resolving: defaults, cross-key checks, CSV files (pass 2) -------- */

/* Reads the CSV named by key k. */
static int scenario_table(scenario_build *b, int k, const char *name, pc_table *t)
{
	char path[1024];
	int rc;

	if (scenario_join(b->sc->dir, name, path, sizeof path) != 0)
		return key_fail(b, k, "'%s' names a file whose path is too long, got '%s'",
				scenario_keys[k].name, name);
	rc = pc_table_read(t, path, key_file(b, k), b->given->line[k], &b->err);
	if (!rc)
		b->sc->table_bytes += t->bytes;
	if (rc && !b->rc)
		b->rc = rc;
	return rc;
}

/* Index of column name, or reports it missing at the header. */
static int scenario_column(scenario_build *b, const pc_table *t, const char *name)
{
	int c = pc_table_column(t, name);

	if (c < 0)
		csv_fail(b, t, 0, "missing column '%s'", name);
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

	if (scenario_table(b, k, text, &t) != 0)
		return b->rc;
	if (!(seen = calloc((size_t)n, 1))) {
		pc_table_release(&t);
		return scenario_nomem(b);
	}
	cdate = scenario_column(b, &t, "date");
	cval = cdate < 0 ? -1 : scenario_column(b, &t, column);
	for (r = 1; cval >= 0 && r < t.nrows && !b->rc; r++) {
		const char *date = t.row[r].field[cdate], *val = t.row[r].field[cval];
		int64_t day;
		double x;

		if (pc_date_parse(date, &day) != 0) {
			csv_fail(b, &t, r, "'date' must be a date YYYY-MM-DD, got '%s'", date);
		} else if (day < sc->day0 || day >= sc->day0 + n) {
			char a[32], z[32];

			pc_date_format(sc->day0, a, sizeof a);
			pc_date_format(sc->day0 + n - 1, z, sizeof z);
			csv_fail(b, &t, r, "date '%s' is outside the sales days %s to %s", date, a, z);
		} else if (seen[day - sc->day0]) {
			csv_fail(b, &t, r, "date '%s' given twice", date);
		} else if (scenario_share(val, &x) != 0 || x < 0.0 || x > 1.0) {
			csv_fail(b, &t, r, "'%s' must be a share from 0%% to 100%%, got '%s'", column, val);
		} else {
			seen[day - sc->day0] = 1;
			out[day - sc->day0] = x;
		}
	}
	for (int i = 0; i < n && !b->rc; i++) {
		if (!seen[i]) {
			char d[32];

			pc_date_format(sc->day0 + i, d, sizeof d);
			key_fail(b, k, "'%s' has no row for sales day '%s'", scenario_keys[k].name, d);
		}
	}
	free(seen);
	pc_table_release(&t);
	return b->rc;
}

/* daily_share: uniform, or a CSV date,share over the sales days. */
static int resolve_daily(scenario_build *b)
{
	const int k = PC_KEY_DAILY_SHARE;
	pc_scenario *sc = b->sc;
	int n = sc->sales_days, i;
	double sum = 0.0;

	sc->daily_share = calloc((size_t)n, sizeof *sc->daily_share);
	if (!sc->daily_share)
		return scenario_nomem(b);
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
		return key_fail(b, k, "'daily_share' shares sum to %g%%, not 100%%", sum * 100.0);
	for (i = 0; i < n; i++)
		sc->daily_share[i] /= sum;
	return 0;
}

/* An hour profile (key k, as written in text): uniform, or a CSV
 * hour,share over hours 0 .. 23, into out[24]. */
static int resolve_hour_table(scenario_build *b, int k, const char *text, double *out)
{
	const char *key = scenario_keys[k].name;
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
	if (scenario_table(b, k, text, &t) != 0)
		return b->rc;
	chour = scenario_column(b, &t, "hour");
	cshare = chour < 0 ? -1 : scenario_column(b, &t, "share");
	for (r = 1; cshare >= 0 && r < t.nrows && !b->rc; r++) {
		const char *hour = t.row[r].field[chour], *share = t.row[r].field[cshare];
		long v;
		double x;

		if (scenario_whole(hour, 23, &v) != 0)
			csv_fail(b, &t, r, "'hour' must be a whole number from 0 to 23, got '%s'", hour);
		else if (seen[v])
			csv_fail(b, &t, r, "hour '%s' given twice", hour);
		else if (scenario_share(share, &x) != 0 || x < 0.0 || x > 1.0)
			csv_fail(b, &t, r, "'share' must be a share from 0%% to 100%%, got '%s'", share);
		else {
			seen[v] = 1;
			out[v] = x;
			sum += x;
		}
	}
	pc_table_release(&t);
	for (h = 0; h < 24 && !b->rc; h++)
		if (!seen[h])
			key_fail(b, k, "'%s' has no row for hour '%d'", key, h);
	if (!b->rc && fabs(sum - 1.0) > SCENARIO_SUM_TOL)
		key_fail(b, k, "'%s' shares sum to %g%%, not 100%%", key, sum * 100.0);
	for (h = 0; h < 24 && !b->rc; h++)
		out[h] /= sum;
	return b->rc;
}

/* rate as a CSV date,rate: every sales day its rate; refund_rate becomes
 * the orders' mean rate, sum of daily_share x rate, so that R = G r / A
 * still counts the refunds. */
static int resolve_rate(scenario_build *b)
{
	pc_scenario *sc = b->sc;

	free(sc->rate_by_day);
	sc->rate_by_day = NULL;
	if (!sc->rate_text[0])
		return 0;
	if (!(sc->rate_by_day = calloc((size_t)sc->sales_days, sizeof *sc->rate_by_day)))
		return scenario_nomem(b);
	if (read_day_table(b, PC_KEY_RATE, sc->rate_text, "rate", sc->rate_by_day))
		return b->rc;
	sc->refund_rate = 0;
	for (int i = 0; i < sc->sales_days; i++)
		sc->refund_rate += sc->daily_share[i] * sc->rate_by_day[i];
	return 0;
}

/* hourly_share: the orders' hours. */
static int resolve_hourly(scenario_build *b)
{
	pc_scenario *sc = b->sc;

	return resolve_hour_table(b, PC_KEY_HOURLY_SHARE, sc->hourly_share_text, sc->hourly_share);
}

/* request_hours: buyers (the built-in profile), uniform, none, or a CSV. */
static int resolve_request_hours(scenario_build *b)
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
		sum += buyer_hours[h];
	for (int h = 0; h < 24; h++)
		sc->request_hours[h] = buyer_hours[h] / sum;
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
	csv_fail(b, t, 0, "missing column '%s' (or '%s', '%s')", names[0], names[1], names[2]);
	return -1;
}

/* arrival_curve: none, or a CSV of piecewise-constant refund request rates. */
static int resolve_curve(scenario_build *b)
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
	if (scenario_table(b, k, sc->arrival_curve_text, &t) != 0)
		return b->rc;
	cstart = scenario_column_of(b, &t, starts, &ws);
	cvalue = cstart < 0 ? -1 : scenario_column_of(b, &t, values, &wv);
	n = t.nrows - 1;
	if (cvalue >= 0 && n < 2)
		key_fail(b, k, "'arrival_curve' needs at least 2 rows, got %zu", n);
	if (!b->rc) {
		cv->t = calloc(n, sizeof *cv->t);
		cv->rate = calloc(n, sizeof *cv->rate);
		if (!cv->t || !cv->rate)
			scenario_nomem(b);
		else
			cv->n = (int)n;
	}
	for (r = 1; r < t.nrows && !b->rc; r++) {
		const char *start = t.row[r].field[cstart], *value = t.row[r].field[cvalue];
		double s, x = 0.0;
		scenario_when w;

		if (ws < 2 && (scenario_number(start, &s) != 0 || s < 0.0)) {
			csv_fail(b, &t, r, "'%s' must be a number >= 0, got '%s'", starts[ws], start);
			break;
		}
		if (ws < 2) {
			s *= ws == 0 ? 60.0 : PC_HOUR;
		} else if (scenario_datetime(start, &w) != 0) {
			csv_fail(b, &t, r,
				 "'datetime' must be a date YYYY-MM-DD or a datetime YYYY-MM-DD HH:MM, got '%s'",
				 start);
			break;
		} else if ((s = scenario_when_seconds(&w, sc->day0, 0)) < 0.0) {
			char d[32];

			pc_date_format(sc->day0, d, sizeof d);
			csv_fail(b, &t, r, "'datetime' must not be before sales_start %s, got '%s'", d,
				 start);
			break;
		}
		if (r > 1 && s <= cv->t[r - 2]) {
			csv_fail(b, &t, r, "starts must be strictly ascending, got '%s' after '%s'", start,
				 t.row[r - 1].field[cstart]);
			break;
		}
		if (wv < 2 && (scenario_number(value, &x) != 0 || x < 0.0)) {
			csv_fail(b, &t, r, "'%s' must be a number >= 0, got '%s'", values[wv], value);
			break;
		}
		if (wv == 2 && (scenario_share(value, &x) != 0 || x < 0.0 || x > 1.0)) {
			csv_fail(b, &t, r, "'share' must be a share from 0%% to 100%%, got '%s'", value);
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
		return key_fail(b, k, "'arrival_curve' shares sum to %g%%, not 100%%", sum * 100.0);
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
	if (scenario_table(b, k, st->roster_text, &t) != 0)
		return b->rc;
	ndata = t.nrows - 1;
	if (pc_table_column(&t, "date") >= 0 || pc_table_column(&t, "shift") >= 0) {
		/* TABLE.  Day d of the table is stored while d < cap_days: a table
		 * with more days than rows / shifts + 1 misses one of them anyway
		 * (counting the shifts that need rows: not those with a shift
		 * headcount). */
		int cdate = scenario_column(b, &t, "date");
		int cshift = cdate < 0 ? -1 : scenario_column(b, &t, "shift");
		int chead = cshift < 0 ? -1 : scenario_column(b, &t, "headcount");
		size_t cap_days = ndata / (size_t)(ns - b->noverride[res] > 0 ? ns - b->noverride[res] : 1) + 1;
		int *tab = NULL;
		int64_t last = -1, d;

		if (chead >= 0 && ndata == 0)
			key_fail(b, k, "'roster' has no rows after the header in '%s'", t.path);
		if (!b->rc && !(tab = malloc(cap_days * (size_t)ns * sizeof *tab)))
			scenario_nomem(b);
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
				csv_fail(b, &t, r, "'date' must be a date YYYY-MM-DD, got '%s'", date);
			} else if (day < sc->day0) {
				csv_fail(b, &t, r, "date '%s' is before sales_start %s", date, d0);
			} else if (s == ns) {
				char list[PC_MAX_SHIFTS * 34] = "", hint[64];
				int i;

				for (i = 0; i < ns; i++) {
					strcat(list, i ? ", " : "");
					strcat(list, st->shift[i].name);
				}
				csv_fail(b, &t, r, "unknown shift '%s'%s, the %s's shifts are %s", shift,
					 shift_hint(st, shift, hint, sizeof hint), res_names[res], list);
			} else if (scenario_whole(head, SCENARIO_MAX_COUNT, &h) != 0) {
				csv_fail(b, &t, r, "'headcount' must be a whole number from 0 to %d, got '%s'",
					 SCENARIO_MAX_COUNT, head);
			} else {
				d = day - sc->day0;
				if (d > last)
					last = d;
				if ((size_t)d < cap_days) {
					if (tab[d * ns + s] >= 0)
						csv_fail(b, &t, r, "date '%s' shift '%s' given twice", date,
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
					key_fail(b, k, "'roster' has no row for date '%s' shift '%s' in '%s'",
						 date, st->shift[s].name, t.path);
				}
			}
		}
		if (!b->rc && last >= 0 && last + 1 < (int64_t)ceil(sc->horizon / PC_DAY - 1e-9)) {
			char d1[32], d2[32];
			int64_t hdays = (int64_t)ceil(sc->horizon / PC_DAY - 1e-9);

			pc_date_format(sc->day0 + last, d1, sizeof d1);
			pc_date_format(sc->day0 + hdays - 1, d2, sizeof d2);
			key_warn(b, k, "'roster' '%s' ends on %s, before the run's last day %s: its last day's headcounts are used for the %lld days after it (add rows to plan them)",
				 t.path, d1, d2, (long long)(hdays - 1 - last));
		}
		if (!b->rc) {
			st->ndays = (int)ceil(sc->horizon / PC_DAY) + past;
			st->headcount = malloc((size_t)st->ndays * (size_t)ns * sizeof *st->headcount);
			if (!st->headcount)
				scenario_nomem(b);
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
			csv_fail(b, &t, 0, "missing column 'headcount'");
		else if (ndata == 0)
			key_fail(b, k, "'roster' has no rows after the header in '%s'", t.path);
		if (!b->rc) {
			st->change_t = malloc(ndata * sizeof *st->change_t);
			st->change_cap = malloc(ndata * sizeof *st->change_cap);
			if (!st->change_t || !st->change_cap)
				scenario_nomem(b);
			else
				st->nchanges = (int)ndata;
			st->roster_kind = PC_ROSTER_CHANGES;
		}
		for (r = 1; r < t.nrows && !b->rc; r++) {
			const char *at = t.row[r].field[ctime], *head = t.row[r].field[chead];
			double x;
			long h;
			scenario_when w;

			if (bymin && (scenario_number(at, &x) != 0 || x < 0.0)) {
				csv_fail(b, &t, r, "'time_min' must be a number >= 0, got '%s'", at);
				break;
			}
			if (bymin) {
				x *= 60.0;
			} else if (scenario_datetime(at, &w) != 0 ||
				   (x = scenario_when_seconds(&w, sc->day0, 0)) < 0.0) {
				csv_fail(b, &t, r,
					 "'datetime' must be a datetime YYYY-MM-DD HH:MM from sales_start on, got '%s'",
					 at);
				break;
			}
			if (r == 1 && x != 0.0) {
				csv_fail(b, &t, r, "the first change must be at time 0, got '%s'", at);
				break;
			}
			if (r > 1 && x <= st->change_t[r - 2]) {
				csv_fail(b, &t, r, "times must be strictly ascending, got '%s' after '%s'",
					 at, t.row[r - 1].field[ctime]);
				break;
			}
			if (scenario_whole(head, SCENARIO_MAX_COUNT, &h) != 0) {
				csv_fail(b, &t, r, "'%s' must be a whole number from 0 to %d, got '%s'", hname,
					 SCENARIO_MAX_COUNT, head);
				break;
			}
			st->change_t[r - 1] = x;
			st->change_cap[r - 1] = (int)h;
		}
	} else {
		csv_fail(b, &t, 0,
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
		return key_fail(b, k,
				"'roster' shift headcounts need a roster by shift, but '%s' gives capacity change points",
				st->roster_text);
	for (i = 0; i < b->noverride[res]; i++) {
		const char *name = b->override_name[res][i];
		char list[PC_MAX_SHIFTS * 34] = "", hint[64];

		for (s = 0; s < st->nshifts && strcmp(st->shift[s].name, name) != 0; s++)
			;
		if (s == st->nshifts) {
			for (s = 0; s < st->nshifts; s++) {
				scenario_append(list, sizeof list, s ? ", " : "");
				scenario_append(list, sizeof list, st->shift[s].name);
			}
			return key_fail(b, k, "'roster' names shift '%s'%s, but the %s's shifts are %s", name,
					shift_hint(st, name, hint, sizeof hint), res_names[res], list);
		}
		st->shift_headcount[s] = b->override_count[res][i];
		for (d = 0; d < st->ndays; d++)
			st->headcount[(size_t)d * (size_t)st->nshifts + (size_t)s] = st->shift_headcount[s];
	}
	return 0;
}

/* One staff (a resource, or the pre-sale-only agents, who have no planning
 * limits and one fifo queue): queue classes, planning limits, roster. */
static int resolve_staff(scenario_build *b, int res)
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
			if ((int)task_res[t] != res)
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
			return key_fail(b, kmax,
					"'max_per_shift' must be a whole number >= min_per_shift %d, got '%s'",
					st->min_per_shift, b->given->text[kmax]);
		return key_fail(b, kmin, "'min_per_shift' must not be above max_per_shift %d, got '%s'",
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
			return scenario_nomem(b);
		for (j = 0; j < n; j++)
			st->headcount[j] = (int)b->roster_count[res];
	} else if (resolve_roster_file(b, kroster, res) != 0) {
		return b->rc;
	}
	return resolve_shift_headcounts(b, kroster, res);
}

/* Fails when key k is on (a lever that needs every request's order time)
 * while the requests come from an arrival curve, which has no orders. */
static int need_orders(scenario_build *b, int k, int on)
{
	if (!on || !b->sc->has_arrival_curve)
		return 0;
	return key_fail(b, k, "'%s' needs the orders, which arrival_curve '%s' does not give, got '%s'",
			scenario_keys[k].name, b->sc->arrival_curve_text,
			b->given->text[k] ? b->given->text[k] : scenario_keys[k].def);
}

static void key_format(const pc_scenario *sc, int k, char *buf, size_t n);

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

		key_format(b->sc, k, value, sizeof value);
		len = strlen(scenario_keys[k].name) + 3 + strlen(value);
		if (len > SCENARIO_LINE_MAX)
			return key_fail(b, k,
					"'%s' is %zu characters written back as '%s = %s', more than the %d of a line",
					scenario_keys[k].name, len, scenario_keys[k].name, value,
					SCENARIO_LINE_MAX);
	}
	return 0;
}

/* Pass 2: defaults, required keys, then everything that needs more than one
 * key, in the order the keys depend on each other. */
static int scenario_resolve(scenario_build *b)
{
	pc_scenario *sc = b->sc;
	struct pc_scenario_given *g = b->given;
	char a[64], z[64];
	int k, r;

	sc->warnings[0] = '\0'; /* a rebuild warns afresh */
	for (k = 0; k < PC_NKEYS && !b->rc; k++)
		if (!g->text[k] && scenario_keys[k].def && scenario_keys[k].def[0] != '(')
			key_parse(b, k, scenario_keys[k].def);
	for (k = 0; k < PC_NKEYS && !b->rc; k++)
		if (!g->text[k] && !scenario_keys[k].def)
			scenario_fail(b, PC_EINPUT, sc->file, 0, "missing key '%s' in section '[%s]'",
				      scenario_keys[k].name, scenario_keys[k].section);
	if (b->rc)
		return b->rc;

	/* [promotion] dates and name. */
	pc_date_format(b->sales_start, a, sizeof a);
	if (b->sales_end < b->sales_start)
		return key_fail(b, PC_KEY_SALES_END, "'sales_end' must not be before sales_start %s, got '%s'",
				a, g->text[PC_KEY_SALES_END]);
	if (b->sales_end - b->sales_start >= SCENARIO_MAX_SALES_DAYS)
		return key_fail(b, PC_KEY_SALES_END,
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
	sc->entry_opens = g->text[PC_KEY_ENTRY_OPENS] ? scenario_when_seconds(&b->entry_at, sc->day0, 0)
						     : 0.0;
	if (sc->entry_opens < 0.0)
		return key_fail(b, PC_KEY_ENTRY_OPENS,
				"'entry_opens' must not be before sales_start %s, got '%s'", a,
				g->text[PC_KEY_ENTRY_OPENS]);
	sc->horizon = g->text[PC_KEY_HORIZON] ? scenario_when_seconds(&b->horizon_at, sc->day0, 1)
					      : (sc->sales_days + 20) * PC_DAY;
	if (sc->horizon <= sc->entry_opens) {
		if (g->text[PC_KEY_HORIZON]) {
			scenario_format_at(sc->day0, sc->entry_opens, z, sizeof z);
			return key_fail(b, PC_KEY_HORIZON, "'horizon' must be after entry_opens %s, got '%s'",
					z, g->text[PC_KEY_HORIZON]);
		}
		scenario_format_at(sc->day0, sc->horizon, z, sizeof z);
		return key_fail(b, PC_KEY_ENTRY_OPENS, "'entry_opens' must be before horizon %s, got '%s'",
				z, g->text[PC_KEY_ENTRY_OPENS]);
	}
	if (sc->horizon > SCENARIO_MAX_HORIZON_DAYS * PC_DAY)
		return key_fail(b, PC_KEY_HORIZON,
				"'horizon' must be at most %d days from sales_start %s, got '%s'",
				SCENARIO_MAX_HORIZON_DAYS, a, g->text[PC_KEY_HORIZON]);

	/* Orders N = gmv / aov must be a number a machine could simulate:
	 * 1e300 / 1e-300 is not, nor are 1e5 / 1e-300 = 1e305 orders. */
	if (!isfinite(sc->gmv / sc->aov))
		return key_fail(b, PC_KEY_AOV,
				"'aov' is too small for gmv %g: orders gmv / aov overflow, got '%s'",
				sc->gmv, g->text[PC_KEY_AOV]);
	if (!(sc->gmv / sc->aov <= SCENARIO_MAX_ORDERS))
		return key_fail(b, PC_KEY_AOV,
				"'aov' is too small for gmv %g: gmv / aov gives %.3g orders, more than %g, got '%s'",
				sc->gmv, sc->gmv / sc->aov, SCENARIO_MAX_ORDERS, g->text[PC_KEY_AOV]);

	/* The order amount scales with the average order value unless given:
	 * lognormal with mean aov and cv 1. */
	if (!g->text[PC_KEY_ORDER_AMOUNT]) {
		snprintf(z, sizeof z, "lognormal(mean=%.15g, cv=1)", sc->aov);
		if (key_parse(b, PC_KEY_ORDER_AMOUNT, z))
			return b->rc;
	}
	if (resolve_daily(b) || resolve_rate(b) || resolve_hourly(b) || resolve_request_hours(b) ||
	    resolve_curve(b))
		return b->rc;
	if (sc->rate_by_day && sc->has_arrival_curve)
		return key_fail(b, PC_KEY_RATE,
				"'rate' by day needs the orders, which arrival_curve '%s' does not give, got '%s'",
				sc->arrival_curve_text, sc->rate_text);
	for (r = 0; r < PC_NSTAFF; r++) {
		static const int shrink_key[PC_NSTAFF] = { PC_KEY_AGENT_SHRINKAGE, PC_KEY_SUPERVISOR_SHRINKAGE,
							   PC_KEY_INSPECTOR_SHRINKAGE, PC_KEY_PRESALE_SHRINKAGE,
							   PC_KEY_RECEPTION_SHRINKAGE };
		if (sc->staff[r].shrinkage >= 1)
			return key_fail(b, shrink_key[r],
					"'shrinkage' must be below 100%%: somebody has to be available, got '%s'",
					g->text[shrink_key[r]] ? g->text[shrink_key[r]] : "");
	}
	if (sc->chat_concurrency < 1)
		return key_fail(b, PC_KEY_CONCURRENCY, "'concurrency' must be a whole number >= 1, got '%s'",
				g->text[PC_KEY_CONCURRENCY] ? g->text[PC_KEY_CONCURRENCY] : "");
	/* With an arrival curve the requests follow the curve: timing and the
	 * goods' life are not used (the dump writes them all).  ship_delay is
	 * the earlier model's race; the goods' state has its own dispatch. */
	if (sc->ship_delay.set && !sc->has_arrival_curve && sc->timing == PC_TIMING_GOODS_STATE)
		return key_fail(b, PC_KEY_SHIP_DELAY,
				"'ship_delay' needs timing order_delay: with goods_state the goods leave by [goods] dispatch, got '%s'",
				g->text[PC_KEY_SHIP_DELAY] ? g->text[PC_KEY_SHIP_DELAY] : "");
	/* Levers that need each request's order time: an arrival curve gives
	 * requests without orders. */
	if (need_orders(b, PC_KEY_SHIP_DELAY, sc->ship_delay.set) ||
	    need_orders(b, PC_KEY_LATE_PERIOD, sc->late_period > 0) ||
	    need_orders(b, PC_KEY_CHATS_PER_ORDER, sc->chats_per_order > 0) || resolve_days(b))
		return b->rc;
	for (r = 0; r < PC_NSTAFF; r++)
		if (resolve_staff(b, r))
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
		key_parse(b, order[j], g->text[order[j]]);
	if (!b->rc)
		scenario_resolve(b);
	return b->rc;
}

/* ---- reading the INI file ---------------------------------------------- */

/* Finds the first of chars in s, or an inline comment (';' after a blank),
 * as inih does.  Returns a pointer to it, or to the terminating NUL. */
static const char *scenario_find(const char *s, const char *chars)
{
	int was_space = 0;

	while (*s && !strchr(chars, *s) && !(was_space && *s == ';')) {
		was_space = isspace((unsigned char)*s);
		s++;
	}
	return s;
}

/* inih's reader: hands inih one physical line at a time, so the handler
 * knows its number, and checks what inih would skip or mangle: lines longer
 * than SCENARIO_LINE_MAX, unknown or broken section headers, lines that are
 * not key = value.  Leading blanks are removed so that inih never takes an
 * indented line for the continuation of the previous value.  Returns NULL at
 * the end of the file or once an error is recorded, which ends the parse. */
static char *scenario_read_line(char *str, int num, void *stream)
{
	scenario_build *b = stream;
	char buf[SCENARIO_LINE_MAX + 8];
	size_t len = 0, limit = (size_t)num - 1;
	int c, any = 0, nul = 0, cr = 0;
	char *text;

	if (b->rc || num < 2)
		return NULL;
	if (limit > SCENARIO_LINE_MAX)
		limit = SCENARIO_LINE_MAX;
	/* Reading stops one character past the limit: the line is an error
	 * then, and an endless line (a 10 MB one, /dev/zero) is not read on. */
	while ((c = getc(b->fp)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		nul |= c == '\0';
		if (c == '\r') {
			/* CR LF is a line end, a CR alone is an old Mac's. */
			int d = getc(b->fp);
			if (d != '\n' && d != EOF) {
				cr = 1;
				break;
			}
			if (d != EOF)
				ungetc(d, b->fp);
		}
		if (len < sizeof buf - 1)
			buf[len] = (char)c;
		if (++len > limit + 4) /* BOM and CR aside, already too long */
			break;
	}
	if (!any)
		return NULL;
	b->line++;
	if (b->line == 1 && len >= 2 && ((unsigned char)buf[0] == 0xFF || (unsigned char)buf[0] == 0xFE) &&
	    (unsigned char)buf[1] == ((unsigned char)buf[0] ^ 1)) {
		scenario_fail(b, PC_EINPUT, read_file(b), b->line,
			      "the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8");
		return NULL;
	}
	if (nul) {
		scenario_fail(b, PC_EINPUT, read_file(b), b->line,
			      "line holds a NUL byte (is the file UTF-16? save it as UTF-8)");
		return NULL;
	}
	if (cr) {
		scenario_fail(b, PC_EINPUT, read_file(b), b->line,
			      "lines end with a carriage return alone (CR, an old Mac line end): save the "
			      "file with LF or CR LF line ends");
		return NULL;
	}
	if (len < sizeof buf && len > 0 && buf[len - 1] == '\r')
		len--;
	text = buf;
	if (b->line == 1 && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (len > limit) {
		scenario_fail(b, PC_EINPUT, read_file(b), b->line, "line longer than %zu characters",
			      limit);
		return NULL;
	}
	text[len] = '\0';
	while (isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	if (*text == '[') {
		const char *end = scenario_find(text + 1, "]");
		char section[SCENARIO_LINE_MAX + 1];

		if (*end != ']') {
			scenario_fail(b, PC_EINPUT, read_file(b), b->line,
				      "section header needs a closing ']', got '%s'", text);
			return NULL;
		}
		snprintf(section, sizeof section, "%.*s", (int)(end - text - 1), text + 1);
		if (!section_known(section)) {
			char hint[SCENARIO_LINE_MAX + 40];

			scenario_fail(b, PC_EINPUT, read_file(b), b->line, "unknown section '[%s]'%s",
				      section, section_hint(section, hint, sizeof hint));
			return NULL;
		}
	} else if (*text && *text != ';' && *text != '#') {
		const char *end = scenario_find(text, "=:");

		if (*end != '=' && *end != ':') {
			scenario_fail(b, PC_EINPUT, read_file(b), b->line,
				      "expected 'key = value', got '%s'", text);
			return NULL;
		}
	}
	memcpy(str, text, len);
	if (len + 1 < (size_t)num)
		str[len++] = '\n';
	str[len] = '\0';
	return str;
}

static int scenario_read(scenario_build *b, const char *path);

/* include = FILE at the top of a file: reads FILE, relative to the folder of
 * the file that names it, before the rest of this file, whose keys then
 * override FILE's. */
static int scenario_include(scenario_build *b, const char *value)
{
	struct pc_scenario_given *g = b->given;
	const scenario_source *from = &g->source[b->cur];
	scenario_source *grown, *to;
	char dir[1024], sub[1024];
	const char *slash;
	FILE *saved_fp = b->fp;
	int saved_line = b->line, saved_cur = b->cur, i, why;
	double bytes;
	struct stat st;

	if (!*value)
		return scenario_fail(b, PC_EINPUT, read_file(b), b->line, "'include' needs a file name");
	if (b->depth >= SCENARIO_MAX_INCLUDE_DEPTH)
		return scenario_fail(b, PC_EINPUT, read_file(b), b->line,
				     "includes nest deeper than %d files, got '%s'",
				     SCENARIO_MAX_INCLUDE_DEPTH, value);
	grown = realloc(g->source, (size_t)(g->nsources + 1) * sizeof *g->source);
	if (!grown)
		return scenario_nomem(b);
	g->source = grown;
	from = &g->source[b->cur];
	to = &g->source[g->nsources];
	memset(to, 0, sizeof *to);
	/* The path to open is relative to the including file's folder; the
	 * prefix, the folder relative to the scenario's, grows the same way. */
	slash = strrchr(from->path, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash == from->path ? 1 : slash - from->path) : 0,
		 from->path);
	slash = strrchr(value, '/');
	snprintf(sub, sizeof sub, "%.*s", slash ? (int)(slash == value ? 1 : slash - value) : 0, value);
	if (scenario_join(dir, value, to->path, sizeof to->path) != 0 ||
	    scenario_join(from->prefix, sub, to->prefix, sizeof to->prefix) != 0)
		return scenario_fail(b, PC_EINPUT, read_file(b), b->line,
				     "'include' names a file whose path is too long, got '%s'", value);
	b->fp = pc_file_open(to->path, &bytes, &why);
	if (!b->fp) {
		b->fp = saved_fp;
		return scenario_fail(b, PC_EIO, read_file(b), b->line, "cannot %s include '%s': %s",
				     why > 0 && why != EISDIR ? "open" : "read", to->path, pc_file_why(why));
	}
	if (fstat(fileno(b->fp), &st) != 0)
		memset(&st, 0, sizeof st);
	else
		for (i = 0; i < b->depth; i++)
			if (b->dev[i] == st.st_dev && b->ino[i] == st.st_ino) {
				fclose(b->fp);
				b->fp = saved_fp;
				return scenario_fail(b, PC_EINPUT, read_file(b), b->line,
						     "include cycle: '%s' is already being read", to->path);
			}
	b->dev[b->depth] = st.st_dev;
	b->ino[b->depth] = st.st_ino;
	b->depth++;
	b->cur = g->nsources++;
	b->line = 0;
	scenario_read(b, to->path);
	fclose(b->fp);
	b->depth--;
	b->fp = saved_fp;
	b->line = saved_line;
	b->cur = saved_cur;
	return b->rc;
}

/* inih's handler: one key = value of the current line. */
static int scenario_on_key(void *user, const char *section, const char *name, const char *value)
{
	scenario_build *b = user;
	struct pc_scenario_given *g = b->given;
	char hint[SCENARIO_LINE_MAX + 40];
	int k;

	if (b->rc)
		return 0;
	if (strcmp(name, "include") == 0) {
		if (!section[0])
			return scenario_include(b, value) == 0;
		scenario_fail(b, PC_EINPUT, read_file(b), b->line,
			      "'include' must come before any [section], got it in '[%s]'", section);
		return 0;
	}
	k = key_find(section, name);
	if (k < 0) {
		if (!section[0])
			scenario_fail(b, PC_EINPUT, read_file(b), b->line,
				      "key '%s' comes before any [section]", name);
		else
			scenario_fail(b, PC_EINPUT, read_file(b), b->line,
				      "unknown key '%s' in section '[%s]'%s", name, section,
				      key_hint(section, name, hint, sizeof hint));
		return 0;
	}
	/* A key of an included file is overridden; twice in one file is an
	 * error. */
	if (g->text[k] && g->src[k] == b->cur) {
		scenario_fail(b, PC_EINPUT, read_file(b), b->line, "key '%s' given twice in section '[%s]'",
			      name, section);
		return 0;
	}
	free(g->text[k]);
	g->text[k] = strdup(value);
	if (!g->text[k]) {
		scenario_nomem(b);
		return 0;
	}
	g->line[k] = b->line;
	g->src[k] = b->cur;
	g->seq[k] = ++b->seq;
	return key_parse(b, k, value) == 0;
}

/* Reads the open file b->fp (path, for messages) with inih. */
static int scenario_read(scenario_build *b, const char *path)
{
	int rc = ini_parse_stream(scenario_read_line, b, scenario_on_key, b);

	if (!b->rc && ferror(b->fp))
		scenario_fail(b, PC_EIO, path, 0, "cannot read '%s'", path);
	if (!b->rc && rc > 0)
		scenario_fail(b, PC_EINPUT, path, rc, "cannot parse this line");
	return b->rc;
}

/* Ends a load or a rebuild: on failure frees what sc holds and hands the
 * error to the caller. */
static int scenario_finish(scenario_build *b, pc_error *err)
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

int pc_scenario_load(pc_scenario *sc, const char *path, pc_error *err)
{
	scenario_build b;
	const char *slash;
	struct stat st;
	double bytes;
	int why;

	memset(sc, 0, sizeof *sc);
	memset(&b, 0, sizeof b);
	b.sc = sc;
	pc_error_clear(&b.err);
	if (strlen(path) >= sizeof sc->file) {
		scenario_fail(&b, PC_EINPUT, "", 0, "file name longer than %zu characters: '%s'",
			      sizeof sc->file - 1, path);
		return scenario_finish(&b, err);
	}
	snprintf(sc->file, sizeof sc->file, "%s", path);
	slash = strrchr(path, '/');
	if (slash)
		snprintf(sc->dir, sizeof sc->dir, "%.*s", (int)(slash == path ? 1 : slash - path), path);
	sc->given = calloc(1, sizeof *sc->given);
	if (sc->given)
		sc->given->source = calloc(1, sizeof *sc->given->source);
	if (!sc->given || !sc->given->source) {
		scenario_nomem(&b);
		return scenario_finish(&b, err);
	}
	b.given = sc->given;
	b.given->nsources = 1;
	snprintf(b.given->source[0].path, sizeof b.given->source[0].path, "%s", path);
	/* Not fopen: a named pipe would block in open() until a writer
	 * came. */
	b.fp = pc_file_open(path, &bytes, &why);
	if (!b.fp) {
		scenario_fail(&b, PC_EIO, "", 0, "cannot %s '%s': %s",
			      why > 0 && why != EISDIR ? "open" : "read", path, pc_file_why(why));
		return scenario_finish(&b, err);
	}
	if (fstat(fileno(b.fp), &st) == 0) {
		b.dev[0] = st.st_dev;
		b.ino[0] = st.st_ino;
	}
	b.depth = 1;
	scenario_read(&b, path);
	fclose(b.fp);
	if (!b.rc)
		scenario_resolve(&b);
	return scenario_finish(&b, err);
}

/* ---- set, copy, release ------------------------------------------------ */

/* Copies the keys as written from src (NULL: none) into dst, which holds
 * none, leaving out key skip (-1: none).  Returns 0 or PC_ENOMEM (dst then
 * holds what was copied, for the caller to free). */
static int given_copy(struct pc_scenario_given *dst, const struct pc_scenario_given *src, int skip)
{
	int k;

	if (!src || src->nsources == 0) {
		dst->source = calloc(1, sizeof *dst->source);
		if (!dst->source)
			return PC_ENOMEM;
		dst->nsources = 1;
		return 0;
	}
	dst->source = malloc((size_t)src->nsources * sizeof *dst->source);
	if (!dst->source)
		return PC_ENOMEM;
	memcpy(dst->source, src->source, (size_t)src->nsources * sizeof *dst->source);
	dst->nsources = src->nsources;
	for (k = 0; k < PC_NKEYS; k++) {
		if (k == skip || !src->text[k])
			continue;
		dst->line[k] = src->line[k];
		dst->src[k] = src->src[k];
		dst->seq[k] = src->seq[k];
		if (!(dst->text[k] = strdup(src->text[k])))
			return PC_ENOMEM;
	}
	return 0;
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
	k = key_find(section, key);
	if (k < 0) {
		char hint[128];

		scenario_fail(&b, PC_EINPUT, sc->file, 0, "unknown key '%s' in section '[%s]'%s", key,
			      section, key_hint(section, key, hint, sizeof hint));
		return scenario_finish(&b, err);
	}
	memcpy(tmp.file, sc->file, sizeof tmp.file);
	memcpy(tmp.dir, sc->dir, sizeof tmp.dir);
	tmp.given = calloc(1, sizeof *tmp.given);
	if (!tmp.given) {
		scenario_nomem(&b);
		return scenario_finish(&b, err);
	}
	b.given = tmp.given;
	if (given_copy(tmp.given, sc->given, k) != 0) {
		scenario_nomem(&b);
		return scenario_finish(&b, err);
	}
	text = strdup(value);
	if (!text) {
		scenario_nomem(&b);
		return scenario_finish(&b, err);
	}
	tmp.given->text[k] = text;
	tmp.given->line[k] = 0;
	tmp.given->src[k] = 0;
	tmp.given->seq[k] = INT_MAX;
	trimmed = scenario_trim(text);
	memmove(text, trimmed, strlen(trimmed) + 1);
	/* The value must be one a scenario file can hold, or the dump would
	 * not load back to it. */
	if (!scenario_writable(text)) {
		scenario_fail(&b, PC_EINPUT, sc->file, 0,
			      "'%s' must be one line without control characters or a ';' after a blank (a file reads a comment from there), got '%s'",
			      key, text);
		return scenario_finish(&b, err);
	}
	if (scenario_rebuild(&b) != 0)
		return scenario_finish(&b, err);
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

	snprintf(section, sizeof section, "staff.%s", res_names[res]);
	for (s = 0; s < st->nshifts && strcmp(st->shift[s].name, shift) != 0; s++)
		;
	if (s == st->nshifts) {
		for (i = 0; i < st->nshifts; i++) {
			scenario_append(list, sizeof list, i ? ", " : "");
			scenario_append(list, sizeof list, st->shift[i].name);
		}
		pc_error_set(err, sc->file, 0, "the %s has no shift '%s'%s, its shifts are %s",
			     res_names[res], shift, shift_hint(st, shift, hint, sizeof hint), list);
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
		scenario_append(value, sizeof value, item);
	}
	return pc_scenario_set(sc, section, "roster", value, err);
}

int pc_scenario_key_info(int i, pc_key_info *info)
{
	const key_def *kd;

	if (i < 0 || i >= PC_NKEYS)
		return -1;
	kd = &scenario_keys[i];
	info->section = kd->section;
	info->name = kd->name;
	info->doc = kd->doc;
	info->def = kd->def;
	switch (kd->type) {
	case PC_KT_POSITIVE:
	case PC_KT_NONNEG:
		info->syntax = PC_SYNTAX_NUMBER;
		break;
	case PC_KT_COUNT:
	case PC_KT_SEED:
	case PC_KT_REPLICATIONS:
	case PC_KT_ROSTER:
		info->syntax = PC_SYNTAX_WHOLE;
		break;
	case PC_KT_SHARE:
	case PC_KT_RATE:
	case PC_KT_RATIO:
		info->syntax = PC_SYNTAX_SHARE;
		break;
	case PC_KT_DURATION_POS:
	case PC_KT_DURATION_NONNEG:
	case PC_KT_TIMEOUT:
	case PC_KT_INTERVAL:
		info->syntax = PC_SYNTAX_DURATION;
		break;
	default:
		info->syntax = PC_SYNTAX_OTHER;
		break;
	}
	return 0;
}

/* ---- demand ------------------------------------------------------------- */

/* The keys that decide the refunds a replication draws (sim.c: the
 * arrival, delay and attribute streams). */
static const int demand_keys[] = {
	PC_KEY_SALES_START, PC_KEY_SALES_END, PC_KEY_HORIZON, PC_KEY_GMV, PC_KEY_AOV,
	PC_KEY_DAILY_SHARE, PC_KEY_HOURLY_SHARE, PC_KEY_RATE, PC_KEY_ENTRY_OPENS,
	PC_KEY_REQUEST_DELAY, PC_KEY_ARRIVAL_CURVE, PC_KEY_AFTER_SALES_RATIO, PC_KEY_REASONS,
	PC_KEY_PATH_MIX, PC_KEY_AMOUNT, PC_KEY_TIMING, PC_KEY_GOODS_STATE, PC_KEY_DELAY_BEFORE_DISPATCH,
	PC_KEY_DELAY_IN_TRANSIT, PC_KEY_DELAY_AFTER_DELIVERY, PC_KEY_NO_RETURN, PC_KEY_REQUEST_HOURS,
	PC_KEY_ENTRY_GATED, PC_KEY_DISPATCH, PC_KEY_DELIVERY, PC_KEY_CONFIRM_AFTER, PC_KEY_CLAIM_DELAY,
	PC_KEY_CLAIMS, PC_KEY_CLAIM_NO_RETURN
};

static int doubles_equal(const double *x, const double *y, size_t n)
{
	return n == 0 || memcmp(x, y, n * sizeof *x) == 0;
}

static int dist_equal(const pc_dist *x, const pc_dist *y)
{
	return x->kind == y->kind && x->p1 == y->p1 && x->p2 == y->p2 && x->n == y->n &&
	       (x->n == 0 || (doubles_equal(x->values, y->values, x->n) &&
			      doubles_equal(x->weights, y->weights, x->n)));
}

/* Whether demand key k resolves to the same value in a and b. */
static int demand_key_equal(const pc_scenario *a, const pc_scenario *b, int k)
{
	switch (k) {
	case PC_KEY_SALES_START:
		return a->day0 == b->day0;
	case PC_KEY_SALES_END:
		return a->day0 + a->sales_days == b->day0 + b->sales_days;
	case PC_KEY_DAILY_SHARE:
		return a->sales_days == b->sales_days &&
		       doubles_equal(a->daily_share, b->daily_share, (size_t)a->sales_days);
	case PC_KEY_HOURLY_SHARE:
		return doubles_equal(a->hourly_share, b->hourly_share, 24);
	case PC_KEY_ARRIVAL_CURVE:
		return a->has_arrival_curve == b->has_arrival_curve &&
		       a->arrival_curve.n == b->arrival_curve.n &&
		       a->arrival_curve.end == b->arrival_curve.end &&
		       doubles_equal(a->arrival_curve.t, b->arrival_curve.t, (size_t)a->arrival_curve.n) &&
		       doubles_equal(a->arrival_curve.rate, b->arrival_curve.rate,
				     (size_t)a->arrival_curve.n);
	case PC_KEY_REASONS:
		return doubles_equal(a->reason_mix, b->reason_mix, PC_NREASONS);
	case PC_KEY_PATH_MIX:
		return doubles_equal(a->path_mix, b->path_mix, PC_NPATHS);
	case PC_KEY_REQUEST_DELAY:
	case PC_KEY_AMOUNT:
	case PC_KEY_DELAY_BEFORE_DISPATCH:
	case PC_KEY_DELAY_IN_TRANSIT:
	case PC_KEY_DELAY_AFTER_DELIVERY:
	case PC_KEY_DISPATCH:
	case PC_KEY_DELIVERY:
	case PC_KEY_CLAIM_DELAY:
		return dist_equal(key_cfield(a, k), key_cfield(b, k));
	case PC_KEY_TIMING:
		return a->timing == b->timing;
	case PC_KEY_GOODS_STATE:
		return doubles_equal(a->state_mix, b->state_mix, PC_NSTATES_ASKED);
	case PC_KEY_REQUEST_HOURS:
		return a->request_hours_on == b->request_hours_on &&
		       doubles_equal(a->request_hours, b->request_hours, 24);
	case PC_KEY_ENTRY_GATED:
		return a->entry_gated_all == b->entry_gated_all && a->nentry_gated == b->nentry_gated &&
		       memcmp(a->entry_gated_day, b->entry_gated_day,
			      (size_t)a->nentry_gated * sizeof a->entry_gated_day[0]) == 0;
	case PC_KEY_RATE:
		return a->refund_rate == b->refund_rate && !a->rate_by_day == !b->rate_by_day &&
		       (!a->rate_by_day || (a->sales_days == b->sales_days &&
					    doubles_equal(a->rate_by_day, b->rate_by_day, (size_t)a->sales_days)));
	default: /* horizon, gmv, aov, entry_opens, after_sales_ratio */
		return *(const double *)key_cfield(a, k) == *(const double *)key_cfield(b, k);
	}
}

int pc_scenario_demand_diff(const pc_scenario *a, const pc_scenario *b, char *buf, size_t n)
{
	size_t i;
	int count = 0;

	if (n)
		buf[0] = '\0';
	for (i = 0; i < sizeof demand_keys / sizeof demand_keys[0]; i++) {
		int k = demand_keys[i];
		char name[128];

		if (demand_key_equal(a, b, k))
			continue;
		snprintf(name, sizeof name, "%s%s.%s", count ? ", " : "", scenario_keys[k].section,
			 scenario_keys[k].name);
		if (n)
			scenario_append(buf, n, name);
		count++;
	}
	return count;
}

/* A malloc'd copy of n bytes of p (NULL for none); *ok cleared on failure. */
static void *scenario_dup(const void *p, size_t n, int *ok)
{
	void *q;

	if (!p || n == 0)
		return NULL;
	q = malloc(n);
	if (!q) {
		*ok = 0;
		return NULL;
	}
	memcpy(q, p, n);
	return q;
}

int pc_scenario_copy(pc_scenario *dst, const pc_scenario *src)
{
	int ok = 1, k, r;

	*dst = *src;
	/* First let dst own nothing, so that a failure part way releases
	 * exactly what was copied. */
	dst->daily_share = NULL;
	dst->rate_by_day = NULL;
	dst->arrival_curve.t = NULL;
	dst->arrival_curve.rate = NULL;
	dst->given = NULL;
	for (r = 0; r < PC_NSTAFF; r++) {
		dst->staff[r].headcount = NULL;
		dst->staff[r].change_t = NULL;
		dst->staff[r].change_cap = NULL;
	}
	for (k = 0; k < PC_NKEYS; k++) {
		if (key_has_dist(k)) {
			pc_dist *d = key_field(dst, k);

			d->values = NULL;
			d->weights = NULL;
			d->table = NULL;
		}
	}

	dst->daily_share = scenario_dup(src->daily_share,
					(size_t)src->sales_days * sizeof *src->daily_share, &ok);
	if (src->rate_by_day)
		dst->rate_by_day = scenario_dup(src->rate_by_day,
						(size_t)src->sales_days * sizeof *src->rate_by_day, &ok);
	dst->arrival_curve.t = scenario_dup(src->arrival_curve.t,
					    (size_t)src->arrival_curve.n * sizeof(double), &ok);
	dst->arrival_curve.rate = scenario_dup(src->arrival_curve.rate,
					       (size_t)src->arrival_curve.n * sizeof(double), &ok);
	for (r = 0; r < PC_NSTAFF; r++) {
		const pc_staff *s = &src->staff[r];
		pc_staff *d = &dst->staff[r];

		d->headcount = scenario_dup(s->headcount,
					    (size_t)s->ndays * (size_t)s->nshifts * sizeof(int), &ok);
		d->change_t = scenario_dup(s->change_t, (size_t)s->nchanges * sizeof(double), &ok);
		d->change_cap = scenario_dup(s->change_cap, (size_t)s->nchanges * sizeof(int), &ok);
	}
	for (k = 0; k < PC_NKEYS && ok; k++)
		if (key_has_dist(k))
			if (pc_dist_copy(key_field(dst, k), key_cfield(src, k)) != 0)
				ok = 0;
	if (ok && src->given) {
		dst->given = calloc(1, sizeof *dst->given);
		if (!dst->given || given_copy(dst->given, src->given, -1) != 0)
			ok = 0;
	}
	if (!ok) {
		pc_scenario_release(dst);
		return PC_ENOMEM;
	}
	return 0;
}

/* ---- pack and unpack ---------------------------------------------------- */

/* A growing byte buffer for pc_scenario_pack. */
typedef struct pack_buf {
	unsigned char *p;
	size_t n, cap;
	int ok;
} pack_buf;

static void pack_put(pack_buf *b, const void *data, size_t n)
{
	if (!b->ok || n == 0)
		return;
	if (b->n + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		unsigned char *q;

		while (cap < b->n + n)
			cap *= 2;
		if (!(q = realloc(b->p, cap))) {
			b->ok = 0;
			return;
		}
		b->p = q;
		b->cap = cap;
	}
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

int pc_scenario_pack(const pc_scenario *sc, void **buf, size_t *n)
{
	pack_buf b = { NULL, 0, 0, 1 };

	pack_put(&b, sc, sizeof *sc);
	pack_put(&b, sc->daily_share, (size_t)sc->sales_days * sizeof(double) * (sc->daily_share != NULL));
	pack_put(&b, sc->rate_by_day, (size_t)sc->sales_days * sizeof(double) * (sc->rate_by_day != NULL));
	pack_put(&b, sc->arrival_curve.t, (size_t)sc->arrival_curve.n * sizeof(double) * (sc->arrival_curve.t != NULL));
	pack_put(&b, sc->arrival_curve.rate,
		 (size_t)sc->arrival_curve.n * sizeof(double) * (sc->arrival_curve.rate != NULL));
	for (int r = 0; r < PC_NSTAFF; r++) {
		const pc_staff *st = &sc->staff[r];

		pack_put(&b, st->headcount,
			 (size_t)st->ndays * (size_t)st->nshifts * sizeof(int) * (st->headcount != NULL));
		pack_put(&b, st->change_t, (size_t)st->nchanges * sizeof(double) * (st->change_t != NULL));
		pack_put(&b, st->change_cap, (size_t)st->nchanges * sizeof(int) * (st->change_cap != NULL));
	}
	for (int k = 0; k < PC_NKEYS; k++) {
		const pc_dist *d;

		if (!key_has_dist(k))
			continue;
		d = key_cfield(sc, k);
		if (d->kind == PC_DIST_EMPIRICAL && d->values) {
			pack_put(&b, d->values, d->n * sizeof(double));
			pack_put(&b, d->weights, d->n * sizeof(double));
		}
	}
	if (!b.ok) {
		free(b.p);
		return PC_ENOMEM;
	}
	*buf = b.p;
	*n = b.n;
	return 0;
}

/* The next n bytes of an unpacked buffer as a malloc'd copy (NULL for
 * none); *ok cleared when the buffer is short or memory runs out. */
static void *unpack_take(const unsigned char *buf, size_t len, size_t *at, size_t n, int present, int *ok)
{
	void *q;

	if (!present || n == 0 || !*ok)
		return NULL;
	if (n > len - *at) {
		*ok = 0;
		return NULL;
	}
	q = scenario_dup(buf + *at, n, ok);
	*at += n;
	return q;
}

int pc_scenario_unpack(pc_scenario *sc, const void *buf, size_t n)
{
	const unsigned char *b = buf;
	size_t at = sizeof *sc;
	int ok = 1;

	if (n < sizeof *sc)
		return PC_EINPUT;
	memcpy(sc, b, sizeof *sc);
	/* Nothing is owned until it is copied out of the buffer. */
	sc->given = NULL;
	sc->daily_share = unpack_take(b, n, &at, (size_t)sc->sales_days * sizeof(double),
				      sc->daily_share != NULL, &ok);
	sc->rate_by_day = unpack_take(b, n, &at, (size_t)sc->sales_days * sizeof(double),
				      sc->rate_by_day != NULL, &ok);
	sc->arrival_curve.t = unpack_take(b, n, &at, (size_t)sc->arrival_curve.n * sizeof(double),
					  sc->arrival_curve.t != NULL, &ok);
	sc->arrival_curve.rate = unpack_take(b, n, &at, (size_t)sc->arrival_curve.n * sizeof(double),
					     sc->arrival_curve.rate != NULL, &ok);
	for (int r = 0; r < PC_NSTAFF; r++) {
		pc_staff *st = &sc->staff[r];

		st->headcount = unpack_take(b, n, &at, (size_t)st->ndays * (size_t)st->nshifts * sizeof(int),
					    st->headcount != NULL, &ok);
		st->change_t = unpack_take(b, n, &at, (size_t)st->nchanges * sizeof(double),
					   st->change_t != NULL, &ok);
		st->change_cap = unpack_take(b, n, &at, (size_t)st->nchanges * sizeof(int),
					     st->change_cap != NULL, &ok);
	}
	for (int k = 0; k < PC_NKEYS; k++) {
		pc_dist *d, tmp;

		if (!key_has_dist(k))
			continue;
		d = key_field(sc, k);
		tmp = *d;
		d->values = NULL;
		d->weights = NULL;
		d->table = NULL;
		if (tmp.kind != PC_DIST_EMPIRICAL || !tmp.values)
			continue;
		tmp.values = unpack_take(b, n, &at, tmp.n * sizeof(double), 1, &ok);
		tmp.weights = unpack_take(b, n, &at, tmp.n * sizeof(double), 1, &ok);
		tmp.table = NULL;
		/* The same weights give the same table (pc_dist_copy). */
		if (ok && pc_dist_copy(d, &tmp) != 0)
			ok = 0;
		free(tmp.values);
		free(tmp.weights);
	}
	if (!ok || at != n) {
		pc_scenario_release(sc);
		return PC_EINPUT;
	}
	return 0;
}

void pc_scenario_release(pc_scenario *sc)
{
	int k, r;

	if (!sc)
		return;
	free(sc->daily_share);
	free(sc->rate_by_day);
	free(sc->arrival_curve.t);
	free(sc->arrival_curve.rate);
	for (r = 0; r < PC_NSTAFF; r++) {
		free(sc->staff[r].headcount);
		free(sc->staff[r].change_t);
		free(sc->staff[r].change_cap);
	}
	for (k = 0; k < PC_NKEYS; k++)
		if (key_has_dist(k))
			pc_dist_release(key_field(sc, k));
	if (sc->given) {
		for (k = 0; k < PC_NKEYS; k++)
			free(sc->given->text[k]);
		free(sc->given->source);
		free(sc->given);
	}
	memset(sc, 0, sizeof *sc);
}

/* ---- dump and key reference -------------------------------------------- */

/* Writes a duration, or none for 0 when none_for_zero. */
static void scenario_format_duration(double seconds, int none_for_zero, char *buf, size_t n)
{
	if (none_for_zero && seconds == 0.0)
		snprintf(buf, n, "none");
	else
		pc_dist_format_duration(seconds, buf, n);
}

/* Writes the canonical value of key k. */
static void key_format(const pc_scenario *sc, int k, char *buf, size_t n)
{
	const key_def *kd = &scenario_keys[k];
	const void *field = key_cfield(sc, k);
	const pc_staff *st = &sc->staff[key_res(k)];
	char a[64], z[160];
	int i, j;

	buf[0] = '\0';
	switch (kd->type) {
	case PC_KT_TEXT:
		snprintf(buf, n, "%s", sc->name);
		break;
	case PC_KT_DATE:
		pc_date_format(sc->day0 + (k == PC_KEY_SALES_START ? 0 : sc->sales_days - 1), buf, n);
		break;
	case PC_KT_DATETIME:
		if (k == PC_KEY_HORIZON && fmod(sc->horizon, PC_DAY) == 0.0 && sc->horizon > 0.0)
			pc_date_format(sc->day0 + (int64_t)(sc->horizon / PC_DAY) - 1, buf, n);
		else
			scenario_format_at(sc->day0, *(const double *)field, buf, n);
		break;
	case PC_KT_POSITIVE:
	case PC_KT_NONNEG:
		snprintf(buf, n, "%.15g", *(const double *)field);
		break;
	case PC_KT_SHARE:
	case PC_KT_RATIO:
		scenario_format_share(*(const double *)field, buf, n);
		break;
	case PC_KT_DURATION_POS:
	case PC_KT_DURATION_NONNEG:
	case PC_KT_INTERVAL:
	case PC_KT_TIMEOUT:
		scenario_format_duration(*(const double *)field, kd->type == PC_KT_TIMEOUT, buf, n);
		break;
	case PC_KT_DIST:
	case PC_KT_DIST_CNY:
		pc_dist_format(field, buf, n);
		break;
	case PC_KT_DIST_NONE:
		if (((const pc_dist_opt *)field)->set)
			pc_dist_format(field, buf, n);
		else
			snprintf(buf, n, "none");
		break;
	case PC_KT_MONEY_NONE:
		if (*(const double *)field > 0)
			snprintf(buf, n, "%.15g", *(const double *)field);
		else
			snprintf(buf, n, "none");
		break;
	case PC_KT_REASONS:
	case PC_KT_PATHS:
	case PC_KT_LATE_MIX: {
		const char *const *names = kd->type == PC_KT_PATHS ? path_names
					   : kd->type == PC_KT_LATE_MIX ? late_names
									: reason_names;
		int m = kd->type == PC_KT_PATHS ? PC_NPATHS : kd->type == PC_KT_LATE_MIX ? PC_NLATE : PC_NREASONS;

		for (i = 0; i < m; i++) {
			scenario_format_share(((const double *)field)[i], a, sizeof a);
			snprintf(z, sizeof z, "%s%s %s", i ? ", " : "", names[i], a);
			scenario_append(buf, n, z);
		}
		break;
	}
	case PC_KT_DAILY:
	case PC_KT_HOURLY:
	case PC_KT_CURVE:
	case PC_KT_DAYS:
	case PC_KT_REQ_HOURS:
		snprintf(buf, n, "%s", (const char *)field);
		break;
	case PC_KT_TIMING:
		snprintf(buf, n, "%s", timing_names[*(const int *)field ? 1 : 0]);
		break;
	case PC_KT_RATE:
		if (sc->rate_text[0])
			snprintf(buf, n, "%s", sc->rate_text);
		else
			scenario_format_share(*(const double *)field, buf, n);
		break;
	case PC_KT_HOURS_RANGE:
		if (sc->courier_open == 0 && sc->courier_close == 1440)
			snprintf(buf, n, "always");
		else
			snprintf(buf, n, "%02d:%02d-%02d:%02d", sc->courier_open / 60, sc->courier_open % 60,
				 sc->courier_close / 60, sc->courier_close % 60);
		break;
	case PC_KT_WAVES:
		if (!sc->nwaves)
			snprintf(buf, n, "none");
		for (i = 0; i < sc->nwaves; i++) {
			snprintf(z, sizeof z, "%s%02d:%02d", i ? ", " : "", sc->wave_minute[i] / 60,
				 sc->wave_minute[i] % 60);
			scenario_append(buf, n, z);
		}
		break;
	case PC_KT_REJECT:
		if (!sc->reject_set) {
			snprintf(buf, n, "none");
			break;
		}
		for (i = 0, j = 0; i < PC_NREASONS; i++) {
			if (sc->reject[i] == 0)
				continue;
			scenario_format_share(sc->reject[i], a, sizeof a);
			snprintf(z, sizeof z, "%s%s %s", j++ ? ", " : "", reason_names[i], a);
			scenario_append(buf, n, z);
		}
		if (j == 0)
			snprintf(buf, n, "%s 0%%", reason_names[0]);
		break;
	case PC_KT_REJECT_MIX:
		for (i = 0; i < PC_NAFTER_REJECT; i++) {
			scenario_format_share(((const double *)field)[i], a, sizeof a);
			snprintf(z, sizeof z, "%s%s %s", i ? ", " : "", after_reject_names[i], a);
			scenario_append(buf, n, z);
		}
		break;
	case PC_KT_STATES:
		for (i = 0; i < PC_NSTATES_ASKED; i++) {
			scenario_format_share(((const double *)field)[i], a, sizeof a);
			snprintf(z, sizeof z, "%s%s %s", i ? ", " : "", asked_names[i], a);
			scenario_append(buf, n, z);
		}
		break;
	case PC_KT_BOOL:
		snprintf(buf, n, "%s", *(const int *)field ? "yes" : "no");
		break;
	case PC_KT_ESCALATION:
		scenario_format_share(*(const double *)field * PC_DAY, a, sizeof a);
		snprintf(buf, n, "%s/d", a);
		break;
	case PC_KT_SHIFTS:
		for (i = 0; i < st->nshifts; i++) {
			const pc_shift *sh = &st->shift[i];
			int s = sh->start / 60, e = sh->end / 60;
			char item[80];

			if (e > 1440)
				e -= 1440;
			snprintf(item, sizeof item, "%s%s %02d:%02d-%02d:%02d", i ? ", " : "", sh->name,
				 s / 60, s % 60, e / 60, e % 60);
			scenario_append(buf, n, item);
		}
		break;
	case PC_KT_ROSTER:
		snprintf(buf, n, "%s", st->roster_text);
		for (i = 0; i < st->nshifts; i++) {
			if (st->shift_headcount[i] < 0)
				continue;
			snprintf(z, sizeof z, ", %s %d", st->shift[i].name, st->shift_headcount[i]);
			scenario_append(buf, n, z);
		}
		break;
	case PC_KT_DISCIPLINE:
		snprintf(buf, n, "%s", st->discipline == PC_DISC_PRIORITY ? "priority"
				       : st->discipline == PC_DISC_AGE	   ? "age"
									   : "fifo");
		break;
	case PC_KT_PRIORITY:
		for (i = 0; i < st->npriority; i++) {
			scenario_append(buf, n, i ? ", " : "");
			scenario_append(buf, n, task_names[st->priority[i]]);
		}
		break;
	case PC_KT_COUNT:
		snprintf(buf, n, "%d", *(const int *)field);
		break;
	case PC_KT_SLA: {
		const pc_sla_target *t = field;

		if (!t->set) {
			snprintf(buf, n, "none");
			break;
		}
		scenario_format_share(t->share, a, sizeof a);
		pc_dist_format_duration(t->within, z, sizeof z);
		snprintf(buf, n, "%s within %s", a, z);
		break;
	}
	case PC_KT_LIMIT:
		if (!sc->sla_dispute_set) {
			snprintf(buf, n, "none");
			break;
		}
		scenario_format_share(sc->sla_dispute_max, a, sizeof a);
		snprintf(buf, n, "below %s", a);
		break;
	case PC_KT_SEED:
		snprintf(buf, n, "%" PRIu64, sc->seed);
		break;
	case PC_KT_REPLICATIONS:
		snprintf(buf, n, "%d", sc->replications);
		break;
	case PC_KT_JUDGED:
		snprintf(buf, n, "%s", *(const int *)field == PC_JUDGED_HORIZON ? "horizon" : "day");
		break;
	case PC_KT_PATTERNS:
		pc_shifts_format(field, buf, n);
		break;
	}
}

int pc_scenario_dump(const pc_scenario *sc, FILE *out)
{
	const char *section = NULL;
	char value[1024];
	int k;

	/* No name in this comment: a long name would push it past the line
	 * limit and the dump would not load again. */
	fputs("; promocap scenario, every key resolved, defaults included\n", out);
	for (k = 0; k < PC_NKEYS; k++) {
		if (!section || strcmp(section, scenario_keys[k].section) != 0) {
			section = scenario_keys[k].section;
			fprintf(out, "\n[%s]\n", section);
		}
		key_format(sc, k, value, sizeof value);
		fprintf(out, "%s = %s\n", scenario_keys[k].name, value);
	}
	return ferror(out) ? PC_EIO : 0;
}

/* Writes text with '|' escaped for a markdown table cell. */
static void scenario_cell(FILE *out, const char *text, size_t n)
{
	size_t i;

	for (i = 0; i < n && text[i]; i++) {
		if (text[i] == '|')
			fputc('\\', out);
		fputc(text[i], out);
	}
}

int pc_scenario_keys_markdown(FILE *out)
{
	const char *section = NULL;
	int k;

	for (k = 0; k < PC_NKEYS; k++) {
		const key_def *kd = &scenario_keys[k];

		if (!section || strcmp(section, kd->section) != 0) {
			section = kd->section;
			fprintf(out, "%s### [%s]\n\n| key | default | meaning |\n|---|---|---|\n",
				k ? "\n" : "", section);
		}
		fprintf(out, "| `%s` | ", kd->name);
		if (!kd->def) {
			fputs("required", out);
		} else if (kd->def[0] == '(') {
			fputc('*', out);
			scenario_cell(out, kd->def + 1, strlen(kd->def) - 2);
			fputc('*', out);
		} else {
			fputc('`', out);
			scenario_cell(out, kd->def, strlen(kd->def));
			fputc('`', out);
		}
		fputs(" | ", out);
		scenario_cell(out, kd->doc, strlen(kd->doc));
		fputs(" |\n", out);
	}
	return ferror(out) ? PC_EIO : 0;
}

/* ---- capacity schedule ------------------------------------------------- */

/* A capacity step: delta servers from time t. */
typedef struct scenario_step {
	double t;
	int delta;
} scenario_step;

static int scenario_step_cmp(const void *pa, const void *pb)
{
	const scenario_step *x = pa, *y = pb;

	return (x->t > y->t) - (x->t < y->t);
}

int pc_staff_any(const pc_staff *st)
{
	if (st->roster_kind == PC_ROSTER_CHANGES) {
		for (int i = 0; i < st->nchanges; i++)
			if (st->change_cap[i] > 0)
				return 1;
		return 0;
	}
	if (!st->headcount)
		return 0;
	for (size_t i = 0; i < (size_t)st->ndays * (size_t)st->nshifts; i++)
		if (st->headcount[i] > 0)
			return 1;
	return 0;
}

int pc_staff_schedule(const pc_staff *st, double horizon, int *n, double **t, int **cap)
{
	scenario_step *steps = NULL;
	size_t nsteps = 0, i, m = 0;
	double *ot;
	int *oc;
	int level = 0;

	*n = 0;
	*t = NULL;
	*cap = NULL;
	if (st->roster_kind == PC_ROSTER_CHANGES && st->nchanges > 0) {
		ot = malloc((size_t)st->nchanges * sizeof *ot);
		oc = malloc((size_t)st->nchanges * sizeof *oc);
		if (!ot || !oc) {
			free(ot);
			free(oc);
			return PC_ENOMEM;
		}
		memcpy(ot, st->change_t, (size_t)st->nchanges * sizeof *ot);
		memcpy(oc, st->change_cap, (size_t)st->nchanges * sizeof *oc);
		*n = st->nchanges;
		*t = ot;
		*cap = oc;
		return 0;
	}
	/* Shift s of day d adds its headcount on [d*86400 + start,
	 * d*86400 + end); a shift past midnight spills into day d+1, and
	 * overlapping shifts add up. */
	if (st->roster_kind != PC_ROSTER_CHANGES && st->headcount && st->nshifts > 0) {
		size_t total = 2 * (size_t)st->ndays * (size_t)st->nshifts;
		int d, s;

		steps = malloc(total * sizeof *steps);
		if (!steps)
			return PC_ENOMEM;
		for (d = 0; d < st->ndays; d++) {
			for (s = 0; s < st->nshifts; s++) {
				int h = st->headcount[(size_t)d * (size_t)st->nshifts + (size_t)s];
				double base = d * PC_DAY;

				if (h == 0 || base + st->shift[s].start >= horizon)
					continue;
				steps[nsteps].t = base + st->shift[s].start;
				steps[nsteps++].delta = h;
				steps[nsteps].t = base + st->shift[s].end;
				steps[nsteps++].delta = -h;
			}
		}
		qsort(steps, nsteps, sizeof *steps, scenario_step_cmp);
	}
	ot = malloc((nsteps + 1) * sizeof *ot);
	oc = malloc((nsteps + 1) * sizeof *oc);
	if (!ot || !oc) {
		free(ot);
		free(oc);
		free(steps);
		return PC_ENOMEM;
	}
	for (i = 0; i < nsteps && steps[i].t <= 0.0; i++)
		level += steps[i].delta;
	ot[0] = 0.0;
	oc[0] = level;
	m = 1;
	while (i < nsteps && steps[i].t < horizon) {
		double now = steps[i].t;

		while (i < nsteps && steps[i].t == now)
			level += steps[i++].delta;
		if (level != oc[m - 1]) {
			ot[m] = now;
			oc[m++] = level;
		}
	}
	free(steps);
	*n = (int)m;
	*t = ot;
	*cap = oc;
	return 0;
}
