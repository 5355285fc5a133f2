#!/bin/sh
# run.sh: runs the test binaries and the shell tests of one suite, sums their
# counts, and ends with the one closing line "N passed, N failed".
# SUITE=fast (make test, the default) runs all but the long tests;
# SUITE=long (make test-long) runs only them; SUITE=all runs everything.
BUILD=${BUILD:-build}
SUITE=${SUITE:-fast}
# The long tests: SIGKILL at random moments, hostile inputs (a 10 MB line,
# 365 days, GMV 1e11), the fuzz regression corpus.
LONG="kill_test.sh hostile_test.sh test_fuzz_corpus"
case "$SUITE" in fast|long|all) ;; *) echo "SUITE must be fast, long or all, got '$SUITE'" >&2; exit 2;; esac
passed=0; failed=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
for t in "$BUILD"/tests/test_* tests/*_test.sh; do
	[ -e "$t" ] || continue
	long=0
	for l in $LONG; do [ "$(basename "$t")" = "$l" ] && long=1; done
	{ [ "$SUITE" = fast ] && [ $long -eq 1 ]; } && continue
	{ [ "$SUITE" = long ] && [ $long -eq 0 ]; } && continue
	case "$t" in *.sh) cmd="sh $t";; *) cmd="$t";; esac
	t0=$(date +%s)
	BUILD=$BUILD $cmd >"$log" 2>&1; rc=$?
	secs=$(($(date +%s) - t0))
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); p=${p:-0}
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p'); f=${f:-0}
	if [ -z "$line" ] || { [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; }; then
		f=$((f + 1)); echo "not ok - $t exited $rc without a result line"; tail -n 20 "$log"
	fi
	grep '^not ok' "$log"
	printf '%-40s %s passed, %s failed (%d s)\n' "$t" "$p" "$f" "$secs"
	passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
