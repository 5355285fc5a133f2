/* forecast_output: the library's internal calls that add the forecast's
 * spread to kpis.csv (output.c); the public ones are in output.h. */
#ifndef PC_FORECAST_OUTPUT_H
#define PC_FORECAST_OUTPUT_H

#include "csvrow.h"
#include "promocap/spread.h"

/* The names of the spread columns kpis.csv gains with forecasts, NULL
 * terminated. */
extern const char *const pc_output_spread_columns[];

/* Writes s as the cells of those columns. */
void pc_output_spread_cells(pc_csvrow *r, const pc_spread *s);

#endif
