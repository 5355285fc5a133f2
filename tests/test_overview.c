/* test_overview: the one-paragraph scenario summary that ends `promocap check`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "promocap/overview.h"

#include "check.h"

static void test_summary(void)
{
	/* tests/data/overview.ini sets every figure named here, so the
	 * summary does not move with the defaults. */
	static const char *const parts[] = {
		"Summary: 'overview test' sells 15,000 orders over 18 days (2026-06-01 to 2026-06-18",
		"GMV 3,000,000 CNY at 200 CNY an order", "a 4% refund rate gives 600 refunds",
		"after-sales 240 cases, all claims on received goods", "refund agents: day (09:00-18:00) 5, night (22:00-06:00) 2;",
		"supervisors: day (09:00-21:00) 1;", "QC inspectors: early (06:00-14:00) 3.",
		"Targets: first response 90% within 1h; refund-only acted on 100% within 1d; all refunds finished 98% within 7d; disputes below 0.2% of orders.",
		"Simulated to the end of 2026-06-30, 8 replications",
	};
	char text[4096], line[256];
	pc_scenario sc;
	pc_error err;
	FILE *f;
	int lines = 0, fits = 1;

	pc_error_clear(&err);
	if (pc_scenario_load(&sc, "tests/data/overview.ini", &err) != 0) {
		CHECK(0, "overview.ini loads: %s", err.msg);
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
	test_summary();
	return check_done();
}
