/* scenario_internal: what the scenario's files share (the key table and errors in
 * scenario.c, value syntaxes in scenario_value.c, pass 1 in scenario_parse.c and
 * scenario_staff.c, pass 2 in scenario_tables.c, scenario_staff.c and
 * scenario_resolve.c, forecast distributions in scenario_forecast.c, the INI
 * reader in scenario_read.c, copy and pack in
 * scenario_copy.c, dump and key reference in scenario_dump.c): the key table,
 * the build record of one load, and the functions they call across files.
 * Private to the library: the public contract is include/promocap/scenario.h. */
#ifndef PC_SCENARIO_INTERNAL_H
#define PC_SCENARIO_INTERNAL_H

#include "promocap/scenario.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

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

/* ---- scenario.c ------------------------------------------------------------ */

/* The key table, one row per line of scenario_keys.h. */
extern const key_def pc_scn_keys[PC_NKEYS];
/* Names as written in scenario files, by enumerator; the hours buyers ask
 * at (request_hours = buyers), in per mille; the resource that serves each
 * task. */
extern const char *const pc_scn_path_names[PC_NPATHS];
extern const char *const pc_scn_reason_names[PC_NREASONS];
extern const char *const pc_scn_late_names[PC_NLATE];
extern const char *const pc_scn_asked_names[PC_NSTATES_ASKED];
extern const char *const pc_scn_timing_names[2];
extern const char *const pc_scn_after_reject_names[PC_NAFTER_REJECT];
extern const double pc_scn_buyer_hours[24];
extern const char *const pc_scn_res_names[PC_NSTAFF];
extern const char *const pc_scn_task_names[PC_NTASKS];
extern const pc_res pc_scn_task_res[PC_NTASKS];

/* Records a failure at file:line (the first one is kept); returns the first
 * failure's code. */
