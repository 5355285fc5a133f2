/* test_memory: the size syntax of --max-memory, the size format, arrays that double by remapping, and the memory estimate's arithmetic (grows with replications and threads, upper bound of a zero-staff run's items). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "promocap/memory.h"

static void size_ok(const char *text, double want)
{
	double got = -1;

	CHECK(pc_memory_parse_size(text, &got) == 0 && got == want, "size '%s': %.0f, want %.0f", text,
	      got, want);
}

static void size_bad(const char *text)
{
	double got = -1;

	CHECK(pc_memory_parse_size(text, &got) == PC_EINPUT && got == -1, "size '%s' refused", text);
}

static void format(double bytes, const char *want)
{
	char buf[64];

	pc_memory_format_size(bytes, buf, sizeof buf);
	CHECK(strcmp(buf, want) == 0, "%.0f bytes: '%s', want '%s'", bytes, buf, want);
}

/* An array that doubles by pc_memory_remap from 16 KiB to 64 MiB (past
 * the 2 MiB where huge pages are asked for, which must not split the
 * mapping mremap moves) keeps what it held, and its new part reads zero. */
static void remap_keeps(void)
{
	size_t n = 2048, ok = 1, zero = 1;
	uint64_t *a = pc_memory_map(n * sizeof *a);

	CHECK(a != NULL, "a 16 KiB mapping");
	if (!a)
		return;
	for (size_t i = 0; i < n; i++)
		a[i] = i * 0x9e3779b97f4a7c15ULL;
	while (n < ((size_t)8 << 20)) {
		uint64_t *b = pc_memory_remap(a, n * sizeof *a, 2 * n * sizeof *a);

		if (!b)
			break;
		a = b;
		for (size_t i = 0; i < n; i++)
			ok &= a[i] == i * 0x9e3779b97f4a7c15ULL;
		for (size_t i = n; i < 2 * n; i++) {
			zero &= a[i] == 0;
			a[i] = i * 0x9e3779b97f4a7c15ULL;
		}
		n *= 2;
	}
	CHECK(n == ((size_t)8 << 20), "doubled to 64 MiB by remapping (stopped at %zu entries)", n);
	CHECK(ok, "every entry kept through %zu doublings", (size_t)12);
	CHECK(zero, "the new half of each doubling reads zero");
	pc_memory_unmap(a, n * sizeof *a);
}

int main(void)
{
	pc_scenario sc;
	pc_error err;
	pc_memory a, b, c;

	size_ok("4G", 4294967296.0);
	size_ok("512M", 536870912.0);
	size_ok("512m", 536870912.0);
	size_ok("1.5GiB", 1610612736.0);
	size_ok("8 GB", 8589934592.0);
	size_ok("1T", 1099511627776.0);
	size_ok("100000", 100000.0);
	size_ok("64K", 65536.0);
	size_bad("");
	size_bad("G");
	size_bad("0");
	size_bad("0.5");
	size_bad("-1G");
	size_bad("1X");
	size_bad("1e3M");
	size_bad("1.5.5G");
	size_bad("2000T");
	size_bad("nan");
	format(512, "512 bytes");
	format(1536, "1.5 KiB");
	format(11.7 * 1073741824.0, "11.7 GiB");
	format(INFINITY, "an unbounded amount");
	remap_keeps();

	pc_error_clear(&err);
	if (pc_scenario_load(&sc, "tests/data/sim/golden.ini", &err) == 0) {
		pc_memory_estimate(&sc, 1, 1, &a);
		pc_memory_estimate(&sc, 20, 1, &b);
		pc_memory_estimate(&sc, 20, 4, &c);
		CHECK(fabs(a.refunds - 120) < 1e-9, "golden: 120 refunds expected, got %g", a.refunds);
		CHECK(a.requests > a.refunds + a.after_sales, "a margin over the expected requests");
		CHECK(b.total > a.total && c.total > b.total, "more replications and threads need more");
		CHECK(c.threads == 4 && b.reps == 20, "threads and replications as asked");
		pc_memory_estimate(&sc, 3, 8, &c);
		CHECK(c.threads == 3, "no more threads than replications");
		/* The item pool alone, as if every request were open at once,
		 * is part of one thread's share. */
		CHECK(a.per_thread > a.requests * 64, "every request may be open");
		/* The planner keeps its screening replications' requests. */
		b = a;
		pc_memory_add_kept(&sc, 4, &b);
		CHECK(a.kept == 0 && b.kept == 4 * a.requests * 16 && b.total == a.total + b.kept,
		      "4 replications' requests kept add %g bytes (%g requests each)", b.kept, a.requests);
		pc_scenario_release(&sc);
	} else {
		CHECK(0, "golden loads: %s", err.msg);
	}
	return check_done();
}
