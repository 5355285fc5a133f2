/* scenario_read: reads the INI syntax of a scenario with inih (line limits, inline comments, include of other files, unknown sections and keys) and runs the two passes: pc_scenario_load. */
#include "scenario_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

/* ---- reading the INI file ---------------------------------------------- */

/* Finds the first of chars in s, or an inline comment (';' after a blank),
 * as inih does.  Returns a pointer to it, or to the terminating NUL. */
static const char *scenario_find(const char *s, const char *chars)
{
	int was_space = 0;

	while (*s && !strchr(chars, *s) && !(was_space && *s == ';')) {
		was_space = isspace((unsigned char)*s);
		s++;
	}
	return s;
}

/* inih's reader: hands inih one physical line at a time, so the handler
 * knows its number, and checks what inih would skip or mangle: lines longer
 * than SCENARIO_LINE_MAX, unknown or broken section headers, lines that are
 * not key = value.  Leading blanks are removed so that inih never takes an
 * indented line for the continuation of the previous value.  Returns NULL at
 * the end of the file or once an error is recorded, which ends the parse. */
static char *scenario_read_line(char *str, int num, void *stream)
{
	scenario_build *b = stream;
	char buf[SCENARIO_LINE_MAX + 8];
	size_t len = 0, limit = (size_t)num - 1;
	int c, any = 0, nul = 0, cr = 0;
	char *text;

	if (b->rc || num < 2)
		return NULL;
	if (limit > SCENARIO_LINE_MAX)
		limit = SCENARIO_LINE_MAX;
	/* Reading stops one character past the limit: the line is an error
	 * then, and an endless line (a 10 MB one, /dev/zero) is not read on. */
	while ((c = getc(b->fp)) != EOF) {
		any = 1;
		if (c == '\n')
			break;
		nul |= c == '\0';
		if (c == '\r') {
			/* CR LF is a line end, a CR alone is an old Mac's. */
			int d = getc(b->fp);
			if (d != '\n' && d != EOF) {
				cr = 1;
				break;
			}
			if (d != EOF)
				ungetc(d, b->fp);
		}
		if (len < sizeof buf - 1)
			buf[len] = (char)c;
		if (++len > limit + 4) /* BOM and CR aside, already too long */
			break;
	}
	if (!any)
		return NULL;
	b->line++;
	if (b->line == 1 && len >= 2 && ((unsigned char)buf[0] == 0xFF || (unsigned char)buf[0] == 0xFE) &&
	    (unsigned char)buf[1] == ((unsigned char)buf[0] ^ 1)) {
		pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
			    "the file is UTF-16 (it starts with a UTF-16 byte order mark): save it as UTF-8");
		return NULL;
	}
	if (nul) {
		pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
			    "line holds a NUL byte (is the file UTF-16? save it as UTF-8)");
		return NULL;
	}
	if (cr) {
		pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
			    "lines end with a carriage return alone (CR, an old Mac line end): save the "
			    "file with LF or CR LF line ends");
		return NULL;
	}
	if (len < sizeof buf && len > 0 && buf[len - 1] == '\r')
		len--;
	text = buf;
	if (b->line == 1 && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (len > limit) {
		pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line, "line longer than %zu characters",
			    limit);
		return NULL;
	}
	text[len] = '\0';
	while (isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	if (*text == '[') {
		const char *end = scenario_find(text + 1, "]");
		char section[SCENARIO_LINE_MAX + 1];

		if (*end != ']') {
			pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
				    "section header needs a closing ']', got '%s'", text);
			return NULL;
		}
		snprintf(section, sizeof section, "%.*s", (int)(end - text - 1), text + 1);
		if (!pc_scn_section_known(section)) {
			char hint[SCENARIO_LINE_MAX + 40];

			pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line, "unknown section '[%s]'%s",
				    section, pc_scn_section_hint(section, hint, sizeof hint));
			return NULL;
		}
	} else if (*text && *text != ';' && *text != '#') {
		const char *end = scenario_find(text, "=:");

		if (*end != '=' && *end != ':') {
			pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
				    "expected 'key = value', got '%s'", text);
			return NULL;
		}
	}
	memcpy(str, text, len);
	if (len + 1 < (size_t)num)
		str[len++] = '\n';
	str[len] = '\0';
	return str;
}

static int scenario_read(scenario_build *b, const char *path);

/* include = FILE at the top of a file: reads FILE, relative to the folder of
 * the file that names it, before the rest of this file, whose keys then
 * override FILE's. */
