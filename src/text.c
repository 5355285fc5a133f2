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
