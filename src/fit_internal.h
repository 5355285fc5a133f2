/* fit_internal: what the writers of fit's outputs share (fit_write.c,
 * fit_charts.c): a file written to a temporary and renamed when whole. */
#ifndef PC_FIT_INTERNAL_H
#define PC_FIT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "promocap/error.h"
#include "promocap/fit.h"

/* One output file of dir being written. */
typedef struct pc_fit_out {
	const char *dir;
	char path[4200], tmp[4300];
	FILE *f;
	pc_error *err;
} pc_fit_out;

/* Opens dir/name.tmp into o->f.  0, or PC_EIO with o->err filled. */
int pc_fit_out_open(pc_fit_out *o, const char *name);

/* Closes o->f and renames it to dir/name when whole; removes it when not.
 * 0, or PC_EIO with o->err filled. */
int pc_fit_out_close(pc_fit_out *o);

/* One count of the rows read (pc_fit_counts): its field, its key (fit.csv
 * writes rows_KEY), whether its rows were set aside (1: left out of the
 * fit; 2: left out of some figures only; 0: kept),
 * and what it says, en and zh.  pc_fit_count_rows ends with a NULL key. */
typedef struct pc_fit_count_row {
	size_t offset;
	const char *key;
	int aside;
	const char *en, *zh;
} pc_fit_count_row;

extern const pc_fit_count_row pc_fit_count_rows[];

/* The value of the count r in c. */
long pc_fit_count(const pc_fit_counts *c, const pc_fit_count_row *r);

#endif