int pc_scn_fail(scenario_build *b, int rc, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The file that gave key k: the scenario, or a file it includes. */
const char *pc_scn_key_file(const scenario_build *b, int k);

/* The folder of the file that gave key k, relative to the scenario's. */
const char *pc_scn_key_prefix(const scenario_build *b, int k);

/* The file being read: the scenario or an included file. */
const char *pc_scn_read_file(const scenario_build *b);

/* Records bad input at the line of key k in the file that gave it. */
int pc_scn_key_fail(scenario_build *b, int k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records bad input in row r of a CSV table, at its own file and line. */
int pc_scn_csv_fail(scenario_build *b, const pc_table *t, size_t r, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Adds a warning at the line of key k to the scenario's warnings (the
 * first ones that fit are kept). */
void pc_scn_key_warn(scenario_build *b, int k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records running out of memory; returns the first failure's code. */
int pc_scn_nomem(scenario_build *b);

/* Index of the key named name in section, or -1. */
int pc_scn_key_find(const char *section, const char *name);

/* Whether section is a section of the key table. */
int pc_scn_section_known(const char *section);

/* " (did you mean ...?)" for an unknown key name in section, into buf: the
 * nearest key of that section, a key named without its section's word
 * ("refund_rate" in [refunds]: 'rate'), or the same name in another
 * section; "" when none is near. */
const char *pc_scn_key_hint(const char *section, const char *name, char *buf, size_t n);

/* " (did you mean '[...]'?)" for an unknown section, into buf, or "". */
const char *pc_scn_section_hint(const char *section, char *buf, size_t n);

/* " (did you mean 'NAME'?)" for an unknown shift of st, into buf, or "". */
const char *pc_scn_shift_hint(const pc_staff *st, const char *name, char *buf, size_t n);

/* The staff (a pc_res, or PC_STAFF_PRESALE) of a [staff.NAME] key. */
int pc_scn_key_res(int k);

/* The member of sc that key k resolves into. */
void *pc_scn_key_field(pc_scenario *sc, int k);

/* The same, read only. */
const void *pc_scn_key_cfield(const pc_scenario *sc, int k);

/* Whether key k holds a pc_dist (a pc_dist_opt starts with one), which
 * copy and release must deep-copy and free. */
int pc_scn_key_has_dist(int k);

/* ---- scenario_value.c ------------------------------------------------------ */

/* Whether c is a blank: a space or a tab. */
int pc_scn_blank(char c);

/* Trims blanks off both ends of s in place; returns the first non-blank. */
char *pc_scn_trim(char *s);

/* Appends text to buf of size n (truncating). */
void pc_scn_append(char *buf, size_t n, const char *text);

/* Splits the next comma-separated item off *cursor: returns it trimmed, and
 * advances *cursor past the comma (NULL after the last item). */
char *pc_scn_next_item(char **cursor);

/* Reads a decimal number that fills the whole of text (digits, sign, point
 * and exponent only: no hex, nan or inf) and is finite (not 1e999).
 * Returns 0 or -1. */
int pc_scn_number(const char *text, double *x);

/* Whether text is valid UTF-8 (no overlong forms, surrogates or code
 * points past U+10FFFF) without control characters: a name reaches
 * terminals, tables and reports, where a GBK byte or an escape sequence
 * would show as garbage or act on the terminal. */
int pc_scn_utf8_text(const char *text);

/* Whether a value can be written as "key = value" in a scenario file and
 * read back the same: no control character (a line break would start a new
 * line), and no ';' first or after a blank, where inih starts a comment. */
int pc_scn_writable(const char *text);

/* Reads a whole number of digits only, at most max.  Returns 0 or -1. */
int pc_scn_whole(const char *text, long max, long *x);

/* Reads a share, "5%" or a fraction "0.05", into *x.  Returns 0; -1 for a
 * bad number; -2 for a bare number above 1 (a percentage without its %). */
int pc_scn_share(const char *text, double *x);

/* Reads "HH:MM" (or "H:MM") into minutes after midnight: 00:00 .. 23:59, and
 * 24:00 when allow24.  Returns 0 or -1. */
int pc_scn_hhmm(const char *s, int allow24, int *minute);

/* Reads "YYYY-MM-DD HH:MM" (a 'T' may stand for the blanks) or
 * "YYYY-MM-DD" alone.  Returns 0 or -1. */
int pc_scn_datetime(const char *text, scenario_when *w);

/* Seconds from time 0 of a datetime; a date alone means its 00:00, or its
 * 24:00 when end_of_day. */
double pc_scn_when_seconds(const scenario_when *w, int64_t day0, int end_of_day);

/* Writes seconds from time 0 as "YYYY-MM-DD HH:MM". */
void pc_scn_format_at(int64_t day0, double seconds, char *buf, size_t n);

/* Writes a share as a percentage ("5%"). */
void pc_scn_format_share(double x, char *buf, size_t n);

/* Joins a CSV name to the scenario's folder (absolute names and an empty
 * folder leave it as is).  Returns 0 or -1 when it does not fit. */
int pc_scn_join(const char *dir, const char *name, char *out, size_t n);

/* A file name written in the file that gave key k, made relative to the
 * scenario's folder (a name in an included file is relative to that file's
 * folder).  Returns 0 or -1 when it does not fit. */
int pc_scn_key_file_name(const scenario_build *b, int k, const char *name, char *out, size_t n);

/* Reads a duration for key k, reporting the spec's messages. */
int pc_scn_key_duration(scenario_build *b, int k, const char *text, double *seconds);

/* Reads a share of key k into *x, within 0 .. hi. */
int pc_scn_key_share(scenario_build *b, int k, const char *text, double hi, double *x);

/* Reads a mix "name share, ..." over names[0 .. n-1] into out (names not
 * listed get 0); with sum_to_one the shares must sum to 1, and are scaled
 * to sum to it exactly; without, each is a share of its own. */
int pc_scn_key_mix(scenario_build *b, int k, const char *text, const char *const *names, int n,
		   double *out, int sum_to_one);

/* ---- scenario_parse.c ------------------------------------------------------ */

/* Parses the value text of key k on its own, into the scenario or, for
 * values that need other keys to resolve, into the build. */
int pc_scn_key_parse(scenario_build *b, int k, const char *text);

/* ---- scenario_staff.c ------------------------------------------------------ */

/* Reads "name HH:MM-HH:MM, ..." into the staff's shifts. */
int pc_scn_key_shifts(scenario_build *b, int k, const char *text, pc_staff *st);

/* Reads the priority list of resource r. */
int pc_scn_key_priority(scenario_build *b, int k, const char *text, pc_res r, pc_staff *st);

/* Reads a roster: a headcount for every shift of every day or a CSV file,
 * then any shift headcounts that hold on every day instead ("8, night 3",
 * "rosters/a.csv, night 3"); shift names are checked once the shifts are
 * known (pc_scn_resolve_staff). */
int pc_scn_key_roster(scenario_build *b, int k, const char *text, pc_res r);

/* One staff (a resource, or the pre-sale-only agents, who have no planning
 * limits and one fifo queue): queue classes, planning limits, roster. */
int pc_scn_resolve_staff(scenario_build *b, int res);

/* ---- scenario_tables.c ----------------------------------------------------- */

/* Reads the CSV named by key k. */
int pc_scn_table(scenario_build *b, int k, const char *name, pc_table *t);

/* Index of column name, or reports it missing at the header. */
int pc_scn_column(scenario_build *b, const pc_table *t, const char *name);

/* daily_share: uniform, or a CSV date,share over the sales days. */
int pc_scn_resolve_daily(scenario_build *b);

/* rate as a CSV date,rate: every sales day its rate; refund_rate becomes
 * the orders' mean rate, sum of daily_share x rate, so that R = G r / A
 * still counts the refunds. */
int pc_scn_resolve_rate(scenario_build *b);

/* hourly_share: the orders' hours. */
int pc_scn_resolve_hourly(scenario_build *b);

/* request_hours: buyers (the built-in profile), uniform, none, or a CSV. */
int pc_scn_resolve_request_hours(scenario_build *b);

/* arrival_curve: none, or a CSV of piecewise-constant refund request rates. */
int pc_scn_resolve_curve(scenario_build *b);

/* ---- scenario_resolve.c ---------------------------------------------------- */

/* Pass 2: defaults, required keys, then everything that needs more than one
 * key, in the order the keys depend on each other. */
int pc_scn_resolve(scenario_build *b);

/* Ends a load or a rebuild: on failure frees what sc holds and hands the
 * error to the caller. */
int pc_scn_finish(scenario_build *b, pc_error *err);

/* ---- scenario_copy.c ------------------------------------------------------- */

/* Copies the keys as written from src (NULL: none) into dst, which holds
 * none, leaving out key skip (-1: none).  Returns 0 or PC_ENOMEM (dst then
 * holds what was copied, for the caller to free). */
int pc_scn_given_copy(struct pc_scenario_given *dst, const struct pc_scenario_given *src, int skip);

/* ---- scenario_forecast.c --------------------------------------------------- */

/* The forecast key (pc_fc_key) of scenario key k, or -1 for a key that
 * cannot be a forecast distribution. */
int pc_scn_forecast_key(int k);

/* Pass 1 for a forecastable key k: text a distribution ("lognormal(...)")
 * is read into sc->forecast and the key's field set to its mean (returns
 * 1); any other text clears the key's distribution (returns 0: parse it
 * as usual); bad text fails at the key's line (returns -1). */
int pc_scn_forecast_parse(scenario_build *b, int k, const char *text);

/* Writes key k's distribution as the scenario would and returns 1; 0
 * (buf untouched) when k has none. */
int pc_scn_forecast_format(const pc_scenario *sc, int k, char *buf, size_t n);

/* Pass 2: forecasts that other keys rule out (gmv, aov or rate with an
 * arrival curve; after_sales_ratio with the service catalogue). */
int pc_scn_forecast_check(scenario_build *b);

/* Whether key k has the same forecast distribution (or none) in a and b. */
int pc_scn_forecast_equal(const pc_scenario *a, const pc_scenario *b, int k);

/* ---- scenario_dump.c ------------------------------------------------------- */

/* Writes the canonical value of key k. */
void pc_scn_key_format(const pc_scenario *sc, int k, char *buf, size_t n);

#endif
