/* text: small string helpers: trimming for the library's parsers, a value
 * with its unit for the outputs. */
#ifndef PC_TEXT_H
#define PC_TEXT_H

#include <stddef.h>

/* Trims white space (isspace) off both ends of s in place; returns the
 * first non-space character of s (s itself when it has none). */
char *pc_text_trim(char *s);

/* A KPI value with its unit as the summary prints it ("95.1%", "3.2 h",
 * "4013 refunds", "n/a" for NaN; unit "" gives the number alone) into
 * buf of size n. */
void pc_text_value(char *buf, size_t n, double v, const char *unit);

#endif
