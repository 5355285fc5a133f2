/* test_table: the CSV table reader: rows and their line numbers, BOM, CRLF, quoting, trimming and every error message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "table.h"

/* Writes len bytes of content to dir/name and puts the path in path. */
static void write_bytes(const char *dir, const char *name, const char *content, size_t len,
			char *path, size_t n)
{
	FILE *fp;

	snprintf(path, n, "%s/%s", dir, name);
	fp = fopen(path, "wb");
	if (!fp) {
		perror(path);
		exit(2);
	}
	fwrite(content, 1, len, fp);
	fclose(fp);
}

static void write_file(const char *dir, const char *name, const char *content, char *path,
		       size_t n)
{
	write_bytes(dir, name, content, strlen(content), path, n);
}

/* Reads content from a fresh file and expects failure with exactly the
 * message "PATH:want" (want starts with the line: "3: row has ..."). */
static void expect_error(const char *dir, const char *name, const char *content, int want_rc,
			 const char *want)
{
	char path[512], expected[1024], got[2048];
	pc_table t;
	pc_error err;
	int rc;

	write_file(dir, name, content, path, sizeof path);
	pc_error_clear(&err);
	rc = pc_table_read(&t, path, "s.ini", 4, &err);
	snprintf(expected, sizeof expected, "%s:%s", path, want);
	pc_error_format(&err, got, sizeof got);
	CHECK(rc == want_rc, "%s: rc %d, want %d", name, rc, want_rc);
	CHECK(strcmp(got, expected) == 0, "%s: message '%s', want '%s'", name, got, expected);
	CHECK(t.nrows == 0 && t.row == NULL, "%s: nothing to release after failure", name);
	pc_table_release(&t);
}

static void test_basic(const char *dir)
{
	char path[512];
	pc_table t;
	pc_error err;
	int rc;

	write_file(dir, "basic.csv", "name,value\nalpha,1\nbeta,2\n", path, sizeof path);
	pc_error_clear(&err);
	rc = pc_table_read(&t, path, "s.ini", 1, &err);
	CHECK(rc == 0, "basic: rc %d (%s)", rc, err.msg);
	CHECK(t.nrows == 3, "basic: %zu rows", t.nrows);
	CHECK(strcmp(t.path, path) == 0, "basic: path '%s'", t.path);
	if (rc == 0 && t.nrows == 3) {
		CHECK(t.row[0].line == 1 && t.row[1].line == 2 && t.row[2].line == 3,
		      "basic: lines %d %d %d", t.row[0].line, t.row[1].line, t.row[2].line);
		CHECK(t.row[1].nfields == 2 && strcmp(t.row[1].field[0], "alpha") == 0 &&
			      strcmp(t.row[1].field[1], "1") == 0,
		      "basic: row 1 fields");
		CHECK(strcmp(t.row[2].field[0], "beta") == 0 && strcmp(t.row[2].field[1], "2") == 0,
		      "basic: row 2 fields");
		CHECK(pc_table_column(&t, "name") == 0, "column 'name'");
		CHECK(pc_table_column(&t, "value") == 1, "column 'value'");
		CHECK(pc_table_column(&t, "Value") == -1, "column lookup is case-sensitive");
		CHECK(pc_table_column(&t, "missing") == -1, "column 'missing' absent");
		CHECK(pc_table_column(&t, "alpha") == -1, "column lookup reads the header only");
	}
	pc_table_release(&t);
	CHECK(t.nrows == 0 && t.row == NULL, "release empties the table");
	pc_table_release(&t);
	pc_table_release(NULL);
	CHECK(pc_table_column(&t, "name") == -1, "column of an empty table");
}

