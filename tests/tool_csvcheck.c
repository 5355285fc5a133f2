/* tool_csvcheck: reads each CSV named on the command line with the library's pc_table_read; prints "ok FILE ROWS" or the error, and exits 1 if any fails (for the shell tests). */
#include <stdio.h>

#include "promocap/error.h"

#include "table.h"

int main(int argc, char **argv)
{
	char msg[2200];
	int bad = 0;

	for (int i = 1; i < argc; i++) {
		pc_table t;
		pc_error err;

		pc_error_clear(&err);
		if (pc_table_read(&t, argv[i], argv[i], 0, &err)) {
			printf("bad %s\n", pc_error_format(&err, msg, sizeof msg));
			bad = 1;
			continue;
		}
		printf("ok %s %zu\n", argv[i], t.nrows);
		pc_table_release(&t);
	}
	return bad;
}
