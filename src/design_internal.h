/* design_internal: what design.c (the rounds) and design_output.c (the
 * tables) share. */
#ifndef PC_DESIGN_INTERNAL_H
#define PC_DESIGN_INTERNAL_H

#include <stddef.h>

#include "promocap/design.h"

/* The resources as the summary names them: "agents", ... */
extern const char *const pc_design_who[PC_NRES];

/* The date of day (0: the scenario's first). */
static inline void day_text(const pc_scenario *sc, int day, char *buf, size_t n)
{
	pc_date_format(sc->day0 + day, buf, n);
}

#endif
