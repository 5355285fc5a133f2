/* fuzz_env: the scratch folder the fuzz harnesses and their corpus replay write inputs into, with the project's CSV tables copied beside them. */
#ifndef PC_FUZZ_ENV_H
#define PC_FUZZ_ENV_H

/* nftw and mkdtemp. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <ftw.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

/* The scratch folder of this process, made once by fuzz_env_dir.  A harness
 * is one process, so this one static is the whole of its state; the library
 * under test has none. */
static char fuzz_env_root[512];

static int fuzz_env_unlink(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void fuzz_env_cleanup(void)
{
	if (fuzz_env_root[0])
		nftw(fuzz_env_root, fuzz_env_unlink, 16, FTW_DEPTH | FTW_PHYS);
	fuzz_env_root[0] = '\0';
}

/* Writes n bytes to root/name; returns 0 or -1. */
static int fuzz_env_put(const char *name, const void *data, size_t n, char *path, size_t pathn)
{
	char buf[1024];
	FILE *f;

	if (!path) {
		path = buf;
		pathn = sizeof buf;
	}
	snprintf(path, pathn, "%s/%s", fuzz_env_root, name);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	if (n && fwrite(data, 1, n, f) != n) {
		fclose(f);
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

/* Copies the file src (relative to the repository root, where harnesses
 * and tests run) to root/dst; a missing source is skipped. */
static void fuzz_env_copy(const char *src, const char *dst)
{
	FILE *in = fopen(src, "rb");
	char *data = NULL;
	size_t n = 0, cap = 0, got;

	if (!in)
		return;
	for (;;) {
		if (n == cap) {
			char *grown = realloc(data, cap ? 2 * cap : 4096);
			if (!grown)
				break;
			data = grown;
			cap = cap ? 2 * cap : 4096;
		}
		got = fread(data + n, 1, cap - n, in);
		if (got == 0)
			break;
		n += got;
	}
	fclose(in);
	fuzz_env_put(dst, data, n, NULL, 0);
	free(data);
}

/* The scratch folder: made on first use under $TMPDIR (or /dev/shm, a
 * memory file system, else /tmp), holding curves/, rosters/ and bench/
 * merged from scenarios/ and tests/data/, so that a seed scenario's
 * relative CSV names resolve.  Removed at exit.  Returns the folder, or
 * NULL when it cannot be made. */
static const char *fuzz_env_dir(void)
{
	static const char *const files[][2] = {
		{ "scenarios/curves/d11-daily.csv", "curves/d11-daily.csv" },
		{ "scenarios/curves/intraday.csv", "curves/intraday.csv" },
		{ "scenarios/rosters/d11-agents.csv", "rosters/d11-agents.csv" },
		{ "scenarios/rosters/d11-inspectors.csv", "rosters/d11-inspectors.csv" },
		{ "scenarios/rosters/large-agents.csv", "rosters/large-agents.csv" },
		{ "scenarios/rosters/large-inspectors.csv", "rosters/large-inspectors.csv" },
		{ "scenarios/bench/agents.csv", "bench/agents.csv" },
		{ "scenarios/bench/inspectors.csv", "bench/inspectors.csv" },
		{ "scenarios/bench/rates.csv", "bench/rates.csv" },
		{ "tests/data/curves/arrivals.csv", "curves/arrivals.csv" },
		{ "tests/data/curves/daily.csv", "curves/daily.csv" },
		{ "tests/data/curves/hourly.csv", "curves/hourly.csv" },
		{ "tests/data/curves/rates.csv", "curves/rates.csv" },
		{ "tests/data/curves/transit.csv", "curves/transit.csv" },
		{ "tests/data/rosters/agents.csv", "rosters/agents.csv" },
		{ "tests/data/rosters/inspectors.csv", "rosters/inspectors.csv" },
		{ "tests/data/rosters/supervisors.csv", "rosters/supervisors.csv" },
	};
	const char *tmp = getenv("TMPDIR");
	char sub[600];
	size_t i;

	if (fuzz_env_root[0])
		return fuzz_env_root;
	if (!tmp || !*tmp)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(fuzz_env_root, sizeof fuzz_env_root, "%s/promocap-fuzz-XXXXXX", tmp);
	if (!mkdtemp(fuzz_env_root)) {
		fuzz_env_root[0] = '\0';
		return NULL;
	}
	atexit(fuzz_env_cleanup);
	/* As promocap's main does (promocap/erlang.h): GSL reports a failure
	 * by its return value, the library checks it, nothing aborts.  With
	 * GSL's default handler an inverse cdf that fails to converge (a
	 * gamma of shape 1/64 below a limit) aborted the harness. */
	gsl_set_error_handler_off();
	snprintf(sub, sizeof sub, "%s/curves", fuzz_env_root);
	mkdir(sub, 0777);
	snprintf(sub, sizeof sub, "%s/rosters", fuzz_env_root);
	mkdir(sub, 0777);
	snprintf(sub, sizeof sub, "%s/bench", fuzz_env_root);
	mkdir(sub, 0777);
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		fuzz_env_copy(files[i][0], files[i][1]);
	return fuzz_env_root;
}

#endif
