/* check: the tiny test harness every tests/test_*.c includes. */
#ifndef PC_TEST_CHECK_H
#define PC_TEST_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_passed, check_failed;

/* One assertion: prints "ok - what" or "not ok - what (file:line)". */
#define CHECK(cond, ...)                                                        \
	do {                                                                    \
		if (cond) {                                                     \
			check_passed++;                                         \
		} else {                                                        \
			check_failed++;                                         \
			printf("not ok - ");                                    \
			printf(__VA_ARGS__);                                    \
			printf(" (%s:%d)\n", __FILE__, __LINE__);               \
		}                                                               \
	} while (0)

/* |a - b| <= tol. */
#define CHECK_NEAR(a, b, tol, what)                                             \
	CHECK(fabs((double)(a) - (double)(b)) <= (tol), "%s: %.9g vs %.9g (tol %.3g)", \
	      (what), (double)(a), (double)(b), (double)(tol))

/* Ends main: the closing line the runner sums, and the exit code. */
static inline int check_done(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
