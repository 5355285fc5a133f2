/* fuzz_csv: libFuzzer harness for the scenario's CSV consumers: the input is a CSV file that fixed scenarios name as daily and hourly shares, arrival curve, rosters and empirical distributions. */
#include "fuzz_env.h"

#include <math.h>

#include "promocap/scenario.h"

/* The fixed scenarios, each naming the input in.csv once.  The agents work
 * three shifts, one past midnight, so a roster table has shifts to name. */
#define FUZZ_CSV_HEAD "[promotion]\nsales_start = 2026-11-01\nsales_end = 2026-11-11\n" \
		      "gmv = 20000000\naov = 250\n"
static const char *const fuzz_csv_scenarios[][2] = {
	{ "daily.ini", FUZZ_CSV_HEAD "daily_share = in.csv\n[refunds]\nrate = 5%\n" },
	{ "hourly.ini", FUZZ_CSV_HEAD "hourly_share = in.csv\n[refunds]\nrate = 5%\n" },
	{ "curve.ini", FUZZ_CSV_HEAD "[refunds]\nrate = 5%\narrival_curve = in.csv\n" },
	{ "roster.ini", FUZZ_CSV_HEAD "[refunds]\nrate = 5%\n[staff.agent]\n"
			"shifts = day 09:00-18:00, evening 18:00-23:00, night 22:00-06:00\n"
			"roster = in.csv\n" },
	{ "delay.ini", FUZZ_CSV_HEAD "[refunds]\nrate = 5%\nrequest_delay = empirical(in.csv)\n" },
	{ "amount.ini", FUZZ_CSV_HEAD "[refunds]\nrate = 5%\n[path.received_no_return]\n"
			"amount = empirical(in.csv)\n" },
};

#define FUZZ_CSV_N (sizeof fuzz_csv_scenarios / sizeof fuzz_csv_scenarios[0])

/* Loads each fixed scenario with the input as its CSV.  One that loads
 * must copy, dump and give a capacity schedule; one that fails must say
 * why, and leave nothing to release. */
static int fuzz_csv_one(const uint8_t *data, size_t size)
{
	static char paths[FUZZ_CSV_N][1024];
	char msg[2200];
	pc_scenario sc, copy;
	pc_error err;
	size_t i;
	int r;

	if (!fuzz_env_dir())
		return 0;
	if (!paths[0][0])
		for (i = 0; i < FUZZ_CSV_N; i++)
			fuzz_env_put(fuzz_csv_scenarios[i][0], fuzz_csv_scenarios[i][1],
				     strlen(fuzz_csv_scenarios[i][1]), paths[i], sizeof paths[i]);
	if (fuzz_env_put("in.csv", data, size, NULL, 0))
		return 0;
	for (i = 0; i < FUZZ_CSV_N; i++) {
		pc_error_clear(&err);
		if (pc_scenario_load(&sc, paths[i], &err)) {
			if (!err.msg[0] || sc.given)
				abort();
			pc_error_format(&err, msg, sizeof msg);
			continue;
		}
		for (r = 0; r < PC_NRES; r++) {
			double *t;
			int *cap, n, k;

			if (pc_staff_schedule(&sc.staff[r], sc.horizon, &n, &t, &cap) == 0) {
				for (k = 1; k < n; k++)
					if (!(t[k] > t[k - 1]) || cap[k] < 0)
						abort();
				free(t);
				free(cap);
			}
		}
		if (sc.has_arrival_curve)
			for (r = 0; r < sc.arrival_curve.n; r++)
				if (!(sc.arrival_curve.rate[r] >= 0) || !isfinite(sc.arrival_curve.rate[r]))
					abort();
		if (pc_scenario_copy(&copy, &sc) == 0)
			pc_scenario_release(&copy);
		pc_scenario_release(&sc);
	}
	return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_csv_one(data, size);
}
#endif
