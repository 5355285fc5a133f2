/* test_bad_input: every tests/data/bad_*.ini must fail to load with exactly the message its first line expects. */
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/scenario.h"

#include "check.h"

#define DATA "tests/data"
#define EXPECT "; expect: "

/* Replaces every token in text by with, in place (text has room for n). */
static void substitute(char *text, size_t n, const char *token, const char *with)
{
	char out[4096];
	const char *p = text, *hit;
	size_t used = 0, lt = strlen(token), lw = strlen(with);

	while ((hit = strstr(p, token)) != NULL && used + (size_t)(hit - p) + lw < sizeof out) {
		memcpy(out + used, p, (size_t)(hit - p));
		used += (size_t)(hit - p);
		memcpy(out + used, with, lw);
		used += lw;
		p = hit + lt;
	}
	snprintf(out + used, sizeof out - used, "%s", p);
	snprintf(text, n, "%s", out);
}

/* Reads the expectation on the first line of path, with FILE standing for
 * path (CSV files are named as opened from the repository's root, where the
 * tests run).  Returns 0, or -1 if there is none. */
static int expectation(const char *path, char *want, size_t n)
{
	char line[4096];
	FILE *in = fopen(path, "r");
	size_t len;

	if (!in)
		return -1;
	if (!fgets(line, sizeof line, in)) {
		fclose(in);
		return -1;
	}
	fclose(in);
	len = strlen(line);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (strncmp(line, EXPECT, strlen(EXPECT)) != 0)
		return -1;
	snprintf(want, n, "%s", line + strlen(EXPECT));
	substitute(want, n, "FILE", path);
	return 0;
}

/* The scenario after a failed load must hold nothing to release. */
static int holds_nothing(const pc_scenario *sc)
{
	int r;

	if (sc->given || sc->daily_share || sc->arrival_curve.t || sc->arrival_curve.rate ||
	    sc->request_delay.values || sc->transit.values || sc->transit.table)
		return 0;
	for (r = 0; r < PC_NSTAFF; r++)
		if (sc->staff[r].headcount || sc->staff[r].change_t || sc->staff[r].change_cap)
			return 0;
	return 1;
}

static void check_file(const char *path)
{
	char want[4096], got[4096];
	pc_scenario sc;
	pc_error err;
	int rc;

	if (expectation(path, want, sizeof want) != 0) {
		CHECK(0, "%s: first line must be '" EXPECT "<message>'", path);
		return;
	}
	pc_error_clear(&err);
	rc = pc_scenario_load(&sc, path, &err);
	pc_error_format(&err, got, sizeof got);
	CHECK(rc == (strstr(want, "cannot open") ? PC_EIO : PC_EINPUT), "%s: rc %d", path, rc);
	CHECK(strcmp(got, want) == 0, "%s:\n#   want: %s\n#   got:  %s", path, want, got);
	CHECK(holds_nothing(&sc), "%s: nothing left to release after the failure", path);
	if (rc == 0)
		pc_scenario_release(&sc);
}

int main(void)
{
	glob_t g;
	size_t i;
	pc_scenario sc;
	pc_error err;
	char got[2048];
	int rc;

	rc = glob(DATA "/bad_*.ini", 0, NULL, &g);
	CHECK(rc == 0 && g.gl_pathc >= 30, "a corpus of at least 30 bad files, found %zu",
	      rc == 0 ? g.gl_pathc : 0);
	for (i = 0; rc == 0 && i < g.gl_pathc; i++)
		check_file(g.gl_pathv[i]);
	if (rc == 0)
		globfree(&g);

	/* A scenario file that is not there. */
	rc = pc_scenario_load(&sc, DATA "/no_such_scenario.ini", &err);
	CHECK(rc == PC_EIO, "missing scenario: rc %d", rc);
	CHECK(strcmp(pc_error_format(&err, got, sizeof got),
		     "cannot open '" DATA "/no_such_scenario.ini': No such file or directory") == 0,
	      "missing scenario: %s", got);
	CHECK(holds_nothing(&sc), "missing scenario: nothing to release");
	/* A NULL error record is allowed. */
	CHECK(pc_scenario_load(&sc, DATA "/bad_number.ini", NULL) == PC_EINPUT, "NULL error record");
	return check_done();
}
