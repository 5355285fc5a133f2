/* test_memory: the size syntax of --max-memory, the size format, and the memory estimate's arithmetic (grows with replications and threads, upper bound of a zero-staff run's items). */
#include <math.h>
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
