/* fuzz_table: libFuzzer harness for the CSV reader pc_table_read: the input is a CSV file. */
#include "fuzz_env.h"

#include "table.h"

/* Reads the input as a CSV table.  A table that reads has a header, rows as
 * wide as it, lines that never go back, and NUL-terminated fields; a
 * failure says why.  Aborts when a property breaks. */
static int fuzz_table_one(const uint8_t *data, size_t size)
{
	char path[1024];
	pc_table t;
	pc_error err;
	size_t r, f;
	int rc, line = 0;

	if (!fuzz_env_dir() || fuzz_env_put("in.csv", data, size, path, sizeof path))
		return 0;
	pc_error_clear(&err);
	rc = pc_table_read(&t, path, "scenario.ini", 7, &err);
	if (rc) {
		if (!err.msg[0] && rc != PC_ENOMEM)
			abort();
		if (t.nrows || t.row)
			abort(); /* nothing to release after a failure */
		return 0;
	}
	if (t.nrows == 0)
		abort();
	for (r = 0; r < t.nrows; r++) {
		if (t.row[r].nfields != t.row[0].nfields || t.row[r].line < line || t.row[r].line < 1)
			abort();
		line = t.row[r].line;
		for (f = 0; f < t.row[r].nfields; f++)
			if (strlen(t.row[r].field[f]) > size)
				abort();
	}
	if (t.row[0].nfields > 0 && pc_table_column(&t, t.row[0].field[0]) != 0 && t.row[0].field[0][0])
		abort();
	pc_table_release(&t);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_table_one(data, size);
}
#endif
