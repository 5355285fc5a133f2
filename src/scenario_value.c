/* scenario_value: the value syntaxes of scenario keys (numbers, shares, whole numbers, clock times, datetimes, durations, mixes, file names), read on their own. */
#include "scenario_internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- small parsers ----------------------------------------------------- */

int pc_scn_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Trims blanks off both ends of s in place; returns the first non-blank. */
char *pc_scn_trim(char *s)
{
	size_t n;

	while (pc_scn_blank(*s))
		s++;
	n = strlen(s);
	while (n > 0 && pc_scn_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Appends text to buf of size n (truncating). */
void pc_scn_append(char *buf, size_t n, const char *text)
{
	size_t used = strlen(buf);

	if (used + 1 < n)
		snprintf(buf + used, n - used, "%s", text);
}

/* Splits the next comma-separated item off *cursor: returns it trimmed, and
 * advances *cursor past the comma (NULL after the last item). */
char *pc_scn_next_item(char **cursor)
{
	char *item = *cursor;
	char *comma = strchr(item, ',');

	if (comma) {
		*comma = '\0';
		*cursor = comma + 1;
	} else {
		*cursor = NULL;
	}
	return pc_scn_trim(item);
}

/* Reads a decimal number that fills the whole of text (digits, sign, point
 * and exponent only: no hex, nan or inf) and is finite (not 1e999).
 * Returns 0 or -1. */
int pc_scn_number(const char *text, double *x)
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
int pc_scn_utf8_text(const char *text)
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
int pc_scn_writable(const char *text)
{
	const char *p;

	for (p = text; *p; p++) {
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
			return 0;
		if (*p == ';' && (p == text || pc_scn_blank(p[-1])))
			return 0;
	}
	return 1;
}

/* Reads a whole number of digits only, at most max.  Returns 0 or -1. */
int pc_scn_whole(const char *text, long max, long *x)
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
int pc_scn_share(const char *text, double *x)
{
	char buf[128];
	size_t n = strlen(text);
	char *s;
	double v;

	if (n >= sizeof buf)
		return -1;
	memcpy(buf, text, n + 1);
	s = pc_scn_trim(buf);
	n = strlen(s);
	if (n > 0 && s[n - 1] == '%') {
		s[n - 1] = '\0';
		s = pc_scn_trim(s);
		if (pc_scn_number(s, &v) != 0)
			return -1;
		*x = v / 100.0;
		return 0;
	}
	if (pc_scn_number(s, &v) != 0)
		return -1;
	if (v > 1.0)
		return -2;
	*x = v;
	return 0;
}

/* Reads "HH:MM" (or "H:MM") into minutes after midnight: 00:00 .. 23:59, and
 * 24:00 when allow24.  Returns 0 or -1. */
int pc_scn_hhmm(const char *s, int allow24, int *minute)
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
int pc_scn_datetime(const char *text, scenario_when *w)
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
	else if (!pc_scn_blank(*rest))
		return -1;
	while (pc_scn_blank(*rest))
		rest++;
	w->date_only = 0;
	return pc_scn_hhmm(rest, 1, &w->minute);
}

/* Seconds from time 0 of a datetime; a date alone means its 00:00, or its
 * 24:00 when end_of_day. */
double pc_scn_when_seconds(const scenario_when *w, int64_t day0, int end_of_day)
{
	int64_t days = w->day - day0 + (w->date_only && end_of_day ? 1 : 0);

	return (double)days * PC_DAY + (double)w->minute * 60.0;
}

/* Writes seconds from time 0 as "YYYY-MM-DD HH:MM". */
void pc_scn_format_at(int64_t day0, double seconds, char *buf, size_t n)
{
	long long minutes = llround(seconds / 60.0);
	long long days = minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440);
	long long m = minutes - days * 1440;
	char date[32];

	pc_date_format(day0 + days, date, sizeof date);
	snprintf(buf, n, "%s %02lld:%02lld", date, m / 60, m % 60);
}

/* Writes a share as a percentage ("5%"). */
void pc_scn_format_share(double x, char *buf, size_t n)
{
	snprintf(buf, n, "%.12g%%", x * 100.0);
}

/* Joins a CSV name to the scenario's folder (absolute names and an empty
 * folder leave it as is).  Returns 0 or -1 when it does not fit. */
