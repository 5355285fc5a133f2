#!/bin/sh
# confidence.sh: what planning for the forecast's spread costs: `promocap
# plan` and `promocap plan --confidence 90%` on
# scenarios/double11-forecast.ini (gmv lognormal cv 15%, rate uniform
# 4%-6%; docs/forecast.md), alternating BENCH_ROUNDS times (default 3) so
# that other load on the machine falls on both alike.  Prints each round's
# wall times, the medians, their ratio (the goal: under 4) and what the
# confidence plan found (share of draws met, plans made).
set -u
BUILD=${BUILD:-build}
ROUNDS=${BENCH_ROUNDS:-3}
SCENARIO=${BENCH_SCENARIO:-scenarios/double11-forecast.ini}
P=$BUILD/promocap
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

if [ ! -x /usr/bin/time ]; then
	echo "confidence: /usr/bin/time missing, not measured"
	exit 0
fi
# One timed command: appends its wall time to the file $1.
timed() {
	out=$1; shift
	/usr/bin/time -f "%e" -o "$tmp/t" "$@" >"$tmp/stdout" 2>"$tmp/err"
	rc=$?
	[ $rc -le 1 ] || { cat "$tmp/err"; exit 1; }
	# time -o writes "Command exited with non-zero status 1" above the
	# figure when the plan misses a target (exit 1): the figure alone.
	tail -n 1 "$tmp/t" >>"$out"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

: >"$tmp/plan"; : >"$tmp/conf"
i=0
while [ $i -lt "$ROUNDS" ]; do
	timed "$tmp/plan" "$P" plan "$SCENARIO" --quiet
	timed "$tmp/conf" "$P" plan "$SCENARIO" --confidence 90%
	i=$((i + 1))
	echo "round $i: plan $(tail -n 1 "$tmp/plan") s, plan --confidence 90% $(tail -n 1 "$tmp/conf") s"
done
grep '^forecast confidence' "$tmp/stdout"
grep '^  planned for' "$tmp/stdout"
mp=$(median <"$tmp/plan"); mc=$(median <"$tmp/conf")
echo "median of $ROUNDS: plan $mp s, plan --confidence 90% $mc s, ratio $(awk -v a="$mc" -v b="$mp" 'BEGIN { printf "%.2f", a / b }') (goal < 4)"
