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

/* buf holds v as text, target_text the target's in the same format: where
 * they read the same but v is not the target (99.97% against 100%, written
 * "100%" both), v is written again with more significant digits than
 * digits, up to six more, until it reads apart ("99.97%"), so that a miss
 * never shows as its target.  Otherwise buf is left as it is. */
void pc_text_apart(char *buf, size_t n, const char *target_text, double v, double target, const char *unit,
		   int digits);

/* pc_text_value of v, set apart from target's text as pc_text_apart does. */
void pc_text_value_apart(char *buf, size_t n, double v, double target, const char *unit);

#endif
