/* csvrow: rows of a CSV table written cell by cell (libcsv quotes text, formulas neutralised), for every table promocap writes. */
#ifndef PC_CSVROW_H
#define PC_CSVROW_H

#include <stdio.h>

/* Writes text as one CSV field, quoted by libcsv; text a spreadsheet would
 * take for a formula (its first character after blanks one of = + - @ tab
 * CR) gets a leading apostrophe, so it shows as text and never runs.  The
 * body of pc_output_csv_text.  Returns 0, PC_EIO or PC_ENOMEM. */
int pc_csvrow_write_text(FILE *out, const char *text);

/* A row being written to out: cells separated by commas. */
typedef struct pc_csvrow {
	FILE *out;
	int col;
} pc_csvrow;

/* A text cell, quoted by libcsv.  Text that a spreadsheet would take for a
 * formula (=, +, -, @ first) gets a leading apostrophe. */
void pc_csvrow_text(pc_csvrow *r, const char *s);

/* A number cell with %.6g; NaN (no value) is left empty, -0 written as 0. */
void pc_csvrow_num(pc_csvrow *r, double v);

/* Ends the row. */
void pc_csvrow_end(pc_csvrow *r);

#endif
