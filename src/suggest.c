/* suggest: "did you mean" for mistyped names (keys, sections, shifts, distributions, units), by edit distance. */
#include "suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define SUGGEST_MAX 64

size_t pc_suggest_distance(const char *a, const char *b)
{
	/* Three rows of the dynamic programme: the one before last (for
	 * swaps), the last and the current. */
	size_t d0[SUGGEST_MAX + 1], d1[SUGGEST_MAX + 1], d2[SUGGEST_MAX + 1];
	size_t *pp = d0, *p = d1, *c = d2, *t;
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > SUGGEST_MAX)
		la = SUGGEST_MAX;
	if (lb > SUGGEST_MAX)
		lb = SUGGEST_MAX;
	for (j = 0; j <= lb; j++)
		p[j] = j;
	for (i = 1; i <= la; i++) {
		int ca = tolower((unsigned char)a[i - 1]);

		c[0] = i;
		for (j = 1; j <= lb; j++) {
			int cb = tolower((unsigned char)b[j - 1]);
			size_t best = p[j - 1] + (ca != cb);

			if (p[j] + 1 < best)
				best = p[j] + 1;
			if (c[j - 1] + 1 < best)
				best = c[j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			c[j] = best;
		}
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[lb];
}

void pc_suggest_init(pc_suggest *s, const char *word)
{
	s->word = word ? word : "";
	s->best = NULL;
	s->dist = (size_t)-1;
}

void pc_suggest_offer(pc_suggest *s, const char *candidate)
{
	size_t len = strlen(s->word), limit = len <= 4 ? 1 : len <= 8 ? 2 : 3, d;

	if (!candidate || !*candidate || strcmp(candidate, s->word) == 0)
		return;
	d = pc_suggest_distance(s->word, candidate);
	if (d <= limit && d < s->dist && d < strlen(candidate)) {
		s->best = candidate;
		s->dist = d;
	}
}

const char *pc_suggest_hint(const pc_suggest *s, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (s->best)
		snprintf(buf, n, " (did you mean '%s'?)", s->best);
	else
		buf[0] = '\0';
	return buf;
}

const char *pc_suggest_unit(const char *unit, size_t len)
{
	/* Units in any case, spelled out, and in Chinese as a manager might
	 * write them. */
	static const struct {
		const char *spelled, *unit;
	} units[] = {
		{ "s", "s" }, { "sec", "s" }, { "secs", "s" }, { "second", "s" }, { "seconds", "s" },
		{ "min", "min" }, { "m", "min" }, { "mins", "min" }, { "minute", "min" },
		{ "minutes", "min" }, { "h", "h" }, { "hr", "h" }, { "hrs", "h" }, { "hour", "h" },
		{ "hours", "h" }, { "d", "d" }, { "day", "d" }, { "days", "d" },
		{ "\xe7\xa7\x92", "s" },                  /* 秒 */
		{ "\xe5\x88\x86\xe9\x92\x9f", "min" },    /* 分钟 */
		{ "\xe5\xb0\x8f\xe6\x97\xb6", "h" },      /* 小时 */
		{ "\xe5\xa4\xa9", "d" },                  /* 天 */
	};
	char low[16];
	size_t i;

	if (!unit || len == 0 || len >= sizeof low)
		return NULL;
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)unit[i]);
	low[len] = '\0';
	for (i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(low, units[i].spelled) == 0)
			return units[i].unit;
	return NULL;
}
