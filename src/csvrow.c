/* csvrow: CSV cells for the experiment tables, the same conventions as output.c. */
#include "csvrow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

static void csvrow_sep(pc_csvrow *r)
{
	if (r->col++)
		fputc(',', r->out);
}

void pc_csvrow_text(pc_csvrow *r, const char *s)
{
	csvrow_sep(r);
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		size_t n = strlen(s);
		char *t = malloc(n + 2);

		if (t) {
			t[0] = '\'';
			memcpy(t + 1, s, n + 1);
			csv_fwrite(r->out, t, n + 1);
			free(t);
			return;
		}
	}
	csv_fwrite(r->out, s, strlen(s));
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
