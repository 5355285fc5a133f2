/* text: small string helpers: trimming for the library's parsers, a value
 * with its unit for the outputs. */
#include "text.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

char *pc_text_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

void pc_text_value(char *buf, size_t n, double v, const char *unit)
{
	const char *sep = *unit ? " " : "";

	if (isnan(v))
		snprintf(buf, n, "n/a");
	else if (!strcmp(unit, "%"))
		snprintf(buf, n, "%.3g%%", v);
	else if (fabs(v) >= 1000)
		snprintf(buf, n, "%.0f%s%s", v, sep, unit);
	else
		snprintf(buf, n, "%.3g%s%s", v, sep, unit);
}

void pc_text_apart(char *buf, size_t n, const char *target_text, double v, double target, const char *unit,
		   int digits)
{
	const char *sep = *unit ? " " : "";
	int pct = !strcmp(unit, "%");

	if (isnan(v) || isnan(target) || v == target || strcmp(buf, target_text))
		return;
	for (int d = digits + 1; d <= digits + 6; d++) {
		/* Significant digits, or decimals from a thousand up (no
		 * exponent). */
		int big = fabs(v) >= 1000, k = big ? d - digits : d;
		char t[64];

		snprintf(buf, n, big ? "%.*f%s%s" : "%.*g%s%s", k, v, pct ? "" : sep, unit);
		snprintf(t, sizeof t, big ? "%.*f%s%s" : "%.*g%s%s", k, target, pct ? "" : sep, unit);
		if (strcmp(buf, t))
			return;
	}
}

void pc_text_value_apart(char *buf, size_t n, double v, double target, const char *unit)
{
	char t[64];

	pc_text_value(buf, n, v, unit);
	pc_text_value(t, sizeof t, target, unit);
	pc_text_apart(buf, n, t, v, target, unit, 3);
}
