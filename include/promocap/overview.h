/* overview: a scenario told in one paragraph (demand, staff, targets), as `promocap check` ends with it. */
#ifndef PROMOCAP_OVERVIEW_H
#define PROMOCAP_OVERVIEW_H

#include <stdio.h>

#include "promocap/scenario.h"

/* Writes into buf of size n the scenario in plain words: its name and sales
 * days; orders, refunds and other after-sales cases from the closed form
 * (R = G * r / A); the staff per resource and shift (a headcount, or its
 * range over the days); the service-level targets; the seed's baseline.
 * One paragraph without line breaks.  Returns buf. */
const char *pc_overview_text(const pc_scenario *sc, char *buf, size_t n);

/* Writes pc_overview_text to out as INI comment lines ("; " and at most 78
 * characters a line), so that the output of `check` still loads as a
 * scenario.  Returns 0 or PC_EIO. */
int pc_overview_write(const pc_scenario *sc, FILE *out);

#endif
