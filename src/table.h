/* table: a CSV file read with libcsv into rows of text fields, each row with
 * the line it ends on, for loaders that report "file:line: message". */
#ifndef PC_TABLE_H
#define PC_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "promocap/error.h"

typedef struct pc_table_row {
	int line;       /* line of the file the row ends on (1-based) */
	size_t nfields;
	char **field;   /* NUL-terminated, owned by the table */
} pc_table_row;

/* A whole CSV file: row[0] is the header.  A UTF-8 byte-order mark is
 * skipped; CRLF and LF line ends are both accepted; empty lines are skipped;
 * quoted fields may hold commas and newlines.  Fields are trimmed of
 * surrounding blanks. */
typedef struct pc_table {
	char path[1024];
	size_t nrows;
	pc_table_row *row;
	double bytes;       /* the file's size, as it was opened */
} pc_table;

/* Opens path for reading as a regular file, without blocking: a named pipe
 * or a device is opened non-blocking and refused after fstat, never read.
 * Returns the stream (blocking again), with *bytes the file's size; or
 * NULL with *why an errno of open(), EISDIR for a folder, or -1 for
 * anything else that is not a regular file (see pc_file_why). */
FILE *pc_file_open(const char *path, double *bytes, int *why);

/* The reason of pc_file_open's *why: strerror, or "not a regular file". */
const char *pc_file_why(int why);

/* Reads path.  Returns 0; or PC_EIO ("cannot open 'x': reason", reported at
 * where_file:where_line, the scenario line that named the file) or
 * PC_EINPUT (path:line: message for a malformed file: no header, ragged row
 * "row has 3 fields, the header has 2"; or "cannot read 'x': not a regular
 * file" at where_file:where_line for a pipe or device; PC_EIO "Is a
 * directory" for a folder) or
 * PC_ENOMEM.  On failure *t holds nothing to release. */
int pc_table_read(pc_table *t, const char *path, const char *where_file, int where_line,
		  pc_error *err);

/* Frees the rows.  NULL-safe. */
void pc_table_release(pc_table *t);

/* Index of the header column named name (case-sensitive, exact), or -1. */
int pc_table_column(const pc_table *t, const char *name);

#endif
