/* csvrow: CSV cells for the experiment tables, the same conventions as output.c. */
#include "csvrow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/output.h"

static void csvrow_sep(pc_csvrow *r)
{
	if (r->col++)
		fputc(',', r->out);
}

void pc_csvrow_text(pc_csvrow *r, const char *s)
{
	csvrow_sep(r);
	pc_output_csv_text(r->out, s);
}

void pc_csvrow_num(pc_csvrow *r, double v)
{
	csvrow_sep(r);
	if (isnan(v))
		return;
	if (v == 0)
		v = 0; /* no "-0" */
	fprintf(r->out, "%.6g", v);
}

void pc_csvrow_end(pc_csvrow *r)
{
	fputc('\n', r->out);
	r->col = 0;
}
