/* table: reads a CSV file with libcsv into rows of trimmed text fields, each row tagged with the line it ends on. */
#include "table.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The state the libcsv callbacks share while one file is read. */
typedef struct table_reader {
	pc_table *t;
	const char *path;
	pc_error *err;
	int line;           /* line being fed to the parser (1-based) */
	int start_line;     /* line the row in progress began on, 0 when none is open */
	pc_table_row cur;   /* the row being assembled */
	size_t cur_cap;     /* fields allocated in cur */
	size_t rows_cap;    /* rows allocated in t->row */
	int rc;             /* first failure; the callbacks stop doing work once set */
} table_reader;

static int table_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Frees the fields of one row. */
static void table_row_release(pc_table_row *row)
{
	size_t i;

	for (i = 0; i < row->nfields; i++)
		free(row->field[i]);
	free(row->field);
	row->field = NULL;
	row->nfields = 0;
}

/* libcsv field callback: appends a trimmed copy of the field to the current
 * row, doubling the row's field array when it is full. */
static void table_on_field(void *s, size_t len, void *data)
{
	table_reader *rd = data;
	const char *text = s ? s : "";
	char *copy;

	if (rd->rc)
		return;
	if (!s)
		len = 0;
	while (len > 0 && table_is_blank(text[0])) {
		text++;
		len--;
	}
	while (len > 0 && table_is_blank(text[len - 1]))
		len--;
	if (rd->cur.nfields == rd->cur_cap) {
		size_t cap = rd->cur_cap ? 2 * rd->cur_cap : 8;
		char **grown = realloc(rd->cur.field, cap * sizeof *grown);

		if (!grown) {
			rd->rc = PC_ENOMEM;
			return;
		}
		rd->cur.field = grown;
		rd->cur_cap = cap;
	}
	copy = malloc(len + 1);
	if (!copy) {
		rd->rc = PC_ENOMEM;
		return;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	rd->cur.field[rd->cur.nfields++] = copy;
}

/* libcsv end-of-row callback: checks the row against the header and moves it
 * into the table, doubling the row array when it is full. */
static void table_on_row(int c, void *data)
{
	table_reader *rd = data;
	pc_table *t = rd->t;

	(void)c;
	rd->start_line = 0;
	if (rd->rc)
		return;
	rd->cur.line = rd->line;
	if (t->nrows > 0 && rd->cur.nfields != t->row[0].nfields) {
		pc_error_set(rd->err, rd->path, rd->line, "row has %zu field%s, the header has %zu",
			     rd->cur.nfields, rd->cur.nfields == 1 ? "" : "s", t->row[0].nfields);
		rd->rc = PC_EINPUT;
		return;
	}
	if (t->nrows == rd->rows_cap) {
		size_t cap = rd->rows_cap ? 2 * rd->rows_cap : 16;
		pc_table_row *grown = realloc(t->row, cap * sizeof *grown);

		if (!grown) {
			rd->rc = PC_ENOMEM;
			return;
		}
		t->row = grown;
		rd->rows_cap = cap;
	}
	t->row[t->nrows++] = rd->cur;
	rd->cur.field = NULL;
	rd->cur.nfields = 0;
	rd->cur_cap = 0;
}

/* Rejects a header that names the same column twice, since a lookup by name
 * would then silently take the first. */
static int table_check_header(const pc_table *t, const char *path, pc_error *err)
{
	const pc_table_row *h = &t->row[0];
	size_t i, j;

	for (i = 0; i < h->nfields; i++) {
		if (!h->field[i][0])
			continue;
		for (j = 0; j < i; j++) {
			if (strcmp(h->field[i], h->field[j]) == 0) {
				pc_error_set(err, path, h->line, "column '%s' given twice",
					     h->field[i]);
				return PC_EINPUT;
			}
		}
	}
	return 0;
}

/* Reports a libcsv failure at the line the parser stopped on. */
static int table_parse_failed(table_reader *rd, struct csv_parser *p, int line)
{
	int code = csv_error(p);

	if (code == CSV_ENOMEM)
		return PC_ENOMEM;
	if (code == CSV_EPARSE)
		pc_error_set(rd->err, rd->path, line,
			     "malformed quoted field (a quote inside an unquoted field, or text after a closing quote)");
	else
		pc_error_set(rd->err, rd->path, line, "cannot parse: %s", csv_strerror(code));
	return PC_EINPUT;
}

/* Feeds the open file to the parser line by line, so every row knows the
 * line it ends on. */
static int table_feed(table_reader *rd, struct csv_parser *p, FILE *fp, const char *where_file,
		      int where_line)
{
	char *buf = NULL;
	size_t bufcap = 0;
	ssize_t got;
	int rc = 0;

	errno = 0;
	while ((got = getline(&buf, &bufcap, fp)) != -1) {
		const char *text = buf;
		size_t len = (size_t)got;
		size_t have = csv_get_buffer_size(p);
		size_t blk;

		rd->line++;
		if (rd->line == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
			text += 3;
			len -= 3;
		}
		if (memchr(text, '\0', len)) {
			pc_error_set(rd->err, rd->path, rd->line,
				     "line holds a NUL byte (is the file UTF-16? save it as UTF-8)");
			rc = PC_EINPUT;
			break;
		}
		/* libcsv grows its field buffer by a fixed block; a block as large
		 * as the line or the buffer so far keeps the growth geometric, so
		 * a 10 MB field costs a few reallocations, not thousands. */
		blk = len > have ? len : have;
		csv_set_blk_size(p, blk > 128 ? blk : 128);
		if (csv_parse(p, text, len, table_on_field, table_on_row, rd) != len) {
			rc = table_parse_failed(rd, p, rd->line);
			break;
		}
		if (rd->rc) {
			rc = rd->rc;
			break;
		}
		/* pstate 0 is libcsv's ROW_NOT_BEGUN: any other state means a
		 * row (perhaps a quoted field) runs on to the next line. */
		if (!rd->start_line && p->pstate != 0)
			rd->start_line = rd->line;
		errno = 0;
	}
	if (!rc && ferror(fp)) {
		pc_error_set(rd->err, where_file, where_line, "cannot read '%s': %s", rd->path,
			     strerror(errno ? errno : EIO));
		rc = PC_EIO;
	}
	free(buf);
	return rc;
}

FILE *pc_file_open(const char *path, double *bytes, int *why)
{
	struct stat st;
	FILE *fp;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);

	*bytes = 0;
	if (fd < 0) {
		*why = errno;
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = S_ISDIR(st.st_mode) ? EISDIR : -1;
		close(fd);
		return NULL;
	}
	/* A regular file never blocks; the stream is an ordinary one. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (!(fp = fdopen(fd, "r"))) {
		*why = errno;
		close(fd);
		return NULL;
	}
	*bytes = (double)st.st_size;
	return fp;
}

const char *pc_file_why(int why)
{
	return why > 0 ? strerror(why) : "not a regular file";
}

int pc_table_read(pc_table *t, const char *path, const char *where_file, int where_line,
		  pc_error *err)
{
	int why;
	struct csv_parser p;
	table_reader rd;
	FILE *fp;
	int rc;

	memset(t, 0, sizeof *t);
	if (strlen(path) >= sizeof t->path) {
		pc_error_set(err, where_file, where_line, "file name longer than %zu characters: '%s'",
			     sizeof t->path - 1, path);
		return PC_EINPUT;
	}
	snprintf(t->path, sizeof t->path, "%s", path);
	/* A table is a file: a folder, a pipe or a device (/dev/zero, a
	 * terminal) would fail late, block (a FIFO blocks in open() itself),
	 * or never end. */
	fp = pc_file_open(path, &t->bytes, &why);
	if (!fp && why != EISDIR && why > 0) {
		pc_error_set(err, where_file, where_line, "cannot open '%s': %s", path,
			     strerror(why));
		return PC_EIO;
	}
	if (!fp) {
		pc_error_set(err, where_file, where_line, "cannot read '%s': %s", path, pc_file_why(why));
		return why == EISDIR ? PC_EIO : PC_EINPUT;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fclose(fp);
		return PC_ENOMEM;
	}
	memset(&rd, 0, sizeof rd);
	rd.t = t;
	rd.path = path;
	rd.err = err;
	rc = table_feed(&rd, &p, fp, where_file, where_line);
	if (!rc) {
		/* A last row without a line end is finished here; an unclosed
		 * quote is reported at the line where its row began. */
		int open_line = rd.start_line ? rd.start_line : rd.line;

		if (csv_fini(&p, table_on_field, table_on_row, &rd) != 0) {
			if (csv_error(&p) == CSV_EPARSE)
				pc_error_set(err, path, open_line,
					     "quoted field not closed before the end of the file");
			rc = csv_error(&p) == CSV_EPARSE ? PC_EINPUT : PC_ENOMEM;
		} else {
			rc = rd.rc;
		}
	}
	csv_free(&p);
	fclose(fp);
	if (!rc && t->nrows == 0) {
		pc_error_set(err, path, 1, "empty file, expected a header row");
		rc = PC_EINPUT;
	}
	if (!rc)
		rc = table_check_header(t, path, err);
	table_row_release(&rd.cur);
	if (rc)
		pc_table_release(t);
	return rc;
}

void pc_table_release(pc_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->nrows; i++)
		table_row_release(&t->row[i]);
	free(t->row);
	t->row = NULL;
	t->nrows = 0;
}

int pc_table_column(const pc_table *t, const char *name)
{
	size_t i;

	if (!t || t->nrows == 0)
		return -1;
	for (i = 0; i < t->row[0].nfields; i++)
		if (strcmp(t->row[0].field[i], name) == 0)
			return (int)i;
	return -1;
}
