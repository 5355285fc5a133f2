/* test_overview: the one-paragraph scenario summary that ends `promocap check`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/overview.h"

#include "check.h"

static void test_double11(void)
{
	static const char *const parts[] = {
		"Summary: 'Double 11 2026, worked example' sells 80,000 orders over 11 days (2026-11-01 to 2026-11-11",
		"GMV 20,000,000 CNY at 250 CNY an order", "a 5% refund rate gives 4,000 refunds",
		"other after-sales work 1,600 cases", "refund agents: day (09:00-18:00) 3 to 8",
		"supervisors: day (09:00-21:00) 1;", "first response 95% within 30min",
		"all refunds finished 100% within 5d", "disputes below 0.1% of orders",
		"Simulated to the end of 2026-11-30, 20 replications; the closed-form baseline is 8 agents.",
	};
	char text[4096], line[256];
	pc_scenario sc;
	pc_error err;
	FILE *f;
	int lines = 0, fits = 1;

	pc_error_clear(&err);
	if (pc_scenario_load(&sc, "scenarios/double11.ini", &err) != 0) {
		CHECK(0, "double11 loads: %s", err.msg);
		return;
	}
	pc_overview_text(&sc, text, sizeof text);
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		CHECK(strstr(text, parts[i]) != NULL, "the summary says '%s': %s", parts[i], text);
	CHECK(!strchr(text, '\n'), "one paragraph, no line break");
	/* As comment lines: each "; ", at most 78 characters. */
	f = tmpfile();
	if (f && pc_overview_write(&sc, f) == 0) {
		rewind(f);
		while (fgets(line, sizeof line, f)) {
			lines++;
			if (line[0] != ';' || strlen(line) > 79)
				fits = 0;
		}
	}
	CHECK(lines >= 5 && fits, "written as %d comment lines of at most 78 characters", lines);
	if (f)
		fclose(f);
	pc_scenario_release(&sc);
}

int main(void)
{
	test_double11();
	return check_done();
}
