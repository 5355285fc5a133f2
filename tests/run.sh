#!/bin/sh
# run.sh: runs every test binary and the shell tests, sums their counts, and
# ends with the one closing line "N passed, N failed".
BUILD=${BUILD:-build}
passed=0; failed=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
for t in "$BUILD"/tests/test_* tests/*_test.sh; do
	[ -e "$t" ] || continue
	case "$t" in *.sh) cmd="sh $t";; *) cmd="$t";; esac
	BUILD=$BUILD $cmd >"$log" 2>&1; rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); p=${p:-0}
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p'); f=${f:-0}
	if [ -z "$line" ] || { [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; }; then
		f=$((f + 1)); echo "not ok - $t exited $rc without a result line"; tail -n 20 "$log"
	fi
	grep '^not ok' "$log"
	printf '%-40s %s passed, %s failed\n' "$t" "$p" "$f"
	passed=$((passed + p)); failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
