/* csvrow: CSV cells for the experiment tables, the same conventions as output.c. */
#include "csvrow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "promocap/error.h"

int pc_csvrow_write_text(FILE *out, const char *text)
{
	const char *p = text;
	size_t n = strlen(text);
	char *t;

	/* A spreadsheet takes a cell starting with one of these for a formula
	 * (or, for tab and CR, drops them and looks again), also after blanks:
	 * an apostrophe in front makes it text. */
	while (*p == ' ')
		p++;
	if (!*p || !strchr("=+-@\t\r", *p)) {
		csv_fwrite(out, text, n);
		return ferror(out) ? PC_EIO : 0;
	}
	t = malloc(n + 2);
	if (!t)
		return PC_ENOMEM;
	t[0] = '\'';
	memcpy(t + 1, text, n + 1);
	csv_fwrite(out, t, n + 1);
	free(t);
	return ferror(out) ? PC_EIO : 0;
}

static void csvrow_sep(pc_csvrow *r)
{
	if (r->col++)
		fputc(',', r->out);
}

void pc_csvrow_text(pc_csvrow *r, const char *s)
{
	csvrow_sep(r);
	pc_csvrow_write_text(r->out, s);
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