static void test_bom_crlf_blank(const char *dir)
{
	char path[512];
	pc_table t;
	pc_error err;
	int rc;

	/* BOM, CRLF, an empty line, a blank line and blanks around fields;
	 * the last row has no line end. */
	write_file(dir, "bom.csv", "\xEF\xBB\xBF" "a,b\r\n\r\n1,2\r\n  \r\n 3 ,\t4 \r\n\n5,6", path,
		   sizeof path);
	pc_error_clear(&err);
	rc = pc_table_read(&t, path, "s.ini", 1, &err);
	CHECK(rc == 0, "bom: rc %d (%s)", rc, err.msg);
	CHECK(t.nrows == 4, "bom: %zu rows", t.nrows);
	if (rc == 0 && t.nrows == 4) {
		CHECK(strcmp(t.row[0].field[0], "a") == 0, "bom: BOM skipped, got '%s'",
		      t.row[0].field[0]);
		CHECK(strcmp(t.row[0].field[1], "b") == 0, "bom: CR not in the field, got '%s'",
		      t.row[0].field[1]);
		CHECK(pc_table_column(&t, "a") == 0, "bom: column 'a' found");
		CHECK(t.row[1].line == 3, "bom: row 1 on line %d", t.row[1].line);
		CHECK(t.row[2].line == 5, "bom: row 2 on line %d", t.row[2].line);
		CHECK(strcmp(t.row[2].field[0], "3") == 0 && strcmp(t.row[2].field[1], "4") == 0,
		      "bom: fields trimmed, got '%s' '%s'", t.row[2].field[0], t.row[2].field[1]);
		CHECK(t.row[3].line == 7, "bom: last row without line end on line %d",
		      t.row[3].line);
	}
	pc_table_release(&t);
}

static void test_quoted(const char *dir)
{
	char path[512];
	pc_table t;
	pc_error err;
	int rc;

	write_file(dir, "quoted.csv",
		   "id,text\n"
		   "1,\"hello, world\"\n"
		   "2,\"line one\nline two\"\n"
		   "3, \"  padded \"\"quote\"\" \"\n"
		   "4,\"\"\n",
		   path, sizeof path);
	pc_error_clear(&err);
	rc = pc_table_read(&t, path, "s.ini", 1, &err);
	CHECK(rc == 0, "quoted: rc %d (%s)", rc, err.msg);
	CHECK(t.nrows == 5, "quoted: %zu rows", t.nrows);
	if (rc == 0 && t.nrows == 5) {
		CHECK(strcmp(t.row[1].field[1], "hello, world") == 0, "quoted: comma kept, got '%s'",
		      t.row[1].field[1]);
		CHECK(t.row[1].line == 2, "quoted: row 1 on line %d", t.row[1].line);
		CHECK(strcmp(t.row[2].field[1], "line one\nline two") == 0,
		      "quoted: newline kept, got '%s'", t.row[2].field[1]);
		CHECK(t.row[2].line == 4, "quoted: row 2 ends on line %d", t.row[2].line);
		CHECK(strcmp(t.row[3].field[1], "padded \"quote\"") == 0,
		      "quoted: doubled quotes and trimming, got '%s'", t.row[3].field[1]);
		CHECK(t.row[3].line == 5, "quoted: row 3 on line %d", t.row[3].line);
		CHECK(strcmp(t.row[4].field[1], "") == 0, "quoted: empty quoted field");
	}
	pc_table_release(&t);
}

static void test_header_only_and_long_line(const char *dir)
{
	const size_t big = 10u * 1024 * 1024;
	char path[512];
	char *content;
	pc_table t;
	pc_error err;
	int rc;

	write_file(dir, "header.csv", "a,b\n", path, sizeof path);
	pc_error_clear(&err);
	rc = pc_table_read(&t, path, "s.ini", 1, &err);
	CHECK(rc == 0 && t.nrows == 1, "header only: rc %d, %zu rows", rc, t.nrows);
	pc_table_release(&t);

	/* A 10 MB field on one line, then a normal row. */
	content = malloc(big + 64);
	if (!content) {
		CHECK(0, "long line: out of memory in the test");
		return;
	}
	memcpy(content, "a,b\n1,", 6);
	memset(content + 6, 'x', big);
	memcpy(content + 6 + big, "\n2,3\n", 5);
	write_bytes(dir, "long.csv", content, big + 11, path, sizeof path);
	free(content);
	pc_error_clear(&err);
	rc = pc_table_read(&t, path, "s.ini", 1, &err);
	CHECK(rc == 0, "long line: rc %d (%s)", rc, err.msg);
	if (rc == 0) {
		CHECK(t.nrows == 3, "long line: %zu rows", t.nrows);
		CHECK(t.nrows == 3 && strlen(t.row[1].field[1]) == big, "long line: field length");
		CHECK(t.nrows == 3 && t.row[2].line == 3, "long line: next row on line 3");
	}
	pc_table_release(&t);
}

