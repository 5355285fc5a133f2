/* test_text: how figures are written for a manager.  A figure that misses
 * its target never reads as the target: 99.97% against 100% is written
 * "99.97%", not "100%" (the summary) or "100.0%" (the review pack), while
 * a figure that reads apart already, or is the target, is written as
 * before. */
#include <string.h>

#include "check.h"
#include "pack_common.h"
#include "text.h"

static void text_is(double v, double target, const char *unit, const char *want)
{
	char got[64];

	pc_text_value_apart(got, sizeof got, v, target, unit);
	CHECK(!strcmp(got, want), "%.10g%s against %.10g: '%s', want '%s'", v, unit, target, got, want);
}

static void pack_is(double v, double target, const char *unit, const char *want)
{
	char got[64];

	pack_fmt_val_apart(got, sizeof got, v, target, unit);
	CHECK(!strcmp(got, want), "pack: %.10g%s against %.10g: '%s', want '%s'", v, unit, target, got, want);
}

int main(void)
{
	text_is(99.97, 100, "%", "99.97%");
	text_is(99.9996, 100, "%", "99.9996%");
	text_is(100, 100, "%", "100%");
	text_is(97.2, 95, "%", "97.2%");
	text_is(95.04, 95, "%", "95.04%");
	text_is(0.10004, 0.1, "%", "0.10004%");
	text_is(12.3, 12, "h", "12.3 h");
	text_is(1500.2, 1500, "CNY", "1500.2 CNY");
	pack_is(99.97, 100, "%", "99.97%");
	pack_is(99.2, 100, "%", "99.2%");
	pack_is(100, 100, "%", "100.0%");
	pack_is(2.0004, 2, "h", "2.0004 h");
	return check_done();
}
