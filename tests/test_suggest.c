/* test_suggest: edit distances and the "did you mean" choices behind the input messages. */
#include <string.h>

#include "check.h"
#include "suggest.h"

static void test_distance(void)
{
	static const struct {
		const char *a, *b;
		size_t d;
	} cases[] = {
		{ "", "", 0 }, { "rate", "rate", 0 }, { "", "abc", 3 }, { "abc", "", 3 },
		{ "lognorm", "lognormal", 2 }, { "nigth", "night", 1 }, /* a swap is one edit */
		{ "kitten", "sitting", 3 }, { "Roster", "roster", 0 },  /* case is ignored */
		{ "refund", "refunds", 1 }, { "ab", "ba", 1 }, { "abc", "ca", 3 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t d = pc_suggest_distance(cases[i].a, cases[i].b);

		CHECK(d == cases[i].d, "distance('%s', '%s') = %zu, want %zu", cases[i].a, cases[i].b, d,
		      cases[i].d);
	}
}

/* The nearest of the candidates for word, or "" when none is near. */
static const char *nearest(const char *word, const char *const *cand, size_t n)
{
	pc_suggest s;

	pc_suggest_init(&s, word);
	for (size_t i = 0; i < n; i++)
		pc_suggest_offer(&s, cand[i]);
	return s.best ? s.best : "";
}

static void test_nearest(void)
{
	static const char *const keys[] = { "shifts", "roster", "discipline", "priority", "cost",
					     "min_per_shift", "max_per_shift" };
	static const char *const shifts[] = { "day", "night", "evening" };
	const size_t nk = sizeof keys / sizeof keys[0], ns = sizeof shifts / sizeof shifts[0];
	char buf[64];
	pc_suggest s;

	CHECK(!strcmp(nearest("rooster", keys, nk), "roster"), "rooster -> roster");
	CHECK(!strcmp(nearest("shift", keys, nk), "shifts"), "shift -> shifts");
	CHECK(!strcmp(nearest("cots", keys, nk), "cost"), "cots -> cost");
	CHECK(!strcmp(nearest("min_per_shit", keys, nk), "min_per_shift"), "min_per_shit -> min_per_shift");
	CHECK(!strcmp(nearest("agents", keys, nk), ""), "agents: nothing near");
	CHECK(!strcmp(nearest("nigt", shifts, ns), "night"), "nigt -> night");
	CHECK(!strcmp(nearest("eve", shifts, ns), ""), "eve: too far from evening");
	CHECK(!strcmp(nearest("x", shifts, ns), ""), "x: nothing near");
	CHECK(!strcmp(nearest("day", shifts, ns), ""), "an exact name is no suggestion");
	pc_suggest_init(&s, "nigth");
	pc_suggest_offer(&s, "night");
	CHECK(!strcmp(pc_suggest_hint(&s, buf, sizeof buf), " (did you mean 'night'?)"), "hint: %s", buf);
	pc_suggest_init(&s, "zzz");
	pc_suggest_offer(&s, "night");
	CHECK(!strcmp(pc_suggest_hint(&s, buf, sizeof buf), ""), "no hint: '%s'", buf);
}

static void test_units(void)
{
	static const struct {
		const char *spelled, *unit;
	} cases[] = {
		{ "minutes", "min" }, { "Minutes", "min" }, { "mins", "min" }, { "m", "min" },
		{ "hours", "h" }, { "HR", "h" }, { "days", "d" }, { "seconds", "s" }, { "sec", "s" },
		{ "\xe5\x88\x86\xe9\x92\x9f", "min" }, { "\xe5\xb0\x8f\xe6\x97\xb6", "h" },
		{ "weeks", NULL }, { "x", NULL }, { "", NULL },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *u = pc_suggest_unit(cases[i].spelled, strlen(cases[i].spelled));

		CHECK((u == NULL && cases[i].unit == NULL) || (u && cases[i].unit && !strcmp(u, cases[i].unit)),
		      "unit '%s' -> %s, want %s", cases[i].spelled, u ? u : "none",
		      cases[i].unit ? cases[i].unit : "none");
	}
}

int main(void)
{
	test_distance();
	test_nearest();
	test_units();
	return check_done();
}