static void test_errors(const char *dir)
{
	char path[512], expected[1024], got[2048];
	pc_table t;
	pc_error err;
	int rc;

	expect_error(dir, "ragged.csv", "a,b\n1,2\n1,2,3\n", PC_EINPUT,
		     "3: row has 3 fields, the header has 2");
	expect_error(dir, "short.csv", "a,b\n\n1\n", PC_EINPUT, "3: row has 1 field, the header has 2");
	expect_error(dir, "ragged_quoted.csv", "a,b\n\"x\ny\",2,3\n", PC_EINPUT,
		     "3: row has 3 fields, the header has 2");
	expect_error(dir, "empty.csv", "", PC_EINPUT, "1: empty file, expected a header row");
	expect_error(dir, "blank.csv", "\xEF\xBB\xBF\r\n  \n\n", PC_EINPUT,
		     "1: empty file, expected a header row");
	expect_error(dir, "unclosed.csv", "a,b\n1,\"open\n\nmore\n", PC_EINPUT,
		     "2: quoted field not closed before the end of the file");
	expect_error(dir, "stray.csv", "a,b\n1,2\n1,x\"y\n", PC_EINPUT,
		     "3: malformed quoted field (a quote inside an unquoted field, or text after a closing quote)");
	{
		char nul_path[512], want[1024], msg[2048];

		write_bytes(dir, "nul.csv", "a,b\n1,\0002\n", 9, nul_path, sizeof nul_path);
		pc_error_clear(&err);
		rc = pc_table_read(&t, nul_path, "s.ini", 4, &err);
		snprintf(want, sizeof want,
			 "%s:2: line holds a NUL byte (is the file UTF-16? save it as UTF-8)", nul_path);
		pc_error_format(&err, msg, sizeof msg);
		CHECK(rc == PC_EINPUT && strcmp(msg, want) == 0, "nul: rc %d, '%s'", rc, msg);
	}
	expect_error(dir, "dup.csv", "a,b,a\n1,2,3\n", PC_EINPUT, "1: column 'a' given twice");

	/* A missing file is reported at the line that named it. */
	snprintf(path, sizeof path, "%s/nope.csv", dir);
	pc_error_clear(&err);
	rc = pc_table_read(&t, path, "scen/d11.ini", 7, &err);
	snprintf(expected, sizeof expected,
		 "scen/d11.ini:7: cannot open '%s': No such file or directory", path);
	pc_error_format(&err, got, sizeof got);
	CHECK(rc == PC_EIO, "missing file: rc %d", rc);
	CHECK(strcmp(got, expected) == 0, "missing file: '%s', want '%s'", got, expected);
	CHECK(t.nrows == 0 && t.row == NULL, "missing file: nothing to release");

	/* A folder opens but cannot be read. */
	pc_error_clear(&err);
	rc = pc_table_read(&t, dir, "scen/d11.ini", 8, &err);
	snprintf(expected, sizeof expected, "scen/d11.ini:8: cannot read '%s': Is a directory", dir);
	pc_error_format(&err, got, sizeof got);
	CHECK(rc == PC_EIO, "folder: rc %d", rc);
	CHECK(strcmp(got, expected) == 0, "folder: '%s', want '%s'", got, expected);
}

/* Removes the fixture files and the folder. */
static void cleanup(const char *dir)
{
	static const char *const names[] = {
		"basic.csv", "bom.csv", "quoted.csv", "header.csv", "long.csv", "ragged.csv",
		"short.csv", "ragged_quoted.csv", "empty.csv", "blank.csv", "unclosed.csv",
		"stray.csv", "dup.csv", "nul.csv"
	};
	char path[512];
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);
}

int main(void)
{
	char dir[] = "/tmp/promocap-table-XXXXXX";

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	test_basic(dir);
	test_bom_crlf_blank(dir);
	test_quoted(dir);
	test_header_only_and_long_line(dir);
	test_errors(dir);
	cleanup(dir);
	return check_done();
}