int pc_scn_join(const char *dir, const char *name, char *out, size_t n)
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
int pc_scn_key_file_name(const scenario_build *b, int k, const char *name, char *out, size_t n)
{
	return pc_scn_join(pc_scn_key_prefix(b, k), name, out, n);
}

/* ---- one key's value, read on its own (pass 1) ------------------------- */

/* Reads a duration for key k, reporting the spec's messages. */
int pc_scn_key_duration(scenario_build *b, int k, const char *text, double *seconds)
{
	const char *name = pc_scn_keys[k].name;
	int rc = pc_dist_parse_duration(text, seconds);

	if (rc == -2)
		return pc_scn_key_fail(b, k, "'%s' needs a unit (s, min, h, d), got '%s'", name, text);
	if (rc == -3) {
		const char *u = text;
		char unit[64], hint[160];
		char *end;

		while (pc_scn_blank(*u))
			u++;
		(void)strtod(u, &end);
		u = end;
		while (pc_scn_blank(*u))
			u++;
		snprintf(unit, sizeof unit, "%s", u);
		pc_dist_unit_hint(text, hint, sizeof hint);
		return pc_scn_key_fail(b, k, "'%s' has an unknown unit '%s', got '%s'%s", name,
				       pc_scn_trim(unit), text, hint);
	}
	if (rc != 0)
		return pc_scn_key_fail(b, k, "'%s' must be a duration such as 30min, got '%s'", name, text);
	return 0;
}

/* Reads a share of key k into *x, within 0 .. hi. */
int pc_scn_key_share(scenario_build *b, int k, const char *text, double hi, double *x)
{
	const char *name = pc_scn_keys[k].name;
	int rc = pc_scn_share(text, x);

	if (rc == -2)
		return pc_scn_key_fail(b, k,
				       "'%s' must be a share such as 5%% or 0.05 (a number above 1 needs a %% sign), got '%s'",
				       name, text);
	if (rc != 0 || *x < 0.0 || *x > hi)
		return pc_scn_key_fail(b, k, "'%s' must be a share from 0%% to %g%%, got '%s'", name,
				       hi * 100.0, text);
	return 0;
}

/* Reads a mix "name share, ..." over names[0 .. n-1] into out (names not
 * listed get 0); with sum_to_one the shares must sum to 1, and are scaled
 * to sum to it exactly; without, each is a share of its own. */
int pc_scn_key_mix(scenario_build *b, int k, const char *text, const char *const *names, int n,
		   double *out, int sum_to_one)
{
	const char *key = pc_scn_keys[k].name;
	double v[8] = { 0 }; /* n <= 8: PC_NPATHS, PC_NREASONS */
	int seen[sizeof v / sizeof v[0]] = { 0 };
	char *copy = strdup(text), *cursor = copy;
	double sum = 0.0;
	int i;

	if (!copy)
		return pc_scn_nomem(b);
	while (cursor && !b->rc) {
		char *item = pc_scn_next_item(&cursor);
		char *share = item;
		double x;

		while (*share && !pc_scn_blank(*share))
			share++;
		if (!*item || !*share) {
			pc_scn_key_fail(b, k, "'%s' expects 'name share, ...', got '%s'", key,
					*item ? item : text);
			break;
		}
		*share++ = '\0';
		share = pc_scn_trim(share);
		for (i = 0; i < n && strcmp(names[i], item) != 0; i++)
			;
		if (i == n) {
			char list[256] = "";

			for (i = 0; i < n; i++) {
				strcat(list, i ? (i == n - 1 ? " or " : ", ") : "");
				strcat(list, names[i]);
			}
			pc_scn_key_fail(b, k, "'%s' has an unknown name '%s', expected %s", key, item, list);
			break;
		}
		if (seen[i]) {
			pc_scn_key_fail(b, k, "'%s' names '%s' twice", key, item);
			break;
		}
		seen[i] = 1;
		if (pc_scn_share(share, &x) != 0 || x < 0.0 || x > 1.0) {
			pc_scn_key_fail(b, k, "'%s' share of '%s' must be from 0%% to 100%%, got '%s'", key,
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
		return pc_scn_key_fail(b, k, "'%s' shares sum to %g%%, not 100%%", key, sum * 100.0);
	for (i = 0; i < n; i++)
		out[i] = v[i] / sum;
	return 0;
}