static int scenario_include(scenario_build *b, const char *value)
{
	struct pc_scenario_given *g = b->given;
	const scenario_source *from = &g->source[b->cur];
	scenario_source *grown, *to;
	char dir[1024], sub[1024];
	const char *slash;
	FILE *saved_fp = b->fp;
	int saved_line = b->line, saved_cur = b->cur, i, why;
	double bytes;
	struct stat st;

	if (!*value)
		return pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line, "'include' needs a file name");
	if (b->depth >= SCENARIO_MAX_INCLUDE_DEPTH)
		return pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
				   "includes nest deeper than %d files, got '%s'",
				   SCENARIO_MAX_INCLUDE_DEPTH, value);
	grown = realloc(g->source, (size_t)(g->nsources + 1) * sizeof *g->source);
	if (!grown)
		return pc_scn_nomem(b);
	g->source = grown;
	from = &g->source[b->cur];
	to = &g->source[g->nsources];
	memset(to, 0, sizeof *to);
	/* The path to open is relative to the including file's folder; the
	 * prefix, the folder relative to the scenario's, grows the same way. */
	slash = strrchr(from->path, '/');
	snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash == from->path ? 1 : slash - from->path) : 0,
		 from->path);
	slash = strrchr(value, '/');
	snprintf(sub, sizeof sub, "%.*s", slash ? (int)(slash == value ? 1 : slash - value) : 0, value);
	if (pc_scn_join(dir, value, to->path, sizeof to->path) != 0 ||
	    pc_scn_join(from->prefix, sub, to->prefix, sizeof to->prefix) != 0)
		return pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
				   "'include' names a file whose path is too long, got '%s'", value);
	b->fp = pc_file_open(to->path, &bytes, &why);
	if (!b->fp) {
		b->fp = saved_fp;
		return pc_scn_fail(b, PC_EIO, pc_scn_read_file(b), b->line, "cannot %s include '%s': %s",
				   why > 0 && why != EISDIR ? "open" : "read", to->path, pc_file_why(why));
	}
	if (fstat(fileno(b->fp), &st) != 0)
		memset(&st, 0, sizeof st);
	else
		for (i = 0; i < b->depth; i++)
			if (b->dev[i] == st.st_dev && b->ino[i] == st.st_ino) {
				fclose(b->fp);
				b->fp = saved_fp;
				return pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
						   "include cycle: '%s' is already being read", to->path);
			}
	b->dev[b->depth] = st.st_dev;
	b->ino[b->depth] = st.st_ino;
	b->depth++;
	b->cur = g->nsources++;
	b->line = 0;
	scenario_read(b, to->path);
	fclose(b->fp);
	b->depth--;
	b->fp = saved_fp;
	b->line = saved_line;
	b->cur = saved_cur;
	return b->rc;
}

/* inih's handler: one key = value of the current line. */
static int scenario_on_key(void *user, const char *section, const char *name, const char *value)
{
	scenario_build *b = user;
	struct pc_scenario_given *g = b->given;
	char hint[SCENARIO_LINE_MAX + 40];
	int k;

	if (b->rc)
		return 0;
	if (strcmp(name, "include") == 0) {
		if (!section[0])
			return scenario_include(b, value) == 0;
		pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
			    "'include' must come before any [section], got it in '[%s]'", section);
		return 0;
	}
	k = pc_scn_key_find(section, name);
	if (k < 0) {
		if (!section[0])
			pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
				    "key '%s' comes before any [section]", name);
		else
			pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line,
				    "unknown key '%s' in section '[%s]'%s", name, section,
				    pc_scn_key_hint(section, name, hint, sizeof hint));
		return 0;
	}
	/* A key of an included file is overridden; twice in one file is an
	 * error. */
	if (g->text[k] && g->src[k] == b->cur) {
		pc_scn_fail(b, PC_EINPUT, pc_scn_read_file(b), b->line, "key '%s' given twice in section '[%s]'",
			    name, section);
		return 0;
	}
	free(g->text[k]);
	g->text[k] = strdup(value);
	if (!g->text[k]) {
		pc_scn_nomem(b);
		return 0;
	}
	g->line[k] = b->line;
	g->src[k] = b->cur;
	g->seq[k] = ++b->seq;
	return pc_scn_key_parse(b, k, value) == 0;
}

/* Reads the open file b->fp (path, for messages) with inih. */
static int scenario_read(scenario_build *b, const char *path)
{
	int rc = ini_parse_stream(scenario_read_line, b, scenario_on_key, b);

	if (!b->rc && ferror(b->fp))
		pc_scn_fail(b, PC_EIO, path, 0, "cannot read '%s'", path);
	if (!b->rc && rc > 0)
		pc_scn_fail(b, PC_EINPUT, path, rc, "cannot parse this line");
	return b->rc;
}

int pc_scenario_load(pc_scenario *sc, const char *path, pc_error *err)
{
	scenario_build b;
	const char *slash;
	struct stat st;
	double bytes;
	int why;

	memset(sc, 0, sizeof *sc);
	memset(&b, 0, sizeof b);
	b.sc = sc;
	pc_error_clear(&b.err);
	if (strlen(path) >= sizeof sc->file) {
		pc_scn_fail(&b, PC_EINPUT, "", 0, "file name longer than %zu characters: '%s'",
			    sizeof sc->file - 1, path);
		return pc_scn_finish(&b, err);
	}
	snprintf(sc->file, sizeof sc->file, "%s", path);
	slash = strrchr(path, '/');
	if (slash)
		snprintf(sc->dir, sizeof sc->dir, "%.*s", (int)(slash == path ? 1 : slash - path), path);
	sc->given = calloc(1, sizeof *sc->given);
	if (sc->given)
		sc->given->source = calloc(1, sizeof *sc->given->source);
	if (!sc->given || !sc->given->source) {
		pc_scn_nomem(&b);
		return pc_scn_finish(&b, err);
	}
	b.given = sc->given;
	b.given->nsources = 1;
	snprintf(b.given->source[0].path, sizeof b.given->source[0].path, "%s", path);
	/* Not fopen: a named pipe would block in open() until a writer
	 * came. */
	b.fp = pc_file_open(path, &bytes, &why);
	if (!b.fp) {
		pc_scn_fail(&b, PC_EIO, "", 0, "cannot %s '%s': %s",
			    why > 0 && why != EISDIR ? "open" : "read", path, pc_file_why(why));
		return pc_scn_finish(&b, err);
	}
	if (fstat(fileno(b.fp), &st) == 0) {
		b.dev[0] = st.st_dev;
		b.ino[0] = st.st_ino;
	}
	b.depth = 1;
	scenario_read(&b, path);
	fclose(b.fp);
	if (!b.rc)
		pc_scn_resolve(&b);
	return pc_scn_finish(&b, err);
}
